"""Each shipping partner's file, built from a real store's orders and read back cell by
cell against the partner's own layout. The expected layouts below are written from the
partners' files (GHN's "File mẫu chuyển phát hàng nhẹ", Viettel Post's order sheet,
GHTK's Đăng đơn Excel grid; see ../shared/docs/partner-files.md), not from livehelper's
templates, so a template that drifts from its partner fails here."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from livehelper.comments.parser import parser_for
from livehelper.model import ClaimStatus, IncomingComment, Order
from livehelper.store import Store

GHN_HEADERS = {  # GHN's cells, exactly: its instructions on the header's further lines
    "A3": "Tên người nhận *",
    "B3": "Số điện thoại *",
    "C3": "Số nhà/ngõ/ngách/hẻm, Đường/Phố, Phường/Xã, Quận/Huyện, Tỉnh/Thành *",
    "D3": "Gói cước *\n2 = Chuyển phát thương mại đện tử",
    "E3": "Tiền \nthu hộ *\nNếu không có thu hộ thì nhập 0",
    "F3": "Yêu cầu \nđơn hàng *\n1 = Cho xem, không thử\n2 = Cho thử\n3 = Không cho xem",
    "G3": "Khối lượng \n(Gram) *\nTối đa 100,000 gram",
    "H3": "Kích thước\nTối đa 200x200x200",
    "K3": "Khai giá",
    "M3": "Shop \ntrả ship",
    "N3": "Gửi hàng tại bưu cục",
    "O3": "Mã đơn hàng riêng",
    "P3": "Sản phẩm *",
    "Q3": "Ghi chú thêm",
    "R3": "Ca lấy *\n1 = Sáng\n2 = Chiều\n(Đơn lên SAU khoản t/g từ 10:30 đến 16:00, nếu điền 1 "
    "sẽ được hiểu là ca lấy Sáng ngày tiếp theo)",
    "S3": "Giao hàng thất bại thu tiền\nNếu không có để trống",
    "H4": "Dài (cm)",
    "I4": "Rộng (cm)",
    "J4": "Cao (cm)",
    "K4": "Có/Không",
    "L4": "Giá trị hàng hoá",
}
GHN_MERGES = {"A1:R1", "A2:C2", "D2:S2", "H3:J3", "K3:L3"} | {
    f"{c}3:{c}4" for c in "ABCDEFGMNOPQRS"
}

VTP_HEADERS = [  # row 6; the trailing and double spaces are Viettel Post's own
    "STT", "Mã đơn hàng ", "Tên người nhận (*)", "Số ĐT người nhận (*)", "Địa chỉ nhận (*)",
    "Tên hàng hóa (*)", "Số lượng", "Trọng lượng (gram)  (*)", "Giá trị hàng (VND) (*)",
    "Tiền thu hộ COD (VND)", "Loại hàng hóa (*)", "Tính chất hàng hóa đặc biệt",
    "Dịch vụ  (*)", "Dịch vụ cộng thêm ", "Thu tiền xem hàng", "Dài (cm)", "Rộng (cm)",
    "Cao (cm)", "Người trả cước", "Yêu cầu khác", "Thời gian hẹn lấy", "Thời gian giao",
]  # fmt: skip
VTP_SERVICES = {  # Viettel Post's hidden list "Dịch vụ" (a few of its 27)
    "PHS - Nội tỉnh tiết kiệm thỏa thuận",
    "LCOD - TMĐT tiết kiệm thỏa thuận",
    "NCOD - TMĐT nhanh thỏa thuận",
    "VHT - Hỏa tốc thỏa thuận",
}

GHTK_HEADERS = [
    "STT", "Mã ĐH riêng", "Tên khách hàng", "SĐT", "Địa chỉ chi tiết", "Tên sản phẩm",
    "Số lượng", "Khối lượng (kg)", "Giá trị hàng", "Tiền CoD", "Ghi chú",
]  # fmt: skip


@pytest.fixture
def show(demo_store: Store) -> tuple[Store, int, list[Order]]:
    """Three confirmed orders with addresses: one of two products (boxes, and a fraction
    of a kg), two of one product each."""
    s = demo_store.start_session()
    said = [
        ("Chị Lan", "na 2 hộp, khoai 1,5kg 0912345678", "thôn Nà Pàn, xã Chi Lăng, Lạng Sơn"),
        ("Cô Hoa", "chốt 3 túi hồi 0987654321", "Bản Hon, xã Tam Đường, Lai Châu"),
        ("Anh Tú", "mật ong 2 chai 0901234567", "12 Trần Phú, phường Ba Đình, Hà Nội"),
    ]
    comments = [
        IncomingComment("tiktok", f"p{i}", f"u{i}", name, text, datetime.now(UTC))
        for i, (name, text, _address) in enumerate(said)
    ]
    out = demo_store.ingest(s.id, comments, parser_for(demo_store.products()).parse)
    demo_store.decide([c.id for c in out.claims], ClaimStatus.CONFIRMED)
    for order, (_name, _text, address) in zip(demo_store.orders(s.id), said, strict=True):
        demo_store.update_buyer(order.buyer_id, address=address)
    return demo_store, s.id, demo_store.orders(s.id)


def _write(show: tuple[Store, int, list[Order]], name: str, out: Path) -> Any:
    from livehelper.export import templates, write_file

    store, session_id, orders = show
    write_file(store, session_id, orders, "xlsx", out, templates.load(name))
    return openpyxl.load_workbook(out)


def test_ghn_file_is_laid_out_as_ghns_sample(show, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = _write(show, "ghn", tmp_path / "ghn.xlsx")
    assert book.sheetnames == ["Sheet1"]
    sheet = book["Sheet1"]
    assert sheet["A1"].value == "Danh sách đơn hàng \n(*) Thông tin bắt buộc phải điền"
    assert (sheet["A2"].value, sheet["D2"].value) == ("Thông tin người nhận", "Thông tin đơn hàng")
    assert {str(r) for r in sheet.merged_cells.ranges} == GHN_MERGES
    for at, text in GHN_HEADERS.items():
        assert sheet[at].value == text, at
        assert sheet[at].number_format == "@", at  # header cells as text
    orders = show[2]
    data = [[c for c in row] for row in sheet.iter_rows(min_row=5, max_col=19)]
    assert len(data) == len(orders)  # data from row 5, one row per order
    for row, order in zip(data, orders, strict=True):
        cell = {c.column_letter: c for c in row}
        assert cell["A"].value == order.buyer_name
        assert cell["B"].value == order.phone and cell["B"].number_format == "@"
        assert cell["C"].value == order.address
        assert cell["D"].value == 2  # Gói cước: 2 = Chuyển phát thương mại điện tử
        assert cell["E"].value == order.total and isinstance(cell["E"].value, int)
        assert cell["F"].value in (1, 2, 3)  # Yêu cầu đơn hàng
        weight = cell["G"].value
        assert isinstance(weight, int) and 0 < weight <= 100_000  # grams, never empty
        assert re.fullmatch(r"[^:/]+:\d+( / [^:/]+:\d+)*", cell["P"].value)  # name:qty / …
        assert cell["R"].value in (1, 2)  # Ca lấy
        assert cell["O"].value == f"LH{order.session_id}-{order.id}"
    lan = {c.column_letter: c.value for c in data[0]}
    assert lan["P"] == "Na Chi Lăng:2 / Khoai sâm Lai Châu (1,5 kg):1"
    assert lan["G"] == 2 * 1000 + 1500  # the catalogue's 1 kg a box; 1,5 kg by the kg


def test_viettelpost_file_is_laid_out_as_viettel_posts(show, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from livehelper.errors import FileGaps
    from livehelper.export import choices, templates

    store = show[0]
    with pytest.raises(FileGaps, match=r"viettelpost\.dich_vu"):  # no documented default
        _write(show, "viettelpost", tmp_path / "vtp.xlsx")
    with pytest.raises(ValueError, match="cannot be 'XYZ'"):
        choices.choose(store, templates.load("viettelpost"), {"dich_vu": "XYZ"})
    choices.choose(store, templates.load("viettelpost"), {"dich_vu": "LCOD"})
    book = _write(show, "viettelpost", tmp_path / "vtp.xlsx")
    sheet = book["Danh sách"]
    titles = [sheet.cell(r, 1).value for r in range(1, 6)]
    assert titles == [
        "TẬP ĐOÀN CÔNG NGHIỆP - VIỄN THÔNG QUÂN ĐỘI",
        "TỔNG CÔNG TY CỔ PHẦN BƯU CHÍNH VIETTEL",
        None,
        "DANH SÁCH ĐƠN HÀNG",
        "(*) là các trường bắt buộc nhập",
    ]
    assert [sheet.cell(6, c).value for c in range(1, 23)] == VTP_HEADERS
    assert sheet.cell(6, 23).value is None
    orders = show[2]
    data = list(sheet.iter_rows(min_row=7, max_col=22))
    assert len(data) == len(orders)
    for number, (row, order) in enumerate(zip(data, orders, strict=True), start=1):
        value = {VTP_HEADERS[i]: c.value for i, c in enumerate(row)}
        assert value["STT"] == number
        assert value["Số ĐT người nhận (*)"] == order.phone and row[3].number_format == "@"
        assert value["Địa chỉ nhận (*)"] == order.address
        assert isinstance(value["Trọng lượng (gram)  (*)"], int)
        assert value["Giá trị hàng (VND) (*)"] == order.total == value["Tiền thu hộ COD (VND)"]
        assert value["Loại hàng hóa (*)"] == "Bưu kiện"  # Viettel Post's list: Bưu kiện, Tài liệu
        assert value["Dịch vụ  (*)"] == "LCOD - TMĐT tiết kiệm thỏa thuận"
        assert value["Dịch vụ  (*)"] in VTP_SERVICES
        assert value["Số lượng"] == sum(int(line.qty) or 1 for line in order.lines) or 1


def test_ghtk_file_has_a_row_per_product_and_the_orders_cells_merged(show, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = _write(show, "ghtk", tmp_path / "ghtk.xlsx")
    sheet = book.worksheets[0]
    assert [sheet.cell(1, c).value for c in range(1, 12)] == GHTK_HEADERS
    orders = show[2]
    lan = orders[0]
    assert len(lan.lines) == 2  # her two products: rows 2 and 3
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for letter in "ABCDEJK":  # STT … Địa chỉ chi tiết, Tiền CoD, Ghi chú: the order's
        assert f"{letter}2:{letter}3" in merged
    assert not any(r.startswith(("F", "G", "H", "I")) for r in merged)  # per product
    assert sheet["E2"].value == lan.address  # the whole address, one field
    assert sheet["D2"].value == lan.phone and sheet["D2"].number_format == "@"
    assert [sheet["F2"].value, sheet["F3"].value] == ["Na Chi Lăng", "Khoai sâm Lai Châu (1,5 kg)"]
    assert [sheet["G2"].value, sheet["G3"].value] == [2, 1]  # whole items
    assert [sheet["H2"].value, sheet["H3"].value] == [2, 1.5]  # kg
    assert [sheet["I2"].value, sheet["I3"].value] == [line.total for line in lan.lines]
    assert sheet["J2"].value == lan.total
    rows = sum(len(o.lines) for o in orders)
    assert sheet.max_row == 1 + rows


def test_the_shops_choices_are_refused_when_invalid_and_remembered(show) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import run_cli

    store = show[0]
    db = str(store.engine.url.render_as_string(hide_password=False)).replace(
        "postgresql+psycopg://", "postgresql://"
    )
    bad = run_cli("settings", "ghn.ca_lay=3", db=db, check=False)
    assert bad.returncode == 2 and "1 = Sáng; 2 = Chiều" in bad.stderr
    assert store.setting("ghn.ca_lay") is None
    run_cli("settings", "ghn.ca_lay=2", "default_weight_g=350", db=db)
    assert (store.setting("ghn.ca_lay"), store.setting("default_weight_g")) == ("2", "350")
    unknown = run_cli("settings", "ghn.nope=1", db=db, check=False)
    assert unknown.returncode == 2 and "ghn.goi_cuoc" in unknown.stderr
    heavy = run_cli("settings", "default_weight_g=0", db=db, check=False)
    assert heavy.returncode == 2
    import json

    shown = {s["key"]: s for s in json.loads(run_cli("settings", "--json", db=db).stdout)}
    assert shown["ghn.ca_lay"]["value"] == "2" and shown["ghn.goi_cuoc"]["value"] == "2"
    assert "LCOD" in shown["viettelpost.dich_vu"]["codes"]
