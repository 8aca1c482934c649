"""Runs comment sources on one asyncio loop in a background thread.

The GUI thread never waits on the network: it starts and stops sources here and
hears about results through the pipeline's listeners.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future

from livehelper.comments.base import CommentSource, RawLog, Sink, SourceHealth

log = logging.getLogger(__name__)


class SourceRunner:
    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="livehelper-sources", daemon=True
        )
        self._thread.start()
        self._running: dict[str, Future[None]] = {}
        self.sources: dict[str, CommentSource] = {}
        self.raw_log: RawLog | None = None  # given to every source that keeps one
        self._tasks: set[asyncio.Task[None]] = set()  # the sources' own, on the loop

    def start(
        self,
        source: CommentSource,
        sink: Sink,
        on_done: Callable[[str, BaseException | None], None] | None = None,
    ) -> None:
        if self.raw_log is not None and hasattr(source, "raw_log"):
            source.raw_log = self.raw_log
        self.sources[source.name] = source
        future = asyncio.run_coroutine_threadsafe(_guarded(source, sink, self._tasks), self._loop)
        self._running[source.name] = future

        def finished(f: Future[None]) -> None:
            error = None if f.cancelled() else f.exception()
            if error is not None:
                log.error("source %s stopped: %s", source.name, error)
            if on_done:
                on_done(source.name, error)

        future.add_done_callback(finished)

    def running(self) -> list[str]:
        return [name for name, future in self._running.items() if not future.done()]

    def health(self) -> dict[str, SourceHealth]:
        return {name: source.health for name, source in self.sources.items()}

    def stop(self, name: str) -> None:
        future = self._running.pop(name, None)
        if future:
            future.cancel()

    def close(self, timeout: float = 5) -> None:
        """Stop every source and let each close its connections before the loop ends."""
        if self._loop.is_closed():
            return

        async def cancel_all() -> None:
            # The sources' own tasks first, so each library's task groups cancel their
            # children themselves: a child cancelled from outside before it ever ran
            # leaves its coroutine never awaited (anyio's happy-eyeballs connect).
            deadline = self._loop.time() + timeout
            for group in (set(self._tasks), asyncio.all_tasks()):
                group.discard(asyncio.current_task())
                for task in group:
                    task.cancel()
                if group:
                    await asyncio.wait(group, timeout=max(0.1, deadline - self._loop.time()))
            await self._loop.shutdown_asyncgens()

        try:
            asyncio.run_coroutine_threadsafe(cancel_all(), self._loop).result(timeout + 1)
        except Exception:  # a source that will not stop must not keep the app open
            log.warning("comment sources did not all stop in time", exc_info=True)
        self._running.clear()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()


async def _guarded(source: CommentSource, sink: Sink, tasks: set[asyncio.Task[None]]) -> None:
    """Run one source; whatever it raises ends it alone, and its health says why."""
    task: asyncio.Task[None] = asyncio.current_task()  # type: ignore[assignment]
    tasks.add(task)
    try:
        await source.run(sink)
        if source.health.state not in ("ended", "failed"):
            source.health.set("ended")
    except asyncio.CancelledError:
        source.health.set("stopped")
        raise
    except Exception as exc:
        source.health.set("failed", str(exc))
        raise
    finally:
        tasks.discard(task)
