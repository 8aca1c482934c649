"""YouTube Live chat through the Data API v3 (``liveChatMessages.list``).

``GET {api}/youtube/v3/liveChat/messages?liveChatId=…&part=snippet,authorDetails
&pageToken=…&key=…`` returns messages, ``nextPageToken`` and ``pollingIntervalMillis``.
The source waits that long between calls and always asks from the last page token —
never from the start again, not even after a network error. Each call costs 5 quota
units (10,000 a day by default): the health line shows the estimate.

``parse_page`` is pure: text messages and super chats become comments; deletions,
bans and other events are counted, not shown; ``offlineAt`` or a chat-ended event
ends the source.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from livehelper.comments.base import PayloadSource, Sink, SourceEvent, SourceFailed
from livehelper.comments.limits import BodyTooLarge, read_body
from livehelper.comments.wire import timestamp_or_now
from livehelper.errors import LivehelperError, MalformedInput
from livehelper.model import IncomingComment
from livehelper.retry import Backoff

log = logging.getLogger(__name__)

API_URL = "https://www.googleapis.com"
PATH = "/youtube/v3/liveChat/messages"
UNITS_PER_CALL = 5
DAILY_QUOTA = 10_000
MIN_INTERVAL = 1.0  # seconds, whatever the server says


@dataclass
class Page:
    comments: list[IncomingComment] = field(default_factory=list)
    next_token: str | None = None
    interval: float = 5.0
    ended: bool = False
    skipped: int = 0  # events that are not comments (deletions, joins, polls…)


def comment_from_item(item: dict[str, Any]) -> IncomingComment | None:
    snippet = item.get("snippet") or {}
    author = item.get("authorDetails") or {}
    kind = snippet.get("type")
    if kind == "textMessageEvent":
        text = (snippet.get("textMessageDetails") or {}).get("messageText")
    elif kind == "superChatEvent":
        text = (snippet.get("superChatDetails") or {}).get("userComment")
    else:
        return None
    text = text if isinstance(text, str) and text.strip() else snippet.get("displayMessage")
    if not isinstance(text, str) or not text.strip() or not item.get("id"):
        return None
    channel = str(author.get("channelId") or snippet.get("authorChannelId") or "")
    return IncomingComment(
        platform="youtube",
        message_id=str(item["id"]),
        user_id=channel or f"anonymous:{item['id']}",
        user_name=str(author.get("displayName") or "Người xem YouTube"),
        text=text,
        received_at=timestamp_or_now(snippet.get("publishedAt")),
        raw=item,
    )


def parse_page(payload: dict[str, Any]) -> Page:
    if not isinstance(payload, dict) or "items" not in payload:
        raise MalformedInput("not a liveChatMessages list answer")
    page = Page(
        next_token=payload.get("nextPageToken") or None,
        interval=max(MIN_INTERVAL, float(payload.get("pollingIntervalMillis") or 5000) / 1000),
        ended=bool(payload.get("offlineAt")),
    )
    for item in payload["items"] or []:
        if not isinstance(item, dict):
            page.skipped += 1
            continue
        if (item.get("snippet") or {}).get("type") == "chatEndedEvent":
            page.ended = True
        comment = comment_from_item(item)
        if comment is None:
            page.skipped += 1
        else:
            page.comments.append(comment)
    return page


def error_from_answer(status: int, body: Any) -> Exception:
    try:
        error = body.get("error", {})
        reasons = {e.get("reason") for e in error.get("errors", []) if isinstance(e, dict)}
        message = str(error.get("message") or f"HTTP {status}")
    except AttributeError:
        reasons, message = set(), f"HTTP {status}"
    if "quotaExceeded" in reasons or "dailyLimitExceeded" in reasons:
        return SourceFailed(
            "YouTube's daily API quota is used up (it resets at midnight Pacific time). "
            f"({message})"
        )
    if "liveChatEnded" in reasons:
        return _ChatEnded(message)
    if reasons & {"liveChatNotFound", "liveChatDisabled", "forbidden"} or status in (403, 404):
        return SourceFailed(f"YouTube: no live chat to read with this id ({message}).")
    if status in (400, 401) or "keyInvalid" in reasons:
        return SourceFailed(
            f"YouTube refused the API key ({message}): check LIVEHELPER_YOUTUBE_KEY."
        )
    return RetryLater(f"YouTube answered {status}: {message}")


class RetryLater(LivehelperError):
    """A server error or throttling: the same call is made again after a pause."""


class _ChatEnded(Exception):
    pass


class YouTubeSource(PayloadSource):
    def __init__(
        self,
        live_chat_id: str,
        key: str,
        *,
        api_url: str = API_URL,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__()
        if not key:
            raise SourceFailed("YouTube needs an API key: --youtube-key or LIVEHELPER_YOUTUBE_KEY.")
        self.chat = live_chat_id.strip()
        self.name = f"youtube:{self.chat}"
        self._key = key
        self._url = api_url.rstrip("/") + PATH
        self._backoff = backoff or Backoff(first=1.0, cap=60.0)
        self.page_token: str | None = None
        self.calls = 0
        self._ended = False

    def parse(self, payload: Any) -> Iterable[SourceEvent]:
        page = parse_page(payload)
        self.page_token = page.next_token or self.page_token
        self._interval = page.interval
        self._ended = page.ended
        return page.comments

    async def run(self, sink: Sink) -> None:
        self._interval = 5.0
        async with httpx.AsyncClient(timeout=httpx.Timeout(15.0)) as client:
            self.health.set("connecting")
            while True:
                try:
                    answer = await self._call(client)
                except _ChatEnded:
                    self.health.set("ended", "the live chat has ended")
                    return
                except (httpx.HTTPError, OSError, ValueError, RetryLater) as exc:
                    self.health.set("reconnecting", str(exc)[:200])
                    self.health.reconnects += 1
                    await asyncio.sleep(self._backoff.next())
                    continue  # same page token: nothing read twice, nothing skipped
                self._backoff.reset()
                self.health.set("connected")
                self.deliver(answer, sink)
                if self._ended:
                    self.health.set("ended", "the live has ended")
                    return
                await asyncio.sleep(self._interval)

    async def _call(self, client: httpx.AsyncClient) -> Any:
        params: dict[str, Any] = {
            "liveChatId": self.chat,
            "part": "snippet,authorDetails",
            "maxResults": 2000,
            "key": self._key,
        }
        if self.page_token:
            params["pageToken"] = self.page_token
        self.calls += 1
        used = self.calls * UNITS_PER_CALL
        self.health.extra.update(
            quota_units=used, quota_note=f"~{used:,} of {DAILY_QUOTA:,} units today"
        )
        async with client.stream("GET", self._url, params=params) as response:
            try:
                raw = await read_body(response)
            except BodyTooLarge as exc:  # never held whole: counted, asked again
                self.health.malformed += 1
                raise RetryLater(f"YouTube sent too much at once: {exc}") from exc
        if response.status_code != 200:
            try:
                body = json.loads(raw)
            except ValueError:
                body = {}
            raise error_from_answer(response.status_code, body)
        try:
            return json.loads(raw)
        except ValueError as exc:  # a proxy's error page with status 200: logged, asked again
            self.health.malformed += 1
            if self.raw_log is not None:
                self.raw_log.write(self.name, raw[:2000].decode("utf-8", errors="replace"))
            raise RetryLater(f"YouTube sent something that is not JSON: {exc}") from exc
