"""Replay a recorded comment stream (JSONL) at its recorded pace.

Each line is a comment in the documented input format (``id``, ``platform``,
``user_id``, ``user_name``, ``text``, optional ``ts``) plus an optional ``at``: seconds
from the start of the stream. A line ``{"at": 12, "feature": "NA"}`` changes the
product on screen. Malformed lines are logged and skipped.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from livehelper.comments.base import FeatureChange, Sink, SourceEvent, SourceHealth
from livehelper.comments.wire import comment_from_json

log = logging.getLogger(__name__)


def read_script(lines: Iterator[str] | list[str]) -> list[tuple[float, SourceEvent]]:
    events: list[tuple[float, SourceEvent]] = []
    last_at = 0.0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            at = float(obj.get("at", last_at)) if isinstance(obj, dict) else last_at
            if isinstance(obj, dict) and "feature" in obj and "text" not in obj:
                event: SourceEvent = FeatureChange(str(obj["feature"]))
            else:
                event = comment_from_json(obj, line)
        except (ValueError, TypeError) as exc:
            log.warning("replay line %d skipped: %s", number, exc)
            continue
        last_at = max(last_at, at)
        events.append((last_at, event))
    return events


class ReplaySource:
    def __init__(
        self,
        script: list[tuple[float, SourceEvent]],
        speed: float = 1.0,
        name: str = "replay",
        id_prefix: str = "",
    ) -> None:
        self.name = name
        self._script = script
        self._speed = max(speed, 0.01)
        self._prefix = id_prefix  # lets one script be replayed again as new comments
        self.health = SourceHealth()

    @classmethod
    def from_file(cls, path: Path, speed: float = 1.0) -> ReplaySource:
        with path.open(encoding="utf-8-sig") as handle:
            return cls(read_script(list(handle)), speed=speed, name=f"replay:{path.name}")

    async def run(self, sink: Sink) -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        self.health.set("connected")
        for at, event in self._script:
            delay = start + at / self._speed - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if not isinstance(event, FeatureChange):
                event = replace(
                    event,
                    message_id=self._prefix + event.message_id,
                    received_at=datetime.now(UTC),
                )
            self.health.event()
            if not isinstance(event, FeatureChange):
                self.health.comment()
            sink(event)
        self.health.set("ended", "the recording is over")
