"""Comment sources in the window: a relay's health, an order typed in, the after-live pass, speech."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from livehelper.ui.main_window import MainWindow
from tests.ui.window import comment


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


def test_speech_that_cannot_be_heard_says_so_once_in_the_window(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db, monkeypatch, tmp_path
) -> None:
    from livehelper import speech

    monkeypatch.setattr(speech.sys, "platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path))  # no aplay, paplay or pw-play: nothing to play with
    window.backend.announcer.close()
    window.backend.announcer = speech.Announcer(on_problem=window.backend.sig_speech_problem.emit)
    window.speech_button.setChecked(True)
    for n in range(2):
        window.backend.announcer.say(f"đơn {n}")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10000)
    assert "alsa-utils" in window.banner.text() and not window.backend.announcer.spoken
