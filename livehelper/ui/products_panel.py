"""The show's products with what is left of each; a click or F1–F12 puts one on screen
(OBS's price text and the overlays follow the featured product)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from livehelper.comments.base import FeatureChange
from livehelper.model import Product, Session
from livehelper.store import Store
from livehelper.ui.backend import Backend
from livehelper.ui.models import ProductsModel
from livehelper.ui.tables import table


class ProductsPanel(QGroupBox):
    def __init__(
        self,
        backend: Backend,
        shown: Callable[[], tuple[Store, int | None] | None],
        featured: Callable[[Session], None],
        parent: QWidget | None = None,
    ) -> None:
        """``shown``: the open store and the session shown, or None; ``featured``: called
        with the session once the store has changed its featured product (no live)."""
        super().__init__(parent)
        self._backend = backend
        self._shown = shown
        self._featured = featured
        self.model = ProductsModel(self)
        self.view = table(self.model.qt, (30, 38, 0, 100, 70), names=(2,))
        self.view.clicked.connect(lambda index: self.feature_row(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)
        for number in range(12):
            shortcut = QShortcut(QKeySequence(f"F{number + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda n=number: self.feature_row(n))

    def retranslate(self) -> None:
        # short: a group box is never narrower than its title
        self.setTitle(self.tr("Products (click or F1–F12)"))
        self.model.retranslate()

    def feature_row(self, row: int) -> None:
        shown = self._shown()
        if row >= len(self.model.rows) or shown is None:
            return
        store, session_id = shown
        if session_id is None:
            return
        code = self.model.rows[row].code
        pipeline = self._backend.pipeline
        if pipeline is not None:
            pipeline.submit(FeatureChange(code))  # in order with the comments around it
        else:
            self._backend.call(store.feature, session_id, code, done=self._featured)

    def show_products(self, products: Sequence[Product]) -> None:
        """Fresh products (stock changed): OBS shows what is left of the featured one."""
        before = self.featured_product()
        self.model.set_rows(products)
        if before not in products:
            self.send_featured_to_obs()

    def show_featured(self, code: str | None) -> None:
        self.model.set_featured(code)
        self.send_featured_to_obs()

    def featured_product(self) -> Product | None:
        featured = self.model.featured
        return next((p for p in self.model.rows if p.code == featured), None)

    def send_featured_to_obs(self) -> None:
        product = self.featured_product()
        if product is not None and self._backend.obs is not None:
            self._backend.obs.feature(product)  # queued: OBS never blocks the window
