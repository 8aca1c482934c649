"""Asking the assistant for a claim's new quantity (key E): which product, if it has
several, then how much, in the product's unit."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from livehelper.model import Claim, LineItem


def ask_quantity(parent: QWidget, claim: Claim) -> tuple[LineItem, Decimal] | None:
    """The line and its new quantity, or None if the assistant cancelled."""
    if not claim.items:
        return None
    item = claim.items[0]
    title = QCoreApplication.translate("QuantityDialog", "Change quantity")
    if len(claim.items) > 1:
        names = [f"{i.code} – {i.name}" for i in claim.items]
        choice, ok = QInputDialog.getItem(
            parent, title, QCoreApplication.translate("QuantityDialog", "Which product?"),
            names, 0, False,
        )  # fmt: skip
        if not ok:
            return None
        item = claim.items[names.index(choice)]
    value, ok = QInputDialog.getDouble(
        parent,
        title,
        QCoreApplication.translate("QuantityDialog", "{name} ({unit}) for {buyer}:").format(
            name=item.name, unit=item.unit, buyer=claim.buyer_name
        ),
        float(item.qty),
        0.001,
        100000,
        3,
    )
    return (item, Decimal(str(round(value, 3)))) if ok else None
