"""Qt table models over frozen core values. They hold no database objects and do no I/O.

Rows arrive in batches: a batch is inserted and filled with one signal each, so a flood
of comments costs one view update per batch, not one per comment or per cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from livehelper import phones
from livehelper.comments.confidence import measured_rules
from livehelper.model import Claim, Comment, Intent, Order, Product, format_qty, format_vnd
from livehelper.ui import plain

T = TypeVar("T")

ORDER_BG = QBrush(QColor("#dff5e1"))
UNSURE_BG = QBrush(QColor("#fff4cc"))
CANCEL_BG = QBrush(QColor("#ffcdd2"))  # the buyer asked to cancel
FEATURED_BG = QBrush(QColor("#ffe8b3"))
BUSY_FG = QBrush(QColor("#9a9a9a"))
FLAGGED_FG = QBrush(QColor("#b00020"))  # refused a COD parcel before ("bom hàng")
WAITING_BG = QBrush(QColor("#e3e8f4"))  # sold out: waits in line
OFFERED_BG = QBrush(QColor("#c8f0d0"))  # stock came back for it: tell the buyer
BOLD = QFont()
BOLD.setBold(True)


def _translated_title(title: str) -> str:
    return QCoreApplication.translate("Models", title)


def mask_phone(phone: str | None) -> str:
    """0912345678 -> 0912•••678: enough to recognise, not enough to misuse on a shared screen."""
    if not phone:
        return ""
    return phone[:4] + "•••" + phone[-3:] if len(phone) >= 8 else "•••"


def items_text(items: Sequence[Any]) -> str:
    return ", ".join(f"{format_qty(i.qty)} {i.unit} {i.name}" for i in items)


def put_rows(
    model: QStandardItemModel, first: int, rows: Sequence[Sequence[QStandardItem]]
) -> None:
    """Put rows' new items in, from row ``first``, with one change signal: an item set
    alone signals on its own, and a filter over the model took 6 ms to follow each
    (measured)."""
    if not rows:
        return
    model.blockSignals(True)
    try:
        for offset, items in enumerate(rows):
            for column, item in enumerate(items):
                model.setItem(first + offset, column, item)
    finally:
        model.blockSignals(False)
    last = first + len(rows) - 1
    model.dataChanged.emit(model.index(first, 0), model.index(last, model.columnCount() - 1))


STYLED = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)


class RowsModel(Generic[T]):
    """A table of frozen rows with titled columns, held in Qt's own QStandardItemModel
    (``qt``: what a view shows). Each row is drawn into items once, when it comes or
    changes: painting then runs no Python, so a writer thread busy with a flood cannot
    freeze the window (a view calls a Python model's data() for every cell and role,
    each call waiting for the interpreter). Anything else is asked of ``qt``."""

    columns: tuple[tuple[object, Callable[[T], Any]], ...] = ()  # (header, value of a row)

    def __init__(self, parent: Any = None) -> None:
        self.qt = QStandardItemModel(0, len(self.columns), parent)
        self.rows: list[T] = []
        self.retranslate()

    def __getattr__(self, name: str) -> Any:  # index, data, rowCount, dataChanged, …
        return getattr(self.qt, name)

    def text(self, row: T, position: int, column: int) -> str:
        value = self.columns[column][1](row)
        return "" if value is None else str(value)

    def style(self, row: T, role: int) -> Any:
        return None

    def tooltip(self, row: T, column: int, text: str) -> str | None:
        """The whole cell, however narrow the column."""
        return plain.tooltip(text) if text else None

    def marks(self, row: T) -> dict[int, Any]:
        """More roles on the row's first cell (what a filter reads)."""
        return {}

    def _items(self, row: T, position: int) -> list[QStandardItem]:
        styles = [(role, value) for role in STYLED if (value := self.style(row, role)) is not None]
        items = []
        for column in range(len(self.columns)):
            text = self.text(row, position, column)
            item = QStandardItem(text)
            item.setEditable(False)
            tip = self.tooltip(row, column, text)
            if tip:
                item.setToolTip(tip)
            for role, value in styles:
                item.setData(value, role)
            items.append(item)
        items[0].setData(row, Qt.ItemDataRole.UserRole)
        for mark, value in self.marks(row).items():
            items[0].setData(value, mark)
        return items

    def set_rows(self, rows: Sequence[T]) -> None:
        self.rows = list(rows)
        self.qt.setRowCount(0)
        self._insert(0, self.rows)

    def append_rows(self, rows: Sequence[T]) -> None:
        first = len(self.rows)
        self.rows.extend(rows)
        self._insert(first, rows)

    def prepend_rows(self, rows: Sequence[T]) -> None:
        self.rows[:0] = rows
        self._insert(0, rows)

    def _insert(self, first: int, rows: Sequence[T]) -> None:
        if rows:  # empty rows first (one insert signal), then their items (one change)
            self.qt.insertRows(first, len(rows))
            put_rows(self.qt, first, [self._items(r, first + n) for n, r in enumerate(rows)])

    def remove_row(self, row: int) -> None:
        self.remove_rows(row, 1)

    def remove_rows(self, first: int, count: int) -> None:
        if count > 0:
            del self.rows[first : first + count]
            self.qt.removeRows(first, count)

    def replace_row(self, row: int, value: T) -> None:
        self.rows[row] = value
        self.redraw(row)

    def redraw(self, row: int) -> None:
        put_rows(self.qt, row, [self._items(self.rows[row], row)])

    def row_of(self, predicate: Callable[[T], bool]) -> int:
        return next((i for i, r in enumerate(self.rows) if predicate(r)), -1)

    def retranslate(self) -> None:
        self.qt.setHorizontalHeaderLabels([_translated_title(str(c[0])) for c in self.columns])
        for row in range(len(self.rows)):  # what the cells say is in the window's language
            self.redraw(row)


