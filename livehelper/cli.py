"""The ``livehelper`` command. With no arguments it opens the window.

Every command reads and writes through the same Qt-free core as the window.
JSON output shapes are contracts (see README, "CLI"): add keys, never rename.
Exit codes: 0 done; 1 some items failed (e.g. a claim could not be confirmed);
2 bad input or environment (message on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from livehelper import __version__
from livehelper.comments.wire import comment_from_json
from livehelper.errors import LivehelperError, UsageError
from livehelper.model import ClaimStatus, IncomingComment, Intent, ParseResult, qty_to_json

log = logging.getLogger("livehelper")


# ------------------------------------------------------------------- arguments
# ------------------------------------------------------- numbers on the command line
# Each says what it accepts; argparse turns a ValueError into "invalid … value" and exit 2.
DB_INT_MAX = 2**31 - 1  # an id column on both databases


def _bounded(kind: type, low: float, high: float, what: str) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        try:
            value = kind(text)
        except (ValueError, ArithmeticError):
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not (low <= value <= high) or (isinstance(value, float) and value != value):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not {what} ({_plain(low)} to {_plain(high)})"
            )
        return value

    read.__name__ = what  # argparse names the type in its messages
    return read


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


ID = _bounded(int, 1, DB_INT_MAX, "an id")
MINUTES = _bounded(float, 0.01, 24 * 60, "a number of minutes")
SECONDS = _bounded(float, 0, 7 * 24 * 3600, "a number of seconds")
AMOUNT = _bounded(int, 1, 10_000_000_000, "an amount in đồng")
PORT = _bounded(int, 0, 65535, "a port")
COUNT = _bounded(int, 1, 100_000_000, "a count")
SPEED = _bounded(float, 0.01, 1000, "a speed")
RATE = _bounded(float, 1, 10_000_000, "a rate")
WORDS_PER_MINUTE = _bounded(int, 20, 1000, "words per minute")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database: a SQLAlchemy URL (sqlite:///file, postgresql://user:pw@host/db) "
        "or a file path; default $LIVEHELPER_DB or livehelper.sqlite3 in your data folder",
    )
    parser = argparse.ArgumentParser(
        prog="livehelper",
        parents=[common],
        description="Live-selling assistant. Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"livehelper {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_text, description=help_text)

    p = command("gui", "open the window (the default)")
    p.add_argument("--lang", choices=["vi", "en"], default=None)

    p = command("demo", "try livehelper with a demo catalogue and a scripted comment stream")
    p.add_argument(
        "--headless", action="store_true", help="no window: run the stream, print a summary"
    )
    p.add_argument("--speed", type=SPEED, default=1.0, help="replay speed (2 = twice as fast)")
    p.add_argument("--lang", choices=["vi", "en"], default=None)

    p = command("parse", "read comments (JSONL) as orders, without storing anything")
    p.add_argument("--catalog", required=True, type=Path, help="catalogue CSV or XLSX")
    p.add_argument("--featured", default=None, help="product code on screen")
    p.add_argument("input", nargs="?", type=Path, help="JSONL file (default: stdin)")

    catalog = command("catalog", "product catalogue").add_subparsers(dest="action", required=True)
    p = catalog.add_parser("import", parents=[common], help="import a CSV or XLSX catalogue")
    p.add_argument("file", type=Path)
    p = catalog.add_parser("list", parents=[common], help="list products")
    p.add_argument("--json", action="store_true")

    session = command("session", "broadcast sessions").add_subparsers(dest="action", required=True)
    p = session.add_parser("start", parents=[common], help="start a session, print its id")
    p.add_argument("--name", default="")
    p = session.add_parser("end", parents=[common], help="end a session")
    p.add_argument("id", type=ID)
    p = session.add_parser("list", parents=[common], help="list sessions")
    p.add_argument("--json", action="store_true")

    p = command("feature", "put a product on screen for a session")
    p.add_argument("code")
    p.add_argument("--session", type=ID, required=True)

    p = command("ingest", "feed comments (JSONL) through the live pipeline, print a summary")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("input", nargs="?", type=Path, help="JSONL file (default: stdin)")

    queue = command("queue", "the queue of claims").add_subparsers(dest="action", required=True)
    p = queue.add_parser("list", parents=[common], help="list claims")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--status", choices=[s.value for s in ClaimStatus])
    p.add_argument("--json", action="store_true")
    for verb in ("confirm", "reject", "cancel"):
        p = queue.add_parser(verb, parents=[common], help=f"{verb} claims")
        p.add_argument("ids", type=ID, nargs="+", metavar="ID")
        p.add_argument("--by", default="", help="who decided (recorded)")
        p.add_argument("--json", action="store_true")

    orders = command("orders", "buyer orders").add_subparsers(dest="action", required=True)
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

    buyers = command("buyers", "buyers across shows and platforms").add_subparsers(
        dest="action", required=True
    )
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
    p = buyers.add_parser("set", parents=[common], help="a buyer's name, address, note, phone, flag")
    p.add_argument("id", type=ID)
    p.add_argument("--name", help="what the buyer is called on orders and labels")
    p.add_argument("--address")
    p.add_argument("--note")
    p.add_argument("--phone")
    flag = p.add_mutually_exclusive_group()
    flag.add_argument("--flag", action="store_true", help='mark as "bom hàng"')
    flag.add_argument("--unflag", action="store_true")
    p.add_argument("--json", action="store_true")

    p = command("listen", "read live comments from platforms into a session")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument(
        "--source",
        action="append",
        required=True,
        metavar="SPEC",
        help="tiktok:@user, facebook:LIVE_VIDEO_ID, youtube:LIVE_CHAT_ID, "
        "relay:ws://HOST:PORT/PATH or replay:FILE (repeat for several)",
    )
    p.add_argument("--for", dest="seconds", type=SECONDS, default=None, help="stop after SECONDS")
    _source_options(p)
    p = command("reconcile", "after the live: add the comments the live streams dropped")
    p.add_argument("--session", type=ID, required=True)
    _source_options(p)

    p = command("stock", "stock of a show: started with, reserved, sold, remaining")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument(
        "--reserve-minutes",
        type=_bounded(float, 0, 7 * 24 * 60, "a number of minutes"),
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

    p = command("settings", "the shop's shared settings (every laptop of a team sees them)")
    p.add_argument("changes", nargs="*", metavar="KEY=VALUE", help="change settings")
    p.add_argument("--json", action="store_true")

    p = command("speak", "say a text with the Vietnamese voice, or write it to a WAV file")
    p.add_argument("text")
    p.add_argument("--out", type=Path, help="write a WAV file instead of speaking")
    p.add_argument("--voice", help="voice id or name part (default: the first Vietnamese voice)")
    p.add_argument("--rate", type=WORDS_PER_MINUTE, help="words per minute (default: the engine's)")

    p = command("export", "write a session's confirmed orders to a file, or send them")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--format", choices=["csv", "xlsx", "json"])
    p.add_argument("--template", help="spreadsheet columns (see `livehelper templates list`)")
    p.add_argument("--out", type=Path)
    p.add_argument(
        "--to",
        choices=["webhook", "shopify", "woocommerce"],
        help="send each order instead of writing a file",
    )
    p.add_argument(
        "--url",
        help="webhook address; the shop's orders endpoint (shopify); the shop's site (woocommerce)",
    )
    p.add_argument("--secret", help="webhook: HMAC key; woocommerce: consumer secret")
    p.add_argument("--token", help="shopify: access token (or key:secret with --auth basic)")
    p.add_argument("--key", help="woocommerce: consumer key")
    p.add_argument("--auth", choices=["shopify", "bearer", "basic"], default=None)
    p.add_argument(
        "--save-credentials",
        action="store_true",
        help="keep the token/key in the OS keyring for next time",
    )
    p.add_argument(
        "--only-new",
        action="store_true",
        help="files: leave out orders already exported with this template",
    )
    p.add_argument("--force", action="store_true", help="send orders the check holds back too")
    p.add_argument("--preview", action="store_true", help="check and show, write and send nothing")
    p.add_argument("--history", action="store_true", help="the session's past exports")
    p.add_argument("--json", action="store_true", help="results per order as JSON")

    p = command("report", "how the show went: figures, chart, picking slips (HTML or PDF)")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--out", type=Path, help="FILE.html or FILE.pdf")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")

    templates = command("templates", "spreadsheet column templates for export").add_subparsers(
        dest="action", required=True
    )
    p = templates.add_parser("list", parents=[common], help="templates, with unverified columns")
    p.add_argument("--json", action="store_true")
    p = templates.add_parser("copy", parents=[common], help="an editable copy in your folder")
    p.add_argument("name")

    obs_common = argparse.ArgumentParser(add_help=False, parents=[common])
    obs_common.add_argument(
        "--obs-url",
        default=argparse.SUPPRESS,
        help="OBS WebSocket address (default $LIVEHELPER_OBS_URL or ws://127.0.0.1:4455)",
    )
    obs_common.add_argument(
        "--obs-password",
        default=argparse.SUPPRESS,
        help="OBS WebSocket password (default $LIVEHELPER_OBS_PASSWORD)",
    )
    obs = command("obs", "control OBS Studio").add_subparsers(dest="action", required=True)
    p = obs.add_parser("status", parents=[obs_common], help="is OBS reachable? versions, scenes")
    p.add_argument("--json", action="store_true")
    obs.add_parser("scenes", parents=[obs_common], help="scene names, top to bottom")
    p = obs.add_parser("switch", parents=[obs_common], help="make a scene live")
    p.add_argument("scene")
    p = obs.add_parser(
        "setup", parents=[obs_common], help="create the livehelper inputs if missing"
    )
    p.add_argument(
        "--overlay-url",
        default="http://127.0.0.1:8765",
        help="the overlay server the browser sources show (default http://127.0.0.1:8765)",
    )
    p.add_argument("--scene", default=None, help="scene to add them to (default: the live one)")
    p = obs.add_parser(
        "refresh-overlays",
        parents=[obs_common],
        help="reload the browser sources that show livehelper overlay pages",
    )
    p.add_argument("--overlay-url", default="http://127.0.0.1:8765")
    p = obs.add_parser("feature", parents=[obs_common], help="feature a product, update OBS texts")
    p.add_argument("code")
    p.add_argument("--session", type=ID, required=True)

    overlay = command("overlay", "browser overlays for OBS").add_subparsers(
        dest="action", required=True
    )
    p = overlay.add_parser("serve", parents=[common], help="serve the overlay pages for a session")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument(
        "--port", type=PORT, default=os.environ.get("LIVEHELPER_OVERLAY_PORT") or "8765"
    )
    p.add_argument("--for", dest="seconds", type=SECONDS, default=None, help="stop after SECONDS")
    p = overlay.add_parser(
        "countdown", parents=[common], help="start or stop a flash-sale countdown"
    )
    p.add_argument("--session", type=ID, required=True)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--minutes", type=MINUTES, help="ends this many minutes from now")
    when.add_argument("--stop", action="store_true", help="take the countdown off the stream")
    p.add_argument("--label", default="", help='shown above the clock (default "FLASH SALE")')
    p = overlay.add_parser("qr", parents=[common], help="show or hide the bank-transfer QR")
    p.add_argument("--session", type=ID, required=True)
    shown = p.add_mutually_exclusive_group(required=True)
    shown.add_argument("--show", action="store_true")
    shown.add_argument("--hide", action="store_true")
    p.add_argument("--amount", type=AMOUNT, default=None, help="VND to ask for (default: any)")
    p = overlay.add_parser(
        "bank", parents=[common], help="the account the QR pays into (no options: show it)"
    )
    p.add_argument("--bank", help="bank name from the list (e.g. Vietcombank) or its 6-digit BIN")
    p.add_argument("--account", help="account number")
    p.add_argument("--holder", default="", help="account holder, shown under the QR")

    p = command("evaluate", "score the comment reader on a labelled corpus (JSONL)")
    p.add_argument("--catalog", required=True, type=Path, help="catalogue CSV or XLSX")
    p.add_argument("corpus", type=Path)
    p.add_argument("--mistakes", action="store_true", help="also list every mistake")

    bench = command("bench", "benchmarks (figures, not tests)").add_subparsers(
        dest="action", required=True
    )
    p = bench.add_parser("ingest", parents=[common], help="full pipeline on a fresh SQLite file")
    p.add_argument("--count", type=COUNT, default=20000)
    p.add_argument("--rate", type=RATE, default=5000, help="arrival rate for the latency phase")
    p.add_argument("--json", action="store_true")
    p = bench.add_parser("export", parents=[common], help="write N orders to a file")
    p.add_argument("--orders", type=COUNT, default=10_000)
    p.add_argument("--format", choices=["csv", "xlsx", "json"], default="xlsx")
    p.add_argument("--json", action="store_true")
    p = bench.add_parser("parse", parents=[common], help="parser only, one core")
    p.add_argument("--count", type=COUNT, default=100000)
    p.add_argument("--repeat", type=COUNT, default=3, help="runs; the best is reported")
    p.add_argument("--json", action="store_true")
    return parser


def _source_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--facebook-token", help="default $LIVEHELPER_FACEBOOK_TOKEN")
    p.add_argument("--youtube-key", help="default $LIVEHELPER_YOUTUBE_KEY")
    p.add_argument("--facebook-graph-url", help="default https://graph.facebook.com")
    p.add_argument("--facebook-streaming-url", help="default https://streaming-graph.facebook.com")
    p.add_argument(
        "--comment-rate",
        choices=["one_per_two_seconds", "ten_per_second", "one_hundred_per_second"],
        help="Facebook's cap on streamed comments (default ten_per_second)",
    )
    p.add_argument("--youtube-api-url", help="default https://www.googleapis.com")
    p.add_argument("--tiktok-sessionid", help="default $LIVEHELPER_TIKTOK_SESSIONID")
    p.add_argument(
        "--tiktok-target-idc",
        help="with --tiktok-sessionid: the account's tt-target-idc cookie, e.g. useast1a "
        "(default $LIVEHELPER_TIKTOK_TARGET_IDC)",
    )
    p.add_argument("--tiktok-sign-url", help="default: TikTokLive's sign server")


def _options(args: argparse.Namespace) -> Any:
    from livehelper.comments.sources import SourceOptions

    return SourceOptions.from_env(
        facebook_token=args.facebook_token,
        youtube_key=args.youtube_key,
        facebook_graph_url=args.facebook_graph_url,
        facebook_streaming_url=args.facebook_streaming_url,
        comment_rate=args.comment_rate,
        youtube_api_url=args.youtube_api_url,
        tiktok_session_id=args.tiktok_sessionid,
        tiktok_target_idc=args.tiktok_target_idc,
        tiktok_sign_url=args.tiktok_sign_url,
    )


# --------------------------------------------------------------------- helpers
def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from livehelper.store import Store

    return Store.open(getattr(args, "db", None))


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _read_lines(path: Path | None) -> Iterator[tuple[int, str]]:
    handle: TextIO
    if path is None:
        handle = sys.stdin
        # a broken byte becomes U+FFFD: the line is still read, never the whole file lost
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    else:
        handle = path.open(encoding="utf-8-sig", errors="replace")
    try:
        for number, line in enumerate(handle, start=1):
            yield number, line.rstrip("\r\n")
    finally:
        if path is not None:
            handle.close()


def parse_result_json(comment_id: Any, result: ParseResult) -> dict[str, Any]:
    return {
        "id": comment_id,
        "intent": result.intent.value,
        "items": [{"code": i.code, "qty": qty_to_json(i.qty)} for i in result.items],
        "phone": result.phone,
        "ambiguous": result.ambiguous,
        "confidence": round(result.confidence, 2),
    }


def claim_json(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "session_id": claim.session_id,
        "status": claim.status.value,
        "buyer": claim.buyer_name,
        "buyer_id": claim.buyer_id,
        "platform": claim.platform,
        "text": claim.text,
        "items": [
            {
                "code": i.code,
                "name": i.name,
                "unit": i.unit,
                "qty": qty_to_json(i.qty),
                "unit_price": i.unit_price,
            }
            for i in claim.items
        ],
        "phone": claim.phone,
        "ambiguous": claim.ambiguous,
        "comment_id": claim.comment_id,
        "created_at": claim.created_at.isoformat(),
        "decided_by": claim.decided_by,
        "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
        "cancel_requested": claim.cancel_requested,
        "replaces_claim_id": claim.replaces_claim_id,
        "reserved": claim.reserved_at is not None,
        "waitlisted": claim.waitlisted,
        "offered": claim.offered_at is not None,
        "buyer_flagged": claim.buyer_flagged,
    }


# -------------------------------------------------------------------- commands
def cmd_parse(args: argparse.Namespace) -> int:
    from livehelper.catalogue import read_catalogue
    from livehelper.comments.parser import Parser

    parser = Parser(read_catalogue(args.catalog))
    for number, line in _read_lines(args.input):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("a line needs a 'text' string")
        except ValueError as exc:
            log.warning("input line %d skipped: %s", number, exc)
            _emit({"id": None, "intent": "other", "items": [], "phone": None, "error": str(exc)})
            continue
        result = parser.parse(obj["text"], obj.get("featured") or args.featured)
        _emit(parse_result_json(obj.get("id"), result))
        sys.stdout.flush()
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if args.action == "import":
        from livehelper.catalogue import read_catalogue

        result = store.import_products(read_catalogue(args.file))
        print(f"imported {args.file.name}: {result.added} added, {result.updated} updated")
        return 0
    products = store.products()
    if args.json:
        _emit(
            [
                {
                    "code": p.code,
                    "name": p.name,
                    "price": p.price,
                    "unit": p.unit,
                    "stock": None if p.stock is None else qty_to_json(p.stock),
                    "aliases": list(p.aliases),
                }
                for p in products
            ]
        )
    else:
        from livehelper.model import format_vnd

        for p in products:
            stock = "∞" if p.stock is None else qty_to_json(p.stock)
            print(f"{p.code:8} {p.name:30} {format_vnd(p.price):>12}/{p.unit:6} stock {stock}")
    return 0


def cmd_session(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if args.action == "start":
        print(store.start_session(args.name).id)
    elif args.action == "end":
        store.end_session(args.id)
    else:
        sessions = store.sessions()
        if args.json:
            _emit(
                [
                    {
                        "id": s.id,
                        "name": s.name,
                        "started_at": s.started_at.isoformat(),
                        "ended_at": s.ended_at.isoformat() if s.ended_at else None,
                        "featured": s.featured_code,
                    }
                    for s in sessions
                ]
            )
        else:
            for s in sessions:
                state = "ended" if s.ended_at else "live"
                print(f"{s.id:5}  {s.started_at.astimezone():%Y-%m-%d %H:%M}  {state:5}  {s.name}")
    return 0


def cmd_feature(args: argparse.Namespace) -> int:
    session = _open_store(args).feature(args.session, args.code)
    print(session.featured_code)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from livehelper.pipeline import Pipeline

    store = _open_store(args)
    store.session(args.session)  # fail early, clearly, for an unknown session
    tally = _Tally()
    pipeline = Pipeline(store, args.session, on_batch=tally.on_batch, on_error=tally.on_error)
    read = malformed = 0
    for number, line in _read_lines(args.input):
        if not line.strip():
            continue
        read += 1
        try:
            pipeline.submit(comment_from_json(json.loads(line), line))
        except (ValueError, RecursionError) as exc:  # RecursionError: absurdly nested JSON
            malformed += 1
            log.warning("input line %d skipped: %s", number, exc)
    pipeline.drain()
    pipeline.close()
    _emit(
        {
            "session_id": args.session,
            "read": read,
            "malformed": malformed + tally.malformed,
            **tally.totals,
            "claims": len(tally.claim_ids),
            "claim_ids": sorted(tally.claim_ids),
            "errors": tally.failures,
        }
    )
    return 1 if tally.failures else 0


class _Tally:
    """What a pipeline stored, for the JSON summaries of ``ingest`` and ``listen``."""

    def __init__(self) -> None:
        self.totals = {"stored": 0, "duplicates": 0, "orders": 0, "cancels": 0}
        self.claim_ids: list[int] = []
        self.failures: list[str] = []
        self.malformed = 0  # comments the database refused even on their own

    def on_batch(self, result: Any) -> None:
        self.totals["stored"] += len(result.comments)
        self.totals["duplicates"] += result.duplicates
        self.totals["orders"] += sum(1 for c in result.comments if c.intent is Intent.ORDER)
        self.totals["cancels"] += sum(1 for c in result.comments if c.intent is Intent.CANCEL)
        self.claim_ids.extend(c.id for c in result.claims)

    def on_error(self, exc: BaseException, batch: list[IncomingComment]) -> None:
        from livehelper.errors import CommentRefused

        if isinstance(exc, CommentRefused):  # bad input: counted, the rest is stored
            self.malformed += len(batch)
            return
        from livehelper.phones import redact

        # a database's error quotes the rows it refused: a buyer's phone among them
        self.failures.append(redact(f"{len(batch)} comments not stored: {exc}"))


def cmd_listen(args: argparse.Namespace) -> int:
    import signal
    import threading

    from livehelper.comments.base import RawLog, SourceFailed
    from livehelper.comments.runner import SourceRunner
    from livehelper.comments.sources import source_from_spec
    from livehelper.pipeline import Pipeline

    store = _open_store(args)
    store.session(args.session)
    options = _options(args)
    try:
        sources = [source_from_spec(spec, options) for spec in args.source]
    except SourceFailed as exc:
        print(f"livehelper: {exc}", file=sys.stderr)
        return 2
    for spec in args.source:
        store.add_source(args.session, spec)
    tally = _Tally()
    pipeline = Pipeline(store, args.session, on_batch=tally.on_batch, on_error=tally.on_error)
    runner = SourceRunner()
    runner.raw_log = RawLog(store.raw_log_path(args.session))
    errors: dict[str, str] = {}
    stop = threading.Event()

    def done(name: str, error: BaseException | None) -> None:
        if error is not None:
            errors[name] = str(error)
        if not runner.running():
            stop.set()

    for source in sources:
        runner.start(source, pipeline.submit, on_done=done)
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    deadline = None if args.seconds is None else time.monotonic() + args.seconds
    try:
        while not stop.is_set():
            wait = 10.0 if deadline is None else min(10.0, deadline - time.monotonic())
            if wait <= 0 or stop.wait(wait):
                break
            for name, health in runner.health().items():
                h = health.as_dict()
                alarm = "  ⚠ SILENT" if h["silent"] else ""
                print(
                    f"{name}: {h['state']}, {h['comments']} comments, {h['per_minute']}/min, "
                    f"last {h['seconds_since_event']:.0f}s ago{alarm}",
                    file=sys.stderr,
                    flush=True,
                )
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        runner.close()
        pipeline.drain(30)
        pipeline.close()
        runner.raw_log.close()
    report = {name: h.as_dict() for name, h in runner.health().items()}
    for name, message in errors.items():
        report[name]["error"] = message
    _emit(
        {
            "session_id": args.session,
            **tally.totals,
            "malformed": tally.malformed,
            "sources": report,
            "errors": tally.failures,
        }
    )
    return 1 if errors or tally.failures else 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    from livehelper.comments.base import SourceFailed
    from livehelper.comments.reconcile import reconcile

    store = _open_store(args)
    try:
        result = reconcile(store, args.session, _options(args))
    except SourceFailed as exc:
        print(f"livehelper: {exc}", file=sys.stderr)
        return 2
    print(
        f"{result.read} comments read from {result.lives} Facebook live(s); "
        f"{result.recovered} were missing",
        file=sys.stderr,
    )
    _emit({"recovered": result.recovered})
    return 0


def cmd_stock(args: argparse.Namespace) -> int:
    store = _open_store(args)
    for change in args.cap:
        code, sep, qty = change.partition("=")
        if not sep:
            raise UsageError(f"--cap takes CODE=QTY, not {change!r}")
        store.set_cap(args.session, code, None if qty.lower() in ("", "none") else _qty(qty))
    store.expire_reservations(args.session, args.reserve_minutes)
    report = store.stock_report(args.session)
    for line in report:
        for key in ("stock", "reserved", "sold", "remaining", "cap", "waitlist"):
            if line[key] is not None:
                line[key] = qty_to_json(line[key])
    if args.json:
        _emit(report)
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


def _qty(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except ArithmeticError:
        raise UsageError(f"not a quantity: {text!r}") from None
    if not value.is_finite() or value < 0 or value > 1_000_000_000:
        raise UsageError(f"not a quantity: {text!r}")
    return value


def cmd_settings(args: argparse.Namespace) -> int:
    from livehelper.shop_settings import SETTINGS, describe

    store = _open_store(args)
    for change in args.changes:
        key, sep, value = change.partition("=")
        if not sep or key not in SETTINGS:
            raise UsageError(f"settings take KEY=VALUE with KEY one of {', '.join(SETTINGS)}")
        store.set_setting(key, SETTINGS[key].check(value))
    shown = describe(store)
    if args.json:
        _emit(shown)
    else:
        for line in shown:
            if isinstance(line["value"], list):
                print(f"{line['key']}:")
                for rule in line["value"]:
                    print(f"  - {rule}")
            else:
                print(f"{line['key']} = {line['value']}  ({line['help']})")
    return 0


def cmd_speak(args: argparse.Namespace) -> int:
    from livehelper import speech

    try:
        if args.out:
            speech.render(args.text, args.out, args.voice, args.rate)
            print(args.out)
        else:
            engine = speech.open_engine(args.voice, args.rate)
            engine.say(args.text)
            engine.runAndWait()
    except speech.SpeechUnavailable as exc:
        print(f"livehelper: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if args.action == "list":
        status = ClaimStatus(args.status) if args.status else None
        claims = store.claims(args.session, status)
        if args.json:
            _emit([claim_json(c) for c in claims])
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
        _emit(
            [
                {
                    "id": d.claim_id,
                    "ok": d.ok,
                    "status": d.claim.status.value if d.claim else None,
                    "error": d.error,
                    "offered": list(d.offered),
                }
                for d in decisions
            ]
        )
    for d in decisions:
        if d.ok:
            if not args.json:
                print(f"claim {d.claim_id} {status.value}")
            for offered in d.offered:
                print(f"claim {offered} got the freed stock (waited in line)", file=sys.stderr)
        else:
            print(f"claim {d.claim_id} not {status.value}: {d.error}", file=sys.stderr)
    return 0 if all(d.ok for d in decisions) else 1


def buyer_json(buyer: Any) -> dict[str, Any]:
    return {
        "id": buyer.id,
        "platform": buyer.platform,
        "platform_user_id": buyer.platform_user_id,
        "name": buyer.display_name,
        "phone": buyer.phone,
        "person_id": buyer.person_id or buyer.id,
        "address": buyer.address,
        "note": buyer.note,
        "flagged": buyer.flagged,
    }


def card_json(card: Any) -> dict[str, Any]:
    return {
        **buyer_json(card.person),
        "accounts": [buyer_json(a) for a in card.accounts],
        "orders": [
            {
                "order_id": o.order_id,
                "session_id": o.session_id,
                "session": o.session_name,
                "at": o.at.isoformat(),
                "total": o.total,
                "outcome": o.outcome.value if o.outcome else None,
            }
            for o in card.orders
        ],
        "delivered": card.delivered,
        "returned": card.returned,
        "same_phone": [buyer_json(a) for a in card.same_phone],
    }


def cmd_buyers(args: argparse.Namespace) -> int:
    from livehelper.model import format_vnd

    store = _open_store(args)
    if args.action == "find":
        found = store.find_buyers(args.text)
        if args.json:
            _emit([buyer_json(b) for b in found])
        for b in [] if args.json else found:
            flag = "  ⚠ BOM HÀNG" if b.flagged else ""
            print(f"{b.id:6} {b.platform:9} {b.display_name[:28]:28} {b.phone or '-'}{flag}")
        return 0
    if args.action == "suggest":
        pairs = store.merge_suggestions()
        if args.json:
            _emit([{"phone": p, "buyers": [buyer_json(b) for b in found]} for p, found in pairs])
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
        _emit(card_json(card))
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


def cmd_orders(args: argparse.Namespace) -> int:
    from livehelper.export.rows import order_dict
    from livehelper.model import Outcome, format_vnd

    if args.action == "outcome":
        outcome = None if args.outcome == "none" else Outcome(args.outcome)
        _open_store(args).set_outcome(args.id, outcome)
        print(f"order {args.id}: {args.outcome}", file=sys.stderr)
        return 0
    orders = _open_store(args).orders(args.session)
    if args.json:
        _emit([order_dict(o) for o in orders])
    else:
        for o in orders:
            items = ", ".join(
                f"{qty_to_json(line.qty)} {line.unit} {line.code}" for line in o.lines
            )
            print(
                f"{o.id:5} {o.buyer_name[:24]:24} {o.phone or '-':11} {items:30} {format_vnd(o.total):>12}"
            )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from livehelper.export import file_target, templates, write_file
    from livehelper.export.validate import held_orders, validate

    store = _open_store(args)
    store.session(args.session)
    if args.history:
        _emit(store.batches(args.session))
        return 0
    if args.to:
        return _export_remote(store, args)
    if not args.format or (not args.out and not args.preview):
        raise UsageError("give --format and --out (or --to webhook|shopify|woocommerce …)")
    if args.template and args.format == "json":
        raise UsageError("--template is for csv and xlsx; JSON has one documented shape")
    template = templates.load(args.template or "generic") if args.format != "json" else None
    target = file_target(template)
    orders = store.orders(args.session)
    before = store.exported(target, [o.id for o in orders])
    if args.only_new:
        orders = [o for o in orders if o.id not in before]
    problems = validate(store, args.session, orders)
    _tell_problems(problems, hold=set())
    if template and template.unverified:
        print(
            f"livehelper: the {template.name} template has {len(template.unverified)} column(s) "
            f"not checked against {template.name}'s own sample: {', '.join(template.unverified)}",
            file=sys.stderr,
        )
    if args.preview:
        _emit(
            {
                "orders": len(orders),
                "already_exported": sum(1 for o in orders if o.id in before),
                "held": sorted(held_orders(problems)),
                "problems": [p.as_dict() for p in problems],
                "columns": template.headers if template else None,
                "unverified_columns": template.unverified if template else [],
                "rows": list(templates.rows(template, orders))[:20] if template else None,
            }
        )
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    written = write_file(store, args.session, orders, args.format, args.out, template)
    again = sum(1 for o in orders if o.id in before)
    note = f" ({again} of them were exported with this template before)" if again else ""
    print(f"{written} orders written to {args.out}{note}", file=sys.stderr)
    return 0


def _export_remote(store: Any, args: argparse.Namespace) -> int:
    from livehelper.export.remote import send_orders
    from livehelper.export.validate import held_orders, validate

    if args.to == "webhook" and not (args.url and args.secret):
        raise UsageError("--to webhook needs --url and --secret")
    if not args.url:
        raise UsageError(f"--to {args.to} needs --url")
    if args.to == "webhook":
        from livehelper.export.webhook import send_orders as send_webhook

        if args.preview:
            _emit({"orders": len(store.orders(args.session)), "problems": []})
            return 0
        result = send_webhook(store, args.session, args.url, args.secret)
    else:
        destination, judge_answer = _shop_destination(args)
        orders = store.orders(args.session)
        problems = validate(store, args.session, orders)
        hold = set() if args.force else held_orders(problems)
        _tell_problems(problems, hold)
        if args.preview:
            done = store.exported(destination.target, [o.id for o in orders])
            _emit(
                {
                    "orders": len(orders),
                    "already_exported": len(done),
                    "held": sorted(hold),
                    "problems": [p.as_dict() for p in problems],
                }
            )
            return 0
        result = send_orders(
            store,
            args.session,
            destination,
            judge_answer,
            hold=hold,
        )
    for problem in result.problems:
        print(f"livehelper: {problem}", file=sys.stderr)
    summary: dict[str, Any] = result.as_dict()
    if args.to != "webhook":
        summary["held"] = result.held
    if args.json:
        summary["orders"] = result.results
    _emit(summary)
    return 1 if result.failed else 0


def _shop_destination(args: argparse.Namespace) -> tuple[Any, Any]:
    from livehelper.export.shops import shop_destination
    from livehelper.secrets import FileFallback, load_secret, store_secret

    fallback = FileFallback()
    name = f"{args.to}:{args.url}"
    if args.to == "shopify":
        token = args.token or os.environ.get("LIVEHELPER_SHOP_TOKEN") or load_secret(name, fallback)
        if not token:
            raise UsageError("--to shopify needs --token (or --save-credentials once)")
        if args.save_credentials and args.token:
            _tell_where_saved(store_secret(name, token, fallback))
        return shop_destination("shopify", args.url, token, auth=args.auth)
    pair = f"{args.key}:{args.secret}" if args.key and args.secret else load_secret(name, fallback)
    key, _, secret = pair.partition(":")
    if not key or not secret:
        raise UsageError("--to woocommerce needs --key and --secret (or --save-credentials once)")
    if args.save_credentials and args.key:
        _tell_where_saved(store_secret(name, pair, fallback))
    return shop_destination("woocommerce", args.url, key, secret)


def _tell_problems(problems: Sequence[Any], hold: set[int]) -> None:
    """The check before an export, one line each on stderr."""
    for problem in problems:
        who = f"order {problem.order_id} ({problem.buyer}): " if problem.order_id else ""
        held = " — not sent (fix it, or --force)" if problem.order_id in hold else ""
        print(f"livehelper: check: {who}{problem.message}{held}", file=sys.stderr)


def _tell_where_saved(in_keyring: bool) -> None:
    where = "the OS keyring" if in_keyring else "livehelper's own settings file (no keyring here)"
    print(f"livehelper: credentials kept in {where}", file=sys.stderr)


def cmd_report(args: argparse.Namespace) -> int:
    from livehelper import report

    if not args.out and not args.json:
        raise UsageError("give --out FILE.html|FILE.pdf, or --json")
    figures = report.build(_open_store(args), args.session)
    if args.out:
        suffix = args.out.suffix.lower()
        if suffix not in (".html", ".htm", ".pdf"):
            raise UsageError("the report is written as .html or .pdf")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".pdf":
            from livehelper.ui.pdf import write_pdf

            write_pdf(report.render_html(figures, for_print=True), args.out)
        else:
            args.out.write_text(report.render_html(figures), encoding="utf-8")
        print(f"report written to {args.out}", file=sys.stderr)
    if args.json:
        _emit(figures.as_dict())
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from livehelper.export import templates

    if args.action == "copy":
        print(templates.copy_to_user(args.name))
        return 0
    found = templates.available()
    if args.json:
        _emit(
            [
                {
                    "name": t.name,
                    "title": t.title,
                    "rows": t.rows,
                    "columns": t.headers,
                    "unverified_columns": t.unverified,
                    "sources": list(t.sources),
                }
                for t in found
            ]
        )
        return 0
    for t in found:
        check = f" · {len(t.unverified)} column(s) unverified" if t.unverified else ""
        print(f"{t.name:12} {t.title}{check}")
    return 0


def cmd_obs(args: argparse.Namespace) -> int:
    from livehelper.overlays.obs import ObsConnection, ObsSettings

    url = getattr(args, "obs_url", None) or os.environ.get("LIVEHELPER_OBS_URL")
    password = getattr(args, "obs_password", None) or os.environ.get("LIVEHELPER_OBS_PASSWORD")
    try:
        settings = ObsSettings.from_url(url, password)
    except ValueError as exc:
        print(f"livehelper: {exc}", file=sys.stderr)
        return 2
    with ObsConnection(settings) as obs:
        if args.action == "status":
            status = obs.status()
            if args.json:
                _emit(
                    {
                        "connected": True,
                        "obs_version": status.obs_version,
                        "websocket_version": status.websocket_version,
                        "program_scene": status.program_scene,
                        "scenes": list(status.scenes),
                        "text_kind": status.text_kind,
                    }
                )
            else:
                print(
                    f"connected: OBS {status.obs_version}, obs-websocket "
                    f"{status.websocket_version}, live scene {status.program_scene!r}"
                )
        elif args.action == "scenes":
            for name in obs.scenes():
                print(name)
        elif args.action == "switch":
            obs.switch(args.scene)
            print(args.scene)
        elif args.action == "setup":
            for name, state in obs.setup(args.overlay_url, args.scene).items():
                print(f"{name}: {state}")
        elif args.action == "refresh-overlays":
            for name in obs.refresh_overlays(args.overlay_url):
                print(name)
        else:
            store = _open_store(args)
            session = store.feature(args.session, args.code)
            product = store.product(session.featured_code or args.code)
            texts = obs.show_product(product)
            print(" | ".join(texts.values()))
    return 0


def cmd_overlay(args: argparse.Namespace) -> int:
    import asyncio

    from livehelper.overlays.server import PAGES, OverlayServer

    store = _open_store(args)
    if args.action == "bank":
        return _overlay_bank(store, args)
    store.session(args.session)
    if args.action == "countdown":
        until = None if args.stop else datetime.now(UTC) + timedelta(minutes=args.minutes)
        if args.minutes is not None and not 0 < args.minutes <= 24 * 60:
            print("livehelper: --minutes must be between 0 and 1440", file=sys.stderr)
            return 2
        session = store.set_countdown(args.session, until, args.label)
        _emit(
            {
                "session": session.id,
                "countdown_until": None if until is None else until.isoformat(),
                "label": session.countdown_label,
            }
        )
        return 0
    if args.action == "qr":
        from livehelper.overlays.server import saved_bank_account

        if args.show and saved_bank_account(store) is None:
            print(
                "livehelper: no bank account yet: livehelper overlay bank --bank NAME "
                "--account NUMBER --holder 'NAME'",
                file=sys.stderr,
            )
            return 2
        session = store.set_qr(args.session, args.show, args.amount)
        _emit({"session": session.id, "qr_shown": session.qr_shown, "amount": session.qr_amount})
        return 0
    server = OverlayServer(store, args.session, port=args.port)

    async def run() -> None:
        await server.start()
        print(f"overlays for session {args.session} at {server.base_url}/", flush=True)
        for name in PAGES:
            print(f"  {name}: {server.page_url(name)}", flush=True)
        try:
            await asyncio.sleep(args.seconds if args.seconds is not None else float("inf"))
        finally:
            await server.stop()

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a person stops it
        asyncio.run(run())
    return 0


def _overlay_bank(store: Any, args: argparse.Namespace) -> int:
    from livehelper import vietqr
    from livehelper.overlays.server import save_bank_account, saved_bank_account

    if args.bank or args.account:
        if not (args.bank and args.account):
            print("livehelper: give both --bank and --account", file=sys.stderr)
            return 2
        try:
            bin_ = vietqr.bank_bin(args.bank)
            account = vietqr.BankAccount(bin_, args.account.replace(" ", ""), args.holder.strip())
            vietqr.payload(account)  # refuse what no banking app could scan
        except vietqr.VietQRError as exc:
            print(f"livehelper: {exc}", file=sys.stderr)
            return 2
        save_bank_account(store, account)
    saved = saved_bank_account(store)
    _emit(
        None
        if saved is None
        else {
            "bin": saved.bin,
            "bank": saved.bank_name,
            "account": saved.number,
            "holder": saved.holder,
        }
    )
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from livehelper.catalogue import read_catalogue
    from livehelper.comments.evaluate import evaluate, read_corpus
    from livehelper.comments.parser import Parser

    score = evaluate(Parser(read_catalogue(args.catalog)), read_corpus(args.corpus))
    _emit(score.figures())
    if args.mistakes:
        for mistake in score.mistakes:
            _emit(mistake)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from livehelper import bench

    if args.action == "ingest":
        figures = bench.bench_ingest(args.count, rate=args.rate)
    elif args.action == "export":
        figures = bench.bench_export(args.orders, args.format)
    else:
        figures = bench.bench_parse(args.count, args.repeat)
    if args.json:
        _emit(figures)
    else:
        for key, value in figures.items():
            print(f"{key:>22}: {value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    if args.headless:
        from livehelper import demo

        _emit(demo.run_headless(getattr(args, "db", None), speed=args.speed))
        return 0
    from livehelper.ui.app import run

    return run(db=getattr(args, "db", None), demo=True, lang=args.lang, speed=args.speed)


def cmd_gui(args: argparse.Namespace) -> int:
    from livehelper.ui.app import run

    return run(db=getattr(args, "db", None), demo=False, lang=getattr(args, "lang", None))


COMMANDS = {
    "parse": cmd_parse,
    "catalog": cmd_catalog,
    "session": cmd_session,
    "feature": cmd_feature,
    "ingest": cmd_ingest,
    "listen": cmd_listen,
    "speak": cmd_speak,
    "stock": cmd_stock,
    "settings": cmd_settings,
    "reconcile": cmd_reconcile,
    "queue": cmd_queue,
    "orders": cmd_orders,
    "buyers": cmd_buyers,
    "export": cmd_export,
    "templates": cmd_templates,
    "report": cmd_report,
    "obs": cmd_obs,
    "overlay": cmd_overlay,
    "evaluate": cmd_evaluate,
    "bench": cmd_bench,
    "demo": cmd_demo,
    "gui": cmd_gui,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from livehelper.runtime import tune_for_live

    tune_for_live()
    logging.basicConfig(level=logging.WARNING, format="livehelper: %(message)s")
    from livehelper.logs import quiet_libraries, redact_all_handlers

    redact_all_handlers()  # a buyer's phone never reaches a log
    quiet_libraries()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        return COMMANDS[args.command or "gui"](args)
    except LivehelperError as exc:
        from livehelper.phones import redact

        print(f"livehelper: {redact(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
