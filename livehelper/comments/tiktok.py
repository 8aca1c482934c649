"""TikTok LIVE comments through the TikTokLive package (unofficial; optional extra).

TikTokLive connects with the creator's @username through a sign server (Euler Stream by
default; ``sign_url`` overrides it) and reads TikTok's webcast protobuf over a
WebSocket. It is AGPL-3.0 licensed with an extra permission for tools like this one:
install it yourself with ``pip install 'livehelper[tiktok]'`` (see the README).

Its failures are told in plain words: the creator is not live, no such user, an
age-restricted live (needs a ``sessionid`` cookie), TikTok blocking the connection,
the sign server's rate limit (with the wait it asks for). Sending the ``sessionid``
cookie to a third-party sign server is the user's decision, so it is only used when
given explicitly (with ``tt-target-idc``, the account's data centre, if the user knows
it).

Tested against TikTokLive 7.0 (the tests run the real package; only TikTok's servers
are local stand-ins): ``pyproject.toml`` pins ``TikTokLive>=7.0.1,<7.1`` because its
interface changes between minor versions (``set_session`` took one argument in 6.x).

``comment_from_event`` is pure: a ``WebcastChatMessage`` (TikTokLive's CommentEvent)
-> a comment.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable
from typing import Any

from livehelper.comments.base import PayloadSource, Sink, SourceEvent, SourceFailed
from livehelper.comments.wire import timestamp_or_now
from livehelper.errors import MalformedInput
from livehelper.model import IncomingComment
from livehelper.retry import Backoff

log = logging.getLogger(__name__)

INSTALL = "TikTok needs the optional TikTokLive package: pip install 'livehelper[tiktok]'"


def comment_from_event(event: Any) -> IncomingComment | None:
    """A TikTokLive CommentEvent / WebcastChatMessage -> a comment (None without text)."""
    text = getattr(event, "comment", None) or getattr(event, "content", None)
    if not isinstance(text, str) or not text.strip():
        return None
    common = getattr(event, "common", None) or getattr(event, "base_message", None)
    message_id = getattr(common, "msg_id", None) or getattr(common, "message_id", None)
    if not message_id:
        raise MalformedInput("a TikTok comment without a message id")
    user = getattr(event, "user", None) or getattr(event, "user_info", None)
    handle = _first(user, "unique_id", "display_id", "username")
    nickname = _first(user, "nick_name", "nickname") or handle or "Người xem TikTok"
    user_id = _first(user, "id", "user_id") or handle
    created = getattr(common, "create_time", None)
    return IncomingComment(
        platform="tiktok",
        message_id=str(message_id),
        user_id=str(user_id or f"anonymous:{message_id}"),
        user_name=str(nickname),
        text=text,
        received_at=timestamp_or_now(created),
        raw={"msg_id": str(message_id), "user": str(handle or ""), "text": text},
    )


def _first(obj: Any, *names: str) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if value not in (None, "", 0):
            return value
    return None


def explain(exc: BaseException) -> tuple[str, float | None]:
    """A TikTokLive failure in plain words, and how long to wait before trying again
    (None: do not retry by ourselves). Read by class name, the class's parents too, so
    the optional package need not be importable to explain it."""
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    if "UserOfflineError" in kinds:
        return "the creator is not live right now; livehelper keeps checking", 30.0
    if "UserNotFoundError" in kinds:
        return "TikTok has no live account with this @username", None
    if "AgeRestrictedError" in kinds:
        return "this live is age-restricted: TikTok shows it only with a sessionid cookie", None
    if kinds & {"WebcastBlockedError", "InitialCursorMissingError", "WebsocketURLMissingError"}:
        return "TikTok blocked the connection (detected as a bot); trying again later", 120.0
    if "SignAPIError" in kinds:
        reason = getattr(getattr(exc, "reason", None), "name", "")
        if reason == "RATE_LIMIT":
            wait = _rate_limit_wait(exc)
            return f"the sign server's rate limit is reached: try again in {wait:.0f} s", wait
        if reason == "AUTHENTICATED_WS":
            return "TikTokLive refused to send the sessionid to this sign server", None
        return f"the sign server failed ({reason or exc})", 30.0
    return f"{type(exc).__name__}: {exc}", 15.0


def _rate_limit_wait(exc: BaseException) -> float:
    """Seconds to wait: TikTokLive 7 says it (``retry_after``); else the answer's
    Retry-After, or a minute."""
    try:
        seconds = float(getattr(exc, "retry_after", None) or 0)
    except (TypeError, ValueError, AttributeError, KeyError):  # a header it did not get
        seconds = 0.0
    if seconds <= 0:
        response = getattr(exc, "_response", None) or getattr(exc, "response", None)
        headers = getattr(response, "headers", {}) or {}
        try:
            seconds = float(headers.get("Retry-After") or 60)
        except ValueError:
            seconds = 60.0
    return min(max(1.0, seconds), 3600.0)


class TikTokSource(PayloadSource):
    def __init__(
        self,
        username: str,
        *,
        session_id: str | None = None,
        target_idc: str | None = None,
        sign_url: str | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__()
        self.username = username.strip().lstrip("@")
        if not self.username:
            raise SourceFailed("a TikTok source is tiktok:@username")
        self.name = f"tiktok:@{self.username}"
        self._session_id = session_id
        self._target_idc = target_idc
        self._sign_url = sign_url
        self._backoff = backoff or Backoff(first=2.0, cap=120.0)

    def parse(self, payload: Any) -> Iterable[SourceEvent]:
        comment = comment_from_event(payload)
        return [] if comment is None else [comment]

    async def run(self, sink: Sink) -> None:
        try:
            from TikTokLive import TikTokLiveClient
            from TikTokLive.client.web.web_settings import WebDefaults
            from TikTokLive.events import CommentEvent, DisconnectEvent, LiveEndEvent
        except ImportError as exc:
            raise SourceFailed(INSTALL) from exc
        if self._sign_url:
            WebDefaults.tiktok_sign_url = self._sign_url
        if self._session_id:
            # TikTokLive sends a sessionid only to a sign server named in this variable: the
            # user named it by giving a sessionid for it (the README says what that risks)
            host = WebDefaults.tiktok_sign_url.split("://", 1)[-1]
            os.environ["WHITELIST_AUTHENTICATED_SESSION_ID_HOST"] = host
        while True:
            self.health.set("connecting")
            client = TikTokLiveClient(unique_id=f"@{self.username}")
            if self._session_id:
                # the account's data centre (the tt-target-idc cookie); without one, the
                # package's own default stays
                target = self._target_idc or client.web.cookies.get("tt-target-idc")
                client.web.set_session(self._session_id, target)
            ended = asyncio.Event()
            client.add_listener(CommentEvent, lambda event: self.deliver(event, sink))
            client.add_listener(LiveEndEvent, lambda _event, done=ended: done.set())
            client.add_listener(DisconnectEvent, lambda _event, done=ended: done.set())
            try:
                task = await client.start(fetch_room_info=False)
                self.health.set("connected")
                self._backoff.reset()
                await asyncio.wait(
                    [task, asyncio.ensure_future(ended.wait())],
                    return_when=asyncio.FIRST_COMPLETED,
                )
                wait = self._backoff.next()
                self.health.set("reconnecting", "the live connection closed")
            except Exception as exc:  # TikTokLive raises its own error types
                message, retry = explain(exc)
                if retry is None:
                    self.health.set("failed", message)
                    raise SourceFailed(f"TikTok @{self.username}: {message}") from exc
                self.health.set("reconnecting", message)
                wait = max(retry, self._backoff.next())
            finally:
                await _close(client)
            self.health.reconnects += 1
            await asyncio.sleep(wait)


async def _close(client: Any) -> None:
    """Disconnect and close the client's HTTP connections (the page's and the sign
    server's): a new client is made for every connection, and each would leak its
    sockets. Not ``client.close()``: it runs the event loop again and cancels every
    task in it, the other sources' too."""
    for close in (client.disconnect, client.web.close, client.web.signer.client.aclose):
        try:
            await close()
        except (Exception, asyncio.CancelledError):  # already gone, or its task cancelled
            log.debug("tiktok: closing", exc_info=True)
