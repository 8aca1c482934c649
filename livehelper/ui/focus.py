"""The keyboard belongs to the queue whenever nothing else needs it: after a button, a
dialog, an F-key, a click on a product, the assistant's Enter still confirms. Typing
fields and the comment feed (Enter there makes a claim) keep it while they have it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TYPING = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)


class QueueFocus(QObject):
    def __init__(self, window: QWidget, queue: QWidget, keeps: Callable[[QWidget], bool]) -> None:
        """``keeps(widget)``: whether that widget of the window needs the keyboard too."""
        super().__init__(window)
        self._window = window
        self._queue = queue
        self._keeps = keeps
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._changed)

    def _changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new is self._queue or new.window() is not self._window:
            return  # another window or a dialog has it, or the queue already
        if isinstance(new, TYPING) or self._keeps(new):
            return
        QTimer.singleShot(0, self.give_back)  # after Qt has finished moving it

    def give_back(self) -> None:
        if QApplication.activeModalWidget() is None and self._window.isActiveWindow():
            self._queue.setFocus()
