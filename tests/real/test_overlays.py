"""Overlay pages in real headless Chromium, fed by the overlay server from the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from livehelper.comments.parser import parser_for
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.overlays.server import OverlayThread, snapshot
from livehelper.store import Store
from tests.real.obs_studio import free_port

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def live(demo_store: Store) -> Iterator[tuple[Store, int, OverlayThread]]:
    session = demo_store.start_session("overlay")
    demo_store.feature(session.id, "KS")
    server = OverlayThread(demo_store, session.id, free_port()).start()
    yield demo_store, session.id, server
    server.stop()


def confirm(store: Store, session_id: int, name: str, text: str, mid: str) -> None:
    comment = IncomingComment("tiktok", mid, mid, name, text, datetime.now(UTC))
    out = store.ingest(session_id, [comment], parser_for(store.products()).parse)
    store.decide([c.id for c in out.claims], ClaimStatus.CONFIRMED)


def test_product_page_follows_the_database(chromium, live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id, server = live
    page = chromium.open(server.page_url("product"))
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
    page = chromium.open(server.page_url("ticker"))
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
    server = OverlayThread(demo_store, session.id, port).start()
    page = chromium.open(server.page_url("product"))
    try:
        page.wait_for("document.getElementById('name').textContent === 'Khoai sâm Lai Châu'")
        server.stop()
        page.wait_for("document.body.dataset.connected === 'no'")
        demo_store.feature(session.id, "MO")  # changed while the server was down
        server = OverlayThread(demo_store, session.id, port).start()
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
    with connect(ws_url, origin=server.base_url) as ws:  # type: ignore[arg-type]
        first = json.loads(ws.recv(timeout=5))
    assert first["type"] == "snapshot" and first["product"]["code"] == "KS"


def _qr_text_in(png: Path) -> list[str]:
    """What a phone's camera would read from the picture (zxing-cpp, a real decoder)."""
    import zxingcpp
    from PIL import Image

    return [code.text for code in zxingcpp.read_barcodes(Image.open(png).convert("L"))]


