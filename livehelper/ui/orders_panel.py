"""The confirmed orders of the show, and what happened to each parcel afterwards
(delivered, or returned: the buyer refused it, "bom hàng")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QMenu, QVBoxLayout, QWidget

from livehelper.model import Outcome
from livehelper.store import Store
from livehelper.ui.backend import Backend
from livehelper.ui.models import OrdersModel
from livehelper.ui.tables import table


class OrdersPanel(QGroupBox):
    sig_buyer = Signal(int)
    """The buyer card of this buyer id was asked for."""
    sig_returned = Signal()
    """A parcel came back: its buyer is flagged now."""

    def __init__(
        self, backend: Backend, store: Callable[[], Store | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._store = store
        self.model = OrdersModel(self)
        self.view = table(self.model.qt, (100, 84, 0, 80), names=(2,))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Confirmed orders"))
        self.model.retranslate()

    def _menu(self, point: QPoint) -> None:
        index, store = self.view.indexAt(point), self._store()
        if not index.isValid() or store is None:
            return
        order = self.model.rows[index.row()]
        menu = QMenu(self)
        menu.addAction(self.tr("Buyer card…"), lambda: self.sig_buyer.emit(order.buyer_id))
        menu.addAction(
            self.tr("Delivered"),
            lambda: self._backend.call(store.set_outcome, order.id, Outcome.DELIVERED),
        )
        menu.addAction(
            self.tr("Returned: refused on delivery (bom hàng)"),
            lambda: self._backend.call(
                store.set_outcome,
                order.id,
                Outcome.RETURNED,
                done=lambda _: self.sig_returned.emit(),
            ),
        )
        menu.popup(self.view.viewport().mapToGlobal(point))
