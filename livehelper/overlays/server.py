"""The overlay server: OBS browser-source pages and their live data on one local port.

* ``GET /`` lists the pages; ``GET /overlay/<name>`` serves a page from
  ``resources/overlays/<name>.html``; ``/ws`` is the websocket the pages open;
  ``/photo/<code>`` is a product's photo when the catalogue names a file.
* Bound to 127.0.0.1. The websocket accepts only pages it served itself (``Origin``
  must be this server), so a web site open in a browser cannot read the shop's data.
* It follows the session in the database (a change made by the window, the CLI or
  another laptop shows within a second) and sends every page a full snapshot on
  connect and after each change; ``notify()`` makes it look at once (the window
  calls it after its own changes, so they show in milliseconds). Pages draw with ``textContent`` only: whatever a
  buyer typed stays text. Phone numbers are never sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from livehelper import vietqr
from livehelper.errors import NotFound
from livehelper.model import Product, Session, format_qty, format_vnd, qty_to_json
from livehelper.resources_path import resource
from livehelper.store import Store, utcnow

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765  # fixed, so the browser sources in OBS keep working across restarts
PAGES = {
    "product": "Sản phẩm đang bán: tên, giá, còn lại, ảnh, HẾT HÀNG",
    "ticker": "Đơn vừa chốt",
    "qr": "Mã QR chuyển khoản (VietQR)",
    "countdown": "Đếm ngược flash sale",
}
POLL_SECONDS = 0.25
TICKER_LENGTH = 8
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
LOCAL_NAMES = {"127.0.0.1", "localhost", "[::1]"}
BANK_SETTINGS = ("bank.bin", "bank.account", "bank.holder", "bank.name")


def snapshot(store: Store, session_id: int) -> dict[str, Any]:
    """Everything the pages show, read from the database (never a phone number)."""
    session = store.session(session_id)
    product = None
    if session.featured_code:
        product = _product_state(store.product(session.featured_code, session_id))
    ticker = [
        {
            "id": c.id,
            "buyer": c.buyer_name,
            "items": [
                {"qty_text": format_qty(i.qty), "unit": i.unit, "name": i.name} for i in c.items
            ],
        }
        for c in store.latest_confirmed(session_id, TICKER_LENGTH)
    ]
    return {
        "type": "snapshot",
        "session": session.name,
        "now_ms": _ms(utcnow()),  # pages correct their clock for the countdown with it
        "product": product,
        "ticker": ticker,
        "countdown": _countdown_state(session),
        "qr": _qr_state(store, session),
    }


def _product_state(p: Product) -> dict[str, Any]:
    photo = None
    if p.photo and p.photo.lower().startswith(("http://", "https://")):
        photo = p.photo
    elif p.photo:  # served by /photo/<code>; the path in the query makes a new file reload
        photo = f"/photo/{quote(p.code)}?v={abs(hash(p.photo)) % 10**8}"
    return {
        "code": p.code,
        "name": p.name,
        "price": p.price,
        "price_text": format_vnd(p.price),
        "unit": p.unit,
        # what can still be bought: on the shelf, not held for a waiting buyer, within the cap
        "stock": None if p.available is None else qty_to_json(p.available),
        "stock_text": None if p.available is None else f"{format_qty(p.available)} {p.unit}",
        "sold_out": p.sold_out,
        "photo": photo,
    }


def _countdown_state(session: Session) -> dict[str, Any] | None:
    if session.countdown_until is None:
        return None
    return {"until_ms": _ms(session.countdown_until), "label": session.countdown_label or ""}


def _qr_state(store: Store, session: Session) -> dict[str, Any] | None:
    if not session.qr_shown:
        return None
    account = saved_bank_account(store)
    if account is None:
        return {"error": "Chưa nhập tài khoản ngân hàng"}
    try:
        text = vietqr.payload(account, session.qr_amount, session.name)
    except vietqr.VietQRError as exc:
        log.warning("payment QR: %s", exc)
        return {"error": "Tài khoản ngân hàng không hợp lệ"}
    return {
        "rows": _qr_rows(text),
        "amount_text": None if session.qr_amount is None else format_vnd(session.qr_amount),
        "holder": account.holder,
        "bank": account.bank_name,
        "account": account.number,
    }


@functools.lru_cache(maxsize=32)
def _qr_rows(text: str) -> tuple[str, ...]:
    return tuple(vietqr.qr_rows(text))


def saved_bank_account(store: Store) -> vietqr.BankAccount | None:
    bin_, number, holder, bank_name = (store.setting(key) for key in BANK_SETTINGS)
    if not bin_ or not number:
        return None
    return vietqr.BankAccount(bin_, number, holder or "", bank_name or "")


def save_bank_account(store: Store, account: vietqr.BankAccount) -> None:
    """Remember the account the QR pays into (shop-wide: every laptop shows the same)."""
    names = {bin_: name for name, bin_ in vietqr.banks().items()}
    values = (
        account.bin,
        account.number,
        account.holder,
        account.bank_name or names.get(account.bin, ""),
    )
    for key, value in zip(BANK_SETTINGS, values, strict=True):
        store.set_setting(key, value)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


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
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, name: str) -> str:
        return f"{self.base_url}/overlay/{name}"

    def notify(self) -> None:
        """Something changed: read the database now rather than at the next poll.
        Safe to call from any thread."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._state = await asyncio.to_thread(self._read_state, self.store, self.session_id)
        self._server = await serve(
            self._client,
            "127.0.0.1",
            self.port,
            process_request=self._http,
            logger=_websocket_log,
            max_size=1 << 16,  # pages only listen: nothing big ever comes from them
        )
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
        if not self._local_host(request.headers.get("Host")):
            # a web page whose name points at 127.0.0.1 (DNS rebinding) sends its own name
            log.warning("overlay request refused for host %r", request.headers.get("Host"))
            return connection.respond(HTTPStatus.MISDIRECTED_REQUEST, "unknown host\n")
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
        if path.startswith("/photo/"):
            return self._photo(connection, path.removeprefix("/photo/"))
        if path == "/overlay/live.js":
            script = resource("overlays/live.js").read_text(encoding="utf-8")
            return _html(script, "text/javascript; charset=utf-8")
        return connection.respond(HTTPStatus.NOT_FOUND, "not found\n")

    def _local_host(self, host: str | None) -> bool:
        """Only this machine's own names, with this server's port (or none)."""
        host = (host or "").strip().lower()
        return any(host in (name, f"{name}:{self.port}") for name in LOCAL_NAMES)

    def _photo(self, connection: ServerConnection, code: str) -> Response:
        """Only the photo file a catalogue row names, and only if it really is an image:
        the name is resolved (a link to /etc/passwd is not a photo) and the file's first
        bytes must be an image format's."""
        from urllib.parse import unquote

        try:
            photo = self.store.product(unquote(code)).photo
        except NotFound:
            photo = None
        body = _image_file(Path(photo)) if photo and "://" not in photo else None
        if body is None:
            return connection.respond(HTTPStatus.NOT_FOUND, "no photo\n")
        return _response(*body)

    # --------------------------------------------------------------- websocket
    async def _client(self, connection: ServerConnection) -> None:
        self._clients.add(connection)
        try:
            await connection.send(json.dumps(self._state, ensure_ascii=False))
            async for _message in connection:
                pass  # pages only listen
        except ConnectionClosed as exc:  # OBS closed or reloaded the page: one line
            log.info("overlay page went away (%s)", exc)
        finally:
            self._clients.discard(connection)

    async def _follow_database(self) -> None:
        assert self._wake is not None
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)
            self._wake.clear()
            try:
                state = await asyncio.to_thread(self._read_state, self.store, self.session_id)
            except Exception:
                log.exception("overlay state could not be read; keeping the last one")
                continue
            if state != self._state:
                self._state = state
                broadcast(self._clients, json.dumps(state, ensure_ascii=False))


