"""Team benchmark: several assistants' laptops sharing one show through PostgreSQL.

1. confirmations per second: ``--assistants`` processes (each its own Store and
   connections, as separate laptops would have) work through ``--claims`` waiting
   claims the way the window does: take the next claim nobody holds, hold it,
   confirm it. Then the worst case: every assistant confirms the same claims in the
   same order with no holds. Both report exactly-once (every claim confirmed once,
   stock = start - sold).
2. laptop to laptop: a real window (offscreen Qt) follows the show while another
   process confirms claims one at a time; reported is the time from the commit on
   "laptop 1" to the claim leaving the window's queue on "laptop 2" (one machine,
   one clock; a real network adds its round trip).

Starts a throwaway PostgreSQL server unless ``--db postgresql://…`` is given.

    .venv/bin/python benchmarks/team.py [--assistants 4] [--claims 2000] [--rounds 40]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _fresh_database(admin_url: str) -> str:
    import sqlalchemy as sa

    name = f"lh_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _prepare(url: str, claims: int) -> tuple[int, list[int]]:
    from livehelper.comments.parser import parser_for
    from livehelper.model import IncomingComment
    from livehelper.store import ProductSpec, Store

    store = Store.open(url)
    store.import_products(
        [
            ProductSpec("KS", "Khoai sâm", 35000, "kg", Decimal(claims * 4)),
            ProductSpec("NA", "Na Chi Lăng", 120000, "hộp", Decimal(claims * 4)),
        ]
    )
    session = store.start_session("team bench")
    store.feature(session.id, "KS")
    rng = random.Random(3)
    now = datetime.now(UTC)
    comments = [
        IncomingComment(
            "tiktok",
            f"m{i}",
            f"buyer{i}",
            f"Khách {i}",
            rng.choice(["chốt {n}kg", "lấy {n} hộp na", "KS {n}kg"]).format(n=rng.randint(1, 3)),
            now,
        )
        for i in range(claims)
    ]
    parse = parser_for(store.products()).parse
    ids: list[int] = []
    for start in range(0, claims, 500):
        ids += [c.id for c in store.ingest(session.id, comments[start : start + 500], parse).claims]
    store.close()
    return session.id, ids


def _assistant(url: str, session_id: int, me: str, contended: bool, go, out) -> None:  # type: ignore[no-untyped-def]
    """One laptop: confirm claims until none wait. Puts (confirmed, refused, lost
    holds, per-decision seconds) on ``out``."""
    from livehelper.model import ClaimStatus
    from livehelper.store import Store

    store = Store.open(url)
    confirmed = refused = lost = 0
    took: list[float] = []
    go.wait()
    while True:
        waiting = store.pending_states(session_id)
        if not waiting:
            break
        for claim_id, state in sorted(waiting.items()):
            if not contended and (state.held_by not in (None, me) or not store.hold(claim_id, me)):
                lost += 1
                continue
            start = time.perf_counter()
            (decision,) = store.decide([claim_id], ClaimStatus.CONFIRMED, by=me)
            took.append(time.perf_counter() - start)
            if decision.ok:
                confirmed += 1
            else:
                refused += 1
    store.close()
    out.put((confirmed, refused, lost, took))


def confirmations(url: str, assistants: int, claims: int, contended: bool) -> dict[str, object]:
    from livehelper.model import ClaimStatus
    from livehelper.store import Store

    session_id, ids = _prepare(url, claims)
    ctx = multiprocessing.get_context("spawn")
    go, out = ctx.Event(), ctx.Queue()
    workers = [
        ctx.Process(target=_assistant, args=(url, session_id, f"a{i}", contended, go, out))
        for i in range(assistants)
    ]
    for w in workers:
        w.start()
    time.sleep(2.0)  # every process has opened its store
    start = time.perf_counter()
    go.set()
    results = [out.get(timeout=600) for _ in workers]
    wall = time.perf_counter() - start
    for w in workers:
        w.join()
    store = Store.open(url)
    confirmed = store.claims(session_id, ClaimStatus.CONFIRMED)
    sold = sum(i.qty for c in confirmed for i in c.items)
    left = sum(p.stock or 0 for p in store.products())
    store.close()
    took = sorted(t for r in results for t in r[3])
    return {
        "mode": "same claims, no holds" if contended else "window-like (hold, confirm)",
        "assistants": assistants,
        "claims": len(ids),
        "confirmed": sum(r[0] for r in results),
        "refused_already_decided": sum(r[1] for r in results),
        "skipped_held_by_others": sum(r[2] for r in results),
        "exactly_once": len(confirmed) == len(ids) == sum(r[0] for r in results),
        "stock_consistent": left + sold == claims * 8,
        "seconds": round(wall, 2),
        "confirmations_per_s": round(len(confirmed) / wall, 1),
        "decide_p50_ms": round(1000 * statistics.median(took), 1),
        "decide_p95_ms": round(1000 * took[int(len(took) * 0.95)], 1),
    }


def _confirmer(url: str, session_id: int, ids: list[int], ready, out) -> None:  # type: ignore[no-untyped-def]
    """Laptop 1: confirm one claim every 0.3-0.7 s; report each commit time."""
    from livehelper.model import ClaimStatus
    from livehelper.store import Store

    store = Store.open(url)
    rng = random.Random(5)
    ready.wait()
    for claim_id in ids:
        time.sleep(rng.uniform(0.3, 0.7))
        store.decide([claim_id], ClaimStatus.CONFIRMED, by="laptop 1")
        out.put((claim_id, time.time()))  # after the commit
    out.put(None)
    store.close()


def laptop_to_laptop(url: str, rounds: int) -> dict[str, object]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["LIVEHELPER_OVERLAY_PORT"] = "0"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from livehelper.ui.app import create_window

    session_id, ids = _prepare(url, rounds + 10)
    app = QApplication.instance() or QApplication([])
    QSettings("livehelper", "livehelper").setValue("speech/on", False)
    window, _language = create_window(app, url, False, "en")
    seen: dict[int, float] = {}

    def removed(_parent, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
        now = time.time()
        for claim in window.queue.rows[first : last + 1]:
            seen.setdefault(claim.id, now)

    window.queue.rowsAboutToBeRemoved.connect(removed)
    loaded = []
    window.sig_ready.connect(lambda: loaded.append(True))
    window.start()
    deadline = time.monotonic() + 30
    while not loaded and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    ctx = multiprocessing.get_context("spawn")
    ready, out = ctx.Event(), ctx.Queue()
    laptop1 = ctx.Process(target=_confirmer, args=(url, session_id, ids[:rounds], ready, out))
    laptop1.start()
    time.sleep(2.0)
    ready.set()
    committed: dict[int, float] = {}
    finished = False
    tick = QTimer()
    tick.start(5)
    while not finished or len(seen) < len(committed):
        app.processEvents()
        while not out.empty():
            item = out.get()
            if item is None:
                finished = True
            else:
                committed[item[0]] = item[1]
        if finished and time.monotonic() > deadline + 120:
            break
        time.sleep(0.002)
    laptop1.join()
    window.backend.shutdown()
    window.close()
    window.deleteLater()  # gone before the interpreter exits (PySide6 teardown order)
    app.processEvents()
    delays = sorted(1000 * (seen[i] - committed[i]) for i in committed if i in seen)
    return {
        "rounds": len(committed),
        "seen": len(delays),
        "p50_ms": round(statistics.median(delays), 1),
        "p95_ms": round(delays[int(len(delays) * 0.95)], 1),
        "max_ms": round(delays[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="postgresql://… (default: a throwaway local server)")
    parser.add_argument("--assistants", type=int, default=4)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="lh-bench-config-"))
    server = None
    admin = args.db
    if admin is None:
        from tests.real.pg_server import PostgresServer, find_pg_bin

        bindir = find_pg_bin()
        if bindir is None:
            print("team benchmark: PostgreSQL is not installed (apt-get install postgresql)")
            return 2
        server = PostgresServer(bindir)
        server.start()
        admin = server.url()
    from livehelper.store import normalise_url

    admin = normalise_url(admin)
    try:
        figures = {
            "window_like": confirmations(
                _fresh_database(admin), args.assistants, args.claims, False
            ),
            "worst_case": confirmations(
                _fresh_database(admin), args.assistants, args.claims // 4, True
            ),
            "laptop_to_laptop": laptop_to_laptop(_fresh_database(admin), args.rounds),
        }
    finally:
        if server is not None:
            server.stop()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for name, values in figures.items():
            print(f"{name}:")
            for key, value in values.items():
                print(f"  {key:>26}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
