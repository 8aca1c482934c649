"""Reading comments on the machine's other core. Under a flood the pipeline's writer
spent a third of its time reading comments, in Python, holding the interpreter the
window also needs; a process of its own reads them instead, in parallel, and the writer
only stores. One process serves the whole program (started on the first flood, not
before: a quiet show and a command that stores five comments never pay for it), and
whoever uses it falls back to reading in place whenever it is not ready or fails, so
a comment is never lost to it. Nothing read here is shown before the writer has
stored it: durability is the writer's, as before."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from livehelper.model import Intent, ParsedItem, ParseResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProductWords:
    """What the reader needs of a product (the catalogue's rows are not sent)."""

    code: str
    name: str
    unit: str
    aliases: tuple[str, ...]


def _serve(conn: Connection) -> None:  # the child process
    from livehelper.comments.parser import Parser

    parsers: dict[int, Parser] = {}
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        kind = message[0]
        if kind == "catalogue":
            _kind, version, products = message
            parsers = {version: Parser(products)}
        elif kind == "read":
            _kind, version, featured, texts = message
            parser = parsers.get(version)
            conn.send(
                None if parser is None else [_packed(parser.parse(t, featured)) for t in texts]
            )
        else:
            return


# A reading crosses the pipe as a tuple of plain values: unpickling dataclasses (and an
# enum) ran Python code per comment on the writer's side, a tenth of its time.
Packed = tuple[Any, ...]


def _packed(r: ParseResult) -> Packed:
    items = tuple((i.code, i.qty) for i in r.items)
    return (r.intent.value, items, r.phone, r.ambiguous, r.confidence, r.adds, r.order_like, r.rule)


class _Unpacker:
    """Readings back from their tuples; equal tuples give the one (immutable) reading,
    so the comments a show repeats ("chốt", "+1", "2kg") are built once."""

    LIMIT = 20_000

    def __init__(self) -> None:
        self._known: dict[Packed, ParseResult] = {}

    def __call__(self, packed: Packed) -> ParseResult:
        found = self._known.get(packed)
        if found is None:
            intent, items, *rest = packed
            found = ParseResult(Intent(intent), tuple(ParsedItem(c, q) for c, q in items), *rest)
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            self._known[packed] = found
        return found


class ReaderProcess:
    """The other core's reader: ``read`` returns None while it is starting, for a
    catalogue it has not been sent, or once it has failed (the caller reads itself)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one request at a time on the pipe
        self._conn: Connection | None = None
        self._process: Any = None
        self._ready = False
        self._failed = False
        self._version: int | None = None
        self._unpack = _Unpacker()

    def start(self) -> None:
        with self._lock:
            if self._process is not None or self._failed:
                return
            try:
                context = multiprocessing.get_context("spawn")  # as on Windows, everywhere
                self._conn, child = context.Pipe()
                self._process = context.Process(
                    target=_serve, args=(child,), name="livehelper-reader", daemon=True
                )
                self._process.start()
                child.close()
            except Exception as exc:  # no process here (a frozen app, a sandbox): read in place
                log.warning("comments are read in the writer: no reader process (%s)", exc)
                self._failed = True
                self._process = None

    def read(
        self,
        version: int,
        products: Sequence[ProductWords] | None,
        featured: str | None,
        texts: Sequence[str],
    ) -> list[ParseResult] | None:
        """The readings of ``texts``; ``products`` only when ``version`` is new to it."""
        with self._lock:
            if self._failed or self._conn is None:
                return None
            try:
                if not self._started(0):
                    return None  # still starting: the writer reads this batch
                if version != self._version:
                    if products is None:
                        return None
                    self._conn.send(("catalogue", version, list(products)))
                    self._version = version
                self._conn.send(("read", version, featured, list(texts)))
                packed: list[Packed] | None = self._conn.recv()
                return None if packed is None else list(map(self._unpack, packed))
            except (OSError, EOFError, ValueError) as exc:
                log.warning("the reader process stopped (%s); comments are read in the writer", exc)
                self._failed = True
                return None

    def wait_ready(self, timeout: float) -> bool:
        """Wait for the process to have started (a live about to begin; tests)."""
        with self._lock:
            if self._failed or self._conn is None:
                return False
            try:
                return self._started(timeout)
            except (OSError, EOFError) as exc:
                log.warning("the reader process did not start (%s)", exc)
                self._failed = True
                return False

    def _started(self, timeout: float) -> bool:
        """Whether the process has said it is ready, waiting ``timeout`` for it (the
        caller holds the lock and handles a broken pipe)."""
        if not self._ready and self._conn is not None and self._conn.poll(timeout):
            self._ready = self._conn.recv() == "ready"
        return self._ready

    def needs_catalogue(self, version: int) -> bool:
        return version != self._version

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(OSError, ValueError):  # it may have stopped already
                    self._conn.send(("stop",))
                self._conn.close()
                self._conn = None
            if self._process is not None and self._process.pid is not None:  # it started
                self._process.join(2)
                if self._process.is_alive():
                    self._process.terminate()
            self._process = None


_SHARED: ReaderProcess | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> ReaderProcess:
    """The program's one reader process (started by its first user's ``start``)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            import atexit

            _SHARED = ReaderProcess()
            atexit.register(_SHARED.close)
        return _SHARED
