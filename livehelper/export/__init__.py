"""Exporters: one module per format behind one small interface.

An exporter writes a session's confirmed orders somewhere and says how many it wrote.
``FORMATS`` maps the CLI's ``--format`` names to exporters.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from livehelper.errors import FileGaps
from livehelper.export import choices, csv_file, json_file, templates, xlsx_file
from livehelper.export.fields import Filling
from livehelper.export.templates import Gap, Template
from livehelper.model import Order

if TYPE_CHECKING:
    from livehelper.store import Store


class FileExporter(Protocol):
    suffix: str

    def write(
        self,
        orders: Sequence[Order],
        out: Path,
        template: Template | None = None,
        filling: Filling | None = None,
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
    half-recorded batch. A partner's file that would leave a required cell empty is
    refused (FileGaps) before anything is written."""
    target = file_target(template)
    filling = None
    if template is not None:
        filling = choices.filling(store, template)
        # an order's empty phone or address is the check's to hold (or --force to send)
        gaps = [g for g in templates.gaps(template, orders, filling) if g.choice or g.weight]
        if gaps:
            raise FileGaps(describe_gaps(template, gaps), list(gaps))
    partial = out.with_name(out.name + ".part")
    try:
        written = FORMATS[fmt].write(orders, partial, template, filling)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    store.record_file_export(session_id, target, [o.id for o in orders], str(out))
    if progress:
        progress(len(orders), len(orders))
    return written


def describe_gaps(template: Template, gaps: Sequence[Gap]) -> str:
    """The CLI's words for what a partner's file still needs: the codes to choose and
    the weights to give (an order's empty phone or address is the check's)."""
    said = []
    for gap in gaps:
        if gap.choice is not None:
            choice = template.choice(gap.choice)
            key = choices.setting_key(template, choice)
            said.append(
                f"{choice.label}: choose once, `livehelper settings {key}=CODE` ({choice.listed()})"
            )
    unweighed = [g for g in gaps if g.weight]
    if unweighed:
        who = ", ".join(f"{g.order_id} ({g.buyer})" for g in unweighed[:5])
        said.append(
            f"{len(unweighed)} order(s) have a product with no weight (orders {who}): give "
            f"the products weight_kg in the catalogue, or set a default for one item once, "
            f"`livehelper settings {choices.WEIGHT_KEY}=GRAMS`"
        )
    return f"the {template.name} file is not written: " + "; ".join(said)