def intent_label(intent: Intent) -> str:
    return {
        Intent.ORDER: QCoreApplication.translate("Models", "order"),
        Intent.CANCEL: QCoreApplication.translate("Models", "cancel"),
        Intent.OTHER: "",
    }[intent]


def _left(p: Product) -> str:
    """What can still be sold, and what waiting claims hold: '3 (+2)'."""
    if p.available is None:
        return "∞"
    held = f" (+{format_qty(p.reserved)})" if p.reserved else ""
    return format_qty(p.available) + held


class ProductsModel(RowsModel[Product]):
    columns = (
        (QT_TRANSLATE_NOOP("Models", "Key"), lambda p: ""),
        (QT_TRANSLATE_NOOP("Models", "Code"), lambda p: p.code),
        (QT_TRANSLATE_NOOP("Models", "Product"), lambda p: p.name),
        (QT_TRANSLATE_NOOP("Models", "Price"), lambda p: f"{format_vnd(p.price)}/{p.unit}"),
        (QT_TRANSLATE_NOOP("Models", "Left"), lambda p: _left(p)),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.featured: str | None = None

    def text(self, row: Product, position: int, column: int) -> str:
        if column == 0:  # the key that features it
            return f"F{position + 1}" if position < 12 else ""
        return super().text(row, position, column)

    def style(self, row: Product, role: int) -> Any:
        if row.code == self.featured:
            if role == Qt.ItemDataRole.BackgroundRole:
                return FEATURED_BG
            if role == Qt.ItemDataRole.FontRole:
                return BOLD
        if row.sold_out and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#b00020"))
        return None

    def set_featured(self, code: str | None) -> None:
        self.featured = code
        for row in range(len(self.rows)):
            self.redraw(row)


class FeedModel(RowsModel[Comment]):
    columns = (
        (
            QT_TRANSLATE_NOOP("Models", "Time"),
            lambda c: c.received_at.astimezone().strftime("%H:%M:%S"),
        ),
        (QT_TRANSLATE_NOOP("Models", "Buyer"), lambda c: c.buyer_name),
        (QT_TRANSLATE_NOOP("Models", "Comment"), lambda c: phones.mask(c.text)),
        (QT_TRANSLATE_NOOP("Models", "Read as"), lambda c: intent_label(c.intent)),
    )
    READ_AS_COLUMN = 3

    def tooltip(self, row: Comment, column: int, text: str) -> str | None:
        if column != self.READ_AS_COLUMN:
            return super().tooltip(row, column, text)
        # why the reader read it so: the assistant can tell a rule's habits
        shown = text or QCoreApplication.translate("Models", "other")
        if not row.rule:
            return plain.tooltip(shown)
        how_often = QCoreApplication.translate(
            "Models", "this rule reads {percent}% of labelled comments right"
        ).format(percent=round(100 * measured_rules().of(row.rule)))
        return plain.tooltip(f"{shown} · {row.rule} · {how_often}")

    def style(self, row: Comment, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return {Intent.ORDER: ORDER_BG, Intent.CANCEL: CANCEL_BG}.get(row.intent)
        if role == Qt.ItemDataRole.FontRole and row.intent is Intent.ORDER:
            return BOLD
        return None


def _wants(claim: Claim) -> str:
    text = items_text(claim.items)
    if claim.held_by:  # another assistant's (the window leaves its own holds out)
        text = QCoreApplication.translate("Models", "{who} is on it · {items}").format(
            who=claim.held_by, items=text
        )
    if claim.cancel_requested:
        return QCoreApplication.translate("Models", "CANCELLED BY BUYER · {items}").format(
            items=text
        )
    if claim.waitlisted:
        return QCoreApplication.translate("Models", "SOLD OUT, in line · {items}").format(
            items=text
        )
    if claim.offered_at is not None:
        return QCoreApplication.translate("Models", "BACK IN STOCK for them · {items}").format(
            items=text
        )
    if claim.replaces_claim_id is not None:
        return QCoreApplication.translate("Models", "{items} (instead of #{id}? R / M)").format(
            items=text, id=claim.replaces_claim_id
        )
    return text


def claim_detail(claim: Claim) -> str:
    """The line under the queue: who, their whole comment (phones masked), and the
    question a new quantity asks."""
    text = f"{claim.buyer_name}: {phones.mask(claim.text)}"
    if claim.replaces_claim_id is None:
        return text
    question = QCoreApplication.translate(
        "Models", "Instead of #{id}? R replaces it, M adds to it"
    ).format(id=claim.replaces_claim_id)
    return f"{question} — {text}"


def _buyer(claim: Claim) -> str:
    return f"⚠ {claim.buyer_name}" if claim.buyer_flagged else claim.buyer_name


class QueueModel(RowsModel[Claim]):
    """Pending claims. A claim being decided stays, greyed, until the database answers."""

    columns = (
        (QT_TRANSLATE_NOOP("Models", "#"), lambda c: str(c.id)),
        (QT_TRANSLATE_NOOP("Models", "Buyer"), _buyer),
        (QT_TRANSLATE_NOOP("Models", "Wants"), lambda c: _wants(c)),
        (QT_TRANSLATE_NOOP("Models", "Comment"), lambda c: phones.mask(c.text)),
        (QT_TRANSLATE_NOOP("Models", "Phone"), lambda c: mask_phone(c.phone)),
    )
    PHONE_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.busy: set[int] = set()
        self.revealed: set[int] = set()  # claims whose phone was clicked open
        self._row_by_id: dict[int, int] | None = None  # a flood's queue holds thousands

    def row_of_claim(self, claim_id: int) -> int:
        if self._row_by_id is None:
            self._row_by_id = {c.id: row for row, c in enumerate(self.rows)}
        return self._row_by_id.get(claim_id, -1)

    def claim(self, claim_id: int) -> Claim | None:
        row = self.row_of_claim(claim_id)
        return self.rows[row] if row >= 0 else None

    def set_rows(self, rows: Sequence[Claim]) -> None:
        self._row_by_id = None
        super().set_rows(rows)

    def append_rows(self, rows: Sequence[Claim]) -> None:
        if self._row_by_id is not None:
            first = len(self.rows)
            self._row_by_id.update((c.id, first + n) for n, c in enumerate(rows))
        super().append_rows(rows)

    def remove_rows(self, first: int, count: int) -> None:
        self._row_by_id = None  # the rows after them moved up
        super().remove_rows(first, count)

    def replace_row(self, row: int, value: Claim) -> None:
        if self.rows[row].id != value.id:
            self._row_by_id = None
        super().replace_row(row, value)

    def text(self, row: Claim, position: int, column: int) -> str:
        if column == self.PHONE_COLUMN and row.id in self.revealed:
            return row.phone or ""
        return super().text(row, position, column)

    def marks(self, row: Claim) -> dict[int, Any]:
        lanes = "".join(f"|{lane}" for lane in LANES if in_lane(row, lane))
        return {LANE_ROLE: lanes + "|"}

    def toggle_phone(self, row: int) -> None:
        """Show a claim's whole phone number, or mask it again (a click on it)."""
        claim_id = self.rows[row].id
        (self.revealed.discard if claim_id in self.revealed else self.revealed.add)(claim_id)
        self.redraw(row)

    def style(self, row: Claim, role: int) -> Any:
        if (row.id in self.busy or row.held_by) and role == Qt.ItemDataRole.ForegroundRole:
            return BUSY_FG
        if row.buyer_flagged:
            if role == Qt.ItemDataRole.ForegroundRole:
                return FLAGGED_FG
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Models",
                    "This buyer (or this phone) refused a cash-on-delivery parcel before"
                    " (bom hàng). B opens their card.",
                )
        if row.cancel_requested:  # the buyer wrote "huỷ" since: red, whatever else
            if role == Qt.ItemDataRole.BackgroundRole:
                return CANCEL_BG
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Models", "The buyer has asked to cancel: press Delete to reject."
                )
        if row.waitlisted:
            if role == Qt.ItemDataRole.BackgroundRole:
                return WAITING_BG
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Models",
                    "Sold out when this came: it waits in line and gets stock that is freed.",
                )
        if row.offered_at is not None and role == Qt.ItemDataRole.BackgroundRole:
            return OFFERED_BG
        if row.ambiguous and role == Qt.ItemDataRole.BackgroundRole:
            return UNSURE_BG
        if role == Qt.ItemDataRole.ToolTipRole and row.replaces_claim_id is not None:
            return QCoreApplication.translate(
                "Models",
                "A new quantity from this buyer: R replaces claim {id}, M merges them into one.",
            ).format(id=row.replaces_claim_id)
        if role == Qt.ItemDataRole.ToolTipRole and row.ambiguous:
            return QCoreApplication.translate(
                "Models", "The reader is not sure about this one: check the comment."
            )
        return None

    def update_claim(self, claim: Claim) -> None:
        row = self.row_of_claim(claim.id)
        if row >= 0 and self.rows[row] != claim:
            self.replace_row(row, claim)

    def set_busy(self, claim_id: int, busy: bool) -> None:
        (self.busy.add if busy else self.busy.discard)(claim_id)
        row = self.row_of_claim(claim_id)
        if row >= 0:
            self.redraw(row)

    def remove_claim(self, claim_id: int) -> None:
        self.remove_claims([claim_id])

    def remove_claims(self, claim_ids: Sequence[int]) -> None:
        """Several at once: each row is found once, before any moves."""
        for claim_id in claim_ids:
            self.busy.discard(claim_id)
        rows = sorted((r for i in claim_ids if (r := self.row_of_claim(i)) >= 0), reverse=True)
        for row in rows:  # from the bottom up: the rows still to remove keep their place
            del self.rows[row]
            self.qt.removeRow(row)
        if rows:
            self._row_by_id = None


