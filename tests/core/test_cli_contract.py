"""The CLI is a contract (README): every ``--help`` text and the keys of every JSON shape
it prints stay as they are, whatever moves inside. Both are compared with files made
from the CLI before the code was split into rooms (tests/data/cli_help.json,
tests/data/cli_json_keys.json); ``LIVEHELPER_WRITE_CONTRACT=1`` writes them anew, for a
change that adds to the contract on purpose."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DEMO_CATALOGUE, REPO, run_cli

HELP_FILE = REPO / "tests" / "data" / "cli_help.json"
KEYS_FILE = REPO / "tests" / "data" / "cli_json_keys.json"
WRITE = bool(os.environ.get("LIVEHELPER_WRITE_CONTRACT"))


def _helps(parser: argparse.ArgumentParser, prog: str = "livehelper") -> dict[str, str]:
    found = {prog: parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_helps(sub, f"{prog} {name}"))
    return found


def _compare(path: Path, now: dict[str, Any]) -> None:
    if WRITE:
        path.write_text(
            json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    before = json.loads(path.read_text(encoding="utf-8"))
    missing = sorted(set(before) - set(now))
    assert not missing, f"gone from the CLI: {missing}"
    changed = [key for key in before if before[key] != now[key]]
    assert not changed, f"changed: {changed}"


def test_every_help_text_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal
    from livehelper.cli import build_parser

    _compare(HELP_FILE, _helps(build_parser()))


def _shape(value: Any) -> Any:
    """The keys of a JSON value, recursively (lists by their first element)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def test_every_json_shape_keeps_its_keys(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    shapes: dict[str, Any] = {}

    def json_of(name: str, *args: str, input_text: str | None = None, check: bool = True) -> Any:
        done = run_cli(*args, db=db, input_text=input_text, check=check)
        lines = [json.loads(x) for x in done.stdout.splitlines() if x.strip()]
        shapes[name] = _shape(lines[0] if len(lines) == 1 else lines)
        return lines[0] if len(lines) == 1 else lines

    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    json_of("catalog list", "catalog", "list", "--json")
    session = run_cli("session", "start", "--name", "hợp đồng", db=db).stdout.strip()
    run_cli("feature", "--session", session, "KS", db=db)
    json_of("session list", "session", "list", "--json")
    comments = [
        {"id": "1", "user_id": "lan", "user_name": "Chị Lan", "text": "chốt 2kg 0912 345 678"},
        {"id": "2", "user_id": "hoa", "user_name": "Cô Hoa", "text": "lấy 1 hộp na"},
        {"id": "3", "user_id": "tu", "user_name": "Anh Tú", "text": "chốt 1kg"},
        {"id": "4", "user_id": "tu", "user_name": "Anh Tú", "text": "huỷ đơn nhé"},
    ]
    feed = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in comments)
    json_of("parse", "parse", "--catalog", str(DEMO_CATALOGUE), input_text=feed)
    summary = json_of("ingest", "ingest", "--session", session, input_text=feed)
    json_of("queue list", "queue", "list", "--session", session, "--json")
    stored = json_of("comments list", "comments", "list", "--session", session, "--json")
    unclaimed = next(c["id"] for c in stored if not c["claim_ids"])
    json_of(
        "queue add",
        "queue", "add", "--session", session, "--comment", str(unclaimed), "--item", "NA=1",
        "--json",
    )  # fmt: skip
    first, *rest = summary["claim_ids"]
    json_of("queue confirm", "queue", "confirm", str(first), *map(str, rest), "--json", check=False)
    json_of("orders list", "orders", "list", "--session", session, "--json")
    order = json_of("orders list", "orders", "list", "--session", session, "--json")
    order_id = (order if isinstance(order, list) else [order])[0]["id"]
    json_of("stock", "stock", "--session", session, "--json")
    json_of("settings", "settings", "--json")
    buyer = json_of("buyers find", "buyers", "find", "Lan", "--json")
    buyer_id = (buyer if isinstance(buyer, list) else [buyer])[0]["id"]
    json_of("buyers show", "buyers", "show", str(buyer_id), "--json")
    json_of(
        "buyers set",
        "buyers",
        "set",
        str(buyer_id),
        "--address",
        "Bản Hon, xã Tam Đường, Lai Châu",
        "--json",
    )
    json_of("buyers suggest", "buyers", "suggest", "--json")
    run_cli("orders", "outcome", str(order_id), "delivered", db=db)
    out = tmp_path / "o.xlsx"
    json_of(
        "export preview",
        "export",
        "--session",
        session,
        "--format",
        "xlsx",
        "--template",
        "ghtk",
        "--out",
        str(out),
        "--preview",
    )
    run_cli(
        "export", "--session", session, "--format", "json", "--out", str(tmp_path / "o.json"), db=db
    )
    shapes["export json file"] = _shape(
        json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    )
    json_of("export history", "export", "--session", session, "--history")
    json_of("templates list", "templates", "list", "--json")
    json_of("report", "report", "--session", session, "--out", str(tmp_path / "r.html"), "--json")
    _compare(KEYS_FILE, shapes)
