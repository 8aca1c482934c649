"""Render the README screenshot from the real window: the demo plays, an assistant
confirms a few claims with Enter and rejects one with Delete, then the window is saved.

    QT_QPA_PLATFORM=offscreen python -m livehelper.ui.screenshot OUT.png [vi|en]
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from livehelper.ui.app import create_window


def main(argv: list[str]) -> int:
    out = argv[0] if argv else "screenshot.png"
    lang = argv[1] if len(argv) > 1 else "vi"
    app = QApplication(sys.argv[:1])
    window, _language = create_window(app, None, demo=True, lang=lang, speed=20)
    window.assistant.setText("Mai")
    window.show()
    window.start()

    def assistant_works() -> None:
        window.queue_view.setFocus()
        window.queue_view.selectRow(0)
        for _ in range(5):
            QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
            QTest.qWait(120)
        QTest.keyClick(window.queue_view, Qt.Key.Key_Delete)

    def save() -> None:
        window.grab().save(out)
        print(out)
        app.quit()

    QTimer.singleShot(4000, assistant_works)
    QTimer.singleShot(6000, save)
    code = app.exec()
    window.backend.shutdown()
    window.deleteLater()  # gone before the interpreter exits (PySide6 teardown order)
    app.processEvents()
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
