"""The window's toolbar: which show is open, going live, the files, overlays, settings
and the demo. Its buttons are the window's to connect."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QToolBar, QWidget

from livehelper.model import Session
from livehelper.ui import plain


class ShowToolbar(QToolBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMovable(False)
        self.session_label = plain.label()
        self.session_label.setObjectName("session")
        self.addWidget(self.session_label)
        self.addSeparator()
        self.live_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.report_button = QPushButton()
        self.overlays_button = QPushButton()
        self.settings_button = QPushButton()
        self.demo_button = QPushButton()
        for button in (
            self.live_button,
            self.import_button,
            self.export_button,
            self.report_button,
            self.overlays_button,
            self.settings_button,
            self.demo_button,
        ):
            self.addWidget(button)

    def retranslate(self) -> None:
        self.import_button.setText(self.tr("Import products…"))
        self.export_button.setText(self.tr("Export orders…"))
        self.report_button.setText(self.tr("Report…"))
        self.demo_button.setText(self.tr("Try the demo"))
        self.overlays_button.setText(self.tr("Overlays and QR…"))
        self.settings_button.setText(self.tr("Settings…"))

    def show_session(self, session: Session | None) -> None:
        live = session is not None and session.ended_at is None
        self.live_button.setText(self.tr("End live") if live else self.tr("Start live"))
        if session is None:
            self.session_label.setText(self.tr("No live session"))
            return
        state = self.tr("LIVE") if live else self.tr("ended")
        full = f"{session.name} · {state}"
        metrics = self.session_label.fontMetrics()
        self.session_label.setText(metrics.elidedText(full, Qt.TextElideMode.ElideMiddle, 260))
        self.session_label.setToolTip(plain.tooltip(full))
