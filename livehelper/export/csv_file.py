"""CSV in UTF-8 with a BOM, so Excel shows Vietnamese names correctly: the template's
header row and its data rows (a CSV has no title rows, merges or formats: partners that
lay out their file take the XLSX)."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from livehelper.export import templates
from livehelper.export.fields import Filling
from livehelper.model import Order


class CsvExporter:
    suffix = ".csv"

    def write(
        self,
        orders: Sequence[Order],
        out: Path,
        template: templates.Template | None = None,
        filling: Filling | None = None,
    ) -> int:
        template = template or templates.load("generic")
        phones = [i for i, c in enumerate(template.columns) if c.value == "phone"]
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(template.headers)
            for row in templates.rows(template, orders, filling):
                for i in phones:
                    row[i] = phone_as_text(row[i])
                writer.writerow(row)
        return len(orders)


def phone_as_text(phone: str) -> str:
    """0912345678 as ="0912345678": Excel and LibreOffice read a bare 0912345678 as a
    number and drop the 0 (saved again, the file has 912345678). Only a phone the
    reader wrote (digits, maybe a leading +) is wrapped, so no buyer text becomes a
    formula."""
    return f'="{phone}"' if _PHONE.fullmatch(phone) else phone


_PHONE = re.compile(r"\+?\d{6,15}")


EXPORTER = CsvExporter()
