"""The read-only row tables every panel shows (products, claims, comments, orders)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)


class ElideMiddle(QStyledItemDelegate):
    """Cut a long text in its middle: "Mật ong…Tây Bắc" and "Mật ong…hoa nhãn" stay two
    products where "Mật ong r…" and "Mật ong h…" barely do."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


def table(
    model: Any,
    widths: Sequence[int],
    view: QTableView | None = None,
    row_height: int = 30,
    names: Sequence[int] = (),
) -> QTableView:
    """A read-only row table. ``widths``: pixels per column, 0 for the one that stretches
    (fixed widths: measuring 100,000 rows to fit them would stall the window);
    ``names``: the columns of product names, cut in their middle when too long."""
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
    for column in names:
        view.setItemDelegateForColumn(column, ElideMiddle(view))
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        if width:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
