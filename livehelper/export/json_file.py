"""A JSON file: ``{"orders": [...]}`` with the same order shape as ``orders list --json``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from livehelper.export.rows import order_dict
from livehelper.model import Order


class JsonExporter:
    suffix = ".json"

    def write(
        self, orders: Sequence[Order], out: Path, template: object = None, filling: object = None
    ) -> int:
        document = {"version": 1, "orders": [order_dict(o) for o in orders]}
        out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return len(orders)


EXPORTER = JsonExporter()
