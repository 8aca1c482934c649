"""The CLI contract, run as a subprocess exactly as a user or a check would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import DEMO_CATALOGUE, run_cli

COMMENTS = [
    {"id": "c1", "platform": "tiktok", "user_id": "u1", "user_name": "Chị Lan", "text": "chốt 2kg"},
    {
        "id": "c2",
        "platform": "tiktok",
        "user_id": "u2",
        "user_name": "Mẹ Bống",
        "text": "lay KS x3 0912 345 678",
        "ts": "2026-11-20T12:00:00Z",
    },
    {
        "id": "c3",
        "platform": "facebook",
        "user_id": "u3",
        "user_name": "Tuấn",
        "text": "giá bao nhiêu",
    },
    {
        "id": "c4",
        "platform": "tiktok",
        "user_id": "u4",
        "user_name": "Hà",
        "text": "na 2 hộp",
        "ts": 1763640000,
    },
    {
        "id": "c5",
        "platform": "tiktok",
        "user_id": "u1",
        "user_name": "Chị Lan",
        "text": "huỷ đơn nhé",
    },
]


def jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def test_parse_is_stateless_one_line_per_input_in_order(tmp_path: Path) -> None:
    lines = [*COMMENTS, {"id": 7, "text": "chốt 1 hộp", "featured": "NA"}]
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(lines) + "not json\n", encoding="utf-8")
    out = run_cli("parse", "--catalog", str(DEMO_CATALOGUE), "--featured", "KS", str(src)).stdout
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "c4", "c5", 7, None]
    assert rows[0] == {
        **rows[0],
        "intent": "order",
        "items": [{"code": "KS", "qty": 2}],
        "phone": None,
    }
    assert rows[1]["items"] == [{"code": "KS", "qty": 3}] and rows[1]["phone"] == "0912345678"
    assert rows[2]["intent"] == "other" and rows[2]["items"] == []
    assert rows[3]["items"] == [{"code": "NA", "qty": 2}]
    assert rows[4]["intent"] == "cancel" and rows[4]["items"] == []
    assert rows[5]["items"] == [{"code": "NA", "qty": 1}]
    assert rows[6]["intent"] == "other" and "error" in rows[6]


def test_parse_reads_stdin_and_decimal_qty() -> None:
    out = run_cli(
        "parse",
        "--catalog",
        str(DEMO_CATALOGUE),
        "--featured",
        "KS",
        input_text=jsonl([{"id": "x", "text": "Chốt 1,5kg"}]),
    ).stdout
    assert json.loads(out)["items"] == [{"code": "KS", "qty": 1.5}]


def test_full_contract_flow(db: str, tmp_path: Path) -> None:
    assert "8 added" in run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db).stdout
    session = int(run_cli("session", "start", "--name", "Tối nay", db=db).stdout.strip())
    run_cli("feature", "KS", "--session", str(session), db=db)
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(COMMENTS), encoding="utf-8")

    summary = json.loads(run_cli("ingest", "--session", str(session), str(src), db=db).stdout)
    assert summary["read"] == 5 and summary["stored"] == 5 and summary["duplicates"] == 0
    assert summary["claims"] == 3 and summary["cancels"] == 1
    again = json.loads(
        run_cli("ingest", "--session", str(session), db=db, input_text=jsonl(COMMENTS)).stdout
    )
    assert again["stored"] == 0 and again["duplicates"] == 5 and again["claims"] == 0

    queue = json.loads(run_cli("queue", "list", "--session", str(session), "--json", db=db).stdout)
    assert [q["status"] for q in queue] == ["pending"] * 3
    by_text = {q["text"]: q for q in queue}
    lan, bong, ha = by_text["chốt 2kg"], by_text["lay KS x3 0912 345 678"], by_text["na 2 hộp"]
    assert (
        lan["buyer"] == "Chị Lan"
        and lan["items"][0]["code"] == "KS"
        and lan["items"][0]["qty"] == 2
    )
    assert bong["phone"] == "0912345678"

    run_cli("queue", "confirm", str(lan["id"]), str(bong["id"]), "--by", "Mai", db=db)
    run_cli("queue", "reject", str(ha["id"]), db=db)
    twice = run_cli("queue", "confirm", str(lan["id"]), db=db, check=False)
    assert twice.returncode == 1 and "already confirmed" in twice.stderr

    queue = {
        q["id"]: q
        for q in json.loads(
            run_cli("queue", "list", "--session", str(session), "--json", db=db).stdout
        )
    }
    assert queue[lan["id"]]["status"] == "confirmed" and queue[lan["id"]]["decided_by"] == "Mai"
    assert queue[ha["id"]]["status"] == "rejected"

    orders = json.loads(
        run_cli("orders", "list", "--session", str(session), "--json", db=db).stdout
    )
    assert [(o["buyer"], o["total"]) for o in orders] == [("Chị Lan", 70000), ("Mẹ Bống", 105000)]
    assert orders[1]["phone"] == "0912345678" and orders[1]["claim_ids"] == [bong["id"]]
    assert orders[0]["items"][0] == {
        "code": "KS",
        "name": "Khoai sâm Lai Châu",
        "unit": "kg",
        "qty": 2,
        "unit_price": 35000,
        "total": 70000,
    }

    for fmt in ("csv", "xlsx", "json"):  # --force: these buyers gave no address yet
        out = tmp_path / f"orders.{fmt}"
        run_cli("export", "--session", str(session), "--format", fmt, "--out", str(out), "--force", db=db)  # fmt: skip
        assert out.stat().st_size > 0
    assert (
        json.loads((tmp_path / "orders.json").read_text(encoding="utf-8"))["orders"][0]["buyer"]
        == "Chị Lan"
    )
    run_cli("session", "end", str(session), db=db)
    sessions = json.loads(run_cli("session", "list", "--json", db=db).stdout)
    assert sessions[0]["ended_at"] is not None and sessions[0]["name"] == "Tối nay"


def test_db_from_environment_and_global_flag(tmp_path: Path) -> None:
    path = tmp_path / "env.sqlite3"
    env = {**os.environ, "LIVEHELPER_DB": f"sqlite:///{path}"}
    done = subprocess.run(
        [sys.executable, "-m", "livehelper", "session", "start"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "1" and path.exists()
    done = subprocess.run(
        [sys.executable, "-m", "livehelper", "--db", str(path), "session", "start"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "2"


def test_errors_are_human_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "e.sqlite3")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,price,unit\nKS,Khoai,abc,kg\n", encoding="utf-8")
    done = run_cli("catalog", "import", str(bad), db=db, check=False)
    assert done.returncode == 2 and "line 2: the price 'abc'" in done.stderr
    assert "Traceback" not in done.stderr
    done = run_cli("queue", "list", "--session", "42", "--json", db=db, check=False)
    assert done.returncode == 2 and "no session with id 42" in done.stderr


def test_malformed_ingest_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    db = str(tmp_path / "m.sqlite3")
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    text = jsonl(COMMENTS[:2]) + "{broken\n" + json.dumps({"id": "z", "text": 5}) + "\n"
    summary = json.loads(run_cli("ingest", "--session", session, db=db, input_text=text).stdout)
    assert summary["read"] == 4 and summary["malformed"] == 2 and summary["stored"] == 2


def test_killing_ingest_loses_nothing_already_reported(tmp_path: Path) -> None:
    """Durable first: SIGKILL mid-stream, then every comment the pipeline reported is stored."""
    db = str(tmp_path / "k.sqlite3")
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    script = (
        "import sys, json, time\n"
        "from datetime import UTC, datetime\n"
        "from livehelper.store import Store\n"
        "from livehelper.pipeline import Pipeline\n"
        "from livehelper.model import IncomingComment\n"
        f"store = Store.open({db!r})\n"
        "def on_batch(r):\n"
        "    for c in r.comments: print(c.message_id, flush=True)\n"
        f"p = Pipeline(store, {session}, on_batch=on_batch)\n"
        "i = 0\n"
        "while True:\n"
        "    p.submit(IncomingComment('tiktok', f'm{i}', f'u{i}', 'Lan', 'chốt 1kg', datetime.now(UTC)))\n"
        "    i += 1\n"
        "    if i % 50 == 0: time.sleep(0.005)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    reported: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while len(reported) < 2000 and time.monotonic() < deadline:
        reported.append(proc.stdout.readline().strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    from livehelper.store import Store

    store = Store.open(db)
    stored = {c.message_id for c in store.comments(int(session), limit=10**7)}
    claims = len(store.claims(int(session)))
    store.close()
    assert len(reported) == 2000
    assert set(reported) <= stored
    assert claims == len(stored)  # every stored order comment kept its claim


def test_bench_ingest_prints_the_figures(tmp_path: Path) -> None:
    figures = json.loads(run_cli("bench", "ingest", "--count", "500", "--json").stdout)
    for key in ("comments", "seconds", "comments_per_s", "p50_ms", "p99_ms", "peak_rss_mb"):
        assert key in figures
    assert figures["comments"] == 500 and figures["lost"] == 0
    # the latency phase runs at 40 % of the flood's rate when no rate is given
    assert figures["latency_share"] == 0.4


def test_bench_export_prints_the_figures() -> None:
    figures = json.loads(run_cli("bench", "export", "--orders", "300", "--json").stdout)
    assert figures["orders"] == 300 and figures["format"] == "xlsx"
    assert figures["total_seconds"] > 0 and figures["file_kb"] > 5


def test_demo_headless_runs_the_whole_flow() -> None:
    figures = json.loads(run_cli("demo", "--headless", "--speed", "200").stdout)
    assert figures["comments"] == 48 and figures["claims"] >= 20 and figures["cancels"] >= 2


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.startswith("livehelper ")
    assert "ingest" in run_cli("--help").stdout


def test_overlay_qr_countdown_and_bank_from_the_cli(db: str) -> None:
    """Scripts (and a second laptop) drive the QR and countdown pages through the database."""
    from datetime import UTC, datetime, timedelta

    from livehelper.overlays.server import snapshot
    from livehelper.store import Store

    session = run_cli("session", "start", db=db).stdout.strip()
    no_bank = run_cli("overlay", "qr", "--session", session, "--show", db=db, check=False)
    assert no_bank.returncode == 2 and "overlay bank --bank" in no_bank.stderr
    bad = run_cli("overlay", "bank", "--bank", "Mặt Trăng", "--account", "1", db=db, check=False)
    assert bad.returncode == 2 and "6-digit NAPAS BIN" in bad.stderr
    saved = run_cli(
        "overlay", "bank", "--bank", "Vietcombank", "--account", "0123 456 789",
        "--holder", "HTX Na Chi Lăng", db=db,
    ).stdout  # fmt: skip
    assert json.loads(saved) == {
        "bin": "970436",
        "bank": "Vietcombank",
        "account": "0123456789",
        "holder": "HTX Na Chi Lăng",
    }
    shown = run_cli("overlay", "qr", "--session", session, "--show", "--amount", "350000", db=db)
    assert json.loads(shown.stdout) == {"session": int(session), "qr_shown": True, "amount": 350000}
    started = run_cli(
        "overlay",
        "countdown",
        "--session",
        session,
        "--minutes",
        "10",
        "--label",
        "Giờ vàng",
        db=db,
    )
    until = datetime.fromisoformat(json.loads(started.stdout)["countdown_until"])
    assert timedelta(minutes=9) < until - datetime.now(UTC) <= timedelta(minutes=10)

    store = Store.open(db)
    try:
        state = snapshot(store, int(session))
    finally:
        store.close()
    assert state["qr"]["amount_text"] == "350.000₫" and state["qr"]["holder"] == "HTX Na Chi Lăng"
    assert state["countdown"]["label"] == "Giờ vàng"

    run_cli("overlay", "countdown", "--session", session, "--stop", db=db)
    run_cli("overlay", "qr", "--session", session, "--hide", db=db)
    store = Store.open(db)
    try:
        state = snapshot(store, int(session))
    finally:
        store.close()
    assert state["qr"] is None and state["countdown"] is None


def test_stock_report(db: str) -> None:
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    lines = [
        {"id": "a", "user_name": "Lan", "text": "chốt 2kg"},
        {"id": "b", "user_name": "Hoa", "text": "chốt 1,5kg"},
        {"id": "c", "user_name": "Tuấn", "text": "lấy 3 hộp na"},
    ]
    run_cli("ingest", "--session", session, input_text=jsonl(lines), db=db)
    claims = json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)
    first = next(c["id"] for c in claims if c["text"] == "chốt 2kg")
    run_cli("queue", "confirm", str(first), db=db)
    report = {
        p["code"]: p
        for p in json.loads(run_cli("stock", "--session", session, "--json", db=db).stdout)
    }
    assert report["KS"] == {
        "code": "KS", "name": "Khoai sâm Lai Châu", "unit": "kg",
        "stock": 80, "reserved": 1.5, "sold": 2, "remaining": 76.5,
        "cap": None, "waitlist": 0, "sold_out": False,
    }  # fmt: skip
    assert (report["NA"]["reserved"], report["NA"]["remaining"]) == (3, 37)
    assert report["CS"]["stock"] is None and report["CS"]["remaining"] is None  # unlimited
    expired = {p["code"]: p for p in json.loads(run_cli("stock", "--session", session, "--json", "--reserve-minutes", "0", db=db).stdout)}  # fmt: skip
    assert expired["KS"]["reserved"] == 0 and expired["KS"]["remaining"] == 78
    capped = {p["code"]: p for p in json.loads(run_cli("stock", "--session", session, "--cap", "KS=2", "--json", db=db).stdout)}  # fmt: skip
    assert (capped["KS"]["cap"], capped["KS"]["remaining"], capped["KS"]["sold_out"]) == (2, 0, True)  # fmt: skip
    bad = run_cli("stock", "--session", session, "--cap", "NA", db=db, check=False)
    assert bad.returncode != 0 and "CODE=QTY" in bad.stderr


def test_settings_are_shared_and_checked(db: str) -> None:
    shown = {s["key"]: s for s in json.loads(run_cli("settings", "--json", db=db).stdout)}
    assert shown["reserve_minutes"]["value"] == "10" and shown["duplicate_policy"]["value"]
    run_cli("settings", "reserve_minutes=2,5", "repeat_minutes=5", db=db)
    shown = {s["key"]: s for s in json.loads(run_cli("settings", "--json", db=db).stdout)}
    assert (shown["reserve_minutes"]["value"], shown["repeat_minutes"]["value"]) == ("2.5", "5")
    bad = run_cli("settings", "reserve_minutes=soon", db=db, check=False)
    assert bad.returncode != 0 and "not a number of minutes" in bad.stderr
    assert "repeat_minutes = 5" in run_cli("settings", db=db).stdout


def test_many_processes_confirming_at_once_never_oversell(db: str, tmp_path: Path) -> None:
    """Eight assistants (processes) confirm the same ten claims at once for a product
    with five left: five are confirmed, each once; the rest are refused, clearly."""
    import random
    import subprocess
    import sys

    catalogue = tmp_path / "few.csv"
    catalogue.write_text("code,name,price,unit,stock\nKS,Khoai sâm,35000,kg,5\n", encoding="utf-8")
    run_cli("catalog", "import", str(catalogue), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    lines = [{"id": f"m{n}", "user_name": f"Khách {n}", "text": "chốt 1kg"} for n in range(10)]
    run_cli("ingest", "--session", session, input_text=jsonl(lines), db=db)
    ids = [str(c["id"]) for c in json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)]  # fmt: skip
    assert len(ids) == 10
    workers = []
    for n in range(8):
        order = ids[:]
        random.Random(n).shuffle(order)
        workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "livehelper", "queue", "confirm", *order, "--by", f"assistant{n}", "--db", db],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            )
        )  # fmt: skip
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        outcomes.append((worker.returncode, out, err))
    claims = json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)
    confirmed = [c for c in claims if c["status"] == "confirmed"]
    assert len(confirmed) == 5 and all(c["decided_by"] for c in confirmed)
    said = "".join(out for _code, out, _err in outcomes)
    assert sum(said.count(f"claim {c['id']} confirmed\n") for c in confirmed) == 5  # once each
    assert all(code == 1 for code, _o, _e in outcomes)  # everyone met a refusal
    refusals = "".join(err for _c, _o, err in outcomes)
    assert "left, the claim asks for 1" in refusals and "Traceback" not in refusals
    stock = {p["code"]: p for p in json.loads(run_cli("stock", "--session", session, "--json", db=db).stdout)}  # fmt: skip
    assert stock["KS"]["sold"] == 5 and stock["KS"]["remaining"] == 0


def test_killing_an_assistant_mid_show_loses_no_confirmation(tmp_path: Path) -> None:
    """SIGKILL while confirming: every confirmation that was reported is stored, the
    stock matches what was sold, every waiting claim still holds its goods, and a
    restarted process carries on from there."""
    db = str(tmp_path / "show.sqlite3")
    catalogue = tmp_path / "c.csv"
    catalogue.write_text(
        "code,name,price,unit,stock\nKS,Khoai sâm,35000,kg,100000\n", encoding="utf-8"
    )
    run_cli("catalog", "import", str(catalogue), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    lines = [
        {"id": f"k{n}", "user_id": f"u{n}", "user_name": f"Khách {n}", "text": "chốt 1kg"}
        for n in range(3000)
    ]
    run_cli("ingest", "--session", session, input_text=jsonl(lines), db=db)
    script = (
        "import sys\n"
        "from livehelper.store import Store\n"
        "from livehelper.model import ClaimStatus\n"
        f"store = Store.open({db!r})\n"
        f"for claim in store.claims({session}, ClaimStatus.PENDING):\n"
        "    for d in store.decide([claim.id], ClaimStatus.CONFIRMED, by='Mai'):\n"
        "        if d.ok: print(d.claim_id, flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    reported = [proc.stdout.readline().strip() for _ in range(500)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    claims = {c["id"]: c for c in json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)}  # fmt: skip
    confirmed = {i for i, c in claims.items() if c["status"] == "confirmed"}
    assert {int(r) for r in reported} <= confirmed  # nothing shown as done was lost
    stock = json.loads(run_cli("stock", "--session", session, "--json", db=db).stdout)[0]
    assert stock["sold"] == len(confirmed) and stock["stock"] == 100000  # no half-done claim
    assert stock["remaining"] == 100000 - len(confirmed) - stock["reserved"]
    assert stock["reserved"] == 3000 - len(confirmed)  # every waiting claim still holds its goods
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    done = {int(x) for x in again.stdout.split()}
    assert confirmed.isdisjoint(done) and len(confirmed | done) == 3000  # carried on
