"""XLSX (first sheet "Orders") through openpyxl's streaming writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from livehelper.export.rows import SHEET_COLUMNS, sheet_rows
from livehelper.model import Order


class XlsxExporter:
    suffix = ".xlsx"

    def write(self, orders: Sequence[Order], out: Path) -> int:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Orders")
        sheet.append(list(SHEET_COLUMNS))
        for row in sheet_rows(orders):
            sheet.append(row)
        book.save(out)
        return len(orders)


EXPORTER = XlsxExporter()
