"""The ``livehelper`` command. With no arguments it opens the window.

Every command reads and writes through the same Qt-free core as the window. One module
per group of commands, each command's name, help, arguments and handler side by side
(``Command``); the JSON shapes they print are defined once, in ``shapes.py``, and are
contracts (see README, "CLI"): add keys, never rename.
Exit codes: 0 done; 1 some items failed (e.g. a claim could not be confirmed);
2 bad input or environment (message on stderr).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from livehelper import __version__
from livehelper.cli import app, buyers, catalog, comments, export, obs, queue
from livehelper.cli.common import Command
from livehelper.errors import LivehelperError

# in the order ``livehelper --help`` lists them
ORDER = (
    "gui", "demo", "parse", "catalog", "session", "feature", "ingest", "comments", "queue", "orders",
    "buyers", "listen", "reconcile", "stock", "settings", "speak", "export", "report",
    "templates", "obs", "overlay", "evaluate", "bench",
)  # fmt: skip
_ALL: dict[str, Command] = {
    c.name: c
    for group in (app, buyers, catalog, comments, export, obs, queue)
    for c in group.COMMANDS
}
COMMANDS = {name: _ALL[name].run for name in ORDER}


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
    for name in ORDER:
        command = _ALL[name]
        p = sub.add_parser(name, parents=[common], help=command.help, description=command.help)
        command.arguments(p, common)
    return parser


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


def gui_main() -> int:
    """Entry point of the ``livehelper-gui`` launcher (no console on Windows)."""
    return main(sys.argv[1:] or ["gui"])
