"""File exporters: CSV with BOM, XLSX read back, JSON; buyer text made safe."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from livehelper.comments.parser import parser_for
from livehelper.export import FORMATS
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.store import Store


@pytest.fixture
def orders(demo_store: Store):
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    items = [
        IncomingComment(
            "tiktok", "1", "u1", "Chị Lan", "chốt 1,5kg 0912 345 678", datetime.now(UTC)
        ),
        IncomingComment("tiktok", "2", "u2", "=cmd|' /C calc'!A0", "na 2 hộp", datetime.now(UTC)),
        IncomingComment("tiktok", "3", "u3", "Tuấn", "giá bao nhiêu", datetime.now(UTC)),
    ]
    out = demo_store.ingest(s.id, items, parser_for(demo_store.products()).parse)
    demo_store.decide([cl.id for cl in out.claims], ClaimStatus.CONFIRMED)
    return demo_store.orders(s.id)


def test_csv_has_bom_diacritics_and_no_formulas(orders, tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    assert FORMATS["csv"].write(orders, out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert (
        rows[0]["buyer"] == "Chị Lan"
        and rows[0]["qty"] == "1.5"
        and rows[0]["line_total"] == "52500"
    )
    assert rows[0]["phone"] == "0912345678"
    assert rows[1]["buyer"] == "'=cmd|' /C calc'!A0"


def test_xlsx_round_trip(orders, tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    FORMATS["xlsx"].write(orders, out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("order_id", "buyer", "platform", "phone")
    assert rows[1][1] == "Chị Lan" and rows[1][6] == 1.5 and rows[1][3] == "0912345678"
    assert rows[2][1].startswith("'=")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_json_document(orders, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    FORMATS["json"].write(orders, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    first = doc["orders"][0]
    assert first["buyer"] == "Chị Lan" and first["total"] == 52500
    assert first["items"] == [
        {
            "code": "KS",
            "name": "Khoai sâm Lai Châu",
            "unit": "kg",
            "qty": 1.5,
            "unit_price": 35000,
            "total": 52500,
        }
    ]
