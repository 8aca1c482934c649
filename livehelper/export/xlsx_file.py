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
            book = openpyxl.Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.title = template.sheet
            _titles(sheet, template)
            _headers(sheet, template)
            _data(sheet, template, orders, filling)
            sheet.freeze_panes = sheet.cell(template.data_row, 1)
            book.save(handle)
        return len(orders)


def _text_cell(sheet: Any, row: int, column: int, text: str) -> None:
    from openpyxl.styles import Alignment, Font

    cell = sheet.cell(row, column, text)
    cell.number_format = "@"
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _titles(sheet: Any, template: templates.Template) -> None:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    for fixed in template.cells:
        letters, row = coordinate_from_string(fixed.at)
        _text_cell(sheet, row, column_index_from_string(letters), fixed.text)
        if fixed.merge:
            sheet.merge_cells(fixed.merge)


def _headers(sheet: Any, template: templates.Template) -> None:
    """One header row; or two: a group's text over its columns, and every column
    without a group merged down over both rows."""
    from openpyxl.utils import get_column_letter

    top = template.header_row
    numbered = list(enumerate(template.columns, start=1))
    for group, members in groupby(numbered, key=lambda n: n[1].group):
        columns = list(members)
        if group:
            first, last = columns[0][0], columns[-1][0]
            _text_cell(sheet, top, first, group)
            if last > first:
                sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        for index, column in columns:
            row = top + 1 if group else top
            _text_cell(sheet, row, index, column.header)
            if template.two_row_header and not group:
                sheet.merge_cells(
                    start_row=top, start_column=index, end_row=top + 1, end_column=index
                )
    for index, column in numbered:
        longest = max(len(line) for line in (column.header or " ").splitlines())
        sheet.column_dimensions[get_column_letter(index)].width = min(40, max(9, longest + 2))


def _data(
    sheet: Any, template: templates.Template, orders: Sequence[Order], filling: Filling | None
) -> None:
    formats = [NUMBER_FORMATS[c.format] for c in template.columns]
    row = template.data_row
    for values in templates.rows(template, orders, filling):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row, index, value)
            cell.number_format = formats[index - 1]
        row += 1
    if template.rows == "line" and template.order_cells == "merged":
        _merge_orders(sheet, template, orders)


def _merge_orders(sheet: Any, template: templates.Template, orders: Sequence[Order]) -> None:
    """An order of several products: its order-wide cells (``once``) merged down over
    its rows, as GHTK's grid shows them."""
    once = [i for i, c in enumerate(template.columns, start=1) if c.once]
    first = template.data_row
    for order in orders:
        last = first + len(order.lines) - 1
        if last > first:
            for column in once:
                sheet.merge_cells(
                    start_row=first, start_column=column, end_row=last, end_column=column
                )
        first = last + 1


EXPORTER = XlsxExporter()
