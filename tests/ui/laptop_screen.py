"""Opens the real window on a laptop-sized screen (the offscreen platform with one
screen of the size given) and prints, as one JSON line, how it fits: run by
tests/ui/test_laptop.py in its own process, since a Qt process has one set of screens.

    python -m tests.ui.laptop_screen WIDTH HEIGHT DB_URL
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def main(width: int, height: int, url: str) -> None:
    import os

    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    ]}), encoding="utf-8")  # fmt: skip
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from livehelper.model import IncomingComment
    from livehelper.ui.app import create_window

    app = QApplication([])
    window, _language = create_window(app, url, False, "vi")
    report: dict[str, object] = {}

    def feed() -> None:
        assert window.backend.pipeline is not None
        for n in range(14):
            window.backend.pipeline.submit(IncomingComment(
                "tiktok", f"k{n}", f"u{n}", f"Chị Nguyễn Thị Khách {n}",
                f"chốt {n + 1}kg khoai sâm nhé shop ơi, gửi về Bản Hon xã Tam Đường {n}",
                datetime.now(UTC)))  # fmt: skip

    def measure() -> None:
        if len(window.queue.rows) < 14:
            return
        timer.stop()
        view = window.queue_view
        inside = [
            r for r in range(window.lanes.rowCount())
            if view.viewport().rect().contains(view.visualRect(window.lanes.index(r, 0)))
        ]  # fmt: skip
        frame, screen = window.frameGeometry(), window.screen().availableGeometry()
        report.update(
            window=[frame.x(), frame.y(), frame.width(), frame.height()],
            screen=[screen.x(), screen.y(), screen.width(), screen.height()],
            claims_visible=len(inside),
            column_widths=[view.columnWidth(c) for c in range(window.lanes.columnCount())],
            comment_chars=view.columnWidth(3) // max(1, view.fontMetrics().averageCharWidth()),
        )
        print(json.dumps(report), flush=True)
        window.backend.shutdown()
        app.quit()

    timer = QTimer()
    timer.timeout.connect(measure)
    window.sig_ready.connect(feed)
    window.sig_ready.connect(lambda: timer.start(50))
    window.show()
    window.start()
    app.exec()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
