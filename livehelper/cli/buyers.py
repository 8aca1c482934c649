"""Buyers across shows and platforms."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from livehelper.cli.common import (
    ID,
    Command,
    emit,
    open_store,
)
from livehelper.cli.shapes import buyer_json, card_json

log = logging.getLogger("livehelper")


def _buyers_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    buyers = p.add_subparsers(dest="action", required=True)
    p = buyers.add_parser("find", parents=[common], help="accounts by name or phone")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p = buyers.add_parser("show", parents=[common], help="a buyer's card: accounts, history")
    p.add_argument("id", type=ID)
    p.add_argument("--json", action="store_true")
    p = buyers.add_parser(
        "suggest", parents=[common], help="accounts of different buyers sharing a phone"
    )
    p.add_argument("--json", action="store_true")
    p = buyers.add_parser("merge", parents=[common], help="one person behind both accounts")
    p.add_argument("keep", type=ID)
    p.add_argument("other", type=ID)
    p.add_argument("--json", action="store_true")
    p = buyers.add_parser(
        "set", parents=[common], help="a buyer's name, address, note, phone, flag"
    )
    p.add_argument("id", type=ID)
    p.add_argument("--name", help="what the buyer is called on orders and labels")
    p.add_argument("--address")
    p.add_argument("--note")
    p.add_argument("--phone")
    flag = p.add_mutually_exclusive_group()
    flag.add_argument("--flag", action="store_true", help='mark as "bom hàng"')
    flag.add_argument("--unflag", action="store_true")
    p.add_argument("--json", action="store_true")


def cmd_buyers(args: argparse.Namespace) -> int:
    from livehelper.model import format_vnd

    store = open_store(args)
    if args.action == "find":
        found = store.find_buyers(args.text)
        if args.json:
            emit([buyer_json(b) for b in found])
        for b in [] if args.json else found:
            flag = "  ⚠ BOM HÀNG" if b.flagged else ""
            print(f"{b.id:6} {b.platform:9} {b.display_name[:28]:28} {b.phone or '-'}{flag}")
        return 0
    if args.action == "suggest":
        pairs = store.merge_suggestions()
        if args.json:
            emit([{"phone": p, "buyers": [buyer_json(b) for b in found]} for p, found in pairs])
        for phone, found in [] if args.json else pairs:
            names = ", ".join(f"#{b.id} {b.display_name} ({b.platform})" for b in found)
            print(f"{phone}: {names}")
        return 0
    if args.action == "merge":
        card = store.merge_buyers(args.keep, args.other)
    elif args.action == "set":
        changes: dict[str, Any] = {
            k: getattr(args, k)
            for k in ("name", "address", "note", "phone")
            if getattr(args, k) is not None
        }
        if args.flag or args.unflag:
            changes["flagged"] = bool(args.flag)
        card = store.update_buyer(args.id, **changes) if changes else store.buyer_card(args.id)
    else:
        card = store.buyer_card(args.id)
    if args.json:
        emit(card_json(card))
        return 0
    person = card.person
    print(f"{person.display_name} (#{person.id}){'  ⚠ BOM HÀNG' if person.flagged else ''}")
    print(f"  phone {person.phone or '-'} · address {person.address or '-'}")
    if person.note:
        print(f"  note: {person.note}")
    for a in card.accounts:
        print(f"  account #{a.id} {a.platform} {a.display_name}")
    print(f"  {len(card.orders)} orders · {card.delivered} delivered · {card.returned} returned")
    for o in card.orders:
        outcome = o.outcome.value if o.outcome else "-"
        print(
            f"    order {o.order_id} {o.at:%Y-%m-%d} {o.session_name[:24]:24} {format_vnd(o.total):>12} {outcome}"
        )
    for a in card.same_phone:
        print(
            f"  same phone: #{a.id} {a.display_name} ({a.platform}) — livehelper buyers merge {person.id} {a.id}"
        )
    return 0


BUYERS = Command("buyers", "buyers across shows and platforms", _buyers_arguments, cmd_buyers)


COMMANDS = [BUYERS]
