"""The window as a whole: language, resuming a live, the demo, models, a big feed, crashes, secrets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView

from livehelper.model import ClaimStatus, Comment, Intent
from livehelper.ui.app import create_window
from livehelper.ui.main_window import MainWindow
from livehelper.ui.models import FeedModel, OrdersModel, ProductsModel, QueueModel
from tests.ui.window import close, comment, open_window


def test_language_switches_at_runtime(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.confirm_button.text() == "Confirm (Enter)"
    window.language.setCurrentIndex(window.language.findData("vi"))
    qtbot.waitUntil(lambda: window.confirm_button.text() == "Xác nhận (Enter)", timeout=3000)
    assert window.products.headerData(2, Qt.Orientation.Horizontal) == "Sản phẩm"
    window.language.setCurrentIndex(window.language.findData("en"))
    qtbot.waitUntil(lambda: window.confirm_button.text() == "Confirm (Enter)", timeout=3000)


def test_vietnamese_is_the_default(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    w, language = create_window(app, db[0], False, None)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w._test_language = language  # type: ignore[attr-defined]
    try:
        assert w.confirm_button.text() == "Xác nhận (Enter)"
        assert w.language.currentData() == "vi"
    finally:
        close(w)


def test_the_language_choice_is_remembered(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, db[0], lang="vi")
    w.language.setCurrentIndex(w.language.findData("en"))
    close(w)
    app = QApplication.instance()
    again, language = create_window(app, db[0], False, None)  # type: ignore[arg-type]
    qtbot.addWidget(again)
    again._test_language = language  # type: ignore[attr-defined]
    try:
        assert again.confirm_button.text() == "Confirm (Enter)"
    finally:
        close(again)


def test_resumes_the_live_session_with_its_comments(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    url, store, session_id = db
    from livehelper.comments.parser import parser_for

    store.ingest(
        session_id,
        [comment(1, "chốt 2kg"), comment(2, "hello")],
        parser_for(store.products()).parse,
    )
    w = open_window(qtbot, url)
    try:
        assert len(w.feed.rows) == 2 and len(w.queue.rows) == 1
        assert w.queue_view.currentIndex().row() == 0
    finally:
        close(w)


def test_empty_database_offers_the_demo(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        assert w.banner.isVisible() and "demo" in w.banner.text()
        assert w.session is None
    finally:
        close(w)


def test_demo_streams_comments_into_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, None, demo=True)
    try:
        qtbot.waitUntil(lambda: len(w.feed.rows) == 48, timeout=20000)
        assert len(w.queue.rows) >= 20
        assert w.products.featured == "HH"  # the script's last product
    finally:
        close(w)


def test_models_pass_qt_model_tester(qtmodeltester, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    from livehelper.comments.parser import parser_for

    out = store.ingest(
        session_id,
        [comment(i, "chốt 2kg 0912345678") for i in range(5)],
        parser_for(store.products()).parse,
    )
    store.decide([out.claims[0].id], ClaimStatus.CONFIRMED)
    products, feed, queue, orders = ProductsModel(), FeedModel(), QueueModel(), OrdersModel()
    products.set_rows(store.products())
    feed.set_rows(list(out.comments))
    queue.set_rows(list(out.claims[1:]))
    orders.set_rows(store.orders(session_id))
    for model in (products.qt, feed.qt, queue.qt, orders.qt):
        qtmodeltester.check(model, force_py=True)
    assert [feed.data(feed.index(r, 2)) for r in range(5)] == ["chốt 2kg 0912•••678"] * 5


def test_feed_takes_comments_in_batches_and_paints_without_python(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QStandardItemModel

    model = FeedModel()
    # Qt's own class, not a Python subclass: painting calls no Python, so a busy writer
    # thread holding the interpreter cannot freeze the feed
    assert type(model.qt) is QStandardItemModel
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model.qt)
    view.show()
    start = datetime.now(UTC)
    for batch in range(10):
        model.append_rows(
            [
                Comment(
                    batch * 1000 + i,
                    1,
                    "tiktok",
                    str(i),
                    1,
                    "Lan",
                    "chốt 2kg",
                    start + timedelta(seconds=i),
                    Intent.ORDER,
                    None,
                )
                for i in range(1000)
            ]
        )
    view.scrollToBottom()
    QApplication.processEvents()
    assert model.rowCount() == model.qt.rowCount() == 10_000
    assert view.rowAt(view.viewport().height() - 5) > 9_900


def test_offering_the_demo_switches_without_blocking(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    w = open_window(qtbot, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        with qtbot.waitSignal(w.sig_ready, timeout=10000):
            w.demo_button.click()
        assert w.demo_mode and not w.banner.isVisible()
        qtbot.waitUntil(lambda: len(w.feed.rows) > 5, timeout=20000)
    finally:
        close(w)


def test_a_bug_in_the_background_opens_the_crash_dialog_the_world_a_status_line(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from livehelper.errors import NotFound
    from livehelper.logs import log_file

    def world() -> None:
        raise NotFound("no claim with id 99")

    window.backend.call(world)
    qtbot.waitUntil(
        lambda: "no claim with id 99" in window.statusBar().currentMessage(), timeout=5000
    )
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    def bug() -> None:
        raise ZeroDivisionError("a bug")

    window.backend.call(bug)
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=5000
    )
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert str(log_file()) in box.text() and "ZeroDivisionError" in box.detailedText()
    box.close()


def test_a_token_saved_in_the_window_is_seen_by_the_cli(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One secrets fallback: without a keyring the window and ``livehelper listen`` use
    the same file; what an older window kept in its settings moves there."""
    import argparse

    from livehelper import secrets
    from livehelper.cli.common import source_options_of
    from livehelper.ui.obs_panel import secret_fallback

    monkeypatch.setattr(secrets, "_keyring", lambda: None)  # a machine with no keyring
    monkeypatch.delenv("LIVEHELPER_FACEBOOK_TOKEN", raising=False)
    monkeypatch.delenv("LIVEHELPER_YOUTUBE_KEY", raising=False)
    QSettings("livehelper", "livehelper").setValue("secrets/youtube-key", "old-key")
    assert secrets.store_secret("facebook-token", "EAAB-window", secret_fallback()) is False
    given = {name: None for name in (
        "facebook_token", "youtube_key", "facebook_graph_url", "facebook_streaming_url",
        "comment_rate", "youtube_api_url", "tiktok_sessionid", "tiktok_target_idc", "tiktok_sign_url",
    )}  # fmt: skip
    try:
        options = source_options_of(argparse.Namespace(**given))
        assert options.facebook_token == "EAAB-window"
        assert options.youtube_key == "old-key"
        assert not QSettings("livehelper", "livehelper").contains("secrets/youtube-key")
    finally:  # the other tests' machine has no saved tokens
        for name in ("facebook-token", "youtube-key"):
            secrets.FileFallback().pop(name, None)
