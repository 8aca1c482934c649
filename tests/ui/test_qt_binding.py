"""The Qt binding the window runs on keeps Python's references straight.

PySide6 6.12.0 drops a reference to None each time Qt's C++ reads a Python model's
``data()`` that returns None, as every view does for each role it has no value for,
thousands of times a second while comments pour in. None's count reached zero and the
app died in the middle of a show ("Fatal Python error: none_dealloc"); the UI flood
benchmark found it. pyproject.toml keeps 6.12 out; this test fails on any binding that
does it again."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

READS = 2000


class _NothingToShow(QAbstractTableModel):
    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 10

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None  # as livehelper's models do for a role they do not style


def test_qt_reading_a_python_model_keeps_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = _NothingToShow()
    proxy = QSortFilterProxyModel()  # Qt's C++ reads the Python model, as a view does
    proxy.setSourceModel(model)
    index = proxy.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(READS):
        assert proxy.data(index, Qt.ItemDataRole.BackgroundRole) is None
    lost = before - sys.getrefcount(None)
    assert lost < READS // 10, f"the Qt binding lost {lost} references to None in {READS} reads"
