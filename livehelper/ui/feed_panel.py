"""The live comments as they are stored, newest at the bottom; a filter for the ones
that may be orders the reader missed ("Có thể là đơn"); the whole comment of the row
in a line below; and a claim made from any of them (Enter, double-click, the menu)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from livehelper import phones, show
from livehelper.model import Claim, Comment
from livehelper.store import Store
from livehelper.ui import plain
from livehelper.ui.backend import Backend
from livehelper.ui.models import FeedModel, Index, refilter
from livehelper.ui.tables import table


class FeedView(QTableView):
    """Enter on a comment: make a claim of it."""

    sig_claim = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_claim.emit()
        else:
            super().keyPressEvent(event)


class SuspectFilter(QSortFilterProxyModel):
    """Every comment, or only those that may be orders the reader missed."""

    def __init__(self, feed: FeedModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_suspects = False
        self.setSourceModel(feed)

    def show_only_suspects(self, only: bool) -> None:
        refilter(self, lambda: setattr(self, "only_suspects", only))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.only_suspects:
            return True
        rows = self.sourceModel().rows  # type: ignore[attr-defined]
        return source_row < len(rows) and bool(rows[source_row].suspect)

    def comment_at(self, row: int) -> Comment:
        comment: Comment = self.index(row, 0).data(Qt.ItemDataRole.UserRole)
        return comment


class FeedPanel(QGroupBox):
    sig_claimed = Signal(object)
    """A Claim the assistant made from a comment."""
    sig_problem = Signal(str)

    def __init__(
        self,
        backend: Backend,
        store: Callable[[], Store | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._store = store
        self.model = FeedModel(self)
        self._suspects = 0  # how many comments shown are suspects
        self.filter = SuspectFilter(self.model, self)
        view = table(self.filter, (82, 112, 0, 76), FeedView())
        assert isinstance(view, FeedView)
        self.view = view
        self.suspects = QCheckBox()
        self.suspects.toggled.connect(self.filter.show_only_suspects)
        self.detail = plain.label()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.suspects)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.detail)
        view.sig_claim.connect(self._claim_current)
        view.doubleClicked.connect(lambda _index: self._claim_current())
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_detail())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Live comments"))
        self.model.retranslate()
        self.show_counts()
        self._show_detail()

    def show_counts(self) -> None:
        self.suspects.setText(self.tr("Only possible orders ({n})").format(n=self._suspects))

    def set_comments(self, comments: Sequence[Comment]) -> None:
        self.model.set_rows(comments)
        self._suspects = sum(1 for c in comments if c.suspect)
        self.show_counts()

    def append(self, comments: Sequence[Comment]) -> None:
        """New comments; the view follows them only if the assistant had not scrolled up."""
        bar = self.view.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        self.model.append_rows(comments)
        if at_bottom:
            self.view.scrollToBottom()
        # counted as they come: a long show's feed is never scanned on the GUI thread
        new = sum(1 for c in comments if c.suspect)
        if new:
            self._suspects += new
            self.show_counts()

    def current_comment(self) -> Comment | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.filter.rowCount():
            return None
        return self.filter.comment_at(index.row())

    def _show_detail(self) -> None:
        comment = self.current_comment()
        if comment is None:
            self.detail.setText(self.tr("Enter or double-click a comment to make an order of it."))
            return
        self.detail.setText(f"{comment.buyer_name}: {phones.mask(comment.text)}")

    def _menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("Make an order of this comment… (Enter)"), self._claim_current)
        menu.popup(self.view.viewport().mapToGlobal(point))

    # ------------------------------------------------------------- making a claim
    def _claim_current(self) -> None:
        comment, store = self.current_comment(), self._store()
        if comment is None or store is None:
            return
        if comment.claim_id is not None:
            self.sig_problem.emit(
                self.tr("This comment is already claim {id}.").format(id=comment.claim_id)
            )
            return
        self._backend.call(
            lambda: (show.claim_draft(store, comment.id), store.products()),
            done=lambda found: self._ask(store, *found),
            failed=lambda exc: self.sig_problem.emit(str(exc)),
        )

    def _ask(self, store: Store, draft: show.Draft, products: list[Any]) -> None:
        from livehelper.ui.claim_dialog import ClaimDialog

        dialog = ClaimDialog(draft, products, self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        comment_id, items, phone = draft.comment.id, dialog.items(), dialog.phone_given()
        self._backend.call(
            store.claim_comment,
            comment_id,
            items,
            phone,
            done=self._claimed,
            failed=lambda exc: self.sig_problem.emit(
                self.tr("No order was made: {reason}").format(reason=exc)
            ),
        )

    def _claimed(self, claim: Claim) -> None:
        row = self.model.row_of(lambda c: c.id == claim.comment_id)
        if row >= 0:
            was = self.model.rows[row]
            self.model.replace_row(row, dataclasses.replace(was, claim_id=claim.id))
            self._suspects -= was.suspect  # it has a claim now
            self.filter.show_only_suspects(self.filter.only_suspects)
        self.show_counts()
        self.sig_claimed.emit(claim)
