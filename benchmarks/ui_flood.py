"""UI flood: the real window under a comment flood, an assistant pressing Enter.

A child process serves comments over a WebSocket in the relay's wire format
(livehelper/comments/relay.py), ``--rate`` a second for ``--seconds``; this process runs
the real ``MainWindow`` offscreen on a fresh SQLite show, reading that relay as the app
does. A 10 ms timer measures how long the event loop was kept from running (a stall is
what the assistant feels as a frozen window); about once a second Enter is pressed on
the queue and the time until the window shows the order confirmed is taken.
``--preload N`` stores N comments of an earlier part of the show first (talk, no
orders), so the window opens on a long show: its memory then is the bounded feed's.

Prints one JSON line last: comments (sent), stored, lost, max_stall_ms, p99_stall_ms,
confirm_p50_ms, confirm_max_ms, confirms, peak_rss_mb, feed_rows (kept in the window).

    .venv/bin/python benchmarks/ui_flood.py [--rate 700] [--seconds 20] [--preload 0] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TICK_MS = 10


def serve(rate: int, seconds: float, port: Any, go: Any, sent_count: Any) -> None:
    """The relay (child process): one JSON comment a frame, paced to ``rate``."""
    from websockets.sync.server import serve as ws_serve

    from livehelper.bench import synthetic_comments

    comments = [
        json.dumps(
            {
                "id": c.message_id,
                "platform": "tiktok",
                "user_id": c.user_id,
                "user_name": c.user_name,
                "text": c.text,
            }
        )
        for c in synthetic_comments(int(rate * seconds), seed=11, prefix="f")
    ]

    def session(ws: Any) -> None:
        go.wait()
        start = time.monotonic()
        sent = 0
        while sent < len(comments):
            due = min(len(comments), int((time.monotonic() - start) * rate))
            for frame in comments[sent:due]:
                ws.send(frame)
            sent = due
            sent_count.value = sent
            time.sleep(0.005)
        time.sleep(3600)  # the window reads to the end; the parent ends this process

    with ws_serve(session, "127.0.0.1", 0) as server:
        port.value = server.socket.getsockname()[1]
        server.serve_forever()


CHATTER = ("đẹp quá", "giá bao nhiêu shop", "còn không ạ", "❤️❤️", "+1", "ship Hà Nội mấy ngày")


def preload(url: str, count: int) -> None:
    """An earlier part of the show: ``count`` comments stored through the real writer
    path. Talk, not orders: the queue then opens as a long show's would once its
    assistants had decided (deciding 300,000 claims here would take an hour)."""
    from datetime import UTC, datetime

    from livehelper.comments.parser import parser_for
    from livehelper.model import IncomingComment
    from livehelper.store import Store

    store = Store.open(url)
    session = store.sessions()[0]
    parse = parser_for(store.products()).parse
    now = datetime.now(UTC)
    batch = 5000
    for start in range(0, count, batch):
        store.ingest(
            session.id,
            [
                IncomingComment(
                    "tiktok",
                    f"p{n}",
                    f"u{n % 20000}",
                    f"Khách {n % 20000}",
                    CHATTER[n % len(CHATTER)],
                    now,
                )
                for n in range(start, min(count, start + batch))
            ],
            parse,
        )
    store.close()


def prepare(folder: Path, preloaded: int) -> str:
    from livehelper.catalogue import read_catalogue
    from livehelper.resources_path import resource_file
    from livehelper.store import Store

    url = f"sqlite:///{folder / 'flood.sqlite3'}"
    store = Store.open(url)
    with resource_file("demo/catalogue.csv") as path:  # stock without end: Enter always confirms
        store.import_products([dataclasses.replace(p, stock=None) for p in read_catalogue(path)])
    session = store.start_session("Flood")
    store.feature(session.id, "KS")
    store.close()
    if preloaded:  # in another process: this one's peak memory is the window's alone
        worker = multiprocessing.get_context("spawn").Process(target=preload, args=(url, preloaded))
        worker.start()
        worker.join()
    return url


def run(rate: int, seconds: float, preloaded: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from livehelper.bench import _peak_rss_mb, _percentile
    from livehelper.comments.sources import SourceOptions
    from livehelper.ui.app import create_window

    context = multiprocessing.get_context("spawn")
    port, go, sent = context.Value("i", 0), context.Event(), context.Value("i", 0)
    server = context.Process(target=serve, args=(rate, seconds, port, go, sent), daemon=True)
    server.start()
    folder = Path(tempfile.mkdtemp(prefix="livehelper-ui-flood-"))
    url = prepare(folder, preloaded)
    while not port.value:
        time.sleep(0.05)

    from livehelper.runtime import tune_for_live

    tune_for_live()  # as `livehelper app` does before it opens the window
    app = QApplication.instance() or QApplication([])
    QSettings("livehelper", "livehelper").setValue("speech/on", False)
    window, _language = create_window(app, url, demo=False, lang="vi")  # type: ignore[arg-type]
    window.show()
    ready: list[bool] = []
    window.sig_ready.connect(lambda: ready.append(True))
    window.start()
    while not ready:
        app.processEvents()
    window.backend.add_source(f"relay:ws://127.0.0.1:{port.value}/comments", SourceOptions())

    clock = QElapsedTimer()
    clock.start()
    stalls: list[float] = []
    last = [clock.nsecsElapsed()]
    confirms: list[float] = []
    asked: dict[int, int] = {}  # claim id -> when Enter was pressed (ns)

    def tick() -> None:
        now = clock.nsecsElapsed()
        stalls.append(max(0.0, (now - last[0]) / 1e6 - TICK_MS))
        last[0] = now

    def press_enter() -> None:
        view = window.queue_view
        if not window.queue.rows or asked:
            return
        view.setFocus()
        if not view.currentIndex().isValid():
            view.selectRow(0)
        claim = window.queue_panel.selected_claim()
        if claim is None:
            return
        asked[claim.id] = clock.nsecsElapsed()
        QTest.keyClick(view, Qt.Key.Key_Return)

    def confirmed(decisions: list[Any]) -> None:
        for d in decisions:
            pressed = asked.pop(d.claim_id, None)
            if pressed is not None:
                confirms.append((clock.nsecsElapsed() - pressed) / 1e6)

    window.queue_panel.sig_decided.connect(confirmed)
    stored = [0]  # counted on the writer's thread: no database read on the GUI thread
    window.backend.sig_ingested.connect(
        lambda result: stored.__setitem__(0, stored[0] + len(result.comments)),
        Qt.ConnectionType.DirectConnection,
    )
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    enter = QTimer()
    enter.setInterval(1000)
    enter.timeout.connect(press_enter)

    go.set()
    started = time.monotonic()
    total = int(rate * seconds)
    loop = QEventLoop()

    def finished() -> None:  # the flood sent and stored, or given up after 30 s more
        done = sent.value >= total and stored[0] >= total
        if done or time.monotonic() - started > seconds + 30:
            loop.quit()  # not app.quit(): that asks the live window to close

    watch = QTimer()
    watch.setInterval(100)
    watch.timeout.connect(finished)
    for timer in (ticker, enter, watch):
        timer.start()
    loop.exec()
    flood_stalls = list(stalls)
    for timer in (ticker, enter, watch):
        timer.stop()
    feed_rows = len(window.feed.rows)
    window.backend.shutdown()
    window.close()
    server.terminate()
    return {
        "rate": rate,
        "seconds": seconds,
        "preloaded": preloaded,
        "comments": int(sent.value),
        "stored": stored[0],
        "lost": int(sent.value) - stored[0],
        "max_stall_ms": round(max(flood_stalls, default=0.0), 1),
        "p99_stall_ms": round(_percentile(flood_stalls, 0.99), 1),
        "confirms": len(confirms),
        "confirm_p50_ms": round(_percentile(confirms, 0.5), 1),
        "confirm_max_ms": round(max(confirms, default=0.0), 1),
        "peak_rss_mb": _peak_rss_mb(),
        "feed_rows": feed_rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=700, help="comments a second")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--preload", type=int, default=0, help="comments stored before")
    parser.add_argument("--json", action="store_true", help="only the JSON line")
    args = parser.parse_args()
    figures = run(args.rate, args.seconds, args.preload)
    if not args.json:
        for key, value in figures.items():
            print(f"{key:>16}: {value}")
    print(json.dumps(figures), flush=True)
    os._exit(0)  # PySide6 can crash tearing a window down at exit; the figures are out


if __name__ == "__main__":
    main()
