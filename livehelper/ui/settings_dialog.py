"""The shop's settings page: how long a claim holds stock, the duplicate policy, and
how much of each product this show may sell. Values live in the database (every
laptop of a team shares them); reading and saving run on the worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from livehelper import shop_settings
from livehelper.model import Product, format_qty
from livehelper.store import Store
from livehelper.ui import plain, window_frame
from livehelper.ui.backend import Backend


@dataclass(frozen=True)
class Loaded:
    reserve_minutes: float
    repeat_minutes: float
    session_id: int | None
    products: list[Product]
    caps: dict[str, Decimal | None]


class SettingsDialog(QDialog):
    @staticmethod
    def load(store: Store, session_id: int | None) -> Loaded:  # worker thread
        caps: dict[str, Decimal | None] = {}
        if session_id is not None:
            for line in store.stock_report(session_id):
                caps[line["code"]] = line["cap"]
        return Loaded(
            shop_settings.minutes(store, "reserve_minutes"),
            shop_settings.minutes(store, "repeat_minutes"),
            session_id,
            store.products(session_id),
            caps,
        )

    def __init__(self, loaded: Loaded, backend: Backend, store: Store, parent: Any) -> None:
        super().__init__(parent)
        self.loaded, self.backend, self.store = loaded, backend, store
        self.setWindowTitle(self.tr("Settings"))
        window_frame.fit_dialog(self, 640, 560)
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.reserve = _minutes_box(loaded.reserve_minutes)
        self.repeat = _minutes_box(loaded.repeat_minutes)
        form.addRow(self.tr("A new claim holds its goods for (minutes):"), self.reserve)
        form.addRow(self.tr("The same order repeated within (minutes) is one order:"), self.repeat)
        layout.addLayout(form)

        policy = QGroupBox(self.tr("Duplicate policy"))
        rules = QVBoxLayout(policy)
        for rule in (
            self.tr("The same buyer repeating the same order: one claim, not two."),
            self.tr(
                "A new quantity for a product the buyer is still waiting for: the claim asks"
                " you. R replaces the earlier claim, M merges them into one."
            ),
            self.tr('"thêm … nữa" (add … more) is always a new claim on top.'),
            self.tr("A buyer's cancel comment marks their open claims red and names them."),
            self.tr(
                "Sold out: new claims wait in line; stock that is freed goes to the first in line."
            ),
        ):
            label = plain.label("• " + rule)
            label.setWordWrap(True)
            rules.addWidget(label)
        layout.addWidget(policy)

        self.caps = QTableWidget(0, 4)
        self.caps.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Product"), self.tr("Left"), self.tr("Cap for this show")]
        )
        self.caps.verticalHeader().hide()
        self.caps.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        caps_box = QGroupBox(
            self.tr('How much this show may sell ("số lượng mở bán"; empty: no cap)')
        )
        QVBoxLayout(caps_box).addWidget(self.caps if loaded.session_id else _no_session(self))
        for product in loaded.products:
            row = self.caps.rowCount()
            self.caps.insertRow(row)
            left = "∞" if product.available is None else format_qty(product.available)
            for column, text in enumerate((product.code, product.name, left)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.caps.setItem(row, column, item)
            cap = loaded.caps.get(product.code)
            self.caps.setItem(row, 3, QTableWidgetItem("" if cap is None else format_qty(cap)))
        layout.addWidget(caps_box)

        self.problem = plain.label()
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def wanted_caps(self) -> dict[str, Decimal | None]:
        """The caps typed in, changed ones only; raises ValueError naming a bad one."""
        out: dict[str, Decimal | None] = {}
        for row in range(self.caps.rowCount()):
            code_item, cap_item = self.caps.item(row, 0), self.caps.item(row, 3)
            if code_item is None:
                continue
            code = code_item.text()
            text = (cap_item.text() if cap_item is not None else "").strip().replace(",", ".")
            try:
                cap = Decimal(text) if text else None
            except InvalidOperation:
                raise ValueError(code) from None
            if cap is not None and (not cap.is_finite() or cap < 0):
                raise ValueError(code)
            if cap != self.loaded.caps.get(code):
                out[code] = cap
        return out

    def _save(self) -> None:
        try:
            caps = self.wanted_caps()
        except ValueError as exc:
            self.problem.setText(self.tr("Not a quantity for {code}").format(code=exc))
            return
        store, session_id = self.store, self.loaded.session_id
        reserve, repeat = self.reserve.value(), self.repeat.value()

        def save() -> None:
            store.set_setting("reserve_minutes", f"{reserve:g}")
            store.set_setting("repeat_minutes", f"{repeat:g}")
            if session_id is not None:
                for code, cap in caps.items():
                    store.set_cap(session_id, code, cap)

        self.backend.call(save, done=lambda _: self.accept(), failed=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(str(exc))


def _minutes_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.5, 240)
    box.setDecimals(1)
    box.setSingleStep(1)
    box.setValue(value)
    return box


def _no_session(dialog: QDialog) -> QWidget:
    return plain.label(dialog.tr("Start a live to set how much of each product it may sell."))


def open_settings(backend: Any, store: Store, session_id: int | None, parent: QWidget) -> None:
    """Read the settings on the worker thread, then show them."""
    backend.call(
        lambda: SettingsDialog.load(store, session_id),
        done=lambda loaded: SettingsDialog(loaded, backend, store, parent).open(),
    )
