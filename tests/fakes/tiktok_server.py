"""TikTok's side of a TikTok LIVE connection, on 127.0.0.1, for the real TikTokLive
package (the version pyproject.toml pins) to talk to. TikTok and the Euler Stream sign
server cannot be reached from here; everything on the client side is the installed
package itself, only pointed at these servers through its own settings
(``WebDefaults.tiktok_app_url``, ``tiktok_webcast_url``) and livehelper's sign-URL
option. Each answer has the shape TikTokLive 7 reads, built with TikTokLive's own
protobuf classes:

* ``GET /@USER/live``: the live page, whose ``SIGI_STATE`` script names the room (for
  any other user, no room; ``/api-live/user/room/`` then says ``user_not_found``);
* ``GET /webcast/room/check_alive/``: ``{"data": [{"alive": true, …}]}``;
* ``GET /webcast/fetch`` (the sign server): a ``ProtoMessageFetchResult`` naming the
  push server, with the ``X-Set-TT-Cookie`` header, or a 429 with the rate-limit
  headers;
* the push server (a WebSocket): ``WebcastPushFrame``s of type ``msg``, gzip-compressed
  ``ProtoMessageFetchResult``s holding ``WebcastChatMessage``s; it records the frames the
  client sends back (``im_enter_room``, ``ack``).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOM_ID = 7300000000000000001


@dataclass
class Chat:
    msg_id: int
    user_id: int
    nickname: str
    handle: str
    text: str
    create_time_ms: int = 1764000000000


@dataclass
class Connection:
    """What one push-server connection sends, then whether it hangs up."""

    chats: list[Chat]
    hang_up: bool = True


@dataclass
class TikTokServers:
    user: str
    plan: list[Connection | int] = field(default_factory=list)  # an int: the sign server's status
    sign_requests: list[dict[str, str]] = field(default_factory=list)
    client_frames: list[str] = field(default_factory=list)  # payload types the client sent
    connections: int = 0

    def start(self) -> TikTokServers:
        from websockets.sync.server import serve

        self._push = serve(self._push_session, "127.0.0.1", 0)
        self.push_url = f"ws://127.0.0.1:{self._push.socket.getsockname()[1]}/webcast/im/push/v2/"
        threading.Thread(target=self._push.serve_forever, daemon=True).start()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        self._lock = threading.Lock()
        self._current: Connection | None = None
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._push.shutdown()

    # ----------------------------------------------------------------- HTTP
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_a: Any) -> None:
                pass

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/api-live/user/room/" and query.get("uniqueId") != outer.user:
                    body = {"message": "user_not_found", "statusCode": 19881007}
                    return self._send(200, json.dumps(body).encode(), "application/json")
                if url.path.endswith("/live") and url.path != f"/@{outer.user}/live":
                    page = '<script id="SIGI_STATE" type="application/json">{"LiveRoom": null}</script>'
                    return self._send(200, page.encode(), "text/html; charset=utf-8")
                if url.path == f"/@{outer.user}/live":
                    state = {
                        "LiveRoom": {
                            "liveRoomUserInfo": {
                                "user": {
                                    "roomId": str(ROOM_ID),
                                    "uniqueId": outer.user,
                                    "status": 2,
                                }
                            }
                        }
                    }
                    page = (
                        '<html><body><script id="SIGI_STATE" type="application/json">'
                        f"{json.dumps(state)}</script></body></html>"
                    )
                    return self._send(200, page.encode(), "text/html; charset=utf-8")
                if url.path == "/webcast/room/check_alive/":
                    body = {"data": [{"alive": True, "room_id": int(query["room_ids"])}]}
                    return self._send(200, json.dumps(body).encode(), "application/json")
                if url.path == "/webcast/fetch":
                    return outer._sign(self, query)
                return self._send(404, b"not found", "text/plain")

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str,
                headers: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def _sign(self, h: Any, query: dict[str, str]) -> None:
        from TikTokLive.proto import ProtoMessageFetchResult

        self.sign_requests.append(query)
        with self._lock:
            step = self.plan.pop(0) if self.plan else Connection([], hang_up=False)
        if isinstance(step, int):  # the sign server says no
            headers = {"RateLimit-Remaining": "1", "RateLimit-Reset": "1764000000"}
            body = json.dumps({"message": "Too many connections", "limit_label": "test"}).encode()
            return h._send(step, body, "application/json", headers)
        with self._lock:
            self._current = step
        first = ProtoMessageFetchResult(
            cursor="1764000000000_1",
            push_server=self.push_url,
            route_params={"room_id": str(ROOM_ID), "cursor": "1764000000000_1"},
            internal_ext="first",
            is_first=True,
            fetch_interval=1000,
        )
        h._send(
            200,
            bytes(first),
            "application/protobuf",
            {"X-Set-TT-Cookie": "ttwid=local-test; Path=/; Domain=.tiktok.com"},
        )

    # ----------------------------------------------------------- push server
    def _push_session(self, ws: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        with self._lock:
            self.connections += 1
            step = self._current or Connection([], hang_up=False)
        with contextlib.suppress(ConnectionClosed):
            self._note(ws.recv(timeout=10))  # the client enters the room first
            if step.chats:
                ws.send(self._frame(step.chats))
                self._note(ws.recv(timeout=10))  # and acknowledges what it got
            if step.hang_up:
                ws.close()
                return
            while True:  # heartbeats until the client goes
                self._note(ws.recv())

    def _note(self, data: bytes | str) -> None:
        from TikTokLive.proto import WebcastPushFrame

        raw = data if isinstance(data, bytes) else data.encode()
        self.client_frames.append(WebcastPushFrame().parse(raw).payload_type)

    @staticmethod
    def _frame(chats: list[Chat]) -> bytes:
        from TikTokLive.proto import (
            CommonMessageData,
            ProtoMessageFetchResult,
            ProtoMessageFetchResultBaseProtoMessage,
            PushHeader,
            User,
            WebcastChatMessage,
            WebcastPushFrame,
        )

        messages = [
            ProtoMessageFetchResultBaseProtoMessage(
                method="WebcastChatMessage",
                msg_id=chat.msg_id,
                payload=bytes(
                    WebcastChatMessage(
                        common=CommonMessageData(
                            method="WebcastChatMessage",
                            msg_id=chat.msg_id,
                            room_id=ROOM_ID,
                            create_time=chat.create_time_ms,
                        ),
                        user=User(id=chat.user_id, nickname=chat.nickname, display_id=chat.handle),
                        content=chat.text,
                    )
                ),
            )
            for chat in chats
        ]
        result = ProtoMessageFetchResult(
            messages=messages, cursor="1764000000000_2", internal_ext="ext", need_ack=True
        )
        return bytes(
            WebcastPushFrame(
                log_id=42,
                payload_encoding="pb",
                payload_type="msg",
                headers=[PushHeader(key="compress_type", value="gzip")],
                payload=gzip.compress(bytes(result)),
            )
        )
