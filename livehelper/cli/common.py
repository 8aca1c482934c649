"""What the commands share: the numbers they accept, the comment-source options, opening
the store, printing JSON, reading input lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from livehelper.errors import UsageError


@dataclass(frozen=True)
class Command:
    """One command: its name and help, how its arguments are declared, what it runs."""

    name: str
    help: str
    arguments: Callable[
        [argparse.ArgumentParser, argparse.ArgumentParser], None
    ]  # (its parser, the common options)
    run: Callable[[argparse.Namespace], int]


# Each says what it accepts; argparse turns a ValueError into "invalid … value" and exit 2.
DB_INT_MAX = 2**31 - 1  # an id column on both databases


def bounded(kind: type, low: float, high: float, what: str) -> Callable[[str], Any]:
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


ID = bounded(int, 1, DB_INT_MAX, "an id")
MINUTES = bounded(float, 0.01, 24 * 60, "a number of minutes")
SECONDS = bounded(float, 0, 7 * 24 * 3600, "a number of seconds")
AMOUNT = bounded(int, 1, 10_000_000_000, "an amount in đồng")
PORT = bounded(int, 0, 65535, "a port")
COUNT = bounded(int, 1, 100_000_000, "a count")
SPEED = bounded(float, 0.01, 1000, "a speed")
RATE = bounded(float, 1, 10_000_000, "a rate")
WORDS_PER_MINUTE = bounded(int, 20, 1000, "words per minute")


def add_source_options(p: argparse.ArgumentParser) -> None:
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


def source_options_of(args: argparse.Namespace) -> Any:
    """The options given, else the environment, else what the window saved (the OS
    keyring, or the secrets file on a machine without one)."""
    from livehelper import config
    from livehelper.comments.sources import SourceOptions
    from livehelper.secrets import FileFallback, load_secret

    fallback: FileFallback | None = None

    def saved(given: str | None, variable: str, name: str) -> str | None:
        nonlocal fallback
        if given or config.env(variable):
            return given
        fallback = fallback if fallback is not None else FileFallback()
        return load_secret(name, fallback) or None

    return SourceOptions.from_env(
        facebook_token=saved(args.facebook_token, "LIVEHELPER_FACEBOOK_TOKEN", "facebook-token"),
        youtube_key=saved(args.youtube_key, "LIVEHELPER_YOUTUBE_KEY", "youtube-key"),
        facebook_graph_url=args.facebook_graph_url,
        facebook_streaming_url=args.facebook_streaming_url,
        comment_rate=args.comment_rate,
        youtube_api_url=args.youtube_api_url,
        tiktok_session_id=args.tiktok_sessionid,
        tiktok_target_idc=args.tiktok_target_idc,
        tiktok_sign_url=args.tiktok_sign_url,
    )


def open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from livehelper.store import Store

    return Store.open(getattr(args, "db", None))


def emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def read_lines(path: Path | None) -> Iterator[tuple[int, str]]:
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


def quantity(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except ArithmeticError:
        raise UsageError(f"not a quantity: {text!r}") from None
    if not value.is_finite() or value < 0 or value > 1_000_000_000:
        raise UsageError(f"not a quantity: {text!r}")
    return value
