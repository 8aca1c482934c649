"""Spreadsheet column templates (resources/export_templates/*.toml): which columns a
shop system or shipping partner imports, filled from an order. A user's own copy (in
their config folder) wins over the built-in file of the same name."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from livehelper.errors import UsageError
from livehelper.export.addresses import split_address
from livehelper.export.rows import safe_cell
from livehelper.model import LineItem, Order, format_qty, qty_to_json
from livehelper.resources_path import resource


@dataclass(frozen=True)
class Column:
    header: str
    value: str | None  # a field of FIELDS, or None for ``const``
    const: str = ""
    verified: bool = True
    once: bool = False  # only on an order's first row
    note: str = ""


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    rows: str  # "order" or "line"
    columns: tuple[Column, ...]
    sources: tuple[str, ...]
    path: Traversable

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def unverified(self) -> list[str]:
        return [c.header for c in self.columns if not c.verified]


@dataclass(frozen=True)
class Row:
    """What a column can read: the order, its position in the file, one line of it."""

    order: Order
    number: int
    line: LineItem | None


def _weight(order: Order, per_kg: Decimal) -> Any:
    """The parcel's weight: each line's from the catalogue (weight_kg), or from its kg/g
    unit; empty when a line has neither (the seller fills it in)."""
    weights = [line.weight_kg for line in order.lines]
    if not weights or any(w is None for w in weights):
        return ""
    kg = sum((w for w in weights if w is not None), Decimal(0))
    return qty_to_json((kg / per_kg).quantize(Decimal("0.001")).normalize())


def _items(order: Order) -> str:
    return "; ".join(f"{format_qty(i.qty)} {i.unit} {i.name}" for i in order.lines)


def _line(attr: Callable[[LineItem], Any]) -> Callable[[Row], Any]:
    return lambda r: "" if r.line is None else attr(r.line)


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
    "items": lambda r: _items(r.order),
    "order_total": lambda r: r.order.total,
    "claim_ids": lambda r: " ".join(str(c) for c in r.order.claim_ids),
    "weight_g": lambda r: _weight(r.order, Decimal("0.001")),
    "weight_kg": lambda r: _weight(r.order, Decimal(1)),
}


def user_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("livehelper", appauthor=False)) / "templates"


def _files() -> dict[str, Traversable]:
    """name -> file: the user's own first, then the built-in ones they do not replace."""
    found: dict[str, Traversable] = {}
    mine = user_folder()
    folders: list[Traversable] = [mine] if mine.is_dir() else []
    for folder in [*folders, resource("export_templates")]:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                found.setdefault(entry.name[: -len(".toml")], entry)
    return found


def available() -> list[Template]:
    return [_read(path) for _name, path in sorted(_files().items())]


def load(name: str) -> Template:
    path = _files().get(name)
    if path is None:
        names = ", ".join(sorted(_files()))
        raise UsageError(f"no export template {name!r}; there are: {names}")
    return _read(path)


def copy_to_user(name: str) -> Path:
    """An editable copy of a template in the user's folder (which then wins)."""
    source = _files().get(name)
    if source is None:
        load(name)  # raises the "no such template" message
    assert source is not None
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.toml"
    if not target.exists():
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def _read(path: Traversable) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        columns = tuple(
            Column(
                header=str(c["header"]),
                value=c.get("value"),
                const=str(c.get("const", "")),
                verified=bool(c.get("verified", True)),
                once=bool(c.get("once", False)),
                note=str(c.get("note", "")),
            )
            for c in data["columns"]
        )
        rows = data.get("rows", "line")
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise UsageError(f"the export template {path} cannot be read: {exc}") from None
    for column in columns:
        if column.value is not None and column.value not in FIELDS:
            raise UsageError(
                f"{path}: column {column.header!r} asks for {column.value!r}; "
                f"known values: {', '.join(FIELDS)}"
            )
    if rows not in ("order", "line"):
        raise UsageError(f'{path}: rows must be "order" or "line", not {rows!r}')
    return Template(
        name=str(data.get("name", path.name.removesuffix(".toml"))),
        title=str(data.get("title", path.name)),
        rows=rows,
        columns=columns,
        sources=tuple(str(s) for s in data.get("sources", ())),
        path=path,
    )


def rows(template: Template, orders: Sequence[Order]) -> Iterator[list[Any]]:
    """The template's rows; every text a buyer could have typed is made safe."""
    for number, order in enumerate(orders, start=1):
        lines: Sequence[LineItem | None] = order.lines if template.rows == "line" else [None]
        for position, line in enumerate(lines):
            row = Row(order, number, line)
            out = []
            for column in template.columns:
                if column.once and position > 0:
                    out.append("")
                    continue
                value = FIELDS[column.value](row) if column.value else column.const
                out.append(safe_cell(value) if isinstance(value, str) else value)
            yield out
