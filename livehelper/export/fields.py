"""What a template's column can read from an order: ``FIELDS`` by name. Each field takes
a ``Row``: the order, its position in the file, the product line (one row per line),
and what the shop chose for the partner's file (``Filling``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Any

from livehelper.export.addresses import split_address
from livehelper.export.lines import api_lines
from livehelper.model import LineItem, Order, format_qty, qty_to_json


@dataclass(frozen=True)
class Filling:
    """The shop's answers a partner's file needs: its coded values (choice key -> code)
    and a default weight for one item of a product the catalogue gives none."""

    choices: dict[str, str] = field(default_factory=dict)
    unit_weight_g: int | None = None


@dataclass(frozen=True)
class Row:
    order: Order
    number: int
    line: LineItem | None
    filling: Filling = Filling()


def line_weight_kg(line: LineItem, filling: Filling) -> Decimal | None:
    """The catalogue's weight, or the unit's (kg, g), else the shop's default per item."""
    known = line.weight_kg
    if known is not None or filling.unit_weight_g is None:
        return known
    return Decimal(filling.unit_weight_g) / 1000 * line.qty


def order_weight_kg(order: Order, filling: Filling) -> Decimal | None:
    weights = [line_weight_kg(line, filling) for line in order.lines]
    if not weights or any(w is None for w in weights):
        return None
    return sum((w for w in weights if w is not None), Decimal(0))


def _grams(kg: Decimal | None) -> Any:
    """Whole grams, rounded up (a partner weighs again; a parcel is never 0 g)."""
    if kg is None:
        return ""
    return max(1, int((kg * 1000).to_integral_value(rounding=ROUND_CEILING)))


def _kg(kg: Decimal | None) -> Any:
    if kg is None:
        return ""
    return qty_to_json(kg.quantize(Decimal("0.001")).normalize())


def _count(line: LineItem) -> int:
    return api_lines((line,))[0].quantity


def _title(line: LineItem) -> str:
    return api_lines((line,))[0].title


def _line(attr: Callable[[LineItem], Any]) -> Callable[[Row], Any]:
    return lambda r: "" if r.line is None else attr(r.line)


def _line_weight(kind: Callable[[Decimal | None], Any]) -> Callable[[Row], Any]:
    return lambda r: "" if r.line is None else kind(line_weight_kg(r.line, r.filling))


FIELDS: dict[str, Callable[[Row], Any]] = {
    "order_id": lambda r: r.order.id,
    "order_number": lambda r: r.number,
    "order_ref": lambda r: f"LH{r.order.session_id}-{r.order.id}",
    "session_id": lambda r: r.order.session_id,
    "buyer": lambda r: r.order.buyer_name,
    "platform": lambda r: r.order.platform,
    "phone": lambda r: r.order.phone or "",
    "note": lambda r: r.order.note or "",
    "address": lambda r: r.order.address or "",
    "street": lambda r: split_address(r.order.address).street,
    "ward": lambda r: split_address(r.order.address).ward,
    "province": lambda r: split_address(r.order.address).province,
    "code": _line(lambda i: i.code),
    "product": _line(lambda i: i.name),
    "qty": _line(lambda i: qty_to_json(i.qty)),
    "unit": _line(lambda i: i.unit),
    "unit_price": _line(lambda i: i.unit_price),
    "line_total": _line(lambda i: i.total),
    "line_title": _line(_title),
    "line_count": _line(_count),
    "line_weight_g": _line_weight(_grams),
    "line_weight_kg": _line_weight(_kg),
    "items": lambda r: "; ".join(f"{format_qty(i.qty)} {i.unit} {i.name}" for i in r.order.lines),
    "piece_count": lambda r: sum(_count(line) for line in r.order.lines),
    "order_total": lambda r: r.order.total,
    "claim_ids": lambda r: " ".join(str(c) for c in r.order.claim_ids),
    "weight_g": lambda r: _grams(order_weight_kg(r.order, r.filling)),
    "weight_kg": lambda r: _kg(order_weight_kg(r.order, r.filling)),
}

WEIGHT_FIELDS = {"weight_g", "weight_kg", "line_weight_g", "line_weight_kg"}

# ``item`` of a column that lists an order's products ("{title}:{count}")
ITEM_PARTS: dict[str, Callable[[LineItem], str]] = {
    "name": lambda i: i.name,
    "code": lambda i: i.code,
    "unit": lambda i: i.unit,
    "qty": lambda i: format_qty(i.qty),
    "count": lambda i: str(_count(i)),
    "title": _title,
}


def listed_items(order: Order, item: str, join: str, forbid: str) -> str:
    """An order's products in a partner's own syntax: ``item`` per line, ``join`` between
    them; characters in ``forbid`` (the syntax's own, like GHN's ":") are taken out of
    the products' words."""

    def part(line: LineItem, name: str) -> str:
        text = ITEM_PARTS[name](line)
        for ch in forbid:
            text = text.replace(ch, " ")
        return " ".join(text.split())

    return join.join(
        item.format_map({name: part(line, name) for name in ITEM_PARTS}) for line in order.lines
    )
