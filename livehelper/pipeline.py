"""The live pipeline: comments in, durable comments and claims out.

``Pipeline.submit`` never blocks. One writer thread takes whatever has queued up
since its last commit and stores it as one batch (group commit): under a flood
batches grow and throughput stays high; when it is quiet each comment is committed
on its own within milliseconds. Listeners hear about a batch only after its commit,
so nothing is shown that a crash could lose.

Before the writer, a reading stage sends a flood's batches to the reader process on
the other core (comments/reader_process.py): the writer then only stores. A quiet
show's comments, and any the process could not read, the writer reads itself.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from livehelper import retry
from livehelper.comments import reader_process
from livehelper.comments.base import FeatureChange, SourceEvent
from livehelper.comments.parser import Parser, parser_for
from livehelper.errors import CommentRefused, DiskFull, is_disk_full
from livehelper.model import IncomingComment, ParseResult, Session
from livehelper.store import IngestResult, Store
from livehelper.store.engine import conflict
from livehelper.store.ingest import ByCatalogue, ParseFn

log = logging.getLogger(__name__)

BatchListener = Callable[[IngestResult], None]
ErrorListener = Callable[[BaseException, list[IncomingComment]], None]

_STOP = object()
RETRIES = 6
FLOOD = 64  # a batch this big is read on the other core
BATCH_SECONDS = 0.1  # a batch is cut to what the writer stores in this long
SMALLEST_CAP = 32


@dataclass(frozen=True)
class Read:
    """Comments on their way to the writer, maybe read already: ``readings`` one per
    comment, by the parser of catalogue ``version`` with ``featured`` on screen."""

    comments: list[IncomingComment]
    readings: Sequence[ParseResult] | None = None
    version: int = -1
    featured: str | None = None


class ParserCache:
    """One compiled parser per catalogue version: a product added mid-show is
    matched from the next batch on."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._version = -1
        self._parser: Parser | None = None

    def current(self) -> Parser:
        return self.at(self._store.catalogue_version())

    def at(self, version: int) -> Parser:
        """The parser of catalogue ``version`` (an ingest transaction's)."""
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
        self._incoming: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._parsers = ParserCache(store)
        self._pending = 0
        self.read_elsewhere = 0  # comments the reader process read
        # batches are capped by time as well as count: what the writer stored in
        # BATCH_SECONDS lately (a decision on SQLite waits for the batch being written)
        self._per_comment_s = 0.0
        self._featured: str | None = None
        self._featured_known = False
        self._idle = threading.Condition()
        self._ready = threading.Event()
        self._reading = threading.Thread(
            target=self._read_ahead, name="livehelper-reading", daemon=True
        )
        self._thread = threading.Thread(target=self._run, name="livehelper-writer", daemon=True)
        self._reading.start()
        self._thread.start()

    def add_listener(self, listener: BatchListener) -> None:
        self._listeners.append(listener)

    def add_feature_listener(self, listener: Callable[[Session], None]) -> None:
        self._feature_listeners.append(listener)

    def submit(self, event: SourceEvent) -> None:
        """Queue a comment, or a change of the product on screen, in arrival order."""
        with self._idle:
            self._pending += 1
        self._incoming.put(event)

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
        self._incoming.put(_STOP)
        self._reading.join(timeout)
        self._thread.join(timeout)

    def _read_ahead(self) -> None:
        """The reading stage: what has queued up, in order, a flood's comments read on
        the other core; then on to the writer."""
        while True:
            batch, stopping = _take(self._incoming, self.batch_cap(), lambda _item: 1)
            comments = [item for item in batch if isinstance(item, IncomingComment)]
            if comments:
                self._queue.put(self._read(comments) if len(comments) >= FLOOD else Read(comments))
            if batch and isinstance(batch[-1], FeatureChange):
                self._featured, self._featured_known = batch[-1].code, True
                self._queue.put(batch[-1])
            if stopping:
                self._queue.put(_STOP)
                return

    def _read(self, comments: list[IncomingComment]) -> Read:
        reader = reader_process.shared()
        try:
            reader.start()
            version = self.store.catalogue_version()
            if not self._featured_known:
                self._featured = self.store.session(self.session_id).featured_code
                self._featured_known = True
            products = None
            if reader.needs_catalogue(version):
                products = [
                    reader_process.ProductWords(p.code, p.name, p.unit, p.aliases)
                    for p in self.store.products()
                ]
            readings = reader.read(version, products, self._featured, [c.text for c in comments])
        except Exception as exc:  # the writer reads them: nothing is lost to this stage
            log.warning("comments not read ahead: %s", exc)
            return Read(comments)
        if readings is None:
            return Read(comments)
        self.read_elsewhere += len(comments)
        return Read(comments, readings, version, self._featured)

    def _warm_up(self) -> None:
        """What the first batch would pay, paid before the first comment: the parser of
        the catalogue, and the place names an address is read with (0.4 s the first
        time: it stalled the show at its first address)."""
        try:
            self._parsers.current()
            from livehelper.comments.addresses import address_in

            address_in("gửi về thôn Nà Pàn, xã Chi Lăng, Lạng Sơn")
        except Exception:  # the first batch pays it then: nothing is lost
            log.warning("could not prepare the writer", exc_info=True)
        finally:
            self._ready.set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the writer has prepared (comments submitted before are kept and
        stored, only later)."""
        return self._ready.wait(timeout)

    def _run(self) -> None:
        self._warm_up()
        while True:
            batch, stopping = _take(
                self._queue,
                self.batch_cap(),
                lambda item: len(item.comments) if isinstance(item, Read) else 0,
            )
            reads = [item for item in batch if isinstance(item, Read)]
            comments = [c for r in reads for c in r.comments]
            if comments:
                parse = self._reader_for(reads)
            while comments:  # in batches cut to what fits in time
                cap = self.batch_cap()
                self._store_batch(comments[:cap], parse)
                comments = comments[cap:]
            if batch and isinstance(batch[-1], FeatureChange):
                self._apply_feature(batch[-1])
            if stopping:
                return

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

    def batch_cap(self) -> int:
        """How many comments a batch may hold now: ``max_batch``, or fewer when the
        writer is slow (a slower laptop, a busy disk)."""
        if self._per_comment_s <= 0:
            return self._max_batch
        fits = int(BATCH_SECONDS / self._per_comment_s)
        return max(min(SMALLEST_CAP, self._max_batch), min(self._max_batch, fits))

    def _store_batch(self, batch: list[IncomingComment], parse: ByCatalogue) -> None:
        began = time.perf_counter()
        try:
            self._store(batch, parse)
            each = (time.perf_counter() - began) / len(batch)
            # a moving average: one slow batch (a checkpoint) does not halve the next;
            # a small batch is mostly its commit, and says little about a comment's cost
            if len(batch) >= SMALLEST_CAP:
                average = self._per_comment_s or each
                self._per_comment_s = 0.8 * average + 0.2 * each
        finally:
            with self._idle:
                self._pending -= len(batch)
                self._idle.notify_all()

    def _reader_for(self, reads: Sequence[Read]) -> ByCatalogue:
        made: dict[int, ParseFn] = {}  # the batch may be stored in parts: built once

        def parse_at(version: int) -> ParseFn:
            if version not in made:
                made[version] = self._parse_at(version, reads)
            return made[version]

        return ByCatalogue(parse_at)

    def _parse_at(self, version: int, reads: Sequence[Read]) -> ParseFn:
        """The parse function for a batch whose transaction sees catalogue ``version``:
        what the reading stage read, where it read with that catalogue and the product
        on screen the transaction has; else read here."""
        parser = self._parsers.at(version)
        known: dict[tuple[str, str], ParseResult] = {}
        for r in reads:
            if r.readings is not None and r.version == version:
                on_screen = (r.featured or "").upper()
                known.update(
                    ((c.text, on_screen), x) for c, x in zip(r.comments, r.readings, strict=True)
                )
        if not known:
            return parser.parse

        def parse(text: str, featured: str | None) -> ParseResult:
            found = known.get((text, (featured or "").upper()))
            return found if found is not None else parser.parse(text, featured)

        return parse

    def _store(self, batch: list[IncomingComment], parse: ByCatalogue) -> None:
        try:
            self._announce(self._ingest_with_retry(batch, parse))
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
                    self._store([item], parse)
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

    def _ingest_with_retry(self, batch: list[IncomingComment], parse: ByCatalogue) -> IngestResult:
        """A busy or briefly unreachable database is retried (a deadlock is already
        retried by the store); storing twice is harmless because duplicates are
        recognised by message id."""

        def noted(exc: BaseException, delay: float) -> None:
            why = "disk full" if is_disk_full(exc) else "database busy"
            log.warning("%s, retrying %d comments in %.1fs", why, len(batch), delay)

        try:
            return retry.call(
                lambda: self.store.ingest(self.session_id, batch, parse),
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


def _take(
    source: queue.SimpleQueue[object], most: int, size: Callable[[Any], int]
) -> tuple[list[Any], bool]:
    """What has queued up: at least one item, up to ``most`` in ``size``, ending early
    at a change of the product on screen (the comments after it are read with the new
    one); and whether the pipeline is stopping."""
    first = source.get()
    if first is _STOP:
        return [], True
    batch, total = [first], size(first)
    while total < most and not isinstance(batch[-1], FeatureChange):
        try:
            item = source.get_nowait()
        except queue.Empty:
            break
        if item is _STOP:
            return batch, True
        batch.append(item)
        total += size(item)
    return batch, False
