"""Spreadsheet templates (resources/export_templates/*.toml): the file a shop system or
shipping partner imports, as that partner lays it out — the sheet, title rows above the
header, one or two header rows with merged cells, each column's exact header text, cell
format and what fills it, one row per order or per product line, and the coded values
the partner requires (chosen once per shop, see ``choices``). A user's own copy (in
their config folder) wins over the built-in file of the same name. The README of that
folder documents the format."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from livehelper.errors import UsageError
from livehelper.export.fields import FIELDS, ITEM_PARTS, WEIGHT_FIELDS, Filling, Row, listed_items
from livehelper.export.rows import safe_cell
from livehelper.model import LineItem, Order
from livehelper.resources_path import resource

FORMATS = ("general", "text", "number", "money")


@dataclass(frozen=True)
class Choice:
    """A coded value the partner requires, the same on every row: chosen once per shop."""

    key: str
    label: str
    codes: dict[str, str]  # code -> what it means, in the partner's words
    default: str = ""  # the partner's documented default; "" when there is none
    required: bool = True
    cell: str = "{code}"  # what the file gets: "{code}", or "{code} - {meaning}"
    note: str = ""

    def listed(self) -> str:
        """Its codes in words: "1 = Sáng; 2 = Chiều"."""
        return "; ".join(f"{code} = {meaning}" for code, meaning in self.codes.items())

    def written(self, code: str) -> str:
        return self.cell.format(code=code, meaning=self.codes.get(code, "")) if code else ""


@dataclass(frozen=True)
class Column:
    header: str
    value: str | None = None  # a field of FIELDS; or ``choice``; or ``const``
    const: str = ""
    choice: str | None = None
    group: str = ""  # a two-row header: the text over this and its neighbours
    format: str = "general"  # text (phones), number, money; general
    required: bool = False  # never left empty: the export refuses instead
    verified: bool = True  # checked against the partner's own file or page
    once: bool = False  # only on an order's first row (rows = "line")
    item: str = "{qty} {unit} {name}"  # value = "items": one line of the order
    join: str = "; "
    forbid: str = ""  # characters of the partner's syntax taken out of product words
    max_length: int = 0  # the partner refuses longer texts: cut, with "…"
    note: str = ""


@dataclass(frozen=True)
class Cell:
    """A fixed cell above the header (a title, a group of columns), maybe merged."""

    at: str
    text: str
    merge: str = ""


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    rows: str  # "order" or "line"
    columns: tuple[Column, ...]
    sources: tuple[str, ...]
    path: Traversable
    sheet: str = "Orders"
    header_row: int = 1
    data_row: int = 2  # header_row + 1, or + 2 for two header rows
    cells: tuple[Cell, ...] = ()
    choices: tuple[Choice, ...] = ()
    order_cells: str = "first_row"  # rows = "line": "merged" over the order's rows
    checked: str = ""  # when the columns were last compared with the partner's file
    caution: str = ""  # what the window says before an export with this template

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def unverified(self) -> list[str]:
        return [c.header for c in self.columns if not c.verified]

    @property
    def two_row_header(self) -> bool:
        return self.data_row - self.header_row == 2

    def choice(self, key: str) -> Choice:
        return next(c for c in self.choices if c.key == key)

    @property
    def weighs(self) -> bool:
        """Its file needs every parcel's weight (a required weight column)."""
        return any(c.required and c.value in WEIGHT_FIELDS for c in self.columns)


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


_CELL = re.compile(r"[A-Z]{1,3}[1-9]\d*")
_RANGE = re.compile(r"[A-Z]{1,3}[1-9]\d*:[A-Z]{1,3}[1-9]\d*")


def _choice(key: str, c: dict[str, Any]) -> Choice:
    codes = {str(code): str(meaning) for code, meaning in dict(c["codes"]).items()}
    return Choice(
        key=key,
        label=str(c.get("label", key)),
        codes=codes,
        default=str(c.get("default", "")),
        required=bool(c.get("required", True)),
        cell=str(c.get("cell", "{code}")),
        note=str(c.get("note", "")),
    )


def _column(c: dict[str, Any]) -> Column:
    return Column(
        header=str(c["header"]),
        value=c.get("value"),
        const=str(c.get("const", "")),
        choice=c.get("choice"),
        group=str(c.get("group", "")),
        format=str(c.get("format", "general")),
        required=bool(c.get("required", False)),
        verified=bool(c.get("verified", True)),
        once=bool(c.get("once", False)),
        item=str(c.get("item", Column.item)),
        join=str(c.get("join", Column.join)),
        forbid=str(c.get("forbid", "")),
        max_length=int(c.get("max_length", 0)),
        note=str(c.get("note", "")),
    )


