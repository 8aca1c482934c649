"""The one interface every comment source implements, and what sources share.

A source is an object with a ``name``, a ``health`` and an async ``run(sink)`` that
delivers events to ``sink`` until it is cancelled or its stream ends. ``sink`` is
thread-safe and never blocks (the pipeline queues and stores). A source owns its
reconnects; it raises ``SourceFailed`` only for what retrying cannot fix (a bad
token, an unknown live), in words a seller understands.

Network sources hand each raw payload to ``PayloadSource.deliver``: the payload is
appended to the session's raw log first, then parsed by the platform's pure
``parse``; a payload that does not parse is logged and skipped, never fatal.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from livehelper.errors import SourceFailed as SourceFailed  # where sources import it from
from livehelper.model import IncomingComment
from livehelper.retry import Backoff as Backoff  # sources' delays (kept importable here)

log = logging.getLogger(__name__)

SILENT_AFTER = 60.0  # seconds without an event before a "connected" source is suspect


@dataclass(frozen=True, slots=True)
class FeatureChange:
    """The product on screen changed (scripted streams and remote controls send these)."""

    code: str


SourceEvent = IncomingComment | FeatureChange
Sink = Callable[[SourceEvent], None]


@dataclass
class SourceHealth:
    """What the window's health line shows for one source. Written by the source's
    thread, read by others: plain attributes, each write atomic."""

    state: str = "starting"  # starting, connecting, connected, polling, reconnecting, ended, failed
    detail: str = ""
    comments: int = 0
    malformed: int = 0
    reconnects: int = 0
    last_event: float | None = None  # time.monotonic() of the last payload
    started: float = field(default_factory=time.monotonic)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. YouTube's quota used
    _recent: deque[float] = field(default_factory=lambda: deque(maxlen=10_000))

    def event(self) -> None:
        self.last_event = time.monotonic()

    def comment(self) -> None:
        now = time.monotonic()
        self.comments += 1
        self._recent.append(now)

    def set(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail

    def per_minute(self) -> int:
        cutoff = time.monotonic() - 60
        return sum(1 for t in list(self._recent) if t >= cutoff)

    def silent_for(self) -> float:
        return time.monotonic() - (self.last_event or self.started)

    @property
    def silent(self) -> bool:
        """Connected, yet nothing for a long while: the stream may have died quietly."""
        return self.state in ("connected", "polling") and self.silent_for() > SILENT_AFTER

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "detail": self.detail,
            "comments": self.comments,
            "per_minute": self.per_minute(),
            "seconds_since_event": round(self.silent_for(), 1),
            "silent": self.silent,
            "malformed": self.malformed,
            "reconnects": self.reconnects,
            **self.extra,
        }


class CommentSource(Protocol):
    name: str
    health: SourceHealth

    async def run(self, sink: Sink) -> None: ...


class RawLog:
    """Append-only JSONL of every raw payload, written before it is parsed: whatever a
    parser got wrong can be read again. One file per session; safe from any thread."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, source: str, payload: Any) -> None:
        line = json.dumps(
            {"at": datetime.now(UTC).isoformat(), "source": source, "raw": payload},
            ensure_ascii=False,
            default=str,
        )
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()  # in the OS's hands: survives the app being killed

    def close(self) -> None:
        with self._lock:
            self._file.close()


class PayloadSource:
    """Shared by network sources: health, raw log, parse-or-skip."""

    name: str = "source"

    def __init__(self) -> None:
        self.health = SourceHealth()
        self.raw_log: RawLog | None = None

    def parse(self, payload: Any) -> Iterable[SourceEvent]:
        raise NotImplementedError

    def deliver(self, payload: Any, sink: Sink) -> int:
        """Log, parse and pass on one payload; returns the comments delivered."""
        self.health.event()
        if self.raw_log is not None:
            self.raw_log.write(self.name, payload)
        try:
            events = list(self.parse(payload))
        except Exception as exc:  # a malformed frame: logged and skipped, never fatal
            self.health.malformed += 1
            log.warning(
                "%s: skipped a payload that does not parse (%s): %.200r", self.name, exc, payload
            )
            return 0
        count = 0
        for event in events:
            sink(event)
            if isinstance(event, IncomingComment):
                self.health.comment()
                count += 1
        return count
