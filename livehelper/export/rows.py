"""Orders flattened for export: one dict per order (JSON) or per order line (sheets)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from livehelper.model import Order, qty_to_json

SHEET_COLUMNS = (
    "order_id", "buyer", "platform", "phone", "code", "product", "qty", "unit",
    "unit_price", "line_total", "order_total", "claim_ids",
)  # fmt: skip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def order_dict(order: Order) -> dict[str, Any]:
    return {
        "id": order.id,
        "session_id": order.session_id,
        "buyer": order.buyer_name,
        "buyer_id": order.buyer_id,
        "platform": order.platform,
        "phone": order.phone,
        "items": [
            {
                "code": line.code,
                "name": line.name,
                "unit": line.unit,
                "qty": qty_to_json(line.qty),
                "unit_price": line.unit_price,
                "total": line.total,
            }
            for line in order.lines
        ],
        "total": order.total,
        "claim_ids": list(order.claim_ids),
    }


def sheet_rows(orders: Sequence[Order]) -> Iterator[list[Any]]:
    """Line rows; every text a buyer typed is made safe for spreadsheets."""
    for order in orders:
        for line in order.lines:
            yield [
                order.id,
                safe_cell(order.buyer_name),
                order.platform,
                order.phone or "",
                safe_cell(line.code),
                safe_cell(line.name),
                qty_to_json(line.qty),
                safe_cell(line.unit),
                line.unit_price,
                line.total,
                order.total,
                " ".join(str(c) for c in order.claim_ids),
            ]


def safe_cell(text: str) -> str:
    """Neutralise formula injection: a leading ' makes Excel and LibreOffice show text."""
    return "'" + text if text.startswith(_FORMULA_START) else text
