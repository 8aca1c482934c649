"""Settings, export and report dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from livehelper.model import ClaimStatus
from livehelper.ui.main_window import MainWindow
from tests.ui.window import comment


def test_settings_page_saves_shared_settings_and_the_show_cap(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.settings_dialog import SettingsDialog

    _url, store, session_id = db
    window.settings_button.click()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=3000)
    dialog = window.findChild(SettingsDialog)
    assert "R replaces" in " ".join(
        label.text() for label in dialog.findChildren(type(window.banner))
    )
    dialog.reserve.setValue(3)
    row = next(r for r in range(dialog.caps.rowCount()) if dialog.caps.item(r, 0).text() == "NA")
    dialog.caps.item(row, 3).setText("oops")
    dialog._save()
    assert "NA" in dialog.problem.text()  # named, nothing saved
    dialog.caps.item(row, 3).setText("5")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog._save()
    assert store.setting("reserve_minutes") == "3"
    na = next(p for p in store.stock_report(session_id) if p["code"] == "NA")
    assert (na["cap"], na["remaining"]) == (5, 5)


def test_export_dialog_checks_then_exports_with_progress_and_results(
    qtbot, window: MainWindow, db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.export_dialog import ExportDialog
    from tests.fakes.shop_servers import ShopServer

    _url, store, session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg 0912345678", name="Chị Lan"))
    pipeline.submit(comment(2, "chốt 1kg", name="Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    store.decide([c.id for c in window.queue.rows], ClaimStatus.CONFIRMED)
    lan = next(o for o in store.orders(session_id) if o.buyer_name == "Chị Lan")
    store.update_buyer(lan.buyer_id, address="thôn Nà Pàn, xã Chi Lăng, Lạng Sơn")

    window.export_button.click()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None, timeout=3000)
    dialog = window.findChild(ExportDialog)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("Cô Hoa" in t and t.startswith("✗") for t in texts)  # no phone, no address

    dialog.template.setCurrentIndex(dialog.template.findData("ghtk"))
    dialog.preview()
    headers = [
        dialog.results.horizontalHeaderItem(c).text() for c in range(dialog.results.columnCount())
    ]
    assert "Địa chỉ chi tiết" in headers and dialog.results.rowCount() == 2
    address = headers.index("Địa chỉ chi tiết")  # GHTK takes the whole address
    shown = {dialog.results.item(r, address).text() for r in range(2)}
    assert shown == {"thôn Nà Pàn, xã Chi Lăng, Lạng Sơn", ""}
    dialog.export_file("xlsx", tmp_path / "ghtk")
    qtbot.waitUntil(lambda: "exported" in dialog.status.text(), timeout=5000)
    assert dialog.results.rowCount() == 2
    assert (
        tmp_path / "ghtk.xlsx"
    ).exists() and dialog.progress.value() == dialog.progress.maximum()
    # Hoa's order has no phone and no address: the file holds it back, listed first
    assert "1 exported" in dialog.status.text() and "1 held" in dialog.status.text()
    first = dialog.problems.item(0)
    assert first.text().startswith("✗") and "Cô Hoa" in first.text()
    first.setCheckState(Qt.CheckState.Checked)  # the assistant sends it anyway
    dialog.export_file("xlsx", tmp_path / "ghtk-all")
    qtbot.waitUntil(lambda: "2 exported" in dialog.status.text(), timeout=5000)
    first.setCheckState(Qt.CheckState.Unchecked)

    shop = ShopServer("shopify")
    try:
        dialog.destination.setCurrentIndex(dialog.destination.findData("shopify"))
        dialog.url.setText(shop.url)
        dialog.token.setText(shop.token)
        dialog.remember.setChecked(True)
        dialog.export_button.click()
        qtbot.waitUntil(lambda: "Done" in dialog.status.text(), timeout=10000)
        results = {dialog.results.item(r, 1).text() for r in range(dialog.results.rowCount())}
        assert results == {"sent", "held back: fix it first"}
        assert len(shop.orders) == 1  # Hoa's order waits for a phone and an address
        # the next time, the token kept for this address is filled in
        again = ExportDialog(dialog.checked, window.backend, store, session_id, window)
        again.destination.setCurrentIndex(again.destination.findData("shopify"))
        again.url.setText(shop.url)
        again.url.editingFinished.emit()
        qtbot.waitUntil(lambda: again.token.text() == shop.token, timeout=3000)
    finally:
        shop.stop()


def test_a_partners_codes_are_asked_once_and_remembered(
    qtbot, window: MainWindow, db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from livehelper.ui.export_dialog import ExportDialog

    _url, store, session_id = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg 0912345678", name="Chị Lan"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    store.decide([c.id for c in window.queue.rows], ClaimStatus.CONFIRMED)
    store.update_buyer(store.orders(session_id)[0].buyer_id, address="xã Chi Lăng, Lạng Sơn")
    checked = ExportDialog.check(store, session_id)
    dialog = ExportDialog(checked, window.backend, store, session_id, window)
    dialog.template.setCurrentIndex(dialog.template.findData("kiotviet"))
    assert dialog.choices.caution is not None and "KiotViet" in dialog.choices.caution.text()
    dialog.template.setCurrentIndex(dialog.template.findData("viettelpost"))
    service = dialog.choices.boxes["dich_vu"]
    assert service.currentIndex() == -1  # Viettel Post documents no default service
    assert dialog.choices.boxes["loai_hang"].currentData() == "Bưu kiện"  # its list's parcel
    dialog.export_file("xlsx", tmp_path / "vtp")
    assert "Dịch vụ" in dialog.status.text() and not (tmp_path / "vtp.xlsx").exists()
    service.setCurrentIndex(service.findData("LCOD"))
    dialog.export_file("xlsx", tmp_path / "vtp")
    qtbot.waitUntil(lambda: "exported" in dialog.status.text(), timeout=5000)
    assert (tmp_path / "vtp.xlsx").exists() and store.setting("viettelpost.dich_vu") == "LCOD"
    again = ExportDialog(
        ExportDialog.check(store, session_id), window.backend, store, session_id, window
    )
    again.template.setCurrentIndex(again.template.findData("viettelpost"))
    assert again.choices.boxes["dich_vu"].currentData() == "LCOD"  # asked once
    # a product with no weight: the file asks the weight of one item, once
    unweighed = dataclasses.replace(again.checked, unweighed=True)
    third = ExportDialog(unweighed, window.backend, store, session_id, window)
    third.template.setCurrentIndex(third.template.findData("ghn"))
    assert third.choices.weight is not None
    third.export_file("xlsx", tmp_path / "ghn")
    assert "weight" in third.status.text()
    third.choices.weight.setValue(300)
    third.export_file("xlsx", tmp_path / "ghn")
    qtbot.waitUntil(lambda: "exported" in third.status.text(), timeout=5000)
    assert store.setting("default_weight_g") == "300"
    for shown in (dialog, again, third):
        shown.close()


def test_report_dialog_shows_and_saves(qtbot, window: MainWindow, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from livehelper.ui.export_dialog import ReportDialog

    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg", name="Chị Lan"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    db[1].decide([window.queue.rows[0].id], ClaimStatus.CONFIRMED, by="Mai")
    window.report_button.click()
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None, timeout=3000)
    dialog = window.findChild(ReportDialog)
    assert "70.000₫" in dialog.view.toPlainText() and "Mai" in dialog.view.toPlainText()
    dialog.save(tmp_path / "r.pdf")
    dialog.save(tmp_path / "r.html")
    qtbot.waitUntil(
        lambda: (tmp_path / "r.html").exists() and (tmp_path / "r.pdf").exists(), timeout=5000
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_export_check_speaks_vietnamese(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from livehelper.ui.export_dialog import ExportDialog
    from tests.ui.window import close, open_window

    _url, store, _session_id = db
    window = open_window(qtbot, db[0], lang="vi")
    try:
        assert window.backend.pipeline is not None
        window.backend.pipeline.submit(comment(1, "chốt 1kg", name="Cô Hoa"))
        qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
        store.decide([window.queue.rows[0].id], ClaimStatus.CONFIRMED)
        window.export_button.click()
        qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None, timeout=3000)
        dialog = window.findChild(ExportDialog)
        texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        assert any("không có số điện thoại" in t for t in texts)
        titles = [dialog.template.itemText(i) for i in range(dialog.template.count())]
        assert any(t.startswith("GHTK – đăng đơn Excel") for t in titles)
        assert not any("one row" in t for t in titles)
        dialog.template.setCurrentIndex(dialog.template.findData("ghtk"))
        assert dialog.default_name("xlsx") == f"don-GHTK-{date.today().isoformat()}.xlsx"
    finally:
        close(window)
