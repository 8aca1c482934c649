"""CSV in UTF-8 with a BOM, so Excel shows Vietnamese names correctly."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from livehelper.export.rows import SHEET_COLUMNS, sheet_rows
from livehelper.model import Order


class CsvExporter:
    suffix = ".csv"

    def write(self, orders: Sequence[Order], out: Path) -> int:
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(SHEET_COLUMNS)
            writer.writerows(sheet_rows(orders))
        return len(orders)


EXPORTER = CsvExporter()
