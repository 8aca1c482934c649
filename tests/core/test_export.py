"""File exporters: CSV with BOM, XLSX read back, JSON; buyer text made safe."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from livehelper.catalogue import read_catalogue
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
    assert rows[0]["phone"] == '="0912345678"'  # a spreadsheet keeps the 0: text, not a number
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


def test_json_export_follows_its_published_schema(addressed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    from livehelper.resources_path import resource_text

    schema = json.loads(resource_text("schemas/orders-v1.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    out = tmp_path / "o.json"
    FORMATS["json"].write(addressed, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    broken = {"version": 1, "orders": [{**document["orders"][0], "total": "52.500đ"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.fixture
def addressed(demo_store: Store, orders):  # type: ignore[no-untyped-def]
    """The orders with a Vietnamese address, and one with a formula for an address."""
    lan, other = orders
    demo_store.update_buyer(lan.buyer_id, address="thôn Nà Pàn, xã Chi Lăng, Lạng Sơn")
    demo_store.update_buyer(other.buyer_id, address='=HYPERLINK("http://x")')
    return demo_store.orders(lan.session_id)


@pytest.mark.parametrize("name", ["generic", "ghn", "ghtk", "viettelpost", "sapo", "kiotviet"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_template_round_trips(addressed, tmp_path: Path, name: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from livehelper.export import templates

    template = templates.load(name)
    out = tmp_path / f"o.{fmt}"
    FORMATS[fmt].write(addressed, out, template)
    if fmt == "csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    else:
        sheet = openpyxl.load_workbook(out)[template.sheet]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        header = [
            sheet.cell(template.header_row + (1 if c.group else 0), i).value
            for i, c in enumerate(template.columns, start=1)
        ]
        data = sheet.iter_rows(min_row=template.data_row, values_only=True)
        rows = [header] + [["" if v is None else str(v) for v in r] for r in data]
    assert rows[0] == template.headers
    lines = sum(len(o.lines) for o in addressed) if template.rows == "line" else len(addressed)
    assert len(rows) == 1 + lines
    text = "\n".join("\t".join(r) for r in rows)
    assert "Chị Lan" in text or "Chi Lăng" in text or "KS" in text  # diacritics kept
    cells = "\t" + re.sub(r'="\d+"', "", text).replace("\n", "\t")  # phones kept as text
    assert "\t=" not in cells  # no cell starts with a formula
    if any(c.value == "address" for c in template.columns):
        assert "thôn Nà Pàn, xã Chi Lăng, Lạng Sơn" in text
        assert "'=HYPERLINK" in text


def test_template_fields_and_the_first_row_rule(addressed) -> None:  # type: ignore[no-untyped-def]
    from livehelper.export import templates
    from livehelper.export.fields import FIELDS, Row

    lan = addressed[0]
    parts = Row(lan, 1, None)  # the address parts a user's own template can ask for
    assert FIELDS["province"](parts) == "Tỉnh Lạng Sơn" and FIELDS["ward"](parts) == "Xã Chi Lăng"
    assert FIELDS["street"](parts) == "Thôn Nà Pàn"
    ghtk = templates.load("ghtk")
    row = dict(zip(ghtk.headers, next(templates.rows(ghtk, [lan])), strict=True))
    assert row["Địa chỉ chi tiết"] == "thôn Nà Pàn, xã Chi Lăng, Lạng Sơn"  # GHTK: one field
    assert row["Khối lượng (kg)"] == 1.5  # sold by the kg: the weight is known
    assert row["Mã ĐH riêng"] == f"LH{lan.session_id}-{lan.id}"
    sapo = templates.load("sapo")
    import dataclasses

    one_line = next(o for o in addressed if len(o.lines) == 1)
    fake = dataclasses.replace(one_line, lines=one_line.lines * 2)
    first, second = list(templates.rows(sapo, [fake]))
    assert first[0] == 1 and second[0] == ""  # STT only on the order's first row
    assert first[3] == second[3] == one_line.lines[0].code  # the SKU on every row
    assert sapo.unverified and "STT" not in sapo.unverified


def test_templates_are_listed_and_a_users_copy_wins(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    listed = {t["name"]: t for t in json.loads(run_cli("templates", "list", "--json").stdout)}
    assert {"generic", "ghn", "ghtk", "viettelpost", "sapo", "kiotviet"} <= set(listed)
    assert listed["ghn"]["unverified_columns"] == []  # every column is on GHN's own sample
    assert listed["kiotviet"]["columns"] == listed["kiotviet"]["unverified_columns"]
    assert listed["kiotviet"]["caution"] and listed["sapo"]["caution"]
    assert listed["ghn"]["sources"] and listed["ghn"]["checked"] == "2026-12-01"
    assert (listed["ghn"]["header_row"], listed["ghn"]["data_row"]) == (3, 5)
    service = next(c for c in listed["viettelpost"]["choices"] if c["key"] == "dich_vu")
    assert service["required"] and not service["default"] and "LCOD" in service["codes"]
    copy = Path(run_cli("templates", "copy", "ghn").stdout.strip())
    copy.write_text(
        copy.read_text(encoding="utf-8").replace('"Ghi chú thêm"', '"Ghi chú shop"'),
        encoding="utf-8",
    )
    mine = {t["name"]: t for t in json.loads(run_cli("templates", "list", "--json").stdout)}
    assert "Ghi chú shop" in mine["ghn"]["columns"]
    copy.unlink()
    bad = run_cli("templates", "copy", "nope", check=False)
    assert bad.returncode == 2 and "no export template 'nope'" in bad.stderr


def test_the_check_before_export(demo_store: Store, addressed) -> None:  # type: ignore[no-untyped-def]
    from livehelper.export.validate import held_orders, validate

    session = addressed[0].session_id
    lan, other = addressed
    problems = {(p.order_id, p.kind) for p in validate(demo_store, session, addressed)}
    assert (other.id, "missing_phone") in problems
    assert (other.id, "unknown_address") in problems  # a formula names no province
    assert not any(order_id == lan.id for order_id, _ in problems)
    demo_store.update_buyer(lan.buyer_id, address="Bản Hon, Tam Đường, Lai Châu")  # old district
    kinds = {
        p.kind
        for p in validate(demo_store, session, demo_store.orders(session))
        if p.order_id == lan.id
    }
    assert kinds == {"no_ward"}  # the province is known, the ward is not: a warning only
    # a cancel after confirming, and a claim left waiting, are both named
    ingest_more = demo_store.ingest(
        session,
        [IncomingComment("tiktok", "9", "u1", "Chị Lan", "huỷ đơn nhé", datetime.now(UTC)),
         IncomingComment("tiktok", "10", "u9", "Bà Tư", "chốt 1kg", datetime.now(UTC))],
        parser_for(demo_store.products()).parse,
    )  # fmt: skip
    assert ingest_more.cancel_requests
    found = validate(demo_store, session, demo_store.orders(session))
    assert (lan.id, "cancel_requested") in {(p.order_id, p.kind) for p in found}
    assert any(p.kind == "waiting_claims" and p.count == 1 for p in found)
    assert held_orders(found) == {lan.id, other.id}


def test_a_file_export_holds_back_what_the_check_holds(
    demo_store: Store, addressed, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import run_cli

    db = str(demo_store.engine.url.render_as_string(hide_password=False)).replace(
        "postgresql+psycopg://", "postgresql://"
    )
    session = str(addressed[0].session_id)
    base = ["export", "--session", session, "--format", "xlsx", "--template", "ghn"]
    preview = json.loads(run_cli(*base, "--preview", db=db).stdout)
    assert len(preview["held"]) == 1  # the order with no phone
    done = run_cli(*base, "--out", str(tmp_path / "a.xlsx"), db=db)
    assert "not written (fix it, or --force)" in done.stderr
    assert "1 order(s) held back" in done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    assert sheet.max_row == 5  # GHN's four rows above its data, and the one good order
    history = json.loads(run_cli("export", "--session", session, "--history", db=db).stdout)
    assert [b["orders"] for b in history] == [1]  # the held one is not marked as sent


def test_file_exports_are_recorded_and_can_leave_out_what_went_before(
    demo_store: Store, addressed, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import run_cli

    db = str(demo_store.engine.url.render_as_string(hide_password=False)).replace(
        "postgresql+psycopg://", "postgresql://"
    )
    session = str(addressed[0].session_id)
    # --force: the order with no phone goes too (held back otherwise, as tested below)
    base = ["export", "--session", session, "--format", "xlsx", "--template", "ghn", "--force"]
    preview = json.loads(run_cli(*base, "--preview", db=db).stdout)
    assert preview["orders"] == 2 and preview["columns"][2].startswith("Số nhà/ngõ")
    assert preview["unverified_columns"] == [] and len(preview["rows"]) == 2
    assert not (tmp_path / "a.xlsx").exists()
    first = run_cli(*base, "--out", str(tmp_path / "a.xlsx"), db=db)
    assert "not checked against" not in first.stderr  # GHN's sample shows every column
    assert "no phone number" in first.stderr
    sapo = run_cli(*base[:-2], "sapo", "--force", "--out", str(tmp_path / "s.xlsx"), db=db)
    assert "not checked against sapo's own sample" in sapo.stderr
    again = run_cli(*base, "--out", str(tmp_path / "b.xlsx"), db=db)
    assert "2 of them were exported with this template before" in again.stderr
    run_cli(*base, "--only-new", "--out", str(tmp_path / "c.xlsx"), db=db)
    assert openpyxl.load_workbook(tmp_path / "c.xlsx").worksheets[0].max_row == 4  # no data
    history = json.loads(run_cli("export", "--session", session, "--history", db=db).stdout)
    assert [(b["target"], b["orders"]) for b in history] == [
        ("file:ghn", 2),
        ("file:sapo", 2),
        ("file:ghn", 2),
        ("file:ghn", 0),
    ]
    bad = run_cli("export", "--session", session, "--format", "json", "--template", "ghn", "--out", str(tmp_path / "x"), db=db, check=False)  # fmt: skip
    assert bad.returncode == 2 and "--template is for csv and xlsx" in bad.stderr


def test_the_parcel_weighs_what_the_catalogue_says(demo_store: Store, tmp_path: Path) -> None:
    from livehelper.errors import FileGaps
    from livehelper.export import choices, templates, write_file
    from livehelper.export.fields import Filling
    from tests.helpers import DEMO_CATALOGUE

    s = demo_store.start_session()
    said = [
        IncomingComment(
            "tiktok", "w1", "u1", "Chị Lan", "na 2 hộp, khoai 1,5kg", datetime.now(UTC)
        ),
        IncomingComment("tiktok", "w2", "u2", "Cô Hoa", "3 túi hồi", datetime.now(UTC)),
    ]
    out = demo_store.ingest(s.id, said, parser_for(demo_store.products()).parse)
    demo_store.decide([cl.id for cl in out.claims], ClaimStatus.CONFIRMED)
    lan, hoa = demo_store.orders(s.id)
    ghtk = templates.load("ghtk")  # one row per product line
    weights = [
        dict(zip(ghtk.headers, row, strict=True))["Khối lượng (kg)"]
        for row in templates.rows(ghtk, [lan, hoa])
    ]
    assert weights == [2, 1.5, 1.5]  # 2 boxes of 1 kg; 1,5 kg sold by the kg; 3 × 0,5 kg
    ghn = templates.load("ghn")  # one row per order
    weight = next(h for h in ghn.headers if h.startswith("Khối lượng"))
    grams = [
        dict(zip(ghn.headers, r, strict=True))[weight] for r in templates.rows(ghn, [lan, hoa])
    ]
    assert grams == [3500, 1500]
    demo_store.import_products(
        [dataclasses.replace(spec, weight_kg=None) for spec in read_catalogue(DEMO_CATALOGUE)]
    )
    unknown = demo_store.orders(s.id)[0]  # boxes with no weight: the shop is asked once
    (gap,) = [g for g in templates.gaps(ghn, [unknown], Filling()) if g.weight]
    assert gap.order_id == unknown.id
    with pytest.raises(FileGaps, match="default_weight_g"):
        write_file(demo_store, s.id, [unknown], "xlsx", tmp_path / "w.xlsx", ghn)
    assert not (tmp_path / "w.xlsx").exists() and demo_store.batches(s.id) == []
    demo_store.set_setting("default_weight_g", "400")
    assert choices.filling(demo_store, ghn).unit_weight_g == 400
    row = next(templates.rows(ghn, [unknown], choices.filling(demo_store, ghn)))
    assert dict(zip(ghn.headers, row, strict=True))[weight] == 2 * 400 + 1500  # khoai: by kg
    assert not any(
        g.weight for g in templates.gaps(ghn, [unknown], choices.filling(demo_store, ghn))
    )
    write_file(demo_store, s.id, [unknown], "xlsx", tmp_path / "w.xlsx", ghn)
    assert (tmp_path / "w.xlsx").exists()


@pytest.mark.parametrize(
    ("written", "street"),
    [
        ("Bản Hon, xã Tam Đường, Lai Châu", "Bản Hon, xã Tam Đường"),
        ("bản Hon xã Bản Hon huyện Tam Đường tỉnh Lai Châu", "bản Hon xã Bản Hon huyện Tam Đường"),
    ],
)
def test_a_commune_the_reader_does_not_know_stays_in_the_street(written: str, street: str) -> None:
    # the shipping file's street column must not lose what the buyer wrote (it did:
    # "xã Tam Đường" vanished from the GHTK file)
    from livehelper.export.addresses import split_address

    found = split_address(written)
    assert (found.street, found.province) == (street, "Tỉnh Lai Châu") and found.ward == ""
    known = split_address("thôn Nà Pàn, xã Chi Lăng, Lạng Sơn")  # a known one is split
    assert (known.street, known.ward) == ("Thôn Nà Pàn", "Xã Chi Lăng")
