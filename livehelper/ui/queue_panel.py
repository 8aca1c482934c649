"""The claims waiting for an assistant: the lanes, the table the keyboard drives, the
buttons, and every decision taken from them (confirm, reject, change a quantity, merge
into or replace a buyer's earlier claim, the buyer's card).

It reads and writes only through ``Backend.call`` and tells the window what changed by
signals: the window never reaches into it to decide a claim.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from livehelper import show
from livehelper.model import Claim, ClaimStatus, ParsedItem, Step, StepKind
from livehelper.store import Decision, Store
from livehelper.ui import plain, texts
from livehelper.ui.backend import Backend
from livehelper.ui.buyer_cards import BuyerCards
from livehelper.ui.follower import JustDecided
from livehelper.ui.looking import LookingAt
from livehelper.ui.models import LANES, LaneFilter, QueueModel, claim_detail, in_lane, items_text
from livehelper.ui.quantity_dialog import ask_quantity
from livehelper.ui.tables import table
from livehelper.ui.undo_history import UndoHistory


class QueueView(QTableView):
    """The claims table; the keyboard drives it: Enter confirms, Delete rejects, E edits,
    R replaces a buyer's earlier claim with this new quantity, M merges this claim into
    the buyer's earlier one (Ctrl+Z, the panel's, undoes). Backspace does nothing: it
    is pressed by mistake too easily to reject with."""

    sig_confirm = Signal()
    sig_reject = Signal()
    sig_edit = Signal()
    sig_repeat = Signal(bool)
    """True: replace the earlier claim (R); False: merge into it (M)."""
    sig_buyer = Signal()
    """B: the buyer's card (history, notes, the "bom hàng" flag)."""
    sig_focus = Signal(bool)
    """The keyboard came (True) or went (False)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.sig_focus.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.sig_focus.emit(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_confirm.emit()
        elif key == Qt.Key.Key_Delete:
            self.sig_reject.emit()
        elif key == Qt.Key.Key_Backspace:
            return
        elif key == Qt.Key.Key_E:
            self.sig_edit.emit()
        elif key in (Qt.Key.Key_R, Qt.Key.Key_M):
            self.sig_repeat.emit(key == Qt.Key.Key_R)
        elif key == Qt.Key.Key_B:
            self.sig_buyer.emit()
        else:
            super().keyPressEvent(event)


class QueuePanel(QGroupBox):
    sig_problem = Signal(str)
    """Something the assistant should know, not modal."""
    sig_banner = Signal(str)
    """News to keep on screen: stock came back for buyers waiting in line."""
    sig_stock_changed = Signal()
    """Decisions changed what is sold and held: the totals should be reloaded."""
    sig_counts_changed = Signal()
    """The number of claims shown changed."""
    sig_confirmed = Signal(object)
    """A Claim this window confirmed (to be read aloud)."""
    sig_decided = Signal(object)
    """The decisions of one request, after they are shown."""

    def __init__(
        self,
        backend: Backend,
        store: Callable[[], Store | None],
        assistant: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        """``store``: the open store now (None before it is open); ``assistant``: the
        name of who is deciding, as typed in the window."""
        super().__init__(parent)
        self._backend = backend
        self._store = store
        self._assistant = assistant
        self.looking = LookingAt(backend, store, assistant, self)  # the others see it
        self._told_offered: set[int] = set()  # claims whose "back in stock" was shown
        self.history = UndoHistory(backend, store, self)
        self.history.sig_undone.connect(self._undone)
        self.history.sig_problem.connect(self.sig_problem)
        self.cards = BuyerCards(backend, store, self)
        self.cards.sig_changed.connect(self.reload_flags)
        self.model = QueueModel(self)
        self.just_decided = JustDecided()
        self.lanes = LaneFilter(self.model, self)

        # narrow fixed columns and 30-pixel rows: ten claims fit a 1366x768 laptop
        view = table(
            self.lanes.proxy, (40, 112, 140, 0, 88), QueueView(), row_height=30, names=(2,)
        )
        assert isinstance(view, QueueView)
        self.view = view
        view.setObjectName("queue")
        self.ready = plain.label()
        self.ready.setObjectName("ready")
        view.sig_focus.connect(self._show_ready)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WindowShortcut)
        undo.activated.connect(self.history.undo)
        self.lane_tabs = QTabBar()
        for _lane in LANES:
            self.lane_tabs.addTab("")
        self.lane_tabs.currentChanged.connect(self._lane_changed)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self.confirm)
        self.reject_button = QPushButton()
        self.reject_button.clicked.connect(self.reject)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_quantity)
        self.detail = plain.label()  # the selected claim's whole comment, and its question
        self.detail.setWordWrap(False)
        below = QHBoxLayout()
        below.addWidget(self.ready)
        below.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        for button in (self.confirm_button, self.reject_button, self.edit_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.lane_tabs)
        layout.addWidget(self.view)
        layout.addLayout(below)
        layout.addLayout(buttons)

        view.sig_confirm.connect(self.confirm)
        view.sig_reject.connect(self.reject)
        view.sig_edit.connect(self.edit_quantity)
        view.sig_repeat.connect(self.resolve_repeat)
        view.sig_buyer.connect(self.open_buyer)
        view.selectionModel().currentRowChanged.connect(self._look_at_current)
        view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_detail())
        self.model.dataChanged.connect(self._row_changed)
        view.clicked.connect(self._clicked)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Orders to confirm"))
        self.confirm_button.setText(self.tr("Confirm (Enter)"))
        self.reject_button.setText(self.tr("Reject (Delete)"))
        self.edit_button.setText(self.tr("Change quantity (E)"))
        self.model.retranslate()
        self.show_counts()
        self._show_ready(self.view.hasFocus())
        self._show_detail()

    def _row_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        """Only the selected claim's change redraws its line (a flood changes hundreds)."""
        current = self.lanes.mapToSource(self.view.currentIndex())
        if current.isValid() and top.row() <= current.row() <= bottom.row():
            self._show_detail()

    def _show_detail(self) -> None:
        claim = self.selected_claim()
        plain.one_line(self.detail, claim_detail(claim) if claim is not None else "")

    def _show_ready(self, focused: bool) -> None:
        """Whether the keys act on the claims now: the assistant sees it at a glance."""
        if focused:
            self.ready.setText(self.tr("● Ready for keys · Ctrl+Z undo"))
            self.ready.setStyleSheet("color: #1b5e20; font-weight: bold")
        else:
            self.ready.setText(self.tr("Click the list to use the keys"))
            self.ready.setStyleSheet("color: #757575")

    def show_counts(self) -> None:
        titles = {"all": self.tr("All"), "unsure": self.tr("Not sure"),
                  "waiting": self.tr("Waiting for stock")}  # fmt: skip
        for position, lane in enumerate(LANES):
            count = sum(in_lane(c, lane) for c in self.model.rows)
            self.lane_tabs.setTabText(position, f"{titles[lane]} ({count})")

    # ------------------------------------------------------------- what is shown
    def set_claims(self, claims: Sequence[Claim]) -> None:
        me = self._assistant() or "?"  # a look of this assistant before a restart is not another's
        self.model.set_rows([dataclasses.replace(c, held_by=_other(c.held_by, me)) for c in claims])
        self.select_first()

    def add_new(self, claims: Sequence[Claim]) -> list[Claim]:
        """Claims the writer just stored, those not shown yet (the follower may have
        shown some already); returns those."""
        had_selection = self.view.currentIndex().isValid()
        fresh = [c for c in claims if self.model.row_of_claim(c.id) < 0]
        self.model.append_rows(fresh)
        if fresh and not had_selection:
            self.select_first()
        self._warn_flagged(fresh)
        return fresh

    def _warn_flagged(self, shown: Sequence[Claim]) -> None:
        """A buyer who refused a parcel before claims again: said once, whichever way
        (this laptop's writer, or another laptop's) the claim reached the window first."""
        flagged = sorted({c.buyer_name for c in shown if c.buyer_flagged})
        if flagged:
            self.sig_problem.emit(
                self.tr("⚠ {names}: refused a cash-on-delivery parcel before (bom hàng)").format(
                    names=", ".join(flagged)
                )
            )

    def follow(self, found: show.Followed) -> None:
        """What other assistants and laptops did to the claims shown here."""
        waiting, new, expired = found.waiting, found.changed, found.expired
        me = self._assistant() or "?"
        for claim in list(self.model.rows):  # who else is handling what
            holder = waiting.get(claim.id)
            holder = None if holder == me else holder
            if claim.id in waiting and holder != claim.held_by:
                self.model.update_claim(dataclasses.replace(claim, held_by=holder))
        # only claims this window is not deciding itself right now, nor just decided
        recent = self.just_decided.ids()
        busy = self.model.busy | recent
        new = [c for c in new if c.id not in recent]
        gone = [c.id for c in self.model.rows if c.id not in waiting and c.id not in busy]
        self.model.remove_claims(gone)
        # who looks at each, as the others see it (this window's own look left out)
        new = [dataclasses.replace(c, held_by=_other(waiting.get(c.id), me)) for c in new]
        fresh = [c for c in new if self.model.row_of_claim(c.id) < 0]
        # a claim this window showed meanwhile, as it is, is no change
        changed = [c for c in new if c.id not in busy and self.model.claim(c.id) not in (None, c)]
        for claim in changed:  # its reservation, its place in line, a cancel: changed elsewhere
            self.model.update_claim(claim)
        if fresh:
            self.model.append_rows(fresh)
            self._warn_flagged(fresh)
        self._tell_offered([c for c in changed if c.offered_at is not None])
        if gone or fresh or changed or expired.released:
            if not self.view.currentIndex().isValid():
                self.select_first()
            self.sig_stock_changed.emit()

    def cancel_requested(self, claim_ids: Sequence[int]) -> None:
        """Buyers asked to cancel these claims: they turn red."""
        store = self._store()
        if store is None or not claim_ids:
            return
        self._backend.call(store.claims_by_id, list(claim_ids), done=self._cancels_loaded)

    def _cancels_loaded(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.model.update_claim(claim)
        names = sorted({c.buyer_name for c in claims})
        self.sig_problem.emit(
            self.tr("{names} asked to cancel: their claims are marked red").format(
                names=", ".join(names)
            )
        )

    def reload_flags(self) -> None:
        """A buyer was flagged, unflagged or merged: their claims show it."""
        store = self._store()
        if store is None:
            return
        ids = [c.id for c in self.model.rows if c.id not in self.model.busy]

        def refreshed(claims: list[Claim]) -> None:
            for claim in claims:
                row = self.model.row_of_claim(claim.id)
                if row >= 0 and self.model.rows[row].buyer_flagged != claim.buyer_flagged:
                    current = self.model.rows[row]
                    self.model.replace_row(
                        row, dataclasses.replace(current, buyer_flagged=claim.buyer_flagged)
                    )

        self._backend.call(store.claims_by_id, ids, done=refreshed)

    def _tell_offered(self, claims: Sequence[Claim]) -> None:
        """Stock came back for buyers waiting in line: the seller can tell them."""
        fresh = [c for c in claims if c.id not in self._told_offered]
        if not fresh:
            return
        self._told_offered.update(c.id for c in fresh)
        self.sig_banner.emit(
            self.tr("Back in stock for: {who}").format(
                who="; ".join(f"{c.buyer_name} ({items_text(c.items)})" for c in fresh)
            )
        )

    # ------------------------------------------------------------------ selection
    def selected_claim(self) -> Claim | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.lanes.rowCount():
            return None
        claim = self.lanes.claim_at(index.row())
        return None if claim.id in self.model.busy else claim

    def select(self, claim_id: int) -> None:
        """Show this claim in the lane it is in, selected, and the keyboard on it."""
        row = self.model.row_of_claim(claim_id)
        shown = self.lanes.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if shown is not None and shown.isValid():
            self.view.selectRow(shown.row())
            self.view.setFocus()

    def select_first(self) -> None:
        for row in range(self.lanes.rowCount()):
            if self.lanes.claim_at(row).id not in self.model.busy:
                self.view.selectRow(row)
                return

    def _select_next_after(self, row: int) -> None:
        count = self.lanes.rowCount()
        for candidate in [*range(row + 1, count), *range(min(row, count) - 1, -1, -1)]:
            if self.lanes.claim_at(candidate).id not in self.model.busy:
                self.view.selectRow(candidate)
                return
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())

    def _lane_changed(self, position: int) -> None:
        self.lanes.set_lane(LANES[position])
        if not self.view.currentIndex().isValid():
            self.select_first()

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == QueueModel.PHONE_COLUMN:
            self.model.toggle_phone(self.lanes.mapToSource(index).row())

    def _look_at_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        valid = current.isValid() and current.row() < self.lanes.rowCount()
        self.looking.now(self.lanes.claim_at(current.row()).id if valid else None)

    # ------------------------------------------------------------------ decisions
    def confirm(self) -> None:
        self._decide(ClaimStatus.CONFIRMED)

    def reject(self) -> None:
        self._decide(ClaimStatus.REJECTED)

    def _decide(self, status: ClaimStatus) -> None:
        claim, store = self.selected_claim(), self._store()
        if claim is None or store is None:
            return
        row = self.view.currentIndex().row()
        self.model.set_busy(claim.id, True)
        self._select_next_after(row)
        self._backend.act(
            store.decide, [claim.id], status, by=self._assistant(), done=self._decided
        )

    def _decided(self, decisions: Sequence[Decision]) -> None:
        offered = [i for d in decisions for i in d.offered]
        store = self._store()
        if offered and store is not None:
            self._backend.call(store.claims_by_id, offered, done=self._offered_loaded)
        for d in decisions:
            if d.ok:
                self.just_decided.add(d.claim_id)
                self.model.remove_claim(d.claim_id)
                if d.claim is not None:
                    kind = _STEP_OF.get(d.claim.status)
                    if kind is not None:
                        self.history.record(Step(kind, d.claim_id, d.claim.decided_at))
                if d.claim is not None and d.claim.status is ClaimStatus.CONFIRMED:
                    self.sig_confirmed.emit(d.claim)
            else:
                self.model.set_busy(d.claim_id, False)
                self.sig_problem.emit(texts.decision_problem_text(d))
        if not self.view.currentIndex().isValid():
            self.select_first()
        self.sig_stock_changed.emit()
        self.sig_decided.emit(list(decisions))

    def _offered_loaded(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.model.update_claim(claim)
        self._tell_offered(claims)

    def resolve_repeat(self, replace: bool) -> None:
        """R: this claim replaces the buyer's earlier one; M: it is merged into it."""
        claim, store = self.selected_claim(), self._store()
        if claim is None or store is None:
            return
        if not replace:
            self._merge(store, claim)
            return
        if claim.replaces_claim_id is None:
            return
        earlier = claim.replaces_claim_id

        def done(updated: Claim) -> None:
            self.model.update_claim(updated)
            self.model.remove_claim(earlier)
            self.history.record(Step(StepKind.REPLACE, claim.id, earlier_id=earlier))
            self.sig_stock_changed.emit()

        self._backend.act(store.resolve_repeat, claim.id, True, self._assistant(), done=done)

    def _merge(self, store: Store, claim: Claim) -> None:
        self.model.set_busy(claim.id, True)

        def merged(target: Claim) -> None:
            self.model.remove_claim(claim.id)
            self.model.update_claim(target)
            moved = tuple(ParsedItem(i.code, i.qty) for i in claim.items)
            self.history.record(Step(StepKind.MERGE, claim.id, target_id=target.id, moved=moved))
            self.sig_counts_changed.emit()
            self.sig_stock_changed.emit()  # one reservation for the sum now

        def refused(exc: BaseException) -> None:
            self.model.set_busy(claim.id, False)
            self.sig_problem.emit(
                self.tr("Claim {id} was not merged: {reason}").format(id=claim.id, reason=exc)
            )

        self._backend.act(store.merge, claim.id, self._assistant(), done=merged, failed=refused)

    def edit_quantity(self) -> None:
        claim, store = self.selected_claim(), self._store()
        if claim is None or store is None:
            return
        asked = ask_quantity(self, claim)
        if asked is None:
            return
        item, qty = asked
        step = Step(StepKind.QUANTITY, claim.id, code=item.code, before=item.qty, after=qty)

        def changed(updated: Claim) -> None:
            self._show_again([updated])
            self.history.record(step)
            self.sig_stock_changed.emit()  # it holds another amount: the products show it

        self._backend.act(store.set_quantity, claim.id, item.code, qty, done=changed)

    def _show_again(self, claims: Sequence[Claim]) -> None:
        """Claims that wait (again): updated where shown, else added."""
        for claim in claims:
            row = self.model.row_of_claim(claim.id)
            if row >= 0:
                self.model.replace_row(row, claim)
            else:
                self.model.append_rows([claim])

    def _undone(self, claims: list[Claim]) -> None:
        self.just_decided.forget(c.id for c in claims)
        self._show_again(claims)
        self.select(claims[0].id)
        self.sig_stock_changed.emit()
        self.sig_counts_changed.emit()

    def open_buyer(self, buyer_id: int | None = None) -> None:
        """The buyer's card (B: the selected claim's buyer)."""
        if buyer_id is None:
            claim = self.selected_claim()
            buyer_id = claim.buyer_id if claim is not None else None
        self.cards.open(buyer_id)


_STEP_OF = {ClaimStatus.CONFIRMED: StepKind.CONFIRM, ClaimStatus.REJECTED: StepKind.REJECT}


def _other(holder: str | None, me: str) -> str | None:
    return None if holder == me else holder
