"""Exporters: one module per format behind one small interface.

An exporter writes a session's confirmed orders somewhere and says how many it wrote.
``FORMATS`` maps the CLI's ``--format`` names to exporters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from livehelper.export import csv_file, json_file, xlsx_file
from livehelper.export.templates import Template
from livehelper.model import Order

if TYPE_CHECKING:
    from livehelper.store import Store


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


def file_target(template: Template | None) -> str:
    """What a file export is recorded as: the template's name ("file:ghn"), or JSON."""
    return f"file:{template.name if template else 'json'}"


def write_file(
    store: Store,
    session_id: int,
    orders: Sequence[Order],
    fmt: str,
    out: Path,
    template: Template | None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write ``orders`` to ``out`` and record the run as an export batch, each order
    as exported to ``file_target(template)``."""
    target = file_target(template)
    batch = store.start_batch(session_id, target, len(orders))
    written = FORMATS[fmt].write(orders, out, template)
    for number, order in enumerate(orders, start=1):
        store.mark_exported(order.id, target, str(out), batch)
        if progress:
            progress(number, len(orders))
    store.finish_batch(batch, sent=written, skipped=0, failed=0, held=0)
    return written