IMAGE_SIGNATURES = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
MAX_PHOTO = 20 << 20  # bytes


def _image_file(path: Path) -> tuple[bytes, str] | None:
    """(bytes, content type) when ``path``, resolved, is an image file of a known kind."""
    try:
        real = path.expanduser().resolve(strict=True)
        if real.suffix.lower() not in PHOTO_TYPES or not real.is_file():
            return None
        if real.stat().st_size > MAX_PHOTO:
            return None
        body = real.read_bytes()
    except (OSError, RuntimeError):  # missing, unreadable, a loop of links
        return None
    for signature, content_type in IMAGE_SIGNATURES.items():
        if body.startswith(signature):
            return body, content_type
    if body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return body, "image/webp"
    return None


class _OneLine(logging.Filter):
    """The websockets library logs a peer that vanished mid-handshake with a traceback;
    for a page OBS closed, one line says enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            cause = error.__cause__ or error.__context__ or error
            record.msg = f"{record.getMessage()}: {type(cause).__name__}: {cause}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


_websocket_log = logging.getLogger("livehelper.overlays.websockets")
_websocket_log.addFilter(_OneLine())


def _html(text: str, content_type: str = "text/html; charset=utf-8") -> Response:
    return _response(text.encode("utf-8"), content_type)


def _response(body: bytes, content_type: str) -> Response:
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
        f"<li><b>{escape(what)}</b><br><input readonly size=48 "
        f'value="{escape(server.page_url(name))}" onclick="this.select()"> '
        f'<a href="/overlay/{name}" target=_blank>xem / view</a></li>'
        for name, what in PAGES.items()
    )
    return (
        "<!doctype html><html lang=vi><meta charset=utf-8><title>livehelper overlays</title>"
        "<body style='font-family:sans-serif;max-width:48em'><h1>livehelper – overlay</h1>"
        "<p>Thêm từng trang vào OBS: Nguồn (Sources) → + → Trình duyệt (Browser), "
        "rộng 1920, cao 1080, dán địa chỉ bên dưới.<br>"
        "<i>Add each page to OBS as a Browser source, 1920×1080, with the address below.</i></p>"
        f"<ul>{rows}</ul></body></html>"
    )


class OverlayThread:
    """The overlay server on its own thread and event loop, as the app runs it."""

    def __init__(self, store: Store, session_id: int, port: int = DEFAULT_PORT) -> None:
        self.server = OverlayServer(store, session_id, port=port)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="livehelper-overlays", daemon=True
        )

    def start(self, timeout: float = 10) -> OverlayThread:
        """Raises OSError when the port is taken (another livehelper still open?)."""
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.server.start(), self._loop).result(timeout)
        except BaseException:
            self._close_loop()
            raise
        return self

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def page_url(self, name: str) -> str:
        return self.server.page_url(name)

    def notify(self) -> None:
        self.server.notify()

    def stop(self, timeout: float = 10) -> None:
        if self._loop.is_closed():
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(timeout)
        with contextlib.suppress(Exception):  # a database read still running gives back
            asyncio.run_coroutine_threadsafe(  # its connection before the store closes
                self._loop.shutdown_default_executor(), self._loop
            ).result(timeout)
        self._close_loop()

    def _close_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()
