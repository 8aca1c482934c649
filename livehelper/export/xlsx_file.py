"""XLSX laid out as the template's partner lays out its own file: the sheet's name, title
cells above the header, one or two header rows with merged cells, header cells as
text, each column's cell format, and an order's cells merged over its product rows."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from livehelper.export import templates
from livehelper.export.fields import Filling
from livehelper.model import Order

# what a column's ``format`` means in the file (Excel's number formats)
NUMBER_FORMATS = {"text": "@", "number": "General", "money": "#,##0", "general": "General"}


class XlsxExporter:
    suffix = ".xlsx"

    def write(
        self,
        orders: Sequence[Order],
        out: Path,
        template: templates.Template | None = None,
        filling: Filling | None = None,
    ) -> int:
        import openpyxl

        template = template or templates.load("generic")
        with out.open("wb") as handle:  # a folder that is gone fails here, before any work
            book = openpyxl.Workbook(write_only=True)  # streamed: 10,000 orders in seconds
            sheet = book.create_sheet(template.sheet)
            _widths(sheet, template)
            sheet.freeze_panes = f"A{template.data_row}"
            for row in _top_rows(sheet, template):
                sheet.append(row)
            _data(sheet, template, orders, filling)
            book.save(handle)
        return len(orders)


def _text_cell(sheet: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cell = WriteOnlyCell(sheet, text)
    cell.number_format = "@"
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return cell


def _top_rows(sheet: Any, template: templates.Template) -> list[list[Any]]:
    """The rows above the data: fixed cells (titles, groups of columns), then one header
    row; or two: a group's text over its columns, and every column without a group
    merged down over both rows. Merges are recorded on the sheet."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    grid: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []
    for fixed in template.cells:
        letters, row = coordinate_from_string(fixed.at)
        grid[row, column_index_from_string(letters)] = fixed.text
        if fixed.merge:
            sheet.merged_cells.add(fixed.merge)
    top = template.header_row
    numbered = list(enumerate(template.columns, start=1))
    for group, members in groupby(numbered, key=lambda n: n[1].group):
        columns = list(members)
        if group:
            first, last = columns[0][0], columns[-1][0]
            grid[top, first] = group
            if last > first:
                merges.append((top, first, top, last))
        for index, column in columns:
            grid[top + 1 if group else top, index] = column.header
            if template.two_row_header and not group:
                merges.append((top, index, top + 1, index))
    for start_row, start_column, end_row, end_column in merges:
        sheet.merged_cells.add(_range(start_row, start_column, end_row, end_column))
    width = max(column for _row, column in grid)
    return [
        [
            _text_cell(sheet, grid[row, column]) if (row, column) in grid else None
            for column in range(1, width + 1)
        ]
        for row in range(1, template.data_row)
    ]


def _range(start_row: int, start_column: int, end_row: int, end_column: int) -> str:
    from openpyxl.utils import get_column_letter

    first, last = get_column_letter(start_column), get_column_letter(end_column)
    return f"{first}{start_row}:{last}{end_row}"


def _widths(sheet: Any, template: templates.Template) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(template.columns, start=1):
        longest = max(len(line) for line in (column.header or " ").splitlines())
        sheet.column_dimensions[get_column_letter(index)].width = min(40, max(9, longest + 2))


def _data(
    sheet: Any, template: templates.Template, orders: Sequence[Order], filling: Filling | None
) -> None:
    from copy import copy

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    # one styled cell per format, its style copied to each cell: setting a number
    # format cell by cell looks it up in the workbook each time (twice as slow)
    styles: list[Any] = []
    for column in template.columns:
        number_format = NUMBER_FORMATS[column.format]
        if number_format == "General":
            styles.append(None)  # a plain value: no cell object at all
            continue
        model = WriteOnlyCell(sheet)
        model.number_format = number_format
        styles.append(model._style)
    for values in templates.rows(template, orders, filling):
        row: list[Any] = []
        for value, style in zip(values, styles, strict=True):
            if style is None or value == "":  # an empty cell is left out of the file
                row.append(None if value == "" else value)
                continue
            cell = WriteOnlyCell(sheet, value)
            cell._style = copy(style)
            row.append(cell)
        sheet.append(row)
    merged = [CellRange(r) for r in _order_merges(template, orders)]
    if merged:  # all at once: adding ranges one by one checks each against all before
        sheet.merged_cells = MultiCellRange([*sheet.merged_cells.ranges, *merged])


def _order_merges(template: templates.Template, orders: Sequence[Order]) -> list[str]:
    """An order of several products: its order-wide cells (``once``) merged down over
    its rows, as GHTK's grid shows them."""
    if template.rows != "line" or template.order_cells != "merged":
        return []
    once = [i for i, c in enumerate(template.columns, start=1) if c.once]
    ranges = []
    first = template.data_row
    for order in orders:
        last = first + len(order.lines) - 1
        if last > first:
            ranges += [_range(first, column, last, column) for column in once]
        first = last + 1
    return ranges


EXPORTER = XlsxExporter()
