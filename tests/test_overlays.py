"""Overlay pages in real headless Chromium, fed by the overlay server from the database."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from livehelper.comments.parser import parser_for
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.overlays.server import OverlayServer, snapshot
from livehelper.store import Store
from tests.obs_studio import free_port

XSS = "<img src=x onerror=alert(1)>"


class ServerThread:
    """The overlay server on its own asyncio loop, as the app runs it."""

    def __init__(self, store: Store, session_id: int, port: int) -> None:
        self.loop = asyncio.new_event_loop()
        self.server = OverlayServer(store, session_id, port=port)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture
def live(demo_store: Store) -> Iterator[tuple[Store, int, ServerThread]]:
    session = demo_store.start_session("overlay")
    demo_store.feature(session.id, "KS")
    server = ServerThread(demo_store, session.id, free_port())
    yield demo_store, session.id, server
    server.stop()


def confirm(store: Store, session_id: int, name: str, text: str, mid: str) -> None:
    comment = IncomingComment("tiktok", mid, mid, name, text, datetime.now(UTC))
    out = store.ingest(session_id, [comment], parser_for(store.products()).parse)
    store.decide([c.id for c in out.claims], ClaimStatus.CONFIRMED)


def test_product_page_follows_the_database(chromium, live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id, server = live
    page = chromium.open(server.server.page_url("product"))
    try:
        page.wait_for("document.getElementById('name').textContent === 'Khoai sâm Lai Châu'")
        assert page.evaluate("document.getElementById('price').textContent") == "35.000₫"
        assert page.evaluate("document.getElementById('stock').textContent") == "Còn 80 kg"
        assert (
            page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgba(0, 0, 0, 0)"
        )
        store.feature(session_id, "NA")  # as the CLI or another laptop would
        page.wait_for("document.getElementById('name').textContent === 'Na Chi Lăng'", timeout=3)
        page.screenshot(tmp_path / "product.png")
        assert (tmp_path / "product.png").stat().st_size > 1000
    finally:
        page.close()


def test_ticker_shows_buyer_text_as_text_and_never_a_phone(chromium, live) -> None:  # type: ignore[no-untyped-def]
    store, session_id, server = live
    confirm(store, session_id, XSS, "chốt 2kg 0912 345 678", "m1")
    confirm(store, session_id, "Chị Lan", "chốt 1kg", "m2")
    page = chromium.open(server.server.page_url("ticker"))
    try:
        page.wait_for("document.querySelectorAll('#ticker li').length === 2")
        texts = page.evaluate(
            "[...document.querySelectorAll('#ticker li')].map(li => li.textContent)"
        )
        assert texts[0] == "Chị Lan vừa chốt 1 kg Khoai sâm Lai Châu"
        assert texts[1] == f"{XSS} vừa chốt 2 kg Khoai sâm Lai Châu"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert "0912" not in page.evaluate("document.body.innerText")
    finally:
        page.close()
    assert "0912345678" not in json.dumps(snapshot(store, session_id))


def test_page_reconnects_after_the_server_restarts(chromium, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = demo_store.start_session("restart")
    demo_store.feature(session.id, "KS")
    port = free_port()
    server = ServerThread(demo_store, session.id, port)
    page = chromium.open(server.server.page_url("product"))
    try:
        page.wait_for("document.getElementById('name').textContent === 'Khoai sâm Lai Châu'")
        server.stop()
        page.wait_for("document.body.dataset.connected === 'no'")
        demo_store.feature(session.id, "MO")  # changed while the server was down
        server = ServerThread(demo_store, session.id, port)
        page.wait_for(
            "document.getElementById('name').textContent === 'Mật ong rừng Tây Bắc'", timeout=15
        )
    finally:
        page.close()
        server.stop()


def test_websocket_refuses_other_origins(live) -> None:  # type: ignore[no-untyped-def]
    _store, _sid, server = live
    ws_url = f"ws://127.0.0.1:{server.server.port}/ws"
    with pytest.raises(InvalidStatus) as refused, connect(ws_url, origin="http://evil.example"):  # type: ignore[arg-type]
        pass
    assert refused.value.response.status_code == 403
    with connect(ws_url, origin=server.server.base_url) as ws:  # type: ignore[arg-type]
        first = json.loads(ws.recv(timeout=5))
    assert first["type"] == "snapshot" and first["product"]["code"] == "KS"
