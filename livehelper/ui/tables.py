"""The read-only row tables every panel shows (products, claims, comments, orders)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
)


def table(
    model: Any,
    widths: Sequence[int],
    view: QTableView | None = None,
    row_height: int = 30,
    names: Sequence[int] = (),
) -> QTableView:
    """A read-only row table. ``widths``: pixels per column, 0 for the one that stretches
    (fixed widths: measuring 100,000 rows to fit them would stall the window);
    ``names``: the columns of product names: a table that has them cuts every long text
    in its middle, "Mật ong…Tây Bắc" and "Mật ong…hoa nhãn" staying two products (a
    delegate per column would run Python for every cell painted)."""
    view = view or QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    # fixed row heights keep a 100,000-row feed as cheap as a 100-row one
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.verticalHeader().hide()
    if names:
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        if width:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
