"""Helpers of the window tests: open and close a window, make a comment, click a row."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from livehelper.model import IncomingComment
from livehelper.store import Store
from livehelper.ui.app import create_window
from livehelper.ui.main_window import MainWindow


def open_window(qtbot, url: str | None, demo: bool = False, lang: str = "en") -> MainWindow:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    window, language = create_window(app, url, demo, lang, speed=40)  # type: ignore[arg-type]
    # pytest-qt closes the window after the test, before the fixtures end: as a script
    # closing the app, not as Alt+F4 during a live (which asks first)
    qtbot.addWidget(window, before_close_func=lambda w: w.backend.shutdown())
    window.show()
    with qtbot.waitSignal(window.sig_ready, timeout=10000):
        window.start()
    window._test_language = language  # type: ignore[attr-defined]
    return window


def close(w: MainWindow) -> None:
    w.backend.shutdown()
    w._test_language.use("en")  # type: ignore[attr-defined]
    w.close()


def comment(i: int, text: str, name: str = "Chị Lan") -> IncomingComment:
    return IncomingComment("tiktok", f"m{i}", f"u{i}", name, text, datetime.now(UTC))


def click_row(qtbot, view: QTableView, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _small_stock(store: Store, session_id: int, kg: int) -> None:
    from livehelper.store import ProductSpec

    store.import_products([ProductSpec("KS", "Khoai sâm Lai Châu", 35000, "kg", Decimal(kg))])


def _overlay_state(base_url: str) -> dict:  # type: ignore[type-arg]
    from websockets.sync.client import connect

    ws_url = base_url.replace("http://", "ws://") + "/ws"
    with connect(ws_url, origin=base_url) as ws:  # type: ignore[arg-type]
        return json.loads(ws.recv(timeout=5))  # type: ignore[no-any-return]
