"""The crash dialog: what a person sees when livehelper itself has a bug — their orders
are saved, and which log file to send. An error of the world (a LivehelperError: the
database is away, OBS refused) is a status line instead (MainWindow.show_problem)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from livehelper.logs import log_file

log = logging.getLogger(__name__)


def crash_box(details: str, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("livehelper")
    box.setText(
        QApplication.translate(
            "Crash",
            "Something went wrong inside livehelper. Your orders are saved.\nPlease send this log file to the developers:\n{path}",
        ).format(path=log_file())
    )
    box.setDetailedText(details)
    return box


def install_crash_dialog() -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))
        crash_box("".join(traceback.format_exception(kind, value, tb))).exec()

    sys.excepthook = hook


def show_background_crash(exc: BaseException, parent: QWidget) -> QMessageBox:
    """A bug in a background call (already logged where it happened): the dialog, not
    modal, so the show goes on behind it."""
    box = crash_box("".join(traceback.format_exception(exc)), parent)
    box.open()
    return box
