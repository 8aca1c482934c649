"""Opening a buyer's card (B on a claim, or from an order): history, notes, the
"bom hàng" flag. A card that changed a buyer says so, for the claims to show it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from livehelper.store import Store
from livehelper.ui.backend import Backend


class BuyerCards(QObject):
    sig_changed = Signal()
    """A buyer was flagged, unflagged or merged."""

    def __init__(
        self, backend: Backend, store: Callable[[], Store | None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._store = store
        self._window = parent

    def open(self, buyer_id: int | None) -> None:
        store = self._store()
        if buyer_id is None or store is None:
            return
        from livehelper.ui.buyer_dialog import BuyerDialog

        def opened(card: Any) -> None:
            dialog = BuyerDialog(card, self._backend, store, self._window.window())
            dialog.sig_changed.connect(lambda _card: self.sig_changed.emit())
            dialog.open()

        self._backend.call(store.buyer_card, buyer_id, done=opened)
