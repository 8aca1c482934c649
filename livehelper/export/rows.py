"""Orders flattened for export: one dict per order (JSON); spreadsheets use templates."""

from __future__ import annotations

import re
from typing import Any

from livehelper.clean import storable
from livehelper.model import Order, qty_to_json

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def order_dict(order: Order) -> dict[str, Any]:
    return {
        "id": order.id,
        "session_id": order.session_id,
        "buyer": order.buyer_name,
        "buyer_id": order.buyer_id,
        "platform": order.platform,
        "phone": order.phone,
        "address": order.address,
        "note": order.note,
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


# a formula can also start after a separator: Vietnamese Excel splits CSV on ';'
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n][\s\"']*)(?=[=+\-@])")


def safe_cell(text: str) -> str:
    """A buyer's text as a spreadsheet cell: characters XML (XLSX) refuses removed, and
    formula injection neutralised: a ' before a leading =, +, -, @ (Excel and
    LibreOffice then show text), and before one that follows a separator, where a
    spreadsheet splitting on another separator would start a new cell."""
    text = storable(text)
    text = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(_FORMULA_START) else text
