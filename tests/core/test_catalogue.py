"""Catalogue import: CSV with/without BOM, XLSX, and bad rows named by line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from livehelper.catalogue import read_catalogue
from livehelper.errors import CatalogueError
from livehelper.store import Store

GOOD = (
    "code,name,price,unit,stock,aliases,ghi chú\n"
    "KS,Khoai sâm,35000,kg,50,khoai sâm|khoai|,thơm\n"
    'NA,Na Chi Lăng,"120.000",hộp,,na\n'
    "HH,Hoa hồi,95k,túi,0,\n"
)


def write(tmp_path: Path, text: str, bom: bool = False, name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_and_without_bom(tmp_path: Path, bom: bool) -> None:
    specs = read_catalogue(write(tmp_path, GOOD, bom))
    assert [(s.code, s.name, s.price, s.unit, s.stock, s.aliases) for s in specs] == [
        ("KS", "Khoai sâm", 35000, "kg", Decimal(50), ("khoai sâm", "khoai")),
        ("NA", "Na Chi Lăng", 120000, "hộp", None, ("na",)),
        ("HH", "Hoa hồi", 95000, "túi", Decimal(0), ()),
    ]


def test_xlsx_first_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "name", "price", "unit", "stock", "aliases", "extra"])
    sheet.append(["KS", "Khoai sâm", 35000, "kg", 50, "khoai|ks", "x"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["MO", "Mật ong", 250000.0, "chai", None, None])
    book.create_sheet("other").append(["ignored"])
    path = tmp_path / "c.xlsx"
    book.save(path)
    specs = read_catalogue(path)
    assert [(s.code, s.price, s.stock, s.aliases) for s in specs] == [
        ("KS", 35000, Decimal(50), ("khoai", "ks")),
        ("MO", 250000, None, ()),
    ]


def test_vietnamese_headers(tmp_path: Path) -> None:
    specs = read_catalogue(
        write(tmp_path, "Mã,Tên sản phẩm,Giá,Đơn vị,Tồn kho\nKS,Khoai,35000,kg,3\n")
    )
    assert specs[0].code == "KS" and specs[0].stock == Decimal(3)


def test_every_bad_row_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (
            "code,name,price,unit,stock,aliases\n"
            "KS,Khoai sâm,35000,kg,50,\n"
            "NA,Na,abc,hộp,,\n"  # line 3: price
            ",Mật ong,250000,chai,,\n"  # line 4: no code
            "HH,Hoa hồi,95000,túi,1.5,\n"  # line 5: stock
            "ks,Khoai 2,1000,kg,,\n"  # line 6: duplicate code
            "MO,,1000,,,\n"  # line 7: name and unit
        ),
    )
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(path)
    lines = [p.line for p in caught.value.problems]
    assert lines == [3, 4, 5, 6, 7, 7]
    text = str(caught.value)
    assert "line 3: the price 'abc' is not a whole amount" in text
    assert "line 6: the code 'ks' is already used on line 2" in text
    assert "nothing was imported" in text


def test_quoted_multiline_cell_keeps_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, 'code,name,price,unit\nKS,"Khoai\nsâm",35000,kg\nNA,Na,x,hộp\n')
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(path)
    assert [p.line for p in caught.value.problems] == [4]


def test_missing_header_columns(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"line 1: .*missing: price, unit"):
        read_catalogue(write(tmp_path, "code,name\nKS,Khoai\n"))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(
        "code,name,price,unit\nKS,Khoai sâm,1,kg\n".encode("cp1258", errors="replace").replace(
            b"?", b"\xe2"
        )
    )
    with pytest.raises(CatalogueError, match="not UTF-8"):
        read_catalogue(path)


def test_broken_xlsx_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CatalogueError, match="cannot read this Excel file"):
        read_catalogue(bad)
    with pytest.raises(CatalogueError, match="does not exist"):
        read_catalogue(tmp_path / "none.csv")


def test_failed_import_changes_nothing_in_the_store(store: Store, tmp_path: Path) -> None:
    store.import_products(read_catalogue(write(tmp_path, GOOD)))
    before = store.products()
    with pytest.raises(CatalogueError):
        store.import_products(
            read_catalogue(
                write(tmp_path, "code,name,price,unit\nKS,X,1,kg\nNA,Y,z,kg\n", name="b.csv")
            )
        )
    assert store.products() == before


def test_a_unit_weight_for_the_shipping_file(tmp_path: Path) -> None:
    specs = read_catalogue(
        write(
            tmp_path,
            "Mã,Tên,Giá,Đơn vị,Khối lượng (kg)\n"
            'MO,Mật ong,250000,hũ,"0,5"\nKS,Khoai,35000,kg,\nCH,Chè,90000,gói,0.25 kg\n',
        )
    )
    assert [(s.code, s.weight_kg) for s in specs] == [
        ("MO", Decimal("0.5")),
        ("KS", None),  # sold by the kg: it weighs its quantity
        ("CH", Decimal("0.25")),
    ]


@pytest.mark.parametrize("weight", ["nửa ký", "-1", "0", "1500"])
def test_a_weight_that_is_not_one_is_named(tmp_path: Path, weight: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        read_catalogue(
            write(tmp_path, f"code,name,price,unit,weight_kg\nMO,Mật ong,1000,hũ,{weight}\n")
        )
    (problem,) = raised.value.problems
    assert problem.reason == "bad_weight" and problem.line == 2
