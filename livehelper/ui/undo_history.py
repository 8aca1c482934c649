"""This window's decisions, newest last, and undoing the newest (Ctrl+Z). The store
refuses a step another assistant or laptop has changed since; that is said, and the
step is dropped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from livehelper.errors import UndoRefused
from livehelper.model import Claim, Step
from livehelper.store import Store
from livehelper.ui.backend import Backend

KEPT = 50  # older decisions are not undone from the window


class UndoHistory(QObject):
    sig_undone = Signal(object)
    """The claims waiting again (list[Claim]), the step's own first."""
    sig_problem = Signal(str)

    def __init__(
        self, backend: Backend, store: Callable[[], Store | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._store = store
        self._steps: list[Step] = []

    def record(self, step: Step) -> None:
        self._steps = [*self._steps[-(KEPT - 1) :], step]

    def undo(self) -> None:
        store = self._store()
        if store is None:
            return
        if not self._steps:
            self.sig_problem.emit(self.tr("Nothing to undo."))
            return
        step = self._steps.pop()

        def undone(claims: list[Claim]) -> None:
            self.sig_undone.emit(claims)

        self._backend.act(
            store.undo,
            step,
            done=undone,
            failed=lambda exc: self.sig_problem.emit(self._refusal(exc)),
        )

    def _refusal(self, exc: BaseException) -> str:
        if isinstance(exc, UndoRefused) and exc.reason == "changed":
            return self.tr(
                "Not undone: claim #{claim} was changed since, by another assistant or laptop."
            ).format(claim=exc.claim_id)
        if isinstance(exc, UndoRefused) and exc.reason == "sent":
            return self.tr(
                "Not undone: the order of claim #{claim} was already sent ({target})."
            ).format(claim=exc.claim_id, target=exc.target)
        return self.tr("Not undone: {reason}").format(reason=exc)
