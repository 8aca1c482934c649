"""Making a claim from a comment: who (the comment's buyer, their own account), what
they wrote, their phone, and the products with quantities — prefilled from what the
reader made of it or the product then on screen. Enter accepts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from livehelper import phones
from livehelper.model import ParsedItem, Product
from livehelper.show import Draft
from livehelper.ui import plain


class ClaimDialog(QDialog):
    def __init__(
        self, draft: Draft, products: Sequence[Product], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make an order of a comment"))
        self._products = list(products)
        comment = draft.comment
        self.buyer = plain.label(f"{comment.buyer_name} ({comment.platform})")
        self.text = plain.label(phones.mask(comment.text))
        self.text.setWordWrap(True)
        self.phone = QLineEdit(comment.phone or "")
        self.rows: list[tuple[QComboBox, QDoubleSpinBox]] = []
        self._rows_layout = QVBoxLayout()
        add = QPushButton(self.tr("Add a product"))
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self._add_row(None))
        self.problem = plain.label()
        self.problem.setStyleSheet("color: #c62828")
        form = QFormLayout()
        form.addRow(self.tr("Buyer:"), self.buyer)
        form.addRow(self.tr("Comment:"), self.text)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Wants:"), self._rows_layout)
        form.addRow("", add)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for item in draft.items or (None,):
            self._add_row(item)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)  # Enter accepts, wherever the cursor is
        ok.setFocus()

    def _add_row(self, item: ParsedItem | None) -> None:
        product = QComboBox()
        product.addItem(self.tr("— choose a product —"), None)
        for p in self._products:
            product.addItem(f"{p.code} – {p.name} ({p.unit})", p.code)
        if item is not None:
            product.setCurrentIndex(max(0, product.findData(item.code.upper())))
        qty = QDoubleSpinBox()
        qty.setDecimals(3)
        qty.setRange(0.001, 100000)
        qty.setValue(float(item.qty) if item is not None else 1.0)
        line = QHBoxLayout()
        line.addWidget(product, 1)
        line.addWidget(qty)
        self._rows_layout.addLayout(line)
        self.rows.append((product, qty))

    def items(self) -> list[ParsedItem]:
        return [
            ParsedItem(str(product.currentData()), Decimal(str(round(qty.value(), 3))))
            for product, qty in self.rows
            if product.currentData() is not None
        ]

    def phone_given(self) -> str | None:
        """The phone as typed, if it reads as one (else the comment's stays)."""
        found = phones.PHONE.search(self.phone.text())
        return phones.normalise(found) if found else None

    def _accept(self) -> None:
        if not self.items():
            self.problem.setText(self.tr("Choose at least one product."))
            return
        if self.phone.text().strip() and self.phone_given() is None:
            self.problem.setText(self.tr("That is not a phone number."))
            return
        self.accept()
