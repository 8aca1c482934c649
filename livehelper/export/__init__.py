"""Exporters: one module per format behind one small interface.

An exporter writes a session's confirmed orders somewhere and says how many it wrote.
``FORMATS`` maps the CLI's ``--format`` names to exporters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from livehelper.export import csv_file, json_file, xlsx_file
from livehelper.export.templates import Template
from livehelper.model import Order


class FileExporter(Protocol):
    suffix: str

    def write(
        self, orders: Sequence[Order], out: Path, template: Template | None = None
    ) -> int: ...


FORMATS: dict[str, FileExporter] = {
    "csv": csv_file.EXPORTER,
    "xlsx": xlsx_file.EXPORTER,
    "json": json_file.EXPORTER,
}
