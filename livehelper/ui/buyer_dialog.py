"""A buyer's card: the person behind a claim across shows and platforms — accounts,
phone (masked until asked), address, notes, order history with delivered/returned
counts, the "bom hàng" flag, and accounts sharing the phone that can be merged in.
Every read and write runs on the worker thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from livehelper.model import BuyerCard, Outcome, format_vnd
from livehelper.store import Store
from livehelper.ui import plain, window_frame
from livehelper.ui.backend import Backend
from livehelper.ui.models import mask_phone


class BuyerDialog(QDialog):
    sig_changed = Signal(object)
    """The card after a save or a merge (BuyerCard): the window refreshes its flags."""

    def __init__(self, card: BuyerCard, backend: Backend, store: Store, parent: Any) -> None:
        super().__init__(parent)
        self.backend, self.store = backend, store
        self.setWindowTitle(self.tr("Buyer"))
        window_frame.fit_dialog(self, 620, 560)
        layout = QVBoxLayout(self)
        self.title = plain.label()
        self.title.setTextFormat(Qt.TextFormat.RichText)  # bold; the name inside is escaped
        self.title.setObjectName("buyer-title")
        layout.addWidget(self.title)
        self.counts = plain.label()
        layout.addWidget(self.counts)

        form = QFormLayout()
        phone_row = QHBoxLayout()
        self.phone = QLineEdit()
        self.phone.setReadOnly(True)
        self.reveal = QPushButton(self.tr("Show"))
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(self._show_phone)
        phone_row.addWidget(self.phone)
        phone_row.addWidget(self.reveal)
        phone_box = QWidget()
        phone_box.setLayout(phone_row)
        form.addRow(self.tr("Phone:"), phone_box)
        self.address = QLineEdit()
        form.addRow(self.tr("Address:"), self.address)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        form.addRow(self.tr("Notes:"), self.note)
        self.flagged = QCheckBox(self.tr('"Bom hàng": refused a cash-on-delivery parcel'))
        form.addRow("", self.flagged)
        layout.addLayout(form)

        layout.addWidget(plain.label(self.tr("Orders")))
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Live session"), self.tr("Total"), self.tr("Delivery")]
        )
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.history)

        self.accounts = plain.label()
        self.accounts.setWordWrap(True)
        layout.addWidget(self.accounts)
        self.merge_box = QVBoxLayout()
        layout.addLayout(self.merge_box)

        self.problem = plain.label()
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_card(card)

    def show_card(self, card: BuyerCard) -> None:
        self.card = card
        person = card.person
        warning = "  ⚠ BOM HÀNG" if person.flagged else ""
        self.title.setText(f"<b>{_html(person.display_name)}</b>{warning}")
        self.counts.setText(
            self.tr("{orders} orders · {delivered} delivered · {returned} returned").format(
                orders=len(card.orders), delivered=card.delivered, returned=card.returned
            )
        )
        self._show_phone(self.reveal.isChecked())
        self.address.setText(person.address or "")
        self.note.setPlainText(person.note)
        self.flagged.setChecked(person.flagged)
        outcome_text = {
            Outcome.DELIVERED: self.tr("delivered"),
            Outcome.RETURNED: self.tr("returned"),
            None: "",
        }
        self.history.setRowCount(0)
        for order in card.orders:
            row = self.history.rowCount()
            self.history.insertRow(row)
            for column, text in enumerate(
                (
                    order.at.astimezone().strftime("%d/%m/%Y"),
                    order.session_name,
                    format_vnd(order.total),
                    outcome_text[order.outcome],
                )
            ):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.accounts.setText(
            self.tr("Accounts: {list}").format(
                list=", ".join(f"{a.display_name} ({a.platform})" for a in card.accounts)
            )
        )
        while self.merge_box.count():
            item = self.merge_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for other in card.same_phone:
            button = QPushButton(
                self.tr("Same phone as {name} ({platform}): merge into this buyer").format(
                    name=other.display_name, platform=other.platform
                )
            )
            button.clicked.connect(lambda _=False, o=other.id: self._merge(o))
            self.merge_box.addWidget(button)

    def _show_phone(self, revealed: bool) -> None:
        phones = sorted({a.phone for a in self.card.accounts if a.phone})
        self.phone.setText(", ".join(p if revealed else mask_phone(p) for p in phones))
        self.reveal.setText(self.tr("Hide") if revealed else self.tr("Show"))

    def _merge(self, other_id: int) -> None:
        self.backend.call(
            self.store.merge_buyers, self.card.person.id, other_id, done=self._changed
        )

    def _save(self) -> None:
        values = {
            "address": self.address.text().strip() or None,
            "note": self.note.toPlainText().strip(),
            "flagged": self.flagged.isChecked(),
        }
        self.backend.call(
            self.store.update_buyer,
            self.card.person.id,
            done=self._saved,
            failed=lambda exc: self.problem.setText(str(exc)),
            **values,
        )

    def _saved(self, card: BuyerCard) -> None:
        self._changed(card)
        self.accept()

    def _changed(self, card: BuyerCard) -> None:
        self.show_card(card)
        self.sig_changed.emit(card)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
