"""OBS Studio and the overlay pages, driven from the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from livehelper.ui.app import create_window
from livehelper.ui.main_window import MainWindow
from tests.ui.window import _overlay_state, click_row, close, comment


def test_window_drives_a_real_obs(qtbot, db, obs_studio) -> None:  # type: ignore[no-untyped-def]
    from livehelper.overlays.obs import TEXT_INPUTS, ObsConnection, ObsSettings
    from tests.real.obs_studio import SCENES

    url = db[0]
    settings = ObsSettings.from_url(obs_studio.url, obs_studio.password)
    app = QApplication.instance()
    w, language = create_window(app, url, False, "en", obs=settings)  # type: ignore[arg-type]
    qtbot.addWidget(w, before_close_func=lambda w: w.backend.shutdown())
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
    qtbot.addWidget(w, before_close_func=lambda w: w.backend.shutdown())
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
