"""The window, driven as an assistant would: clicks, function keys, Enter and Delete.

Runs offscreen (conftest sets QT_QPA_PLATFORM) against a real SQLite file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton, QTableView

from livehelper.catalogue import read_catalogue
from livehelper.model import ClaimStatus, Comment, IncomingComment, Intent
from livehelper.store import Store
from livehelper.ui.app import create_window
from livehelper.ui.main_window import MainWindow
from livehelper.ui.models import FeedModel, OrdersModel, ProductsModel, QueueModel, mask_phone
from tests.helpers import DEMO_CATALOGUE


@pytest.fixture(autouse=True)
def forget_saved_language() -> Iterator[None]:
    """The language choice is remembered between runs; each test starts without one.
    Windows under test keep quiet: speech is tested on files (test_speech.py)."""
    settings = QSettings("livehelper", "livehelper")
    settings.remove("language")
    settings.setValue("speech/on", False)
    yield
    settings.remove("language")
    settings.remove("speech")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[str, Store, int]]:
    url = f"sqlite:///{tmp_path / 'ui.sqlite3'}"
    store = Store.open(url)
    store.import_products(read_catalogue(DEMO_CATALOGUE))
    session = store.start_session("Tối thứ bảy")
    store.feature(session.id, "KS")
    yield url, store, session.id
    store.close()


def open_window(qtbot, url: str | None, demo: bool = False, lang: str = "en") -> MainWindow:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    window, language = create_window(app, url, demo, lang, speed=40)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sig_ready, timeout=10000):
        window.start()
    window._test_language = language  # type: ignore[attr-defined]
    return window


@pytest.fixture
def window(qtbot, db) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, db[0])
    yield w
    close(w)


def close(w: MainWindow) -> None:
    w.backend.shutdown()
    w._test_language.use("en")  # type: ignore[attr-defined]
    w.close()


def comment(i: int, text: str, name: str = "Chị Lan") -> IncomingComment:
    return IncomingComment("tiktok", f"m{i}", f"u{i}", name, text, datetime.now(UTC))


def click_row(qtbot, view: QTableView, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_products_are_shown_with_the_featured_one(window: MainWindow) -> None:
    codes = [p.code for p in window.products.rows]
    assert "KS" in codes and window.products.featured == "KS"
    assert window.session is not None and window.session.name == "Tối thứ bảy"


def test_click_features_a_product_in_the_database(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    row = [p.code for p in window.products.rows].index("NA")
    click_row(qtbot, window.products_view, row)
    qtbot.waitUntil(lambda: window.products.featured == "NA", timeout=5000)
    assert store.session(session_id).featured_code == "NA"


def test_function_key_features_the_nth_product(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    QTest.keyClick(window, Qt.Key.Key_F2)
    second = window.products.rows[1].code
    qtbot.waitUntil(lambda: window.products.featured == second, timeout=5000)
    assert store.session(session_id).featured_code == second


def test_claims_arrive_and_enter_confirms_then_selects_the_next(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    _url, store, _session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg", "Chị Lan"))
    pipeline.submit(comment(2, "giá bao nhiêu", "Tuấn"))
    pipeline.submit(comment(3, "lấy 3kg 0912 345 678", "Mẹ Bống"))
    qtbot.waitUntil(
        lambda: len(window.queue.rows) == 2 and len(window.feed.rows) == 3, timeout=5000
    )
    assert [c.intent for c in window.feed.rows] == [Intent.ORDER, Intent.OTHER, Intent.ORDER]
    assert window.queue.rows[1].phone == "0912345678"
    assert window.queue.data(window.queue.index(1, 4)) == "0912•••678"  # masked

    first = window.queue.rows[0]
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    assert store.claim(first.id).status is ClaimStatus.CONFIRMED
    assert window.queue_view.currentIndex().row() == 0  # the next claim is selected
    qtbot.waitUntil(lambda: len(window.orders.rows) == 1, timeout=5000)
    assert window.orders.rows[0].buyer_name == "Chị Lan" and window.orders.rows[0].total == 70000
    qtbot.waitUntil(
        lambda: next(p for p in window.products.rows if p.code == "KS").stock == Decimal(78)
    )
    assert "70.000₫" in window.counts_status.text()


def test_delete_rejects(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, _sid = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    claim = window.queue.rows[0]
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not window.queue.rows, timeout=5000)
    assert store.claim(claim.id).status is ClaimStatus.REJECTED


def test_e_edits_the_quantity(qtbot, window: MainWindow, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _url, store, _sid = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (2.5, True))
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.queue.rows[0].items[0].qty == Decimal("2.5"), timeout=5000)
    assert store.claim(window.queue.rows[0].id).items[0].qty == Decimal("2.5")


def test_language_switches_at_runtime(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.confirm_button.text() == "Confirm (Enter)"
    window.language.setCurrentIndex(window.language.findData("vi"))
    qtbot.waitUntil(lambda: window.confirm_button.text() == "Xác nhận (Enter)", timeout=3000)
    assert window.products.headerData(2, Qt.Orientation.Horizontal) == "Sản phẩm"
    window.language.setCurrentIndex(window.language.findData("en"))
    qtbot.waitUntil(lambda: window.confirm_button.text() == "Confirm (Enter)", timeout=3000)


def test_vietnamese_is_the_default(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    w, language = create_window(app, db[0], False, None)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w._test_language = language  # type: ignore[attr-defined]
    try:
        assert w.confirm_button.text() == "Xác nhận (Enter)"
        assert w.language.currentData() == "vi"
    finally:
        close(w)


def test_the_language_choice_is_remembered(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, db[0], lang="vi")
    w.language.setCurrentIndex(w.language.findData("en"))
    close(w)
    app = QApplication.instance()
    again, language = create_window(app, db[0], False, None)  # type: ignore[arg-type]
    qtbot.addWidget(again)
    again._test_language = language  # type: ignore[attr-defined]
    try:
        assert again.confirm_button.text() == "Confirm (Enter)"
    finally:
        close(again)


def test_resumes_the_live_session_with_its_comments(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    url, store, session_id = db
    from livehelper.comments.parser import parser_for

    store.ingest(
        session_id,
        [comment(1, "chốt 2kg"), comment(2, "hello")],
        parser_for(store.products()).parse,
    )
    w = open_window(qtbot, url)
    try:
        assert len(w.feed.rows) == 2 and len(w.queue.rows) == 1
        assert w.queue_view.currentIndex().row() == 0
    finally:
        close(w)


def test_empty_database_offers_the_demo(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        assert w.banner.isVisible() and "demo" in w.banner.text()
        assert w.session is None
    finally:
        close(w)


def test_demo_streams_comments_into_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, None, demo=True)
    try:
        qtbot.waitUntil(lambda: len(w.feed.rows) == 48, timeout=20000)
        assert len(w.queue.rows) >= 20
        assert w.products.featured == "HH"  # the script's last product
    finally:
        close(w)


def test_models_pass_qt_model_tester(qtmodeltester, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    from livehelper.comments.parser import parser_for

    out = store.ingest(
        session_id,
        [comment(i, "chốt 2kg 0912345678") for i in range(5)],
        parser_for(store.products()).parse,
    )
    store.decide([out.claims[0].id], ClaimStatus.CONFIRMED)
    products, feed, queue, orders = ProductsModel(), FeedModel(), QueueModel(), OrdersModel()
    products.set_rows(store.products())
    feed.set_rows(list(out.comments))
    queue.set_rows(list(out.claims[1:]))
    orders.set_rows(store.orders(session_id))
    for model in (products, feed, queue, orders):
        qtmodeltester.check(model, force_py=True)


def test_feed_takes_100k_comments_in_batches(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = FeedModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    start = datetime.now(UTC)
    for batch in range(100):
        model.append_rows(
            [
                Comment(
                    batch * 1000 + i,
                    1,
                    "tiktok",
                    str(i),
                    1,
                    "Lan",
                    "chốt 2kg",
                    start + timedelta(seconds=i),
                    Intent.ORDER,
                    None,
                )
                for i in range(1000)
            ]
        )
    view.scrollToBottom()
    QApplication.processEvents()
    assert model.rowCount() == 100_000
    assert view.rowAt(view.viewport().height() - 5) > 99_000


def test_mask_phone() -> None:
    assert mask_phone("0912345678") == "0912•••678"
    assert mask_phone(None) == "" and mask_phone("123") == "•••"


def test_catalogue_problems_are_told_in_vietnamese(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.errors import CatalogueError
    from livehelper.ui.texts import catalogue_error_text

    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,price,unit\nKS,Khoai,abc,kg\nKS,Khoai 2,1,\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(bad)
    window._test_language.use("vi")  # type: ignore[attr-defined]
    text = catalogue_error_text(caught.value)
    assert "Chưa nhập gì cả" in text
    assert "dòng 2: giá 'abc' không phải số tiền đồng chẵn" in text
    assert "dòng 3: mã 'KS' đã dùng ở dòng 2" in text
    assert "dòng 3: đơn vị tính đang trống" in text
    window._test_language.use("en")  # type: ignore[attr-defined]
    assert "line 2: the price 'abc' is not a whole amount" in catalogue_error_text(caught.value)


def test_offering_the_demo_switches_without_blocking(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    w = open_window(qtbot, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        with qtbot.waitSignal(w.sig_ready, timeout=10000):
            w.demo_button.click()
        assert w.demo_mode and not w.banner.isVisible()
        qtbot.waitUntil(lambda: len(w.feed.rows) > 5, timeout=20000)
    finally:
        close(w)


def test_window_drives_a_real_obs(qtbot, db, obs_studio) -> None:  # type: ignore[no-untyped-def]
    from livehelper.overlays.obs import TEXT_INPUTS, ObsConnection, ObsSettings
    from tests.real.obs_studio import SCENES

    url = db[0]
    settings = ObsSettings.from_url(obs_studio.url, obs_studio.password)
    app = QApplication.instance()
    w, language = create_window(app, url, False, "en", obs=settings)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w._test_language = language  # type: ignore[attr-defined]
    w.show()
    with qtbot.waitSignal(w.sig_ready, timeout=10000):
        w.start()
    try:
        qtbot.waitUntil(lambda: w.obs_panel.state.connected, timeout=10000)
        assert [b.text() for b in w.obs_panel.scene_buttons] == list(SCENES)
        assert "OBS: connected" in w.obs_status.text()

        w.obs_panel.scene_buttons[1].click()
        qtbot.waitUntil(lambda: w.obs_panel.state.program_scene == SCENES[1], timeout=5000)
        assert w.obs_panel.scene_buttons[1].isChecked()
        with ObsConnection(settings) as obs:
            assert obs.program_scene() == SCENES[1]

        w.obs_panel.setup_button.click()
        with ObsConnection(settings) as obs:
            qtbot.waitUntil(lambda: set(TEXT_INPUTS.values()) <= obs.input_names(), timeout=5000)
        click_row(qtbot, w.products_view, [p.code for p in w.products.rows].index("NA"))
        with ObsConnection(settings) as obs:
            qtbot.waitUntil(lambda: obs.text_of(TEXT_INPUTS["name"]) == "Na Chi Lăng", timeout=5000)
            # the three texts are three requests: the stock may land a moment after the name
            qtbot.waitUntil(lambda: obs.text_of(TEXT_INPUTS["stock"]) == "Còn 40 hộp", timeout=5000)

            assert w.backend.pipeline is not None
            w.backend.pipeline.submit(comment(1, "chốt 2 hộp"))
            qtbot.waitUntil(lambda: len(w.queue.rows) == 1, timeout=5000)
            w.queue_view.setFocus()
            w.queue_view.selectRow(0)
            QTest.keyClick(w.queue_view, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: obs.text_of(TEXT_INPUTS["stock"]) == "Còn 38 hộp", timeout=5000)
    finally:
        close(w)


def _overlay_state(base_url: str) -> dict:  # type: ignore[type-arg]
    from websockets.sync.client import connect

    ws_url = base_url.replace("http://", "ws://") + "/ws"
    with connect(ws_url, origin=base_url) as ws:  # type: ignore[arg-type]
        return json.loads(ws.recv(timeout=5))  # type: ignore[no-any-return]


def test_overlays_start_with_the_live_and_the_dialog_drives_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.overlay_dialog import OverlayDialog

    qtbot.waitUntil(lambda: window.overlay_url != "", timeout=5000)
    assert window.overlay_url in window.overlay_status.text()
    assert _overlay_state(window.overlay_url)["product"]["code"] == "KS"

    window.overlays_button.click()
    qtbot.waitUntil(lambda: window.overlay_dialog is not None, timeout=5000)
    dialog = window.overlay_dialog
    assert isinstance(dialog, OverlayDialog)
    assert dialog.url_fields["qr"].text() == f"{window.overlay_url}/overlay/qr"

    dialog.minutes.setValue(5)
    dialog.countdown_label.setText("Giờ vàng")
    with qtbot.waitSignal(dialog.sig_countdown):
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Start countdown").click()
    qtbot.waitUntil(
        lambda: (_overlay_state(window.overlay_url)["countdown"] or {}).get("label") == "Giờ vàng",
        timeout=5000,
    )

    dialog.account.setText("12345")
    dialog.bank.setEditText("Ngân hàng Mặt Trăng")
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Show QR").click()
    assert "6-digit NAPAS BIN" in dialog.problem.text()  # refused, nothing sent

    dialog.bank.setCurrentIndex(dialog.bank.findData("970436"))
    dialog.account.setText("0123 456 789")
    dialog.holder.setText("HTX Na Chi Lăng")
    dialog.amount.setValue(350000)
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Show QR").click()
    qtbot.waitUntil(
        lambda: (_overlay_state(window.overlay_url)["qr"] or {}).get("amount_text") == "350.000₫",
        timeout=5000,
    )
    state = _overlay_state(window.overlay_url)["qr"]
    assert state["bank"] == "Vietcombank" and state["account"] == "0123456789"
    dialog.close()


def test_overlay_pages_in_obs_are_reloaded_once_the_server_is_up(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """OBS never retries a browser source that failed while livehelper was closed."""
    from livehelper.overlays.obs import ObsSettings
    from tests.fakes.obs_protocol import ProtocolObs, WindowsObs
    from tests.real.obs_studio import free_port

    model = WindowsObs()
    model.add_input(
        "Scene A", "Cửa hàng", "browser_source", {"url": "http://127.0.0.1:1/overlay/x"}
    )
    obs = ProtocolObs(model, free_port()).start()
    app = QApplication.instance()
    settings = ObsSettings.from_url(obs.url, model.password)
    w, language = create_window(app, db[0], False, "en", obs=settings)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w._test_language = language  # type: ignore[attr-defined]
    try:
        with qtbot.waitSignal(w.sig_ready, timeout=10000):
            w.start()
        qtbot.waitUntil(lambda: w.overlay_url != "", timeout=5000)
        # what a seller's OBS has: a browser source on this server's product page
        model.add_input(
            "Scene A", "livehelper overlay product", "browser_source",
            {"url": f"{w.overlay_url}/overlay/product"},
        )  # fmt: skip
        w.backend.call(w.backend.start_obs, settings)  # e.g. OBS settings saved again
        qtbot.waitUntil(lambda: bool(model.requested("PressInputPropertiesButton")), timeout=10000)
        pressed = model.requested("PressInputPropertiesButton")
        assert {(p["inputName"], p["propertyName"]) for p in pressed} == {
            ("livehelper overlay product", "refreshnocache")  # never the shop's own page
        }
    finally:
        close(w)
        obs.stop()


def test_sources_strip_adds_a_relay_and_shows_its_health(
    qtbot, window: MainWindow, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from livehelper.ui.sources_panel import AddSourceDialog
    from tests.fakes.platform_servers import RelayServer

    relay = RelayServer()
    relay.history = [json.dumps({"id": f"z{n}", "platform": "zalo", "user_name": f"Chị Lan {n}", "text": "chốt 1kg"}) for n in range(3)]  # fmt: skip

    def fill_and_accept(dialog: AddSourceDialog) -> int:
        dialog.platform.setCurrentIndex(dialog.platform.findData("relay"))
        dialog.value.setText(relay.url)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddSourceDialog, "exec", fill_and_accept)
    try:
        window.sources_panel.add_button.click()
        qtbot.waitUntil(lambda: len(window.queue.rows) == 3, timeout=10000)
        qtbot.waitUntil(lambda: "relay:" in window.sources_panel.lines.text(), timeout=3000)
        assert "receiving" in window.sources_panel.lines.text()
        assert not window.sources_panel.alarm
    finally:
        relay.stop()


def test_an_order_typed_in_by_the_assistant(qtbot, window: MainWindow, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from livehelper.ui.sources_panel import ManualOrderDialog

    def fill(dialog: ManualOrderDialog) -> int:
        dialog.buyer.setText("Cô Ba (gọi điện)")
        dialog.phone.setText("0912 345 678")
        dialog.text.setText("2 hộp na")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ManualOrderDialog, "exec", fill)
    window.sources_panel.manual_button.click()
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    claim = window.queue.rows[0]
    assert claim.buyer_name == "Cô Ba (gọi điện)" and claim.items[0].code == "NA"
    assert claim.phone == "0912345678" and claim.platform == "manual"


def test_ending_a_facebook_live_adds_what_the_stream_dropped(
    qtbot, window: MainWindow, db, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from livehelper.ui.sources_panel import AddSourceDialog
    from tests.fakes.platform_servers import FacebookBehaviour, FakeFacebook
    from tests.helpers import wait_for

    server = FakeFacebook("777", "page-token", FacebookBehaviour(stream_skips_every=2)).start()
    monkeypatch.setenv("LIVEHELPER_FACEBOOK_TOKEN", "page-token")
    QSettings("livehelper", "livehelper").setValue("sources/facebook_graph_url", server.url)
    QSettings("livehelper", "livehelper").setValue("sources/facebook_streaming_url", server.url)

    def fill(dialog: AddSourceDialog) -> int:
        dialog.value.setText("777")  # Facebook is the first platform
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddSourceDialog, "exec", fill)
    try:
        window.sources_panel.add_button.click()
        assert wait_for(lambda: server.streams >= 1, timeout=10)
        server.post(10)
        qtbot.waitUntil(lambda: len(window.queue.rows) == 5, timeout=10000)  # half streamed
        window.live_button.click()  # end the live
        qtbot.waitUntil(lambda: "5 comments" in window.statusBar().currentMessage(), timeout=15000)
        assert db[1].comment_count(db[2]) == 10
    finally:
        QSettings("livehelper", "livehelper").remove("sources")
        server.stop()


def test_a_confirmed_order_is_read_aloud(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    from livehelper.speech import Announcer

    said: list[str] = []
    window.backend.announcer.close()
    window.backend.announcer = Announcer(speak=said.append)
    window.speech_button.setChecked(True)  # applies the window's choice to the new announcer
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg 0912345678", name="Chị Lan 0912345678"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: said == ["Chị Lan chốt hai ký Khoai sâm Lai Châu"], timeout=5000)
    window.speech_button.setChecked(False)  # muted: nothing more is said
    window.backend.pipeline.submit(comment(2, "chốt 1kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.queue.rows, timeout=5000)
    assert len(said) == 1


def test_duplicate_policy_in_the_queue(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    """Same buyer: the same order again adds nothing; a new quantity asks R (replace) or
    M (add); a cancel turns their claims red."""
    from livehelper.ui.models import CANCEL_BG

    pipeline = window.backend.pipeline
    assert pipeline is not None

    def lan(i: int, text: str) -> IncomingComment:
        return IncomingComment("tiktok", f"lan{i}", "lan", "Chị Lan", text, datetime.now(UTC))

    pipeline.submit(lan(1, "chốt 2kg"))
    pipeline.submit(lan(2, "chốt 2kg"))
    qtbot.waitUntil(lambda: len(window.feed.rows) == 2, timeout=5000)
    assert len(window.queue.rows) == 1  # said twice, one claim
    first = window.queue.rows[0]
    pipeline.submit(lan(3, "à chốt 3kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    second = window.queue.rows[1]
    assert second.replaces_claim_id == first.id
    assert f"#{first.id}" in window.queue.data(window.queue.index(1, 2))
    window.queue_view.setFocus()
    window.queue_view.selectRow(1)
    QTest.keyClick(window.queue_view, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: [c.id for c in window.queue.rows] == [second.id], timeout=5000)
    assert db[1].claim(first.id).status is ClaimStatus.CANCELLED

    pipeline.submit(lan(4, "huỷ đơn nhé"))
    qtbot.waitUntil(lambda: window.queue.rows[0].cancel_requested, timeout=5000)
    assert window.queue.data(window.queue.index(0, 2), Qt.ItemDataRole.BackgroundRole) == CANCEL_BG
    # the half-second follow-up of the queue may show the red row before the batch's own
    # message comes: wait for the message, not for a moment
    qtbot.waitUntil(lambda: "asked to cancel" in window.statusBar().currentMessage(), timeout=5000)


def test_the_window_follows_other_assistants(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    """Another laptop (here: the store from outside the window, as the CLI would)
    confirms a claim and adds one: the window shows both within about a second."""
    _url, store, session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg"))
    pipeline.submit(comment(2, "chốt 1kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    elsewhere = window.queue.rows[0].id
    store.decide([elsewhere], ClaimStatus.CONFIRMED, by="Lan (laptop 2)")
    qtbot.waitUntil(lambda: elsewhere not in {c.id for c in window.queue.rows}, timeout=3000)
    qtbot.waitUntil(lambda: len(window.orders.rows) == 1, timeout=3000)  # totals follow too
    from livehelper.comments.parser import parser_for

    typed = IncomingComment("manual", "x1", "ba", "Cô Ba", "2 hộp na", datetime.now(UTC))
    store.ingest(session_id, [typed], parser_for(store.products()).parse)
    qtbot.waitUntil(lambda: any(c.buyer_name == "Cô Ba" for c in window.queue.rows), timeout=3000)
    assert len({c.id for c in window.queue.rows}) == len(window.queue.rows)  # no doubles


def test_a_phone_is_revealed_by_a_click_and_masked_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.models import QueueModel

    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg 0912 345 678"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    cell = window.queue.index(0, QueueModel.PHONE_COLUMN)
    assert window.queue.data(cell) == "0912•••678"
    rect = window.queue_view.visualRect(window.lanes.mapFromSource(cell))
    qtbot.mouseClick(window.queue_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.queue.data(cell) == "0912345678"
    qtbot.mouseClick(window.queue_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.queue.data(cell) == "0912•••678"


def test_claims_handled_by_another_assistant_are_marked(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, _session = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg"))
    window.backend.pipeline.submit(comment(2, "chốt 1kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    mine, theirs = window.queue.rows[0].id, window.queue.rows[1].id
    qtbot.waitUntil(lambda: store.claim(mine).held_by == window.assistant.text(), timeout=3000)
    assert store.hold(theirs, "Lan (laptop 2)")
    qtbot.waitUntil(lambda: "Lan (laptop 2) is on it" in window.queue.data(window.queue.index(1, 2)), timeout=3000)  # fmt: skip
    assert "is on it" not in window.queue.data(window.queue.index(0, 2))  # its own: unmarked
    window.queue_view.selectRow(1)  # moving on releases the first one
    qtbot.waitUntil(lambda: store.claim(mine).held_by is None, timeout=3000)


def _small_stock(store: Store, session_id: int, kg: int) -> None:
    from livehelper.store import ProductSpec

    store.import_products([ProductSpec("KS", "Khoai sâm Lai Châu", 35000, "kg", Decimal(kg))])


def test_sold_out_claims_wait_in_their_lane_and_freed_stock_is_announced(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    _small_stock(store, session_id, 3)
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 3kg", name="Chị Lan"))
    pipeline.submit(comment(2, "chốt 2kg", name="Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    lan, hoa = window.queue.rows
    assert not lan.waitlisted and hoa.waitlisted
    assert "SOLD OUT, in line" in window.queue.data(window.queue.index(1, 2))
    ks = next(p for p in window.products.rows if p.code == "KS")
    qtbot.waitUntil(
        lambda: next(p for p in window.products.rows if p.code == "KS").sold_out, timeout=3000
    )
    assert "0 (+3)" in window.products.data(window.products.index(window.products.rows.index(next(p for p in window.products.rows if p.code == "KS")), 4))  # fmt: skip
    del ks

    # the waiting lane shows only Hoa; Enter there cannot sell what Lan holds
    window.lane_tabs.setCurrentIndex(2)
    assert window.lanes.rowCount() == 1 and window.lanes.claim_at(0).id == hoa.id
    assert "Waiting for stock (1)" in window.lane_tabs.tabText(2)
    window.lane_tabs.setCurrentIndex(0)

    # Lan's claim is rejected on another laptop: the window shows Hoa got the stock
    (rejected,) = store.decide([lan.id], ClaimStatus.REJECTED, by="laptop 2")
    assert rejected.offered == (hoa.id,)
    qtbot.waitUntil(lambda: [c.id for c in window.queue.rows] == [hoa.id], timeout=3000)
    qtbot.waitUntil(lambda: window.queue.rows[0].offered_at is not None, timeout=3000)
    assert "BACK IN STOCK" in window.queue.data(window.queue.index(0, 2))
    qtbot.waitUntil(lambda: "Cô Hoa" in window.banner.text(), timeout=3000)
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.claim(hoa.id).status is ClaimStatus.CONFIRMED, timeout=3000)


def test_a_buyer_named_like_html_stays_text_in_the_banner(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    _small_stock(store, session_id, 3)
    pipeline = window.backend.pipeline
    assert pipeline is not None
    name = '<img src="x" width=4000 height=3000><b>Hoa</b>'
    pipeline.submit(comment(1, "chốt 3kg", name="Chị Lan"))
    pipeline.submit(comment(2, "chốt 2kg", name=name))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    lan = window.queue.rows[0]
    store.decide([lan.id], ClaimStatus.REJECTED, by="laptop 2")
    qtbot.waitUntil(lambda: "<img" in window.banner.text(), timeout=3000)
    assert window.banner.textFormat() == Qt.TextFormat.PlainText
    assert window.banner.sizeHint().height() < 300 and window.banner.sizeHint().width() < 1366


def test_the_unsure_lane_and_m_merges_a_buyers_claims(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, _session = db
    pipeline = window.backend.pipeline
    assert pipeline is not None

    def lan(i: int, text: str) -> IncomingComment:
        return IncomingComment("tiktok", f"lan{i}", "lan", "Chị Lan", text, datetime.now(UTC))

    pipeline.submit(lan(1, "chốt 2kg"))
    pipeline.submit(lan(2, "à chốt 3kg"))  # a new quantity: replace or add?
    pipeline.submit(comment(9, "chốt 1kg", name="Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 3, timeout=5000)
    first, second, _hoa = window.queue.rows
    window.lane_tabs.setCurrentIndex(1)  # not sure: only the question
    assert [window.lanes.claim_at(r).id for r in range(window.lanes.rowCount())] == [second.id]
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_M)  # merge: one claim of 5 kg
    qtbot.waitUntil(lambda: second.id not in {c.id for c in window.queue.rows}, timeout=3000)
    assert store.claim(second.id).status is ClaimStatus.MERGED
    merged = store.claim(first.id)
    assert merged.items[0].qty == 5
    qtbot.waitUntil(lambda: window.queue.rows[0].items[0].qty == 5, timeout=3000)
    assert window.lanes.rowCount() == 0  # nothing left to be unsure of


def test_settings_page_saves_shared_settings_and_the_show_cap(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.settings_dialog import SettingsDialog

    _url, store, session_id = db
    window.settings_button.click()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=3000)
    dialog = window.findChild(SettingsDialog)
    assert "R replaces" in " ".join(
        label.text() for label in dialog.findChildren(type(window.banner))
    )
    dialog.reserve.setValue(3)
    row = next(r for r in range(dialog.caps.rowCount()) if dialog.caps.item(r, 0).text() == "NA")
    dialog.caps.item(row, 3).setText("oops")
    dialog._save()
    assert "NA" in dialog.problem.text()  # named, nothing saved
    dialog.caps.item(row, 3).setText("5")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog._save()
    assert store.setting("reserve_minutes") == "3"
    na = next(p for p in store.stock_report(session_id) if p["code"] == "NA")
    assert (na["cap"], na["remaining"]) == (5, 5)


def test_a_flagged_buyer_is_warned_about_and_their_card_opens_with_b(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.model import Outcome
    from livehelper.ui.buyer_dialog import BuyerDialog
    from livehelper.ui.models import FLAGGED_FG

    _url, store, session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg 0912345678", name="Chị Lan"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    first = window.queue.rows[0]
    store.decide([first.id], ClaimStatus.CONFIRMED)
    (order,) = store.orders(session_id)
    store.set_outcome(order.id, Outcome.RETURNED)  # refused the parcel
    # (done on "another laptop": a window reads who is flagged at most once a second)
    qtbot.wait(1100)
    # she comes back under another account with the same phone
    pipeline.submit(
        IncomingComment(
            "facebook", "f1", "fb-lan", "Lan Nguyễn", "lấy 1kg 0912345678", datetime.now(UTC)
        )
    )
    qtbot.waitUntil(
        lambda: any(c.buyer_name == "Lan Nguyễn" for c in window.queue.rows), timeout=5000
    )
    row = next(i for i, c in enumerate(window.queue.rows) if c.buyer_name == "Lan Nguyễn")
    assert window.queue.data(window.queue.index(row, 1)) == "⚠ Lan Nguyễn"
    assert (
        window.queue.data(window.queue.index(row, 1), Qt.ItemDataRole.ForegroundRole) == FLAGGED_FG
    )
    assert "bom hàng" in window.statusBar().currentMessage()

    window.queue_view.setFocus()
    window.queue_view.selectRow(row)
    QTest.keyClick(window.queue_view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.findChild(BuyerDialog) is not None, timeout=3000)
    dialog = window.findChild(BuyerDialog)
    assert dialog.phone.text() == "0912•••678"  # masked until asked
    dialog.reveal.click()
    assert dialog.phone.text() == "0912345678"
    (merge,) = [b for b in dialog.findChildren(QPushButton) if "merge into this buyer" in b.text()]
    merge.click()  # the assistant agrees: one person
    qtbot.waitUntil(lambda: len(dialog.card.accounts) == 2, timeout=3000)
    assert dialog.card.returned == 1 and dialog.flagged.isChecked()
    dialog.flagged.setChecked(False)  # the seller forgives her
    dialog.address.setText("Bản Hon, Tam Đường, Lai Châu")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog._save()
    qtbot.waitUntil(lambda: not window.queue.rows[row].buyer_flagged, timeout=3000)
    assert store.buyer_card(first.buyer_id).person.address == "Bản Hon, Tam Đường, Lai Châu"


def test_two_laptops_share_a_show_on_postgresql(qtbot, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    """Two windows, each with its own store, worker thread and connections (two
    laptops), on one real PostgreSQL database: what one assistant decides, the other
    sees within a second; a claim held by one is marked on the other; stock is shared."""
    from livehelper.store import ProductSpec

    store = Store.open(postgres_url)
    store.import_products([ProductSpec("KS", "Khoai sâm Lai Châu", 35000, "kg", Decimal(3))])
    session = store.start_session("Cả nhóm")
    store.feature(session.id, "KS")
    lan = open_window(qtbot, postgres_url)
    mai = open_window(qtbot, postgres_url)
    lan.assistant.setText("Lan")
    mai.assistant.setText("Mai")
    try:
        assert lan.backend.pipeline is not None
        lan.backend.pipeline.submit(comment(1, "chốt 2kg", name="Cô Hoa"))
        lan.backend.pipeline.submit(comment(2, "chốt 2kg", name="Anh Tú"))  # 1 left: waits
        qtbot.waitUntil(lambda: len(mai.queue.rows) == 2, timeout=3000)  # read by Lan's laptop
        _hoa, tu = mai.queue.rows
        assert tu.waitlisted

        lan.queue_view.setFocus()
        lan.queue_view.selectRow(0)  # Lan looks at Hoa's claim: Mai sees who is on it
        qtbot.waitUntil(lambda: mai.queue.rows[0].held_by == "Lan", timeout=3000)
        started = datetime.now(UTC)
        QTest.keyClick(lan.queue_view, Qt.Key.Key_Delete)  # Hoa's claim rejected on Lan's laptop
        qtbot.waitUntil(lambda: [c.id for c in mai.queue.rows] == [tu.id], timeout=3000)
        assert (datetime.now(UTC) - started).total_seconds() < 1.5
        # the 2 kg Hoa held went to Tú, first in line; Mai's window shows it
        qtbot.waitUntil(lambda: mai.queue.rows[0].offered_at is not None, timeout=3000)
        mai.queue_view.setFocus()
        mai.queue_view.selectRow(0)
        QTest.keyClick(mai.queue_view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not lan.queue.rows, timeout=3000)
        qtbot.waitUntil(lambda: len(lan.orders.rows) == 1, timeout=3000)
        assert store.product("KS").stock == 1
        assert store.claim(tu.id).decided_by == "Mai"
    finally:
        close(lan)
        close(mai)
        store.close()


def test_export_dialog_checks_then_exports_with_progress_and_results(
    qtbot, window: MainWindow, db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.export_dialog import ExportDialog
    from tests.fakes.shop_servers import ShopServer

    _url, store, session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg 0912345678", name="Chị Lan"))
    pipeline.submit(comment(2, "chốt 1kg", name="Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    store.decide([c.id for c in window.queue.rows], ClaimStatus.CONFIRMED)
    lan = next(o for o in store.orders(session_id) if o.buyer_name == "Chị Lan")
    store.update_buyer(lan.buyer_id, address="thôn Nà Pàn, xã Chi Lăng, Lạng Sơn")

    window.export_button.click()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None, timeout=3000)
    dialog = window.findChild(ExportDialog)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("Cô Hoa" in t and t.startswith("⛔") for t in texts)  # no phone, no address

    dialog.template.setCurrentIndex(dialog.template.findData("ghtk"))
    dialog.preview()
    headers = [
        dialog.results.horizontalHeaderItem(c).text() for c in range(dialog.results.columnCount())
    ]
    assert "Tỉnh/Thành phố (?)" in headers and dialog.results.rowCount() == 2
    province = headers.index("Tỉnh/Thành phố (?)")
    assert {dialog.results.item(r, province).text() for r in range(2)} == {"Tỉnh Lạng Sơn", ""}
    dialog.export_file("xlsx", tmp_path / "ghtk")
    qtbot.waitUntil(lambda: "exported" in dialog.status.text(), timeout=5000)
    assert dialog.results.rowCount() == 2
    assert (
        tmp_path / "ghtk.xlsx"
    ).exists() and dialog.progress.value() == dialog.progress.maximum()
    assert "2 exported" in dialog.status.text()

    shop = ShopServer("shopify")
    try:
        dialog.destination.setCurrentIndex(dialog.destination.findData("shopify"))
        dialog.url.setText(shop.url)
        dialog.token.setText(shop.token)
        dialog.remember.setChecked(True)
        dialog.export_button.click()
        qtbot.waitUntil(lambda: "Done" in dialog.status.text(), timeout=10000)
        results = {dialog.results.item(r, 1).text() for r in range(dialog.results.rowCount())}
        assert results == {"sent", "held back: fix it first"}
        assert len(shop.orders) == 1  # Hoa's order waits for a phone and an address
        # the next time, the token kept for this address is filled in
        again = ExportDialog(dialog.checked, window.backend, store, session_id, window)
        again.destination.setCurrentIndex(again.destination.findData("shopify"))
        again.url.setText(shop.url)
        again.url.editingFinished.emit()
        qtbot.waitUntil(lambda: again.token.text() == shop.token, timeout=3000)
    finally:
        shop.stop()


def test_report_dialog_shows_and_saves(qtbot, window: MainWindow, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.export_dialog import ReportDialog

    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg", name="Chị Lan"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    db[1].decide([window.queue.rows[0].id], ClaimStatus.CONFIRMED, by="Mai")
    window.report_button.click()
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None, timeout=3000)
    dialog = window.findChild(ReportDialog)
    assert "70.000₫" in dialog.view.toPlainText() and "Mai" in dialog.view.toPlainText()
    dialog.save(tmp_path / "r.pdf")
    dialog.save(tmp_path / "r.html")
    qtbot.waitUntil(
        lambda: (tmp_path / "r.html").exists() and (tmp_path / "r.pdf").exists(), timeout=5000
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


APP_UNDER_TEST = r"""
import sys, time
from datetime import UTC, datetime
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from livehelper.model import IncomingComment
from livehelper.ui.app import create_window