LANES = ("all", "unsure", "waiting")
LANE_ROLE = Qt.ItemDataRole.UserRole + 1  # "|all|unsure|": the lanes a claim shows in


def in_lane(claim: Claim, lane: str) -> bool:
    """Which lane of the queue shows a claim: everything, the ones the reader was not
    sure of (or that ask replace-or-add), the ones waiting in line for stock."""
    if lane == "unsure":
        return claim.ambiguous or claim.replaces_claim_id is not None
    if lane == "waiting":
        return claim.waitlisted
    return True


class LaneFilter:
    """The queue as one lane shows it; the QueueModel underneath keeps every claim.
    ``proxy`` is Qt's own filter over the lanes each row is marked with, so painting
    and filtering run no Python. Anything else is asked of ``proxy``."""

    def __init__(self, queue: QueueModel, parent: Any = None) -> None:
        self.lane = "all"
        self.proxy = QSortFilterProxyModel(parent)
        self.proxy.setSourceModel(queue.qt)
        self.proxy.setFilterRole(LANE_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setDynamicSortFilter(True)
        self.set_lane("all")

    def __getattr__(self, name: str) -> Any:  # rowCount, index, mapToSource, …
        return getattr(self.proxy, name)

    def set_lane(self, lane: str) -> None:
        self.lane = lane
        self.proxy.setFilterFixedString(f"|{lane}|")

    def claim_at(self, row: int) -> Claim:
        claim: Claim = self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole)
        return claim


class OrdersModel(RowsModel[Order]):
    columns = (
        (QT_TRANSLATE_NOOP("Models", "Buyer"), lambda o: o.buyer_name),
        (QT_TRANSLATE_NOOP("Models", "Phone"), lambda o: mask_phone(o.phone)),
        (QT_TRANSLATE_NOOP("Models", "Items"), lambda o: items_text(o.lines)),
        (QT_TRANSLATE_NOOP("Models", "Total"), lambda o: format_vnd(o.total)),
    )
