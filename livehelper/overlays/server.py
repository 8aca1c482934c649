"""The overlay server: OBS browser-source pages and their live data on one local port.

* ``GET /`` lists the pages; ``GET /overlay/<name>`` serves a page from
  ``resources/overlays/<name>.html``; ``/ws`` is the websocket the pages open.
* Bound to 127.0.0.1. The websocket accepts only pages it served itself (``Origin``
  must be this server), so a web site open in a browser cannot read the shop's data.
* It follows the session in the database (a change made by the window, the CLI or
  another laptop shows within a second) and sends every page a full snapshot on
  connect and after each change. Pages draw with ``textContent`` only: whatever a
  buyer typed stays text. Phone numbers are never sent.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from livehelper.model import ClaimStatus, format_qty, format_vnd, qty_to_json
from livehelper.resources_path import resource
from livehelper.store import Store

log = logging.getLogger(__name__)

PAGES = ("product", "ticker")
POLL_SECONDS = 0.25
TICKER_LENGTH = 8


def snapshot(store: Store, session_id: int) -> dict[str, Any]:
    """Everything the pages show, read from the database (never a phone number)."""
    session = store.session(session_id)
    product = None
    if session.featured_code:
        p = store.product(session.featured_code)
        product = {
            "code": p.code,
            "name": p.name,
            "price": p.price,
            "price_text": format_vnd(p.price),
            "unit": p.unit,
            "stock": None if p.stock is None else qty_to_json(p.stock),
            "stock_text": None if p.stock is None else f"{format_qty(p.stock)} {p.unit}",
            "sold_out": p.sold_out,
        }
    confirmed = store.claims(session_id, ClaimStatus.CONFIRMED)
    confirmed.sort(key=lambda c: (c.decided_at or c.created_at, c.id))
    ticker = [
        {
            "id": c.id,
            "buyer": c.buyer_name,
            "items": [
                {"qty_text": format_qty(i.qty), "unit": i.unit, "name": i.name} for i in c.items
            ],
        }
        for c in confirmed[-TICKER_LENGTH:]
    ]
    return {"type": "snapshot", "session": session.name, "product": product, "ticker": ticker}


class OverlayServer:
    def __init__(
        self,
        store: Store,
        session_id: int,
        port: int = 0,
        read_state: Callable[[Store, int], dict[str, Any]] = snapshot,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.port = port
        self._read_state = read_state
        self._state: dict[str, Any] | None = None
        self._clients: set[ServerConnection] = set()
        self._server: Any = None
        self._watch: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, name: str) -> str:
        return f"{self.base_url}/overlay/{name}"

    async def start(self) -> None:
        self._state = await asyncio.to_thread(self._read_state, self.store, self.session_id)
        self._server = await serve(self._client, "127.0.0.1", self.port, process_request=self._http)
        self.port = self._server.sockets[0].getsockname()[1]
        self._watch = asyncio.create_task(self._follow_database())

    async def stop(self) -> None:
        if self._watch:
            self._watch.cancel()
        if self._server:
            self._server.close()
            await self._server.wait_closed()

    async def serve_forever(self) -> None:
        await self.start()
        try:
            await asyncio.Future()
        finally:
            await self.stop()

    # -------------------------------------------------------------------- HTTP
    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path == "/ws":
            origin = request.headers.get("Origin")
            allowed = {f"http://127.0.0.1:{self.port}", f"http://localhost:{self.port}"}
            if origin not in allowed:
                log.warning("overlay websocket refused for origin %r", origin)
                return connection.respond(HTTPStatus.FORBIDDEN, "origin not allowed\n")
            return None  # go on with the websocket handshake
        if path == "/":
            return _html(_index(self))
        name = path.removeprefix("/overlay/")
        if path.startswith("/overlay/") and name in PAGES:
            return _html(resource(f"overlays/{name}.html").read_text(encoding="utf-8"))
        if path == "/overlay/live.js":
            script = resource("overlays/live.js").read_text(encoding="utf-8")
            return _html(script, "text/javascript; charset=utf-8")
        return connection.respond(HTTPStatus.NOT_FOUND, "not found\n")

    # --------------------------------------------------------------- websocket
    async def _client(self, connection: ServerConnection) -> None:
        self._clients.add(connection)
        try:
            await connection.send(json.dumps(self._state, ensure_ascii=False))
            async for _message in connection:
                pass  # pages only listen
        finally:
            self._clients.discard(connection)

    async def _follow_database(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                state = await asyncio.to_thread(self._read_state, self.store, self.session_id)
            except Exception:
                log.exception("overlay state could not be read; keeping the last one")
                continue
            if state != self._state:
                self._state = state
                broadcast(self._clients, json.dumps(state, ensure_ascii=False))


def _html(text: str, content_type: str = "text/html; charset=utf-8") -> Response:
    body = text.encode("utf-8")
    headers = Headers(
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ]
    )
    return Response(HTTPStatus.OK, "OK", headers, body)


def _index(server: OverlayServer) -> str:
    from html import escape

    rows = "".join(
        f'<li><b>{name}</b>: <input readonly size=48 value="{escape(server.page_url(name))}" '
        f'onclick="this.select()"></li>'
        for name in PAGES
    )
    return (
        "<!doctype html><meta charset=utf-8><title>livehelper overlays</title>"
        "<body style='font-family:sans-serif'><h1>livehelper overlays</h1>"
        "<p>Add each page to OBS as a Browser source, 1920×1080.</p>"
        f"<ul>{rows}</ul></body>"
    )
