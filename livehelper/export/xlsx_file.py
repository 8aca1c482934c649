"""XLSX (first sheet "Orders") through openpyxl's streaming writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from livehelper.export import templates
from livehelper.model import Order


class XlsxExporter:
    suffix = ".xlsx"

    def write(
        self, orders: Sequence[Order], out: Path, template: templates.Template | None = None
    ) -> int:
        import openpyxl

        template = template or templates.load("generic")
        with out.open("wb") as handle:  # a folder that is gone fails here, before any work
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("Orders")
            sheet.append(template.headers)
            for row in templates.rows(template, orders):
                sheet.append(row)
            book.save(handle)
        return len(orders)


EXPORTER = XlsxExporter()
