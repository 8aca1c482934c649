"""The demo: a bundled catalogue of upland produce and a scripted comment stream.

A new user sees the whole flow (comments -> claims -> confirm -> orders) within a
minute, with no account. The demo uses its own database so it never mixes with real
shows.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from livehelper.catalogue import read_catalogue
from livehelper.comments.replay import ReplaySource, read_script
from livehelper.comments.runner import SourceRunner
from livehelper.model import Intent, Session
from livehelper.pipeline import Pipeline
from livehelper.resources_path import resource_file, resource_text
from livehelper.store import IngestResult, Store


def demo_db_url() -> str:
    import platformdirs

    folder = Path(platformdirs.user_data_dir("livehelper", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.sqlite3"
    for stale in (path, path.with_suffix(".sqlite3-wal"), path.with_suffix(".sqlite3-shm")):
        stale.unlink(missing_ok=True)  # every demo starts fresh
    return f"sqlite:///{path}"


def prepare(store: Store) -> Session:
    """Load the demo catalogue and start a demo session."""
    with resource_file("demo/catalogue.csv") as path:
        store.import_products(read_catalogue(path))
    return store.start_session("Demo – khoai sâm, na, hoa hồi")


def demo_source(speed: float = 1.0) -> ReplaySource:
    script = read_script(resource_text("demo/comments.jsonl").splitlines())
    return ReplaySource(script, speed=speed, name="demo")


def run_headless(db: str | None = None, speed: float = 1.0) -> dict[str, Any]:
    """Play the demo stream through the real pipeline without a window; return figures."""
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="livehelper-demo-")
        db = f"sqlite:///{tmp.name}/demo.sqlite3"
    store = Store.open(db)
    try:
        session = prepare(store)
        counts = {"comments": 0, "orders": 0, "cancels": 0, "claims": 0}

        def on_batch(result: IngestResult) -> None:
            counts["comments"] += len(result.comments)
            counts["orders"] += sum(1 for c in result.comments if c.intent is Intent.ORDER)
            counts["cancels"] += sum(1 for c in result.comments if c.intent is Intent.CANCEL)
            counts["claims"] += len(result.claims)

        pipeline = Pipeline(store, session.id, on_batch=on_batch)
        runner = SourceRunner()
        done: list[BaseException | None] = []
        runner.start(demo_source(speed), pipeline.submit, on_done=lambda _n, e: done.append(e))
        while not done:
            time.sleep(0.05)
        runner.close()
        pipeline.drain()
        pipeline.close()
        if done[0] is not None:
            raise done[0]
        return {
            "session_id": session.id,
            **counts,
            "featured": store.session(session.id).featured_code,
        }
    finally:
        store.close()
        if tmp is not None:
            tmp.cleanup()
