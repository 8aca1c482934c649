"""CSV in UTF-8 with a BOM, so Excel shows Vietnamese names correctly."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from livehelper.export import templates
from livehelper.model import Order


class CsvExporter:
    suffix = ".csv"

    def write(
        self, orders: Sequence[Order], out: Path, template: templates.Template | None = None
    ) -> int:
        template = template or templates.load("generic")
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(template.headers)
            writer.writerows(templates.rows(template, orders))
        return len(orders)


EXPORTER = CsvExporter()
