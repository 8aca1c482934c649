"""Soak benchmark: three live sources at once through the full pipeline.

A child process runs local stand-ins for Facebook (SSE), YouTube (polling) and a
WebSocket relay (tests/fakes/platform_servers.py) and posts
``--rate`` comments a second to each for ``--seconds``; this process runs livehelper's
sources, pipeline and a fresh SQLite store exactly as the app does. Reported: CPU
and peak memory of this process, comments posted and stored, lost and duplicated
(both must be 0).

    .venv/bin/python benchmarks/soak_sources.py [--seconds 60] [--rate 200] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def serve(
    rate: int, seconds: float, urls: multiprocessing.Queue, done: multiprocessing.Event
) -> None:  # type: ignore[type-arg]
    """The platforms (child process): post ``rate`` comments/s to each of three."""
    from tests.fakes.platform_servers import (
        FakeFacebook,
        FakeYouTube,
        RelayServer,
        YouTubeBehaviour,
    )

    fb = FakeFacebook("soak", "token").start()
    yt = FakeYouTube("soak", "key", YouTubeBehaviour(interval_ms=500, page_size=2000)).start()
    relay = RelayServer()
    urls.put({"facebook": fb.url, "youtube": yt.url, "relay": relay.url})
    while not fb.streams:  # Facebook streams only what is posted after connecting
        time.sleep(0.05)
    start = time.monotonic()
    sent = 0
    while time.monotonic() - start < seconds:
        due = int((time.monotonic() - start) * rate)
        if due > sent:
            fb.post(due - sent)
            yt.post(due - sent)
            relay.history.extend(
                json.dumps({"id": f"r{n}", "user_name": f"Khách {n % 97}", "text": "chốt 2kg"})
                for n in range(sent, due)
            )
            sent = due
        time.sleep(0.01)
    yt.ended = True
    urls.put(
        {
            "posted": {
                "facebook": len(fb.comments),
                "youtube": len(yt.items),
                "relay": len(relay.history),
            }
        }
    )
    done.wait(120)
    for server in (fb, yt, relay):
        server.stop()


def main() -> int:
    import psutil

    from livehelper.catalogue import read_catalogue
    from livehelper.comments import facebook, youtube
    from livehelper.comments.relay import RelaySource
    from livehelper.comments.runner import SourceRunner
    from livehelper.pipeline import Pipeline
    from livehelper.runtime import tune_for_live
    from livehelper.store import Store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=int, default=200, help="comments per second per source")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tune_for_live()

    context = multiprocessing.get_context("spawn")
    urls: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    done = context.Event()
    child = context.Process(target=serve, args=(args.rate, args.seconds, urls, done), daemon=True)
    child.start()
    where = urls.get(timeout=60)

    folder = Path(tempfile.mkdtemp(prefix="livehelper-soak-"))
    store = Store.open(f"sqlite:///{folder / 'soak.sqlite3'}")
    store.import_products(read_catalogue(REPO / "resources" / "demo" / "catalogue.csv"))
    session = store.start_session("soak")
    store.feature(session.id, "KS")
    pipeline = Pipeline(store, session.id)
    runner = SourceRunner()
    me = psutil.Process()
    cpu_before = me.cpu_times()
    peak = [me.memory_info().rss]

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], me.memory_info().rss)
            time.sleep(0.5)

    threading.Thread(target=sample, daemon=True).start()
    started = time.monotonic()
    runner.start(
        facebook.FacebookSource("soak", "token", graph_url=where["facebook"], streaming_url=where["facebook"], comment_rate="one_hundred_per_second"),
        pipeline.submit,
    )  # fmt: skip
    runner.start(youtube.YouTubeSource("soak", "key", api_url=where["youtube"]), pipeline.submit)
    runner.start(RelaySource(where["relay"]), pipeline.submit)
    posted = urls.get(timeout=args.seconds + 60)["posted"]
    total = sum(posted.values())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and store.comment_count(session.id) < total:
        time.sleep(0.2)
    time.sleep(1.0)  # anything doubled late would show now
    elapsed = time.monotonic() - started
    cpu = me.cpu_times()
    used = (cpu.user - cpu_before.user) + (cpu.system - cpu_before.system)
    ids = [c.message_id for c in store.comments(session.id, limit=10**7)]
    by_platform = {
        p: sum(1 for c in store.comments(session.id, limit=10**7) if c.platform == p)
        for p in posted
    }
    runner.close()
    pipeline.drain(30)
    pipeline.close()
    done.set()
    child.join(10)
    store.close()
    result = {
        "sources": 3,
        "rate_per_source": args.rate,
        "seconds": args.seconds,
        "posted": total,
        "stored": len(ids),
        "lost": sum(max(0, posted[p] - by_platform[p]) for p in posted),
        "stored_by_source": {p: f"{by_platform[p]}/{posted[p]}" for p in posted},
        "duplicated": len(ids) - len(set(ids)),
        "cpu_percent_of_one_core": round(100 * used / elapsed, 1),
        "peak_rss_mb": round(peak[0] / 2**20, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")
    return 0 if result["lost"] == 0 and result["duplicated"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
