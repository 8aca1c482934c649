"""Orders flattened for export: one dict per order (JSON); spreadsheets use templates."""

from __future__ import annotations

from typing import Any

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


def safe_cell(text: str) -> str:
    """Neutralise formula injection: a leading ' makes Excel and LibreOffice show text."""
    return "'" + text if text.startswith(_FORMULA_START) else text