app = QApplication([])
QSettings("livehelper", "livehelper").setValue("speech/on", False)
window, _language = create_window(app, sys.argv[1], False, "en")
original = window._decided

def decided(decisions):
    for d in decisions:
        if d.ok:
            print(d.claim_id, flush=True)  # what the assistant has been shown as done
    original(decisions)

window._decided = decided
window.show()

def feed():
    for n in range(300):
        window.backend.pipeline.submit(IncomingComment(
            "tiktok", f"k{n}", f"u{n}", f"Khách {n}", "chốt 1kg", datetime.now(UTC)))

def press_enter():
    if window.queue.rows:
        window.queue_view.setFocus()
        QTest.keyClick(window.queue_view, Qt.Key.Key_Return)

window.sig_ready.connect(feed)
timer = QTimer()
timer.timeout.connect(press_enter)
timer.start(5)
window.start()
app.exec()
"""


def test_the_app_killed_mid_show_loses_no_confirmation_or_hold(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The real window, in its own process, confirms claims as fast as Enter can be
    pressed; SIGKILL; the database holds every confirmation it showed, stock and holds
    add up, and the window opened again carries on with the claims still waiting."""
    import signal
    import subprocess
    import sys

    from livehelper.store import ProductSpec

    url = f"sqlite:///{tmp_path / 'show.sqlite3'}"
    store = Store.open(url)
    store.import_products([ProductSpec("KS", "Khoai sâm", 35000, "kg", Decimal(1000))])
    session = store.start_session("bị tắt")
    store.feature(session.id, "KS")
    proc = subprocess.Popen(
        [sys.executable, "-c", APP_UNDER_TEST, url], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    shown = [int(proc.stdout.readline()) for _ in range(40)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()

    confirmed = {c.id for c in store.claims(session.id, ClaimStatus.CONFIRMED)}
    assert set(shown) <= confirmed  # nothing the window showed as done was lost
    pending = store.claims(session.id, ClaimStatus.PENDING)
    product = store.product("KS")
    assert product.stock == 1000 - len(confirmed)  # no half-done confirmation
    assert product.reserved == sum(i.qty for c in pending if c.reserved_at for i in c.items)
    assert all(c.reserved_at for c in pending)  # every waiting claim still holds its kilo
    stored = store.comment_count(session.id)
    assert len(confirmed) + len(pending) == stored  # every stored order is a claim

    again = open_window(qtbot, url)  # the assistant opens livehelper again
    try:
        assert {c.id for c in again.queue.rows} == {c.id for c in pending}
        assert len(again.orders.rows) == len(confirmed)
    finally:
        close(again)
        store.close()


def test_a_bug_in_the_background_opens_the_crash_dialog_the_world_a_status_line(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from livehelper.errors import NotFound
    from livehelper.logs import log_file

    def world() -> None:
        raise NotFound("no claim with id 99")

    window.backend.call(world)
    qtbot.waitUntil(
        lambda: "no claim with id 99" in window.statusBar().currentMessage(), timeout=5000
    )
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    def bug() -> None:
        raise ZeroDivisionError("a bug")

    window.backend.call(bug)
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=5000
    )
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert str(log_file()) in box.text() and "ZeroDivisionError" in box.detailedText()
    box.close()


def test_a_token_saved_in_the_window_is_seen_by_the_cli(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One secrets fallback: without a keyring the window and ``livehelper listen`` use
    the same file; what an older window kept in its settings moves there."""
    import argparse

    from PySide6.QtCore import QSettings

    from livehelper import secrets
    from livehelper.cli.common import source_options_of
    from livehelper.ui.obs_panel import secret_fallback

    monkeypatch.setattr(secrets, "_keyring", lambda: None)  # a machine with no keyring
    monkeypatch.delenv("LIVEHELPER_FACEBOOK_TOKEN", raising=False)
    monkeypatch.delenv("LIVEHELPER_YOUTUBE_KEY", raising=False)
    QSettings("livehelper", "livehelper").setValue("secrets/youtube-key", "old-key")
    assert secrets.store_secret("facebook-token", "EAAB-window", secret_fallback()) is False
    given = {name: None for name in (
        "facebook_token", "youtube_key", "facebook_graph_url", "facebook_streaming_url",
        "comment_rate", "youtube_api_url", "tiktok_sessionid", "tiktok_target_idc", "tiktok_sign_url",
    )}  # fmt: skip
    try:
        options = source_options_of(argparse.Namespace(**given))
        assert options.facebook_token == "EAAB-window"
        assert options.youtube_key == "old-key"
        assert not QSettings("livehelper", "livehelper").contains("secrets/youtube-key")
    finally:  # the other tests' machine has no saved tokens
        for name in ("facebook-token", "youtube-key"):
            secrets.FileFallback().pop(name, None)
