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
from collections.abc import Iterable
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

log = logging.getLogger(__name__)


def parse_frame(frame: str | bytes) -> list[SourceEvent]:
    text = frame.decode("utf-8") if isinstance(frame, bytes) else frame
    data = json.loads(text)
    items = data if isinstance(data, list) else [data]
    events: list[SourceEvent] = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("a relay message is a JSON object or a list of them")
        kind = item.get("type", "comment")
        if kind == "feature":
            events.append(FeatureChange(str(item["code"])))
        elif kind == "comment":
            raw = json.dumps(item, ensure_ascii=False, sort_keys=True)
            comment = comment_from_json({"platform": "relay", **item}, raw)
            events.append(comment)
    return events


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
        return parse_frame(payload)

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
