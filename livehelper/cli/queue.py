"""The queue of claims and the buyer orders they make."""

from __future__ import annotations

import argparse
import logging
import sys

from livehelper.cli.common import (
    ID,
    Command,
    emit,
    open_store,
)
from livehelper.cli.shapes import claim_json, decision_json, order_json
from livehelper.model import ClaimStatus, qty_to_json

log = logging.getLogger("livehelper")


def _queue_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    queue = p.add_subparsers(dest="action", required=True)
    p = queue.add_parser("list", parents=[common], help="list claims")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--status", choices=[s.value for s in ClaimStatus])
    p.add_argument("--json", action="store_true")
    for verb in ("confirm", "reject", "cancel"):
        p = queue.add_parser(verb, parents=[common], help=f"{verb} claims")
        p.add_argument("ids", type=ID, nargs="+", metavar="ID")
        p.add_argument("--by", default="", help="who decided (recorded)")
        p.add_argument("--json", action="store_true")


def cmd_queue(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.action == "list":
        status = ClaimStatus(args.status) if args.status else None
        claims = store.claims(args.session, status)
        if args.json:
            emit([claim_json(c) for c in claims])
        else:
            for c in claims:
                items = ", ".join(f"{qty_to_json(i.qty)} {i.unit} {i.code}" for i in c.items)
                print(
                    f"{c.id:6} {c.status.value:9} {c.buyer_name[:20]:20} {items:24} {c.text[:60]}"
                )
        return 0
    status = {
        "confirm": ClaimStatus.CONFIRMED,
        "reject": ClaimStatus.REJECTED,
        "cancel": ClaimStatus.CANCELLED,
    }[args.action]
    decisions = store.decide(args.ids, status, by=args.by)
    if args.json:
        emit([decision_json(d) for d in decisions])
    for d in decisions:
        if d.ok:
            if not args.json:
                print(f"claim {d.claim_id} {status.value}")
            for offered in d.offered:
                print(f"claim {offered} got the freed stock (waited in line)", file=sys.stderr)
        else:
            print(f"claim {d.claim_id} not {status.value}: {d.error}", file=sys.stderr)
    return 0 if all(d.ok for d in decisions) else 1


QUEUE = Command("queue", "the queue of claims", _queue_arguments, cmd_queue)


def _orders_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    orders = p.add_subparsers(dest="action", required=True)
    p = orders.add_parser("list", parents=[common], help="confirmed orders of a session")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--json", action="store_true")
    p = orders.add_parser(
        "outcome",
        parents=[common],
        help="after delivery: delivered, returned (refused: flags the buyer 'bom hàng'), none",
    )
    p.add_argument("id", type=ID, metavar="ORDER_ID")
    p.add_argument("outcome", choices=["delivered", "returned", "none"])


def cmd_orders(args: argparse.Namespace) -> int:
    from livehelper.model import Outcome, format_vnd

    if args.action == "outcome":
        outcome = None if args.outcome == "none" else Outcome(args.outcome)
        open_store(args).set_outcome(args.id, outcome)
        print(f"order {args.id}: {args.outcome}", file=sys.stderr)
        return 0
    orders = open_store(args).orders(args.session)
    if args.json:
        emit([order_json(o) for o in orders])
    else:
        for o in orders:
            items = ", ".join(
                f"{qty_to_json(line.qty)} {line.unit} {line.code}" for line in o.lines
            )
            print(
                f"{o.id:5} {o.buyer_name[:24]:24} {o.phone or '-':11} {items:30} {format_vnd(o.total):>12}"
            )
    return 0


ORDERS = Command("orders", "buyer orders", _orders_arguments, cmd_orders)


COMMANDS = [QUEUE, ORDERS]
