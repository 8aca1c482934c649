"""The queue of claims and the buyer orders they make."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from livehelper.cli.common import (
    ID,
    Command,
    emit,
    open_store,
    quantity,
)
from livehelper.cli.shapes import claim_json, decision_json, order_json
from livehelper.errors import UsageError
from livehelper.model import ClaimStatus, ParsedItem, qty_to_json

log = logging.getLogger("livehelper")


def _queue_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    queue = p.add_subparsers(dest="action", required=True)
    p = queue.add_parser("list", parents=[common], help="list claims")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--status", choices=[s.value for s in ClaimStatus])
    p.add_argument("--json", action="store_true")
    p = queue.add_parser(
        "add",
        parents=[common],
        help="make a claim from a stored comment the reader missed, for its buyer",
    )
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--comment", type=ID, required=True, metavar="COMMENT_ID")
    p.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="CODE=QTY",
        help="what the buyer wants (repeat for several); default: what the reader makes "
        "of the comment, else 1 of the product on screen when it came",
    )
    p.add_argument("--phone", default=None, help="the buyer's phone, if not in the comment")
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
    if args.action == "add":
        return _add(store, args)
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


def _add(store: Any, args: argparse.Namespace) -> int:
    from livehelper import show

    draft = show.claim_draft(store, args.comment)
    if draft.comment.session_id != args.session:
        raise UsageError(f"comment {args.comment} is not in session {args.session}")
    items = [_item(text) for text in args.item] if args.item else list(draft.items)
    if not items:
        raise UsageError(
            f"the reader found no product in comment {args.comment}: say it with --item CODE=QTY"
        )
    claim = store.claim_comment(args.comment, items, phone=args.phone)
    if args.json:
        emit(claim_json(claim))
    else:
        wants = ", ".join(f"{qty_to_json(i.qty)} {i.unit} {i.code}" for i in claim.items)
        print(f"claim {claim.id} for {claim.buyer_name}: {wants}")
    return 0


def _item(text: str) -> ParsedItem:
    code, sep, qty = text.partition("=")
    if not sep or not code.strip():
        raise UsageError(f"--item takes CODE=QTY, not {text!r}")
    return ParsedItem(code.strip().upper(), quantity(qty.strip()))


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
