"""The one interface every comment source implements.

A source is an object with a ``name`` and an async ``run(sink)`` that delivers events
to ``sink`` until it is cancelled or its stream ends. ``sink`` is thread-safe and
never blocks (the pipeline queues and stores). A source owns its reconnects; it
raises only for a failure it cannot recover from (bad credentials, unknown live).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from livehelper.model import IncomingComment


@dataclass(frozen=True, slots=True)
class FeatureChange:
    """The product on screen changed (scripted streams and remote controls send these)."""

    code: str


SourceEvent = IncomingComment | FeatureChange
Sink = Callable[[SourceEvent], None]


class CommentSource(Protocol):
    name: str

    async def run(self, sink: Sink) -> None: ...