def test_qr_page_shows_a_scannable_vietqr(chromium, live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from livehelper import vietqr

    store, session_id, server = live
    page = chromium.open(server.page_url("qr"))
    try:
        page.wait_for("document.body.dataset.connected === 'yes'")
        assert page.evaluate("document.getElementById('panel').hidden") is True
        store.set_qr(session_id, True, 120000)  # no bank account saved yet
        page.wait_for("document.getElementById('problem').textContent !== ''")
        assert "ngân hàng" in page.evaluate("document.getElementById('problem').textContent")
        for key, value in zip(
            ("bank.bin", "bank.account", "bank.holder", "bank.name"),
            ("970415", "0011001932418", "NGUYEN VAN A", "VietinBank"),
            strict=True,
        ):
            store.set_setting(key, value)
        page.wait_for("document.getElementById('amount').textContent === '120.000₫'")
        assert page.evaluate("document.getElementById('holder').textContent") == "NGUYEN VAN A"
        page.screenshot(tmp_path / "qr.png", backdrop=(40, 40, 40))
        expected = vietqr.payload(
            vietqr.BankAccount("970415", "0011001932418"), 120000, store.session(session_id).name
        )
        assert _qr_text_in(tmp_path / "qr.png") == [expected]
        store.set_qr(session_id, False)
        page.wait_for("document.getElementById('panel').hidden === true")
    finally:
        page.close()


def test_countdown_page_counts_down_and_ends(chromium, live) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from livehelper.store import utcnow

    store, session_id, server = live
    page = chromium.open(server.page_url("countdown"))
    try:
        page.wait_for("document.body.dataset.connected === 'yes'")
        assert page.evaluate("document.getElementById('box').hidden") is True
        store.set_countdown(session_id, utcnow() + timedelta(minutes=5), "Giảm giá <b>20%</b>")
        page.wait_for("/^0[45]:\\d\\d$/.test(document.getElementById('clock').textContent)")
        assert page.evaluate("document.getElementById('label').textContent") == (
            "Giảm giá <b>20%</b>"  # shown as typed, never as HTML
        )
        first = page.evaluate("document.getElementById('clock').textContent")
        page.wait_for(f"document.getElementById('clock').textContent !== '{first}'", timeout=3)
        store.set_countdown(session_id, utcnow() + timedelta(seconds=1))
        page.wait_for("document.getElementById('clock').textContent === 'HẾT GIỜ'", timeout=5)
        assert page.evaluate("document.getElementById('label').textContent") == "FLASH SALE"
        store.set_countdown(session_id, None)
        page.wait_for("document.getElementById('box').hidden === true")
    finally:
        page.close()


def test_product_photo_is_served_from_the_catalogue_file_only(
    chromium, demo_store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import urllib.error
    import urllib.request

    from PIL import Image

    from livehelper.store import ProductSpec

    photo = tmp_path / "ks.png"
    Image.new("RGB", (64, 64), (200, 120, 40)).save(photo)
    ks = next(p for p in demo_store.products() if p.code == "KS")
    demo_store.import_products(
        [ProductSpec(ks.code, ks.name, ks.price, ks.unit, ks.stock, ks.aliases, str(photo))]
    )
    session = demo_store.start_session("photo")
    demo_store.feature(session.id, "KS")
    server = OverlayThread(demo_store, session.id, free_port()).start()
    page = chromium.open(server.page_url("product"))
    try:
        page.wait_for(
            "document.getElementById('photo').complete && !document.getElementById('photo').hidden"
        )
        assert page.evaluate("document.getElementById('photo').naturalWidth") == 64
        base = server.base_url
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/photo/NA", timeout=5)  # NA has no photo
        assert missing.value.code == 404
        missing.value.close()
        demo_store.feature(session.id, "NA")
        page.wait_for("document.getElementById('photo').hidden === true")
    finally:
        page.close()
        server.stop()


def test_screenshot_of_every_page(chromium, live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each page in a show-like state. `bash livehelper.sh screenshot` keeps these
    pictures in docs/overlays/ (LIVEHELPER_SCREENSHOTS names the folder)."""
    import os
    from datetime import timedelta

    from PIL import Image

    from livehelper.overlays.server import PAGES, save_bank_account
    from livehelper.store import utcnow
    from livehelper.vietqr import BankAccount

    store, session_id, server = live
    for i, (name, text) in enumerate(
        [("Chị Lan", "chốt 2kg"), ("Anh Tuấn Lạng Sơn", "lấy 3kg"), ("Cô Hoa", "chốt 1kg rưỡi")]
    ):
        confirm(store, session_id, name, text, f"s{i}")
    save_bank_account(store, BankAccount("970436", "0123456789", "HTX NÔNG SẢN LAI CHÂU"))
    store.set_qr(session_id, True, 105000)
    store.set_countdown(
        session_id, utcnow() + timedelta(minutes=4, seconds=59), "Giờ vàng giảm 20%"
    )
    out = Path(os.environ.get("LIVEHELPER_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    ready = {
        "product": "document.getElementById('stock').textContent.startsWith('Còn')",
        "ticker": "document.querySelectorAll('#ticker li').length === 3",
        "qr": "document.getElementById('amount').textContent === '105.000₫'",
        "countdown": "/^0[34]:\\d\\d$/.test(document.getElementById('clock').textContent)",
    }
    assert set(ready) == set(PAGES)
    for name in PAGES:
        page = chromium.open(server.page_url(name))
        try:
            page.wait_for(ready[name])
            path = out / f"overlay-{name}.png"
            page.screenshot(path, backdrop=(72, 78, 84))  # a stand-in for the camera picture
        finally:
            page.close()
        picture = Image.open(path).convert("RGB")
        assert picture.size == (1920, 1080)
        colours = picture.resize((96, 54)).getcolors(96 * 54) or []
        assert len(colours) > 4, f"{name}: the page drew nothing over the backdrop"


# ------------------------------------------------------------ hostile neighbours
def _get(url: str, host: str | None = None) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def test_only_this_machines_names_are_served(demo_store: Store) -> None:
    """A web page under another name that resolves to 127.0.0.1 (DNS rebinding) sends
    its own name as Host: it gets nothing."""
    session = demo_store.start_session("host")
    server = OverlayThread(demo_store, session.id, free_port()).start()
    try:
        port = server.server.port
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost"):
            assert _get(server.page_url("product"), host)[0] == 200, host
        for host in (
            f"evil.example:{port}",
            "evil.example",
            f"127.0.0.1:{port + 1}",
            "127.0.0.1.evil.example",
        ):
            status, body = _get(server.page_url("product"), host)
            assert status == 421 and b"FLASH" not in body, host
    finally:
        server.stop()


def test_photo_serves_only_real_images_of_the_catalogue(demo_store: Store, tmp_path: Path) -> None:
    from PIL import Image

    from livehelper.store import ProductSpec

    real = tmp_path / "ks.png"
    Image.new("RGB", (8, 8)).save(real)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    (tmp_path / "link.jpg").symlink_to(secret)  # named like a photo, pointing at a secret
    (tmp_path / "fake.png").write_text("root:x:0:0")  # an image name, not an image
    (tmp_path / "passwd.jpg").symlink_to("/etc/passwd")
    photos = {
        "KS": real,
        "NA": tmp_path / "link.jpg",
        "HH": tmp_path / "fake.png",
        "MO": tmp_path / "passwd.jpg",
    }
    specs = []
    for product in demo_store.products():
        if product.code in photos:
            specs.append(
                ProductSpec(
                    product.code,
                    product.name,
                    product.price,
                    product.unit,
                    product.stock,
                    product.aliases,
                    str(photos[product.code]),
                )
            )
    demo_store.import_products(specs)
    session = demo_store.start_session("photo")
    server = OverlayThread(demo_store, session.id, free_port()).start()
    try:
        status, body = _get(f"{server.base_url}/photo/KS")
        assert status == 200 and body.startswith(b"\x89PNG")
        for code in ("NA", "HH", "MO", "..%2F..%2Fetc%2Fpasswd"):
            status, body = _get(f"{server.base_url}/photo/{code}")
            assert status == 404 and b"root:" not in body, code
    finally:
        server.stop()


def test_a_page_that_vanishes_is_one_log_line(demo_store: Store, caplog) -> None:  # type: ignore[no-untyped-def]
    import base64
    import logging
    import os
    import socket
    import struct

    session = demo_store.start_session("gone")
    server = OverlayThread(demo_store, session.id, free_port()).start()
    port = server.server.port
    handshake = (
        f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}"
        f"\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n"
    ).encode()
    try:
        with caplog.at_level(logging.INFO):
            for cut_at in (len(handshake) // 2, len(handshake)):
                raw = socket.create_connection(("127.0.0.1", port))
                raw.sendall(handshake[:cut_at])
                if cut_at == len(handshake):
                    assert b"101" in raw.recv(4096).split(b"\r\n")[0]  # the page is connected
                # then the page is gone without a word (a reset, as a killed OBS leaves it)
                raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                raw.close()
            assert _get(server.page_url("product"))[0] == 200  # the server still serves
            server.stop()
        assert "Traceback" not in caplog.text
        assert all(r.exc_info is None for r in caplog.records), [
            r.getMessage() for r in caplog.records
        ]
    finally:
        server.stop()
