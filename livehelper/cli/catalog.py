"""Products, shows, the product on screen, a show's stock and the shop's settings."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from livehelper.cli.common import (
    ID,
    Command,
    bounded,
    emit,
    open_store,
    quantity,
)
from livehelper.cli.shapes import product_json, session_json
from livehelper.errors import UsageError
from livehelper.model import qty_to_json

log = logging.getLogger("livehelper")


def _catalog_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    catalog = p.add_subparsers(dest="action", required=True)
    p = catalog.add_parser("import", parents=[common], help="import a CSV or XLSX catalogue")
    p.add_argument("file", type=Path)
    p = catalog.add_parser("list", parents=[common], help="list products")
    p.add_argument("--json", action="store_true")


def cmd_catalog(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.action == "import":
        from livehelper.catalogue import read_catalogue
        from livehelper.comments.lexicon import default_lexicon, everyday_names

        specs = read_catalogue(args.file)
        result = store.import_products(specs)
        print(f"imported {args.file.name}: {result.added} added, {result.updated} updated")
        for e in everyday_names(specs, default_lexicon()).values():
            said = (
                f"the code {e.code} is also how buyers write {e.meaning}"
                if e.name == e.code
                else f"{e.name!r} ({e.code}) typed without accents is {e.meaning}"
            )
            print(
                f"livehelper: note: {said}: a comment naming it so, with no amount beside "
                "it or with another product, goes to Not sure",
                file=sys.stderr,
            )
        return 0
    products = store.products()
    if args.json:
        emit([product_json(p) for p in products])
    else:
        from livehelper.model import format_vnd

        for p in products:
            stock = "∞" if p.stock is None else qty_to_json(p.stock)
            print(f"{p.code:8} {p.name:30} {format_vnd(p.price):>12}/{p.unit:6} stock {stock}")
    return 0


CATALOG = Command("catalog", "product catalogue", _catalog_arguments, cmd_catalog)


def _session_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    session = p.add_subparsers(dest="action", required=True)
    p = session.add_parser("start", parents=[common], help="start a session, print its id")
    p.add_argument("--name", default="")
    p = session.add_parser("end", parents=[common], help="end a session")
    p.add_argument("id", type=ID)
    p = session.add_parser("list", parents=[common], help="list sessions")
    p.add_argument("--json", action="store_true")


def cmd_session(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.action == "start":
        print(store.start_session(args.name).id)
    elif args.action == "end":  # as the window's End live: with the Facebook pass
        from livehelper import show
        from livehelper.comments.sources import SourceOptions

        ended = show.end_live(store, args.id, SourceOptions.from_env())
        if ended.problem:
            print(
                f"livehelper: could not check Facebook for dropped comments: {ended.problem}",
                file=sys.stderr,
            )
        elif ended.reconciled is not None:
            print(
                f"{ended.reconciled.recovered} comments the live stream dropped were added",
                file=sys.stderr,
            )
    else:
        sessions = store.sessions()
        if args.json:
            emit([session_json(s) for s in sessions])
        else:
            for s in sessions:
                state = "ended" if s.ended_at else "live"
                print(f"{s.id:5}  {s.started_at.astimezone():%Y-%m-%d %H:%M}  {state:5}  {s.name}")
    return 0


SESSION = Command("session", "broadcast sessions", _session_arguments, cmd_session)


def _feature_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("code")
    p.add_argument("--session", type=ID, required=True)


def cmd_feature(args: argparse.Namespace) -> int:
    session = open_store(args).feature(args.session, args.code)
    print(session.featured_code)
    return 0


FEATURE = Command(
    "feature", "put a product on screen for a session", _feature_arguments, cmd_feature
)


def _stock_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--session", type=ID, required=True)
    p.add_argument(
        "--reserve-minutes",
        type=bounded(float, 0, 7 * 24 * 60, "a number of minutes"),
        default=None,
        help="let holds older than this lapse now (default: the shop's reserve_minutes "
        "setting, see `livehelper settings`)",
    )
    p.add_argument(
        "--cap",
        action="append",
        default=[],
        metavar="CODE=QTY",
        help='how much of a product this show may sell ("số lượng mở bán"); '
        "CODE=none removes the cap (repeat for several)",
    )
    p.add_argument("--json", action="store_true")


def cmd_stock(args: argparse.Namespace) -> int:
    store = open_store(args)
    for change in args.cap:
        code, sep, qty = change.partition("=")
        if not sep:
            raise UsageError(f"--cap takes CODE=QTY, not {change!r}")
        store.set_cap(args.session, code, None if qty.lower() in ("", "none") else quantity(qty))
    store.expire_reservations(args.session, args.reserve_minutes)
    report = store.stock_report(args.session)
    for line in report:
        for key in ("stock", "reserved", "sold", "remaining", "cap", "waitlist"):
            if line[key] is not None:
                line[key] = qty_to_json(line[key])
    if args.json:
        emit(report)
    else:
        for line in report:
            stock = "∞" if line["stock"] is None else line["stock"]
            remaining = "∞" if line["remaining"] is None else line["remaining"]
            extra = "" if line["cap"] is None else f" · cap {line['cap']}"
            extra += f" · waiting in line {line['waitlist']}" if line["waitlist"] else ""
            extra += " · SOLD OUT" if line["sold_out"] else ""
            print(
                f"{line['code']:8} {line['name'][:28]:28} stock {stock} · reserved "
                f"{line['reserved']} · sold {line['sold']} · remaining {remaining} "
                f"{line['unit']}{extra}"
            )
    return 0


STOCK = Command(
    "stock", "stock of a show: started with, reserved, sold, remaining", _stock_arguments, cmd_stock
)


def _settings_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("changes", nargs="*", metavar="KEY=VALUE", help="change settings")
    p.add_argument("--json", action="store_true")


def cmd_settings(args: argparse.Namespace) -> int:
    from livehelper.shop_settings import SETTINGS, describe

    store = open_store(args)
    for change in args.changes:
        key, sep, value = change.partition("=")
        if sep and "." in key:  # a partner file's coded value: ghn.goi_cuoc=2
            from livehelper.export.choices import set_from_setting

            set_from_setting(store, key, value)
            continue
        if not sep or key not in SETTINGS:
            raise UsageError(
                f"settings take KEY=VALUE with KEY one of {', '.join(SETTINGS)}, "
                "or a template's choice (TEMPLATE.CHOICE=CODE)"
            )
        checked = SETTINGS[key].check(value)
        store.set_setting(key, checked or None)
    from livehelper.export import choices

    shown = describe(store) + choices.describe(store)  # partners' codes after the shop's own
    if args.json:
        emit(shown)
    else:
        for line in shown:
            if isinstance(line["value"], list):
                print(f"{line['key']}:")
                for rule in line["value"]:
                    print(f"  - {rule}")
            else:
                print(f"{line['key']} = {line['value']}  ({line['help']})")
                for code, meaning in line.get("codes", {}).items():
                    print(f"    {code} = {meaning}")
    return 0


SETTINGS = Command(
    "settings",
    "the shop's shared settings (every laptop of a team sees them)",
    _settings_arguments,
    cmd_settings,
)


COMMANDS = [CATALOG, SESSION, FEATURE, STOCK, SETTINGS]
