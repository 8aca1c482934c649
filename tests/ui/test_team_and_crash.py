"""Two laptops on one PostgreSQL show; the real window SIGKILLed mid-show."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from livehelper.model import ClaimStatus
from livehelper.store import Store
from tests.ui.window import close, comment, open_window


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
def decided(decisions):
    for d in decisions:
        if d.ok:
            print(d.claim_id, flush=True)  # what the assistant has been shown as done

window.queue_panel.sig_decided.connect(decided)
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
