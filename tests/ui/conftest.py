"""Fixtures of the window tests: a real SQLite show with the demo catalogue, a window on it.

The window runs offscreen (tests/conftest.py sets QT_QPA_PLATFORM)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from livehelper.catalogue import read_catalogue
from livehelper.store import Store
from livehelper.ui.main_window import MainWindow
from tests.helpers import DEMO_CATALOGUE
from tests.ui.window import close, open_window


@pytest.fixture(autouse=True)
def forget_saved_language() -> Iterator[None]:
    """The language choice is remembered between runs; each test starts without one.
    Windows under test keep quiet: speech is tested on files (test_speech.py)."""
    settings = QSettings("livehelper", "livehelper")
    settings.remove("language")
    settings.remove("window")  # a size another test left
    settings.setValue("speech/on", False)
    yield
    settings.remove("language")
    settings.remove("window")
    settings.remove("speech")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[str, Store, int]]:
    url = f"sqlite:///{tmp_path / 'ui.sqlite3'}"
    store = Store.open(url)
    store.import_products(read_catalogue(DEMO_CATALOGUE))
    session = store.start_session("Tối thứ bảy")
    store.feature(session.id, "KS")
    yield url, store, session.id
    store.close()


@pytest.fixture
def window(qtbot, db) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, db[0])
    yield w
    close(w)
