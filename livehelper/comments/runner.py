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

from livehelper.comments.base import CommentSource, Sink

log = logging.getLogger(__name__)


class SourceRunner:
    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="livehelper-sources", daemon=True
        )
        self._thread.start()
        self._running: dict[str, Future[None]] = {}

    def start(
        self,
        source: CommentSource,
        sink: Sink,
        on_done: Callable[[str, BaseException | None], None] | None = None,
    ) -> None:
        future = asyncio.run_coroutine_threadsafe(source.run(sink), self._loop)
        self._running[source.name] = future

        def finished(f: Future[None]) -> None:
            error = None if f.cancelled() else f.exception()
            if error is not None:
                log.error("source %s stopped: %s", source.name, error)
            if on_done:
                on_done(source.name, error)

        future.add_done_callback(finished)

    def stop(self, name: str) -> None:
        future = self._running.pop(name, None)
        if future:
            future.cancel()

    def close(self) -> None:
        for name in list(self._running):
            self.stop(name)
        if self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()
