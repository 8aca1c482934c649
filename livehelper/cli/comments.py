"""Comments in: reading them, feeding them through the live pipeline, listening to lives,
the after-live pass, scoring the reader."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from livehelper.cli.common import (
    ID,
    SECONDS,
    Command,
    add_source_options,
    emit,
    open_store,
    read_lines,
    source_options_of,
)
from livehelper.cli.shapes import comment_json, parse_result_json
from livehelper.comments.wire import comment_from_json
from livehelper.errors import MalformedInput, UsageError
from livehelper.model import IncomingComment, Intent

log = logging.getLogger("livehelper")


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


def _parse_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", required=True, type=Path, help="catalogue CSV or XLSX")
    p.add_argument("--featured", default=None, help="product code on screen")
    p.add_argument("input", nargs="?", type=Path, help="JSONL file (default: stdin)")


def cmd_parse(args: argparse.Namespace) -> int:
    from livehelper.catalogue import read_catalogue
    from livehelper.comments.parser import Parser

    parser = Parser(read_catalogue(args.catalog))
    for number, line in read_lines(args.input):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise MalformedInput("a line needs a 'text' string")
        except ValueError as exc:
            log.warning("input line %d skipped: %s", number, exc)
            emit({"id": None, "intent": "other", "items": [], "phone": None, "error": str(exc)})
            continue
        result = parser.parse(obj["text"], obj.get("featured") or args.featured)
        emit(parse_result_json(obj.get("id"), result))
        sys.stdout.flush()
    return 0


PARSE = Command(
    "parse",
    "read comments (JSONL) as orders, without storing anything",
    _parse_arguments,
    cmd_parse,
)


def _ingest_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("input", nargs="?", type=Path, help="JSONL file (default: stdin)")


def cmd_ingest(args: argparse.Namespace) -> int:
    from livehelper.pipeline import Pipeline

    store = open_store(args)
    store.session(args.session)  # fail early, clearly, for an unknown session
    tally = _Tally()
    pipeline = Pipeline(store, args.session, on_batch=tally.on_batch, on_error=tally.on_error)
    read = malformed = 0
    for number, line in read_lines(args.input):
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
    emit(
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


INGEST = Command(
    "ingest",
    "feed comments (JSONL) through the live pipeline, print a summary",
    _ingest_arguments,
    cmd_ingest,
)


def _listen_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
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
    add_source_options(p)


def cmd_listen(args: argparse.Namespace) -> int:
    import signal
    import threading

    from livehelper.comments.base import RawLog
    from livehelper.comments.runner import SourceRunner
    from livehelper.comments.sources import source_from_spec
    from livehelper.pipeline import Pipeline

    store = open_store(args)
    store.session(args.session)
    options = source_options_of(args)
    sources = [source_from_spec(spec, options) for spec in args.source]
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
    emit(
        {
            "session_id": args.session,
            **tally.totals,
            "malformed": tally.malformed,
            "sources": report,
            "errors": tally.failures,
        }
    )
    return 1 if errors or tally.failures else 0


LISTEN = Command(
    "listen", "read live comments from platforms into a session", _listen_arguments, cmd_listen
)


def _reconcile_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--session", type=ID, required=True)
    add_source_options(p)


def cmd_reconcile(args: argparse.Namespace) -> int:
    from livehelper.comments.reconcile import reconcile

    store = open_store(args)
    result = reconcile(store, args.session, source_options_of(args))
    print(
        f"{result.read} comments read from {result.lives} Facebook live(s); "
        f"{result.recovered} were missing",
        file=sys.stderr,
    )
    emit({"recovered": result.recovered})
    return 0


RECONCILE = Command(
    "reconcile",
    "after the live: add the comments the live streams dropped",
    _reconcile_arguments,
    cmd_reconcile,
)


def _evaluate_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", type=Path, help="catalogue CSV or XLSX (with a corpus)")
    p.add_argument("corpus", type=Path, nargs="?", help="labelled comments (JSONL)")
    p.add_argument("--mistakes", action="store_true", help="also list every mistake")
    p.add_argument(
        "--session",
        type=ID,
        help="score the reader on a finished show, against what its assistants decided",
    )
    p.add_argument(
        "--export",
        type=Path,
        metavar="FILE.jsonl",
        help="with --session: write the show's comments so labelled (and its catalogue "
        "beside it) to score the reader on later; it holds buyers' words and phones",
    )


def cmd_evaluate(args: argparse.Namespace) -> int:
    from livehelper.catalogue import read_catalogue
    from livehelper.comments.evaluate import evaluate, read_corpus
    from livehelper.comments.parser import Parser

    if args.session is not None:
        return _evaluate_session(args)
    if args.export is not None:
        raise UsageError("--export writes a show's comments: give --session ID")
    if args.corpus is None or args.catalog is None:
        raise UsageError("give a corpus and --catalog, or --session ID")
    score = evaluate(Parser(read_catalogue(args.catalog)), read_corpus(args.corpus))
    emit(score.figures())
    if args.mistakes:
        for mistake in score.mistakes:
            emit(mistake)
    return 0


def _evaluate_session(args: argparse.Namespace) -> int:
    """The reader as it reads today, on the comments the show's assistants decided."""
    from livehelper import show_labels
    from livehelper.comments.evaluate import evaluate
    from livehelper.comments.parser import parser_for

    if args.corpus is not None:
        raise UsageError("give a corpus or --session, not both")
    store = open_store(args)
    try:
        store.session(args.session)  # NotFound for a show that does not exist
        labelled = show_labels.session_labels(store, args.session)
        decided = [x.line(args.session) for x in labelled if x.by == "assistant"]
        products = store.products()
        score = evaluate(parser_for(products), decided)
        summary: dict[str, Any] = {
            "session": args.session,
            "decided": len(decided),
            "unreviewed": len(labelled) - len(decided),
            **score.figures(),
        }
        if args.export is not None:
            catalogue = show_labels.export(labelled, args.session, products, args.export)
            summary |= {"exported": str(args.export), "catalogue": str(catalogue)}
    finally:
        store.close()
    emit(summary)
    if args.mistakes:
        for mistake in score.mistakes:
            emit(mistake)
    return 0


EVALUATE = Command(
    "evaluate",
    "score the comment reader on a labelled corpus (JSONL)",
    _evaluate_arguments,
    cmd_evaluate,
)


def _comments_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", required=True)
    p = actions.add_parser("list", parents=[common], help="list a session's stored comments")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument(
        "--suspect",
        action="store_true",
        help="only comments that may be orders the reader missed: no claim, yet a phone, "
        "a quantity, a product or an order word",
    )
    p.add_argument("--json", action="store_true")


def cmd_comments(args: argparse.Namespace) -> int:
    store = open_store(args)
    store.session(args.session)  # a session that does not exist is said so
    after = 0
    listed: list[Any] = []
    while True:
        page = store.comments(args.session, after_id=after, limit=1000)
        if not page:
            break
        after = page[-1].id
        listed.extend(c for c in page if c.suspect or not args.suspect)
    if args.json:
        emit([comment_json(c) for c in listed])
    else:
        for c in listed:
            mark = "?" if c.suspect else " "
            print(f"{c.id:7} {mark} {c.intent.value:6} {c.buyer_name[:20]:20} {c.text[:70]}")
    return 0


COMMENTS = Command("comments", "the comments a session stored", _comments_arguments, cmd_comments)

COMMANDS = [PARSE, INGEST, LISTEN, RECONCILE, EVALUATE, COMMENTS]
