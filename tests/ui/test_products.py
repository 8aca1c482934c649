"""Products: shown, featured by a click or a function key; catalogue problems in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from livehelper.catalogue import read_catalogue
from livehelper.ui.main_window import MainWindow
from tests.ui.window import click_row


def test_products_are_shown_with_the_featured_one(window: MainWindow) -> None:
    codes = [p.code for p in window.products.rows]
    assert "KS" in codes and window.products.featured == "KS"
    assert window.session is not None and window.session.name == "Tối thứ bảy"


def test_click_features_a_product_in_the_database(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    row = [p.code for p in window.products.rows].index("NA")
    click_row(qtbot, window.products_view, row)
    qtbot.waitUntil(lambda: window.products.featured == "NA", timeout=5000)
    assert store.session(session_id).featured_code == "NA"


def test_function_key_features_the_nth_product(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    QTest.keyClick(window, Qt.Key.Key_F2)
    second = window.products.rows[1].code
    qtbot.waitUntil(lambda: window.products.featured == second, timeout=5000)
    assert store.session(session_id).featured_code == second


def test_catalogue_problems_are_told_in_vietnamese(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.errors import CatalogueError
    from livehelper.ui.texts import catalogue_error_text

    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,price,unit\nKS,Khoai,abc,kg\nKS,Khoai 2,1,\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(bad)
    window._test_language.use("vi")  # type: ignore[attr-defined]
    text = catalogue_error_text(caught.value)
    assert "Chưa nhập gì cả" in text
    assert "dòng 2: giá 'abc' không phải số tiền đồng chẵn" in text
    assert "dòng 3: mã 'KS' đã dùng ở dòng 2" in text
    assert "dòng 3: đơn vị tính đang trống" in text
    window._test_language.use("en")  # type: ignore[attr-defined]
    assert "line 2: the price 'abc' is not a whole amount" in catalogue_error_text(caught.value)
