"""Facebook Live comments through the Graph API.

* Live: the ``live_comments`` server-sent-events stream,
  ``GET {streaming}/{live-video-id}/live_comments?access_token=…&comment_rate=…
  &fields=from{name,id},message,created_time``. A dropped or stalled stream is
  reopened with capped, jittered backoff and ``Last-Event-ID`` when the server gave
  event ids; after every gap the newest comments are fetched once through the Graph
  API, so what arrived during the gap is not lost. When the stream keeps failing,
  the source polls ``/{live-video-id}/comments`` for a while instead.
* After the live: ``all_comments`` pages through ``/{live-video-id}/comments`` in
  order (cursor paging) — the reconciliation pass that adds what the stream dropped
  (Facebook drops comments above ``comment_rate`` by design).

``parse``/``comment_from_graph`` are pure and tested on recorded payloads.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpx

from livehelper.comments.base import PayloadSource, Sink, SourceEvent, SourceFailed
from livehelper.comments.limits import BodyTooLarge, TooLong, read_body, sse_events
from livehelper.comments.wire import timestamp_or_now
from livehelper.errors import LivehelperError, MalformedInput
from livehelper.model import IncomingComment
from livehelper.retry import Backoff

log = logging.getLogger(__name__)

GRAPH_URL = "https://graph.facebook.com"
STREAMING_URL = "https://streaming-graph.facebook.com"
FIELDS = "from{name,id},message,created_time"
POLL_FIELDS = "id,created_time,from{name,id},message"
COMMENT_RATES = ("one_per_two_seconds", "ten_per_second", "one_hundred_per_second")
FAILURES_BEFORE_POLLING = 3
POLLING_FOR = 60.0  # seconds of polling before the stream is tried again

# Graph API error codes (developers.facebook.com/docs/graph-api/guides/error-handling)
TOKEN_CODES = {190, 102}
PERMISSION_CODES = {10, *range(200, 300)}
THROTTLE_CODES = {4, 17, 32, 613, 80001}


class GraphError(LivehelperError):
    """A Graph API error answer that retrying may fix (throttling, a server error)."""


def comment_from_graph(item: dict[str, Any]) -> IncomingComment | None:
    """One Graph API comment object -> a comment; None for one without text
    (a sticker or photo alone)."""
    if not isinstance(item, dict):
        raise MalformedInput("a comment is a JSON object")
    message = item.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    comment_id = item.get("id")
    if not comment_id:
        raise MalformedInput("a comment without an id")
    given = item.get("from")
    sender: dict[str, Any] = given if isinstance(given, dict) else {}
    # Facebook leaves "from" out for people who have not allowed the app to see them
    user_id = str(sender.get("id") or "")
    name = str(sender.get("name") or "Người xem Facebook")
    return IncomingComment(
        platform="facebook",
        message_id=str(comment_id),
        user_id=user_id or f"anonymous:{comment_id}",
        user_name=name,
        text=message,
        received_at=timestamp_or_now(item.get("created_time")),
        raw=item,
    )


def error_from_answer(status: int, body: bytes) -> Exception:
    """A Graph API error answer -> SourceFailed (retrying will not help) or GraphError."""
    try:
        error = json.loads(body).get("error", {})
    except (ValueError, AttributeError):
        error = {}
    code = error.get("code")
    message = str(error.get("message") or f"HTTP {status}")
    if code in TOKEN_CODES or status == 401:
        return SourceFailed(
            f"Facebook refused the access token ({message}). Make a new Page access token "
            "and give it with --facebook-token or LIVEHELPER_FACEBOOK_TOKEN."
        )
    if code in PERMISSION_CODES or status == 403:
        return SourceFailed(f"The token may not read this live's comments ({message}).")
    if code == 100 or status == 404:
        return SourceFailed(
            f"Facebook does not know this live video, or the token cannot see it ({message})."
        )
    return GraphError(f"Facebook answered {status}: {message}")


class FacebookSource(PayloadSource):
    def __init__(
        self,
        live_video_id: str,
        token: str,
        *,
        graph_url: str = GRAPH_URL,
        streaming_url: str = STREAMING_URL,
        comment_rate: str = "ten_per_second",
        poll_seconds: float = 3.0,
        read_timeout: float = 60.0,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__()
        if not token:
            raise SourceFailed(
                "Facebook needs an access token: --facebook-token or LIVEHELPER_FACEBOOK_TOKEN."
            )
        self.video = live_video_id.strip()
        self.name = f"facebook:{self.video}"
        self._token = token
        self._graph = graph_url.rstrip("/")
        self._streaming = streaming_url.rstrip("/")
        self._rate = comment_rate
        self._poll_seconds = poll_seconds
        self._timeout = httpx.Timeout(10.0, read=read_timeout)
        self._backoff = backoff or Backoff(cap=30.0)
        self._last_event_id: str | None = None
        self._seen: dict[str, None] = {}  # ids already passed on (bounded, oldest dropped)

    # -------------------------------------------------------------- parsing
    def parse(self, payload: Any) -> Iterable[SourceEvent]:
        item = json.loads(payload) if isinstance(payload, str) else payload
        if isinstance(item, dict) and "error" in item:
            raise MalformedInput(f"an error in the stream: {item['error']}")
        comment = comment_from_graph(item)
        if comment is None or comment.message_id in self._seen:
            return []
        self._remember(comment.message_id)
        return [comment]

    def _remember(self, comment_id: str) -> None:
        self._seen[comment_id] = None
        if len(self._seen) > 20_000:
            for old in list(self._seen)[:5_000]:
                del self._seen[old]

    # -------------------------------------------------------------- running
    async def run(self, sink: Sink) -> None:
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            failures = 0
            while True:
                self.health.set("connecting")
                try:
                    await self._stream(client, sink)
                    failures = 0  # the server ended a good stream: open it again
                except (httpx.HTTPError, GraphError, OSError, BodyTooLarge) as exc:
                    failures += 1
                    log.warning("%s: stream lost (%s)", self.name, exc)
                    self.health.set("reconnecting", str(exc)[:200])
                self.health.reconnects += 1
                await self._catch_up(client, sink)  # what arrived during the gap
                if failures >= FAILURES_BEFORE_POLLING:
                    await self._poll_for(client, sink, POLLING_FOR)
                    failures = 0
                await asyncio.sleep(self._backoff.next())

    async def _stream(self, client: httpx.AsyncClient, sink: Sink) -> None:
        headers = {"Last-Event-ID": self._last_event_id} if self._last_event_id else {}
        params = {"access_token": self._token, "comment_rate": self._rate, "fields": FIELDS}
        url = f"{self._streaming}/{self.video}/live_comments"
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store", **headers}
        async with client.stream("GET", url, params=params, headers=headers) as response:
            if response.status_code != 200:
                raise error_from_answer(response.status_code, await read_body(response))
            self.health.set("connected")
            self._backoff.reset()
            async for event in sse_events(response.aiter_bytes()):
                if isinstance(event, TooLong):  # never held whole: counted, skipped
                    self.health.malformed += 1
                    log.warning("%s: skipped an event of %d bytes", self.name, event.size)
                    continue
                if event.id:
                    self._last_event_id = event.id
                if event.data:
                    self.deliver(event.data, sink)

    async def _get(self, client: httpx.AsyncClient, url: str, params: dict[str, Any]) -> Any:
        return await _get_json(client, url, params)

    async def _catch_up(self, client: httpx.AsyncClient, sink: Sink, pages: int = 10) -> None:
        """The newest comments, newest first, until one already seen (at most ``pages``)."""
        params: dict[str, Any] = {
            "access_token": self._token,
            "fields": POLL_FIELDS,
            "order": "reverse_chronological",
            "filter": "stream",
            "live_filter": "no_filter",
            "limit": 100,
        }
        url = f"{self._graph}/{self.video}/comments"
        fresh: list[dict[str, Any]] = []
        try:
            for _ in range(pages):
                answer = await self._get(client, url, params)
                data = answer.get("data") or []
                new = [c for c in data if isinstance(c, dict) and c.get("id") not in self._seen]
                fresh.extend(new)
                after = (answer.get("paging") or {}).get("cursors", {}).get("after")
                if len(new) < len(data) or not after or not data:
                    break
                params["after"] = after
        except (httpx.HTTPError, GraphError, SourceFailed, OSError, ValueError) as exc:
            # the stream may still work where the comment list does not: carry on
            log.warning("%s: catching up failed (%s)", self.name, exc)
        for item in reversed(fresh):  # oldest first, as they were written
            self.deliver(item, sink)

    async def _poll_for(self, client: httpx.AsyncClient, sink: Sink, seconds: float) -> None:
        self.health.set("polling", "the live stream keeps failing; reading comments by polling")
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        while loop.time() < until:
            await self._catch_up(client, sink)
            await asyncio.sleep(self._poll_seconds)


async def all_comments(
    live_video_id: str, token: str, graph_url: str = GRAPH_URL, timeout: float = 30.0
) -> AsyncIterator[IncomingComment]:
    """Every comment of a live video, oldest first (the after-live reconciliation)."""
    params: dict[str, Any] = {
        "access_token": token,
        "fields": POLL_FIELDS,
        "order": "chronological",
        "filter": "stream",
        "live_filter": "no_filter",
        "limit": 100,
    }
    url = f"{graph_url.rstrip('/')}/{live_video_id}/comments"
    async with httpx.AsyncClient(timeout=timeout) as client:
        backoff = Backoff(first=1.0, cap=20.0)
        while True:
            try:
                answer = await _get_json(client, url, params)
            except httpx.HTTPError:
                if backoff.attempts >= 5:
                    raise
                await asyncio.sleep(backoff.next())
                continue
            except GraphError:
                if backoff.attempts < 5:
                    await asyncio.sleep(backoff.next())
                    continue
                raise
            backoff.reset()
            for item in answer.get("data") or []:
                try:
                    comment = comment_from_graph(item)
                except ValueError as exc:
                    log.warning("reconcile: skipped a comment (%s)", exc)
                    continue
                if comment is not None:
                    yield comment
            paging = answer.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not after or not paging.get("next") or not answer.get("data"):
                return
            params["after"] = after


async def _get_json(client: httpx.AsyncClient, url: str, params: dict[str, Any]) -> Any:
    """A Graph API answer, read up to limits.MAX_BODY; an error answer raised as such."""
    async with client.stream("GET", url, params=params) as response:
        body = await read_body(response)
    if response.status_code != 200:
        raise error_from_answer(response.status_code, body)
    return json.loads(body)
