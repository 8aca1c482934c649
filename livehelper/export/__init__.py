"""Exporters: one module per format behind one small interface.

An exporter writes a session's confirmed orders somewhere and says how many it wrote.
``FORMATS`` maps the CLI's ``--format`` names to exporters.
"""

from __future__ import annotations

import os
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
    as exported to ``file_target(template)``. The file is written beside ``out`` and
    moved into place when complete: a failed write leaves neither a broken file nor a
    half-recorded batch."""
    target = file_target(template)
    partial = out.with_name(out.name + ".part")
    try:
        written = FORMATS[fmt].write(orders, partial, template)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    store.record_file_export(session_id, target, [o.id for o in orders], str(out))
    if progress:
        progress(len(orders), len(orders))
    return written
