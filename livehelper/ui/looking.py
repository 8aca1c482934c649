"""Telling the other assistants which claim this one is looking at ("Lan đang xử lý"):
the claim selected in the queue; one request at a time on the worker thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from livehelper.store import Store
from livehelper.ui.backend import Backend


class LookingAt(QObject):
    def __init__(
        self,
        backend: Backend,
        store: Callable[[], Store | None],
        assistant: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._store = store
        self._assistant = assistant
        self.claim_id: int | None = None

    def now(self, claim_id: int | None) -> None:
        store, previous = self._store(), self.claim_id
        if store is None or previous == claim_id:
            return
        self.claim_id = claim_id
        me = self._assistant() or "?"

        def swap() -> None:
            if previous is not None:
                store.stop_looking(previous, me)
            if claim_id is not None:
                store.look_at(claim_id, me)

        self._backend.call(swap)
