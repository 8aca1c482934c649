"""The live comments as they are stored, newest at the bottom."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from livehelper.model import Comment
from livehelper.ui.models import FeedModel
from livehelper.ui.tables import table


class FeedPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FeedModel(self)
        self.view = table(self.model, (80, 150, 0, 80))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Live comments"))
        self.model.retranslate()

    def set_comments(self, comments: Sequence[Comment]) -> None:
        self.model.set_rows(comments)

    def append(self, comments: Sequence[Comment]) -> None:
        """New comments; the view follows them only if the assistant had not scrolled up."""
        bar = self.view.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        self.model.append_rows(comments)
        if at_bottom:
            self.view.scrollToBottom()
