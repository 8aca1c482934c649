"""Opens the real window on a laptop-sized screen (the offscreen platform with one
screen of the size given) and prints, as one JSON line, how it fits — the window and
then every dialog it opens, each opened the way the assistant opens it: run by
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
        window.backend.pipeline.submit(IncomingComment(
            "tiktok", "hello", "u99", "Anh Tuấn", "hàng đẹp quá shop", datetime.now(UTC)))  # fmt: skip
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
        open_dialogs()

    def open_dialogs() -> None:
        """Each dialog, opened by its button or key, measured as shown, then closed."""
        from PySide6.QtWidgets import QDialog

        from livehelper.model import ClaimStatus

        assert window.store is not None
        first = window.queue.rows[0].id
        window.store.decide([c.id for c in window.queue.rows[-3:]], ClaimStatus.CONFIRMED)
        shown: dict[str, list[int]] = {}

        def on_queue(action: str) -> None:
            window.queue_panel.select(first)
            getattr(window.queue_panel, action)()

        def on_feed() -> None:
            row = next(r for r, c in enumerate(window.feed.rows) if c.claim_id is None)
            window.feed_view.selectRow(row)
            window.feed_panel._claim_current()

        steps = [
            ("SettingsDialog", window.settings_button.click),
            ("OverlayDialog", window.overlays_button.click),
            ("ExportDialog", window.export_button.click),
            ("ReportDialog", window.report_button.click),
            ("ObsSettingsDialog", window.obs_panel.settings_button.click),
            ("AddSourceDialog", window.sources_panel.add_button.click),
            ("ManualOrderDialog", window.sources_panel.manual_button.click),
            ("ClaimDialog", on_feed),
            ("QInputDialog", lambda: on_queue("edit_quantity")),  # the new quantity
            ("BuyerDialog", lambda: on_queue("open_buyer")),
        ]
        waited = [0]

        def step() -> None:
            # whichever way a dialog opens (exec, open, show, Qt's static ones, which
            # run their own loop: this timer still fires inside it), it is found here
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    if type(widget).__name__ == "ExportDialog":  # its tallest page
                        widget.template.setCurrentIndex(widget.template.findData("viettelpost"))
                        QApplication.processEvents()
                    frame = widget.frameGeometry()
                    shown[type(widget).__name__] = [
                        frame.x(), frame.y(), frame.width(), frame.height()
                    ]  # fmt: skip
                    widget.reject()
            if steps and steps[0][0] not in shown and waited[0] < 100:  # 5 s for each
                waited[0] += 1
                return
            if steps:
                steps.pop(0)
            waited[0] = 0
            if steps:  # not from inside this timer: a modal dialog's loop must let it fire
                QTimer.singleShot(0, steps[0][1])
                return
            driver.stop()
            report["dialogs"] = shown
            print(json.dumps(report), flush=True)
            window.backend.shutdown()
            app.exit(0)

        steps[0][1]()
        driver.timeout.connect(step)
        driver.start(50)

    driver = QTimer()
    timer = QTimer()
    timer.timeout.connect(measure)
    window.sig_ready.connect(feed)
    window.sig_ready.connect(lambda: timer.start(50))
    window.show()
    window.start()
    app.exec()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
