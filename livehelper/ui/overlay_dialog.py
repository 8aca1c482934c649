"""The overlays dialog: page addresses for OBS, the flash-sale countdown, the payment QR.

It only collects what the assistant wants; the window writes it to the database on
its worker thread (so a second laptop and the pages see the same), then the pages
update within milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from livehelper import vietqr
from livehelper.overlays.server import PAGES
from livehelper.ui import plain


@dataclass(frozen=True)
class QrRequest:
    shown: bool
    amount: int | None = None
    account: vietqr.BankAccount | None = None  # None: keep the saved one


class OverlayDialog(QDialog):
    sig_countdown = Signal(object, str)
    """(minutes or None to stop, label)"""
    sig_qr = Signal(object)
    """A ``QrRequest``."""

    def __init__(
        self, base_url: str, account: vietqr.BankAccount | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Overlays on the stream"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)

        pages = QGroupBox(self.tr("Pages for OBS (Browser source, 1920×1080)"))
        form = QFormLayout(pages)
        self.url_fields: dict[str, QLineEdit] = {}
        if base_url:
            for name in PAGES:
                field = QLineEdit(f"{base_url}/overlay/{name}")
                field.setReadOnly(True)
                copy = QPushButton(self.tr("Copy"))
                copy.clicked.connect(lambda _c=False, f=field: self._copy(f))
                row = QHBoxLayout()
                row.addWidget(field, 1)
                row.addWidget(copy)
                form.addRow(self._page_title(name), row)
                self.url_fields[name] = field
            open_index = QPushButton(self.tr("Open the list in a browser"))
            open_index.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(base_url + "/")))
            form.addRow(open_index)
        else:
            form.addRow(
                plain.label(self.tr("Start a live first: the pages are served during a live."))
            )
        layout.addWidget(pages)

        countdown = QGroupBox(self.tr("Flash-sale countdown"))
        form = QFormLayout(countdown)
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0.5, 24 * 60)
        self.minutes.setDecimals(1)
        self.minutes.setValue(10)
        self.minutes.setSuffix(self.tr(" min"))
        self.countdown_label = QLineEdit()
        self.countdown_label.setPlaceholderText("FLASH SALE")
        self.countdown_label.setMaxLength(200)
        start, stop = QPushButton(self.tr("Start countdown")), QPushButton(self.tr("Stop"))
        start.clicked.connect(
            lambda: self.sig_countdown.emit(self.minutes.value(), self.countdown_label.text())
        )
        stop.clicked.connect(lambda: self.sig_countdown.emit(None, ""))
        form.addRow(self.tr("Length:"), self.minutes)
        form.addRow(self.tr("Title:"), self.countdown_label)
        form.addRow(_row(start, stop))
        layout.addWidget(countdown)

        qr = QGroupBox(self.tr("Bank-transfer QR (VietQR)"))
        form = QFormLayout(qr)
        self.bank = QComboBox()
        self.bank.setEditable(True)  # a bank missing from the list: type its 6-digit BIN
        for name, bin_ in sorted(vietqr.banks().items()):
            self.bank.addItem(f"{name} ({bin_})", bin_)
        self.account = QLineEdit()
        self.holder = QLineEdit()
        self.amount = QSpinBox()
        self.amount.setRange(0, 1_000_000_000)
        self.amount.setSingleStep(10_000)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSuffix(" ₫")
        self.amount.setSpecialValueText(self.tr("any amount (the buyer types it)"))
        if account is not None:
            index = self.bank.findData(account.bin)
            if index >= 0:
                self.bank.setCurrentIndex(index)
            else:
                self.bank.setEditText(account.bin)
            self.account.setText(account.number)
            self.holder.setText(account.holder)
        show, hide = QPushButton(self.tr("Show QR")), QPushButton(self.tr("Hide QR"))
        show.clicked.connect(self._show_qr)
        hide.clicked.connect(lambda: self.sig_qr.emit(QrRequest(False)))
        self.problem = plain.label()
        self.problem.setStyleSheet("color: #c62828")
        self.problem.setWordWrap(True)
        form.addRow(self.tr("Bank:"), self.bank)
        form.addRow(self.tr("Account number:"), self.account)
        form.addRow(self.tr("Account holder:"), self.holder)
        form.addRow(self.tr("Amount:"), self.amount)
        form.addRow(_row(show, hide))
        form.addRow(self.problem)
        layout.addWidget(qr)

        self.result_label = plain.label()
        layout.addWidget(self.result_label)

    def _page_title(self, name: str) -> str:
        return {
            "product": self.tr("Product card:"),
            "ticker": self.tr("New orders:"),
            "qr": self.tr("Payment QR:"),
            "countdown": self.tr("Countdown:"),
        }.get(name, name)

    def _copy(self, field: QLineEdit) -> None:
        QGuiApplication.clipboard().setText(field.text())
        self.result_label.setText(self.tr("Copied: {url}").format(url=field.text()))

    def bank_account(self) -> vietqr.BankAccount:
        """What the fields say, checked (raises VietQRError with the reason)."""
        data = self.bank.currentData()
        typed = self.bank.currentText().strip()
        bin_ = str(data) if data and typed == self.bank.itemText(self.bank.currentIndex()) else ""
        bin_ = bin_ or vietqr.bank_bin(typed)
        account = vietqr.BankAccount(
            bin_, self.account.text().replace(" ", ""), self.holder.text().strip()
        )
        vietqr.payload(account)
        return account

    def _show_qr(self) -> None:
        try:
            account = self.bank_account()
        except vietqr.VietQRError as exc:
            self.problem.setText(self.tr("Check the bank account: {error}").format(error=exc))
            return
        self.problem.clear()
        amount = self.amount.value() or None
        self.sig_qr.emit(QrRequest(True, amount, account))

    def show_result(self, text: str) -> None:
        self.result_label.setText(text)


def _row(*buttons: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return box
