"""Read a product catalogue from CSV or XLSX, checking every row before anything is stored.

Columns (header row, any order, extra columns ignored): ``code,name,price,unit,stock,aliases``
and optionally ``photo`` (an image file, relative to the catalogue, or an http(s) URL) and
``weight_kg`` (one unit's weight in kg, ``0,5`` for a 500 g jar: the shipping file's
weight; a product sold by kg or g weighs its quantity without it).
Vietnamese headers work too (mã, tên, giá, đơn vị, tồn kho, tên khác, ảnh, khối lượng).
``price`` is whole VND (``35000``, ``35.000``, ``35.000đ``, ``35k``); ``stock`` is a whole
number or empty for unlimited; ``aliases`` are separated by ``|``.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from livehelper.errors import CatalogueError, RowProblem, row_problem
from livehelper.store import ProductSpec

REQUIRED = ("code", "name", "price", "unit")
HEADER_ALIASES = {
    "code": "code", "ma": "code", "ma sp": "code", "ma san pham": "code",
    "name": "name", "ten": "name", "ten san pham": "name", "san pham": "name",
    "price": "price", "gia": "price", "gia ban": "price",
    "unit": "unit", "don vi": "unit", "dvt": "unit", "don vi tinh": "unit",
    "stock": "stock", "ton kho": "stock", "so luong": "stock", "ton": "stock",
    "aliases": "aliases", "ten khac": "aliases", "alias": "aliases",
    "photo": "photo", "anh": "photo", "hinh anh": "photo", "hinh": "photo",
    "weight_kg": "weight_kg", "weight": "weight_kg", "khoi luong": "weight_kg",
    "khoi luong (kg)": "weight_kg", "khoi luong kg": "weight_kg", "can nang": "weight_kg",
    "trong luong": "weight_kg", "trong luong (kg)": "weight_kg",
}  # fmt: skip
MAX_WEIGHT_KG = Decimal(1000)  # one unit heavier than this is a typing slip (grams typed as kg)
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,31}$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def read_catalogue(path: str | Path) -> list[ProductSpec]:
    """Parse and validate a whole file; raise ``CatalogueError`` listing every bad row."""
    path = Path(path)
    if not path.exists():
        raise CatalogueError([row_problem(0, "missing_file", path=str(path))], str(path))
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    return parse_rows(rows, source=path.name, folder=path.resolve().parent)


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogueError([row_problem(line, "not_utf8")], path.name) from exc
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _delimiter(text: str) -> str:
    """',' as written by most programs; ';' or a tab when the header row says so
    (Excel set to Vietnamese saves "CSV" with ';')."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


