"""HTML to PDF with Qt's own printer (QTextDocument on a QPdfWriter, A4): no browser
and no extra library. Used by the window and by ``livehelper report --out FILE.pdf``."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def write_pdf(html: str, out: Path) -> None:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a server without a screen
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    _app = QGuiApplication.instance() or QGuiApplication(["livehelper"])
    document = QTextDocument()
    document.setHtml(html)
    writer = QPdfWriter(str(out))
    writer.setTitle("livehelper")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del _app
