"""The window's status bar: the comment source, OBS, the overlays and the show's counts
(messages come and go on its left; these stay on its right)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QStatusBar

from livehelper.model import format_vnd
from livehelper.ui import plain


class StatusLine(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.source = plain.label()
        self.obs = plain.label()
        self.overlays = plain.label()
        self.counts = plain.label()
        for label in (self.source, self.obs, self.overlays, self.counts):
            label.setFrameShape(QFrame.Shape.NoFrame)
            bar.addPermanentWidget(label)

    def show_source(self, state: str) -> None:
        if state == "running":
            self.source.setText(self.tr("Comments: receiving"))
        elif state.startswith("failed"):
            self.source.setText(self.tr("Comments: stopped"))
        elif state == "ended":
            self.source.setText(self.tr("Comments: stream ended"))
        else:
            self.source.setText(self.tr("Comments: no source"))

    def show_obs(self, connected: bool) -> None:
        self.obs.setText(self.tr("OBS: connected") if connected else self.tr("OBS: not connected"))

    def show_overlays(self, url: str) -> None:
        self.overlays.setText(
            self.tr("Overlays: {url}").format(url=url) if url else self.tr("Overlays: off")
        )

    def show_counts(self, comments: int, pending: int, orders: int, revenue: int) -> None:
        self.counts.setText(
            self.tr(
                "{comments} comments · {pending} to confirm · {orders} orders · {revenue}"
            ).format(comments=comments, pending=pending, orders=orders, revenue=format_vnd(revenue))
        )
