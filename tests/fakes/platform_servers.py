"""Local stand-ins for Facebook's Graph API and YouTube's Data API, on 127.0.0.1.

Why fakes: the real services need accounts, tokens and a live broadcast, and this
machine has no route to them. Each server speaks the documented wire format — the
Graph API's ``/{live-video-id}/live_comments`` server-sent events and
``/{live-video-id}/comments`` cursor pages with ``{"error": {...}}`` answers, and
YouTube's ``/youtube/v3/liveChat/messages`` JSON with ``nextPageToken`` and
``pollingIntervalMillis`` — and can misbehave on purpose: drop a connection
mid-stream, send garbage, stall, answer 500, or (like Facebook above
``comment_rate``) leave comments out of the stream.
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Base:
    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                with outer.lock:
                    outer.requests.append((parts.path, params, dict(self.headers)))
                outer.handle(self, parts.path, params)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> _Base:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping = True
        with self.lock:
            self.lock.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    stopping = False

    def handle(self, h: BaseHTTPRequestHandler, path: str, params: dict[str, str]) -> None:
        raise NotImplementedError

    @staticmethod
    def send_json(h: BaseHTTPRequestHandler, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=UTF-8")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)


# ------------------------------------------------------------------------ Facebook
@dataclass
class FacebookBehaviour:
    drop_after: int | None = None  # close each stream after this many events
    garbage_every: int | None = None  # an unparsable data line after every N events
    stall_after: int | None = None  # first stream goes silent (open) after N events
    stream_skips_every: int | None = None  # leave every Nth comment out of the stream
    event_ids: bool = True  # send "id:" lines (resume with Last-Event-ID)
    huge_line_after: int | None = None  # then one 8 MB data line, written in pieces


class FakeFacebook(_Base):
    def __init__(self, video: str, token: str, behaviour: FacebookBehaviour | None = None) -> None:
        super().__init__()
        self.video, self.token = video, token
        self.behaviour = behaviour or FacebookBehaviour()
        self.comments: list[dict[str, Any]] = []
        self.streams = 0
        self._stalled = False

    def post(self, count: int, text: str = "chốt {n}kg", start: int | None = None) -> None:
        with self.lock:
            base = len(self.comments) if start is None else start
            for n in range(base, base + count):
                self.comments.append(
                    {
                        "id": f"{self.video}_{n:06d}",
                        "message": text.format(n=n % 5 + 1),
                        "from": {"id": f"u{n}", "name": f"Người mua {n}"},
                        "created_time": "2026-11-24T13:00:00+0000",
                    }
                )
            self.lock.notify_all()

    def handle(self, h: BaseHTTPRequestHandler, path: str, params: dict[str, str]) -> None:
        if params.get("access_token") != self.token:
            self.send_json(
                h,
                400,
                {
                    "error": {
                        "message": "Invalid OAuth access token - Cannot parse access token",
                        "type": "OAuthException",
                        "code": 190,
                        "fbtrace_id": "A1b2C3",
                    }
                },
            )
            return
        if path == f"/{self.video}/live_comments":
            self._stream(h, params)
        elif path == f"/{self.video}/comments":
            self._page(h, params)
        else:
            self.send_json(
                h,
                400,
                {
                    "error": {
                        "message": "Unsupported get request.",
                        "type": "GraphMethodException",
                        "code": 100,
                    }
                },
            )

    def _stream(self, h: BaseHTTPRequestHandler, params: dict[str, str]) -> None:
        assert params.get("fields") == "from{name,id},message,created_time", params
        assert params.get("comment_rate") in (
            "one_per_two_seconds",
            "ten_per_second",
            "one_hundred_per_second",
        )
        b = self.behaviour
        with self.lock:
            self.streams += 1
            last = h.headers.get("Last-Event-ID")
            ids = [c["id"] for c in self.comments]
            # a new stream starts with what comes next; a resumed one after the last id
            position = ids.index(last) + 1 if last in ids else len(self.comments)
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Cache-Control", "no-cache")
        h.send_header("Connection", "close")
        h.end_headers()
        sent = 0
        try:
            while not self.stopping:
                with self.lock:
                    while position >= len(self.comments) and not self.stopping:
                        if not self.lock.wait(0.5):
                            h.wfile.write(b": keep-alive\n\n")
                            h.wfile.flush()
                    if self.stopping:
                        return
                    comment = self.comments[position]
                position += 1
                if b.stream_skips_every and position % b.stream_skips_every == 0:
                    continue  # dropped above comment_rate, as Facebook does
                frame = ""
                if b.event_ids:
                    frame += f"id: {comment['id']}\n"
                frame += (
                    "data: "
                    + json.dumps(
                        {k: comment[k] for k in ("id", "message", "from", "created_time")},
                        ensure_ascii=False,
                    )
                    + "\n\n"
                )
                h.wfile.write(frame.encode())
                sent += 1
                if b.garbage_every and sent % b.garbage_every == 0:
                    h.wfile.write(b"data: {not json at all\n\n")
                if b.huge_line_after and sent == b.huge_line_after:
                    h.wfile.write(b'data: {"id": "huge", "message": "')
                    for _ in range(128):
                        h.wfile.write(b"x" * 65536)
                    h.wfile.write(b'"}\n\n')
                h.wfile.flush()
                if b.stall_after and self.streams == 1 and sent >= b.stall_after:
                    while not self.stopping:  # silent but open, like a dead proxy
                        time.sleep(0.2)
                    return
                if b.drop_after and sent >= b.drop_after:
                    return  # the connection drops mid-stream
        except (BrokenPipeError, ConnectionResetError):
            return

    def _page(self, h: BaseHTTPRequestHandler, params: dict[str, str]) -> None:
        assert set(params.get("fields", "").split(",")) >= {"id", "message", "created_time"}
        with self.lock:
            ordered = list(self.comments)
        if params.get("order") == "reverse_chronological":
            ordered.reverse()
        limit = min(int(params.get("limit", 25)), 100)
        start = int(base64.b64decode(params["after"]).decode()) if params.get("after") else 0
        data = ordered[start : start + limit]
        body: dict[str, Any] = {"data": data, "paging": {}}
        if data:
            cursor = base64.b64encode(str(start + len(data)).encode()).decode()
            body["paging"]["cursors"] = {
                "before": base64.b64encode(str(start).encode()).decode(),
                "after": cursor,
            }
            if start + len(data) < len(ordered):
                body["paging"]["next"] = f"{self.url}/{self.video}/comments?after={cursor}"
        self.send_json(h, 200, body)


# ------------------------------------------------------------------------- YouTube
@dataclass
class YouTubeBehaviour:
    interval_ms: int = 100
    page_size: int = 50
    fail_every: int | None = None  # every Nth call answers 500
    drop_every: int | None = None  # every Nth call closes the connection unanswered
    garbage_at: set[int] = field(default_factory=set)  # call numbers answered with junk


class FakeYouTube(_Base):
    def __init__(self, chat: str, key: str, behaviour: YouTubeBehaviour | None = None) -> None:
        super().__init__()
        self.chat, self.key = chat, key
        self.behaviour = behaviour or YouTubeBehaviour()
        self.items: list[dict[str, Any]] = []
        self.calls = 0
        self.ended = False
        self.tokens_asked: list[str | None] = []

    def post(self, count: int, kind: str = "textMessageEvent") -> None:
        with self.lock:
            for _ in range(count):
                n = len(self.items)
                snippet: dict[str, Any] = {
                    "type": kind,
                    "liveChatId": self.chat,
                    "authorChannelId": f"UC{n % 30:04d}",
                    "publishedAt": "2026-11-24T13:00:00.000Z",
                    "hasDisplayContent": True,
                    "displayMessage": f"lấy {n % 4 + 1} hộp na",
                }
                if kind == "textMessageEvent":
                    snippet["textMessageDetails"] = {"messageText": snippet["displayMessage"]}
                self.items.append(
                    {
                        "kind": "youtube#liveChatMessage",
                        "etag": f"e{n}",
                        "id": f"LCC.{self.chat}.{n:06d}",
                        "snippet": snippet,
                        "authorDetails": {
                            "channelId": f"UC{n % 30:04d}",
                            "displayName": f"Khách {n % 30}",
                            "isChatOwner": False,
                        },
                    }
                )

    def handle(self, h: BaseHTTPRequestHandler, path: str, params: dict[str, str]) -> None:
        b = self.behaviour
        if path != "/youtube/v3/liveChat/messages":
            self.send_json(h, 404, {"error": {"code": 404, "message": "Not Found", "errors": []}})
            return
        if params.get("key") != self.key:
            self.send_json(
                h,
                400,
                {
                    "error": {
                        "code": 400,
                        "message": "API key not valid. Please pass a valid API key.",
                        "errors": [
                            {
                                "message": "API key not valid.",
                                "domain": "global",
                                "reason": "badRequest",
                            }
                        ],
                    }
                },
            )
            return
        if params.get("liveChatId") != self.chat:
            self.send_json(
                h,
                404,
                {
                    "error": {
                        "code": 404,
                        "message": "The live chat that you are trying to retrieve cannot be found.",
                        "errors": [{"domain": "youtube.liveChat", "reason": "liveChatNotFound"}],
                    }
                },
            )
            return
        assert set(params.get("part", "").split(",")) == {"snippet", "authorDetails"}
        with self.lock:
            self.calls += 1
            call = self.calls
        if b.drop_every and call % b.drop_every == 0:
            h.close_connection = True
            h.wfile.flush()
            h.connection.close()
            return
        if b.fail_every and call % b.fail_every == 0:
            self.send_json(
                h, 500, {"error": {"code": 500, "message": "Backend Error", "errors": []}}
            )
            return
        if call in b.garbage_at:
            data = b"<html>502 Bad Gateway</html>"
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
            return
        token = params.get("pageToken")
        self.tokens_asked.append(token)
        start = int(token.removeprefix("tok-")) if token else 0
        with self.lock:
            items = self.items[start : start + b.page_size]
            ended = self.ended and start + len(items) >= len(self.items)
        body: dict[str, Any] = {
            "kind": "youtube#liveChatMessageListResponse",
            "etag": f"p{call}",
            "pollingIntervalMillis": b.interval_ms,
            "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            "nextPageToken": f"tok-{start + len(items)}",
            "items": items,
        }
        if ended:
            body["offlineAt"] = "2026-11-24T14:00:00.000Z"
        self.send_json(h, 200, body)


# -------------------------------------------------------------------------- relay
class RelayServer:
    """A bridge that resends its whole history on every connection and drops
    connections now and then — the relay must still store each comment once."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.history: list[str] = []
        self.connections = 0
        self._server = serve(self._session, "127.0.0.1", 0)
        self.port = self._server.socket.getsockname()[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"ws://127.0.0.1:{self.port}/comments"

    def _session(self, ws) -> None:  # type: ignore[no-untyped-def]
        from websockets.exceptions import ConnectionClosed

        with contextlib.suppress(ConnectionClosed):  # the client went away: this session ends
            self._serve(ws)

    def _serve(self, ws) -> None:  # type: ignore[no-untyped-def]
        self.connections += 1
        history = list(self.history)
        for sent, frame in enumerate(history, start=1):
            ws.send(frame)
            if self.connections < 3 and sent >= 5 + self.connections:
                return  # dropped mid-history
        ws.send("{garbage")
        done = len(history)
        while True:  # ends when the connection closes (recv raises)
            with contextlib.suppress(TimeoutError):
                ws.recv(timeout=0.05)
            new = self.history[done:]
            for frame in new:
                ws.send(frame)
            done += len(new)

    def stop(self) -> None:
        self._server.shutdown()
