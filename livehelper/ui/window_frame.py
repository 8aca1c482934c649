"""Where the window sits and how big it is — as the assistant left it, but always inside
the screen the laptop has (1366x768 and 1280x720 less a taskbar) — and closing it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from livehelper.ui import window_settings

DEFAULT = (1400, 860)
FRAME = (16, 40)  # a window frame and title bar: not known before the window is shown


def fit_to_screen(window: QMainWindow) -> None:
    saved = window_settings.stored().value(window_settings.WINDOW_GEOMETRY)
    if saved is None or not window.restoreGeometry(saved):
        window.resize(*DEFAULT)
    screen = window.screen().availableGeometry()
    width = min(window.width(), screen.width() - FRAME[0])
    height = min(window.height(), screen.height() - FRAME[1])
    window.resize(width, height)
    x = min(max(window.x(), screen.left()), screen.right() - width - FRAME[0])
    y = min(max(window.y(), screen.top()), screen.bottom() - height - FRAME[1])
    window.move(max(x, screen.left()), max(y, screen.top()))


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """A dialog as big as it likes (``width`` x ``height``), but inside the screen it
    opens on, above the taskbar, with room for its title bar."""
    parent = dialog.parentWidget()
    screen = (parent or dialog).screen().availableGeometry()
    dialog.resize(min(width, screen.width() - FRAME[0]), min(height, screen.height() - FRAME[1]))


def sizes(window: QMainWindow) -> tuple[int, int]:
    """The font and the button height, in pixels: a little smaller on a laptop screen
    (under 800 pixels high), so ten claims fit."""
    small = window.screen().availableGeometry().height() < 800
    return (14, 32) if small else (15, 38)


def remember(window: QMainWindow) -> None:
    window_settings.stored().setValue(window_settings.WINDOW_GEOMETRY, window.saveGeometry())


def may_close(window: QMainWindow) -> bool:
    """During a live: closing stops reading comments, so it is asked first."""
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("WindowFrame", "Close livehelper"),
        QCoreApplication.translate(
            "WindowFrame",
            "A live is on: while livehelper is closed no comment is read and no order is "
            "caught. Close it anyway?",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