class FormulaWithoutValue:
    """A cell whose formula was never calculated (the file was made by a program,
    not saved by Excel): its value is unknown, and guessing "empty" would mean
    unlimited stock."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return self.formula


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CatalogueError(
            [row_problem(0, "bad_excel", error=exc.__class__.__name__)], path.name
        ) from exc
    try:
        rows = zip(
            values.worksheets[0].iter_rows(values_only=True),
            formulas.worksheets[0].iter_rows(values_only=True),
            strict=False,
        )
        for number, (row, written) in enumerate(rows, start=1):
            yield (
                number,
                [
                    FormulaWithoutValue(w)
                    if v is None and isinstance(w, str) and w.startswith("=")
                    else v
                    for v, w in zip(row, written, strict=False)
                ],
            )
    finally:
        values.close()
        formulas.close()


def parse_rows(
    rows: Iterator[tuple[int, list[Any]]], source: str = "", folder: Path | None = None
) -> list[ProductSpec]:
    problems: list[RowProblem] = []
    header: dict[str, int] | None = None
    specs: list[ProductSpec] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        cells = ["" if v is None else v for v in row]
        if all(str(v).strip() == "" for v in cells):
            continue
        if header is None:
            header = {}
            for index, title in enumerate(cells):
                key = HEADER_ALIASES.get(_fold(str(title)))
                if key and key not in header:
                    header[key] = index
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise CatalogueError(
                    [row_problem(line, "bad_header", missing=", ".join(missing))], source
                )
            continue

        def cell(name: str, header: dict[str, int] = header, cells: list[Any] = cells) -> Any:
            index = header.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        row_problems: list[RowProblem] = []
        code = str(cell("code")).strip()
        name = str(cell("name")).strip()
        unit = str(cell("unit")).strip()
        if not code:
            row_problems.append(row_problem(line, "empty_code"))
        elif not CODE_RE.match(code):
            row_problems.append(row_problem(line, "bad_code", code=code))
        elif _reads_as_order_words(code):
            row_problems.append(row_problem(line, "code_is_order_word", code=code))
        elif code.upper() in seen:
            row_problems.append(
                row_problem(line, "duplicate_code", code=code, other=seen[code.upper()])
            )
        else:
            seen[code.upper()] = line  # even if this row has other problems: report all at once
        if not name:
            row_problems.append(row_problem(line, "empty_name"))
        if not unit:
            row_problems.append(row_problem(line, "empty_unit"))
        formulas = [
            (name, cell(name)) for name in header if isinstance(cell(name), FormulaWithoutValue)
        ]
        for name, formula in formulas:
            row_problems.append(
                row_problem(line, "formula_without_value", column=name, formula=str(formula)[:60])
            )
        price = _whole_vnd(cell("price"))
        if price is None and not isinstance(cell("price"), FormulaWithoutValue):
            row_problems.append(row_problem(line, "bad_price", value=_shown(cell("price"))))
        elif price is not None and price > MAX_PRICE:
            row_problems.append(row_problem(line, "price_too_high", value=_shown(cell("price"))))
        stock_cell = cell("stock")
        stock: Decimal | None = None
        if isinstance(stock_cell, FormulaWithoutValue):
            pass  # told above; never read as "unlimited"
        elif str(stock_cell).strip() != "":
            stock = _whole_number(stock_cell)
            if stock is None:
                row_problems.append(row_problem(line, "bad_stock", value=_shown(stock_cell)))
            elif stock > MAX_STOCK:
                row_problems.append(row_problem(line, "stock_too_high", value=_shown(stock_cell)))
                stock = None
        aliases = tuple(
            dict.fromkeys(a.strip() for a in str(cell("aliases")).split("|") if a.strip())
        )
        weight_cell = cell("weight_kg")
        weight: Decimal | None = None
        if str(weight_cell).strip() != "" and not isinstance(weight_cell, FormulaWithoutValue):
            weight = _weight_kg(weight_cell)
            if weight is None:
                row_problems.append(row_problem(line, "bad_weight", value=_shown(weight_cell)))
        problems.extend(row_problems)
        if not row_problems and price is not None:
            photo = _photo(str(cell("photo")).strip(), folder)
            specs.append(
                ProductSpec(code, name[:200], price, unit[:32], stock, aliases, photo, weight)
            )
    if header is None:
        raise CatalogueError([row_problem(1, "empty_file")], source)
    if problems:
        raise CatalogueError(problems, source)
    if not specs:
        raise CatalogueError([row_problem(2, "no_products")], source)
    return specs


MAX_PRICE = 10_000_000_000  # 10 tỉ đồng for one unit: anything above is a typo
MAX_STOCK = 1_000_000_000


def _shown(value: Any) -> str:
    """A cell as the seller typed it, short enough for a message."""
    return str(value).strip()[:40]


# a code buyers also write for a quantity, a unit or an order: "chốt 2kg" would be
# read as two of a product coded KG, "x2" as the product X2
_QUANTITY_LIKE = re.compile(r"^(x?\d+x?|\d+[a-z]{1,5})$")


def _reads_as_order_words(code: str) -> bool:
    from livehelper.comments.folding import fold

    folded = fold(code)
    return len(folded) == 1 or bool(_QUANTITY_LIKE.match(folded)) or folded in _order_words()


@functools.lru_cache(maxsize=1)
def _order_words() -> frozenset[str]:
    """Units, containers, order and cancel words, folded: no code may be one."""
    from livehelper.comments.folding import fold
    from livehelper.comments.lexicon import default_lexicon

    lexicon = default_lexicon()
    return frozenset(
        fold(w)
        for w in (*lexicon.weight_units, *lexicon.containers, *lexicon.firm_order,
                  *lexicon.order, *lexicon.cancel)
    )  # fmt: skip


def _photo(value: str, folder: Path | None) -> str | None:
    """A URL as it is; a file path made absolute against the catalogue's folder."""
    if not value:
        return None
    if value.lower().startswith(("http://", "https://")):
        return value[:500]
    path = Path(value).expanduser()
    if not path.is_absolute() and folder is not None:
        path = folder / path
    return str(path)[:500]


_PRICE_RE = re.compile(r"^(\d{1,3}(?:[.,\s]\d{3})+|\d+)(k)?$")


def _whole_vnd(value: Any) -> int | None:
    if isinstance(value, bool | FormulaWithoutValue):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0 or not float(value).is_integer():
            return None
        return int(value)
    text = _fold(str(value)).replace("vnd", "").replace("₫", "").rstrip("d").strip()
    match = _PRICE_RE.match(text)
    if not match:
        return None
    amount = int(re.sub(r"[.,\s]", "", match.group(1)))
    return amount * 1000 if match.group(2) else amount


def _weight_kg(value: Any) -> Decimal | None:
    """One unit's weight in kg: ``0,5``, ``0.5``, ``1.2 kg``; None if it is not one."""
    if isinstance(value, bool):
        return None
    text = _fold(str(value)).replace(",", ".").removesuffix("kg").strip()
    try:
        weight = Decimal(text)
    except InvalidOperation:
        return None
    if not weight.is_finite() or weight <= 0 or weight > MAX_WEIGHT_KG:
        return None
    return weight.quantize(Decimal("0.001")).normalize()


def _whole_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number != number.to_integral_value():
        return None  # NaN, Infinity, -1, 1.5
    return Decimal(int(number))
