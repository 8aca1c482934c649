"""The live comments as they are stored, newest at the bottom; a filter for the ones
that may be orders the reader missed ("Có thể là đơn"); the whole comment of the row
in a line below; and a claim made from any of them (Enter, double-click, the menu).

The feed holds at most ``show.FEED_KEEP`` comments: a show of a million comments
would otherwise hold them all in the window. Following the live, the oldest go; the
assistant scrolling to the top reads older ones back from the database, and scrolling
down again, newer ones. The filter is the database's too, so it finds every suspect
of the show, not only those held."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from livehelper.ui.models import FeedModel
from livehelper.ui.tables import table


class FeedView(QTableView):
    """Enter on a comment: make a claim of it."""

    sig_claim = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_claim.emit()
        else:
            super().keyPressEvent(event)


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
        self.session_id: int | None = None
        self.total = 0  # comments in the show
        self._suspects = 0  # comments in the show that may be orders the reader missed
        self.only_suspects = False
        self._has_older = self._has_newer = False  # in the database, not held here
        self._loading = False  # one page at a time
        self._missed = False  # live comments left out while newer ones were read back
        view = table(self.model.qt, (82, 112, 0, 76), FeedView())
        assert isinstance(view, FeedView)
        self.view = view
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # a row a step
        view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.suspects = QCheckBox()
        self.suspects.toggled.connect(self._filter_changed)
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

    def set_comments(
        self, session_id: int | None, comments: Sequence[Comment], total: int, suspects: int
    ) -> None:
        """The show's newest comments (at most FEED_KEEP), and its counts."""
        self.session_id, self.total, self._suspects = session_id, total, suspects
        self._show_page(comments)

    def _show_page(self, comments: Sequence[Comment]) -> None:
        self.model.set_rows(comments)
        self._has_older = len(comments) >= show.FEED_KEEP
        self._has_newer = self._missed = False
        self.view.scrollToBottom()
        self.show_counts()

    def append(self, comments: Sequence[Comment]) -> None:
        """New comments; the view follows them only if the assistant had not scrolled up."""
        self.total += len(comments)
        new = sum(1 for c in comments if c.suspect)  # counted as they come
        if new:
            self._suspects += new
            self.show_counts()
        if self.only_suspects:
            comments = [c for c in comments if c.suspect]
        if not comments:
            return
        if self._has_newer:  # the assistant reads older ones: these are read back later
            self._missed = True
            return
        bar = self.view.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 2
        self.model.append_rows(comments)
        extra = len(self.model.rows) - show.FEED_KEEP
        if extra > 0 and following:
            self._drop_oldest(extra)
        elif extra > 0:  # scrolled up: what she reads stays, the newest wait in the database
            self.model.remove_rows(show.FEED_KEEP, extra)
            self._has_newer = True
        if following:
            self.view.scrollToBottom()

    def _drop_oldest(self, count: int) -> None:
        bar = self.view.verticalScrollBar()
        value = bar.value()
        self.model.remove_rows(0, count)
        self._has_older = True
        bar.setValue(max(0, value - count))  # the same comments stay in view

    def _drop_newest(self, count: int) -> None:
        self.model.remove_rows(len(self.model.rows) - count, count)
        self._has_newer = True

    # --------------------------------------------------------- reading back pages
    def _scrolled(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        if self._loading or not self.model.rows:
            return
        if value <= bar.minimum() and self._has_older:
            self._read_page(before_id=self.model.rows[0].id)
        elif value >= bar.maximum() and self._has_newer:
            self._read_page(after_id=self.model.rows[-1].id)

    def _read_page(self, before_id: int | None = None, after_id: int = 0) -> None:
        store, session_id = self._store(), self.session_id
        if store is None or session_id is None:
            return
        self._loading, self._missed = True, False
        only = self.only_suspects
        self._backend.call(
            store.comments,
            session_id,
            after_id,
            show.FEED_PAGE,
            before_id=before_id,
            suspects=only,
            done=lambda page: self._page_read(page, older=before_id is not None, only=only),
            failed=self._page_failed,
        )

    def _page_read(self, page: list[Comment], older: bool, only: bool) -> None:
        self._loading = False
        if only != self.only_suspects:  # the filter changed meanwhile: that reload wins
            return
        bar = self.view.verticalScrollBar()
        if older:
            self._has_older = len(page) >= show.FEED_PAGE
            value = bar.value()
            self.model.prepend_rows(page)
            bar.setValue(value + len(page))  # the same comments stay in view
            extra = len(self.model.rows) - show.FEED_KEEP
            if extra > 0:
                self._drop_newest(extra)
            return
        self.model.append_rows(page)
        self._has_newer = len(page) >= show.FEED_PAGE or self._missed
        extra = len(self.model.rows) - show.FEED_KEEP
        if extra > 0:
            self._drop_oldest(extra)
        if self._has_newer and bar.value() >= bar.maximum():
            self._read_page(after_id=self.model.rows[-1].id)  # live ones came meanwhile

    def _page_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.sig_problem.emit(str(exc))

    def _filter_changed(self, only: bool) -> None:
        """Every comment, or only the show's suspects: the newest of either, from the
        database."""
        self.only_suspects = only
        store, session_id = self._store(), self.session_id
        if store is None or session_id is None:
            return
        self._loading = True
        self._backend.call(
            store.comments,
            session_id,
            limit=show.FEED_KEEP,
            suspects=only,
            newest=True,
            done=lambda rows: self._filtered(rows, only),
            failed=self._page_failed,
        )

    def _filtered(self, rows: list[Comment], only: bool) -> None:
        self._loading = False
        if only == self.only_suspects:
            self._show_page(rows)

    def current_comment(self) -> Comment | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

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
            self._suspects -= was.suspect  # it has a claim now
            if self.only_suspects:
                self.model.remove_row(row)  # no longer one
            else:
                self.model.replace_row(row, dataclasses.replace(was, claim_id=claim.id))
        self.show_counts()
        self.sig_claimed.emit(claim)
