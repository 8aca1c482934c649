"""The live pipeline: comments in, durable comments and claims out.

``Pipeline.submit`` never blocks. One writer thread takes whatever has queued up
since its last commit and stores it as one batch (group commit): under a flood
batches grow and throughput stays high; when it is quiet each comment is committed
on its own within milliseconds. Listeners hear about a batch only after its commit,
so nothing is shown that a crash could lose.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

import sqlalchemy as sa

from livehelper import retry
from livehelper.comments.base import FeatureChange, SourceEvent
from livehelper.comments.parser import Parser, parser_for
from livehelper.errors import CommentRefused, DiskFull, is_disk_full
from livehelper.model import IncomingComment, Session
from livehelper.store import IngestResult, Store
from livehelper.store.engine import conflict

log = logging.getLogger(__name__)

BatchListener = Callable[[IngestResult], None]
ErrorListener = Callable[[BaseException, list[IncomingComment]], None]

_STOP = object()
RETRIES = 6


class ParserCache:
    """One compiled parser per catalogue version: a product added mid-show is
    matched from the next batch on."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._version = -1
        self._parser: Parser | None = None

    def current(self) -> Parser:
        version = self._store.catalogue_version()
        if self._parser is None or version != self._version:
            self._parser = parser_for(self._store.products())
            self._version = version
        return self._parser


class Pipeline:
    def __init__(
        self,
        store: Store,
        session_id: int,
        on_batch: BatchListener | None = None,
        on_error: ErrorListener | None = None,
        max_batch: int = 1000,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self._listeners: list[BatchListener] = [on_batch] if on_batch else []
        self._feature_listeners: list[Callable[[Session], None]] = []
        self._on_error = on_error
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._parsers = ParserCache(store)
        self._pending = 0
        self._idle = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="livehelper-writer", daemon=True)
        self._thread.start()

    def add_listener(self, listener: BatchListener) -> None:
        self._listeners.append(listener)

    def add_feature_listener(self, listener: Callable[[Session], None]) -> None:
        self._feature_listeners.append(listener)

    def submit(self, event: SourceEvent) -> None:
        """Queue a comment, or a change of the product on screen, in arrival order."""
        with self._idle:
            self._pending += 1
        self._queue.put(event)

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far is stored (or failed)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def close(self, timeout: float | None = 30) -> None:
        self._queue.put(_STOP)
        self._thread.join(timeout)

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is _STOP:
                break
            batch: list[object] = [first]
            while len(batch) < self._max_batch and not isinstance(batch[-1], FeatureChange):
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stopping = True
                    break
                batch.append(item)
            last = batch[-1]
            change = last if isinstance(last, FeatureChange) else None
            if change is not None:
                batch.pop()
            comments = [item for item in batch if isinstance(item, IncomingComment)]
            if comments:
                self._store_batch(comments)
            if change is not None:
                self._apply_feature(change)

    def _apply_feature(self, change: FeatureChange) -> None:
        try:
            session = self.store.feature(self.session_id, change.code)
        except Exception as exc:
            log.exception("could not feature %s", change.code)
            if self._on_error:
                self._on_error(exc, [])
        else:
            for listener in self._feature_listeners:
                try:
                    listener(session)
                except Exception:
                    log.exception("a feature listener failed")
        finally:
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def _store_batch(self, batch: list[IncomingComment]) -> None:
        try:
            self._store(batch)
        finally:
            with self._idle:
                self._pending -= len(batch)
                self._idle.notify_all()

    def _store(self, batch: list[IncomingComment]) -> None:
        try:
            self._announce(self._ingest_with_retry(batch))
        except (sa.exc.OperationalError, DiskFull) as exc:  # the database is away: tell
            log.error("could not store %d comments: %s", len(batch), exc)
            if self._on_error:
                self._on_error(exc, batch)
        except Exception as exc:
            if len(batch) > 1:
                # one comment the database refuses must not cost the others: alone, each
                # good one is stored and only the bad one is refused
                log.warning(
                    "a batch of %d comments failed (%s); storing them one by one", len(batch), exc
                )
                for item in batch:
                    self._store([item])
                return
            item = batch[0]
            log.error("refused comment %s from %s: %s", item.message_id[:40], item.platform, exc)
            if self._on_error:
                self._on_error(CommentRefused(f"a comment was refused ({exc})"), batch)

    def _announce(self, result: IngestResult) -> None:
        for listener in self._listeners:
            try:
                listener(result)
            except Exception:
                log.exception("a batch listener failed")

    def _ingest_with_retry(self, batch: list[IncomingComment]) -> IngestResult:
        """A busy or briefly unreachable database is retried (a deadlock is already
        retried by the store); storing twice is harmless because duplicates are
        recognised by message id."""

        def noted(exc: BaseException, delay: float) -> None:
            why = "disk full" if is_disk_full(exc) else "database busy"
            log.warning("%s, retrying %d comments in %.1fs", why, len(batch), delay)

        try:
            return retry.call(
                lambda: self.store.ingest(self.session_id, batch, self._parsers.current().parse),
                retry_if=lambda exc: isinstance(exc, sa.exc.OperationalError) and not conflict(exc),
                attempts=RETRIES,
                backoff=retry.Backoff(0.1, 2.0, jitter=0),
                on_retry=noted,
            )
        except sa.exc.OperationalError as exc:
            if is_disk_full(exc):
                raise DiskFull(
                    f"the disk is full: {len(batch)} comments could not be stored; "
                    "free some space on the disk"
                ) from exc
            raise