def _read(path: Traversable) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        columns = tuple(_column(c) for c in data["columns"])
        choices = tuple(_choice(str(k), c) for k, c in dict(data.get("choices", {})).items())
        cells = tuple(
            Cell(str(c["at"]), str(c["text"]), str(c.get("merge", "")))
            for c in data.get("cells", ())
        )
        header_row = int(data.get("header_row", 1))
        template = Template(
            name=str(data.get("name", path.name.removesuffix(".toml"))),
            title=str(data.get("title", path.name)),
            rows=str(data.get("rows", "line")),
            columns=columns,
            sources=tuple(str(s) for s in data.get("sources", ())),
            path=path,
            sheet=str(data.get("sheet", "Orders")),
            header_row=header_row,
            data_row=int(data.get("data_row", header_row + 1)),
            cells=cells,
            choices=choices,
            order_cells=str(data.get("order_cells", "first_row")),
            checked=str(data.get("checked", "")),
            caution=str(data.get("caution", "")),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"the export template {path} cannot be read: {exc}") from None
    problem = _problem(template)
    if problem:
        raise UsageError(f"the export template {path}: {problem}")
    return template


def _problem(t: Template) -> str:
    """What makes a template unusable, in words; "" when it is fine."""
    keys = {c.key for c in t.choices}
    for choice in t.choices:
        if not choice.codes:
            return f"choice {choice.key!r} lists no codes"
        if choice.default and choice.default not in choice.codes:
            return f"choice {choice.key!r}: the default {choice.default!r} is not one of its codes"
    for column in t.columns:
        filled_by = [column.value is not None, column.choice is not None]
        if sum(filled_by) > 1:
            return f"column {column.header!r} has both a value and a choice"
        if column.value is not None and column.value not in FIELDS:
            return f"column {column.header!r} asks for {column.value!r}; known: {', '.join(FIELDS)}"
        if column.choice is not None and column.choice not in keys:
            return f"column {column.header!r} asks for the choice {column.choice!r}, not defined"
        if column.format not in FORMATS:
            return f"column {column.header!r}: format must be one of {', '.join(FORMATS)}"
        if column.group and not t.two_row_header:
            return f"column {column.header!r} has a group: data_row must be header_row + 2"
        try:
            column.item.format_map({name: "" for name in ITEM_PARTS})
        except (KeyError, ValueError, IndexError):
            return f"column {column.header!r}: item may use {{{'}, {'.join(ITEM_PARTS)}}}"
    if t.rows not in ("order", "line"):
        return f'rows must be "order" or "line", not {t.rows!r}'
    if t.order_cells not in ("first_row", "merged"):
        return f'order_cells must be "first_row" or "merged", not {t.order_cells!r}'
    if t.header_row < 1 or t.data_row - t.header_row not in (1, 2):
        return "data_row must be header_row + 1 (or + 2 for a two-row header)"
    for cell in t.cells:
        if not _CELL.fullmatch(cell.at) or (cell.merge and not _RANGE.fullmatch(cell.merge)):
            return f"cell {cell.at!r}: write cells as A1 and merges as A1:R1"
    return ""


def _value(column: Column, row: Row, template: Template) -> Any:
    if column.choice is not None:
        choice = template.choice(column.choice)
        value: Any = choice.written(row.filling.choices.get(choice.key, choice.default))
    elif column.value == "items":
        value = listed_items(row.order, column.item, column.join, column.forbid)
    elif column.value is not None:
        value = FIELDS[column.value](row)
    else:
        value = column.const
    if column.format in ("number", "money") and isinstance(value, str) and value.isdigit():
        return int(value)  # a code like GHN's "2" is a number in GHN's own file
    if column.format == "text" and not isinstance(value, str):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = safe_cell(value)
    if column.max_length and len(value) > column.max_length:
        value = value[: column.max_length - 1].rstrip() + "…"
    return value


def _each_row(
    template: Template, orders: Sequence[Order], filling: Filling
) -> Iterator[tuple[Row, bool]]:
    """What each of the file's data rows reads from, and whether it starts its order."""
    for number, order in enumerate(orders, start=1):
        lines: Sequence[LineItem | None] = order.lines if template.rows == "line" else [None]
        for position, line in enumerate(lines):
            yield Row(order, number, line, filling), position == 0


def rows(
    template: Template, orders: Sequence[Order], filling: Filling | None = None
) -> Iterator[list[Any]]:
    """The template's data rows; every text a buyer could have typed is made safe."""
    for row, first in _each_row(template, orders, filling or Filling()):
        yield [
            _value(column, row, template) if first or not column.once else ""
            for column in template.columns
        ]


@dataclass(frozen=True)
class Gap:
    """A required cell the file would leave empty: the order (or None for a choice the
    shop has not made) and the column's header."""

    order_id: int | None
    buyer: str
    header: str
    choice: str | None = None  # a choice key: ask the shop once
    weight: bool = False  # a product with no weight: ask for the default once


def gaps(template: Template, orders: Sequence[Order], filling: Filling) -> list[Gap]:
    """Every required cell that would be empty, the shop's unmade choices first."""
    found = [
        Gap(None, "", column.header, choice=column.choice)
        for column in template.columns
        if column.choice is not None
        and column.required
        and not filling.choices.get(column.choice, template.choice(column.choice).default)
    ]
    required = [c for c in template.columns if c.required and c.choice is None]
    seen: set[Gap] = set()
    for row, first in _each_row(template, orders, filling):  # only the required cells
        for column in required:
            if (first or not column.once) and _value(column, row, template) in ("", None):
                order = row.order
                weight = column.value in WEIGHT_FIELDS
                gap = Gap(order.id, order.buyer_name, column.header, weight=weight)
                if gap not in seen:
                    seen.add(gap)
                    found.append(gap)
    return found
