"""Comments from any bridge over a WebSocket: a TikTok relay, Social Stream Ninja, a Zalo
helper, another livehelper. livehelper connects to the bridge (``relay:ws://HOST:PORT/PATH``)
and reads text frames, each one JSON document:

* a comment, in the shape of ``livehelper ingest`` lines (see ``wire.py``):
  ``{"id": "c1", "platform": "zalo", "user_id": "u1", "user_name": "Chị Lan",
  "text": "chốt 2kg", "ts": 1732450000}`` — ``"type": "comment"`` may be added;
* a list of such comments (a bridge catching up after a reconnect);
* ``{"type": "feature", "code": "KS"}`` — the product on screen changed;
* ``{"type": "ping"}`` or anything with another ``type`` — ignored.

Give every comment a stable ``id``: a bridge that sends its history again after a
reconnect then never doubles an order. The connection is reopened with capped,
jittered backoff; a frame that is not valid JSON is logged and skipped.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus, WebSocketException

from livehelper.comments.base import (
    Backoff,
    FeatureChange,
    PayloadSource,
    Sink,
    SourceEvent,
    SourceFailed,
)
from livehelper.comments.wire import comment_from_json
from livehelper.errors import MalformedInput

log = logging.getLogger(__name__)


def parse_frame(
    frame: str | bytes, on_bad_item: Callable[[int, Exception], None] | None = None
) -> list[SourceEvent]:
    """The events of one frame. A frame that is not JSON raises; in a list, an item
    that is not usable is passed to ``on_bad_item`` and skipped, the others kept."""
    text = frame.decode("utf-8", errors="replace") if isinstance(frame, bytes) else frame
    data = json.loads(text)
    if not isinstance(data, list):
        return _events(data)
    events: list[SourceEvent] = []
    for position, item in enumerate(data):
        try:
            events += _events(item)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            if on_bad_item is None:
                raise
            on_bad_item(position, exc)
    return events


def _events(item: Any) -> list[SourceEvent]:
    if not isinstance(item, dict):
        raise MalformedInput("a relay message is a JSON object or a list of them")
    kind = item.get("type", "comment")
    if kind == "feature":
        return [FeatureChange(str(item["code"]))]
    if kind == "comment":
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True)
        return [comment_from_json({"platform": "relay", **item}, raw)]
    return []


class RelaySource(PayloadSource):
    def __init__(
        self, url: str, *, backoff: Backoff | None = None, open_timeout: float = 10
    ) -> None:
        super().__init__()
        if not url.startswith(("ws://", "wss://")):
            raise SourceFailed(f"a relay address starts with ws:// or wss://, not {url!r}")
        self.url = url
        self.name = f"relay:{url}"
        self._backoff = backoff or Backoff(cap=30.0)
        self._open_timeout = open_timeout

    def parse(self, payload: Any) -> Iterable[SourceEvent]:
        return parse_frame(payload, self._bad_item)

    def _bad_item(self, position: int, exc: Exception) -> None:
        self.health.malformed += 1
        log.warning("%s: skipped item %d of a list (%s)", self.name, position, exc)

    async def run(self, sink: Sink) -> None:
        while True:
            self.health.set("connecting")
            try:
                async with connect(self.url, open_timeout=self._open_timeout, max_size=2**22) as ws:
                    self.health.set("connected")
                    self._backoff.reset()
                    async for frame in ws:
                        self.deliver(frame, sink)
                self.health.set("reconnecting", "the relay closed the connection")
            except InvalidStatus as exc:
                status = exc.response.status_code
                if status in (401, 403, 404):
                    raise SourceFailed(f"the relay refused the connection (HTTP {status})") from exc
                self.health.set("reconnecting", f"HTTP {status}")
            except (OSError, WebSocketException, TimeoutError) as exc:
                self.health.set("reconnecting", str(exc)[:200] or type(exc).__name__)
            self.health.reconnects += 1
            await asyncio.sleep(self._backoff.next())
