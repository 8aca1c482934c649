"""Text from outside — a buyer's name or comment, a catalogue cell, a session name — as
plain text in a widget. Qt guesses "rich text" from anything that looks like a tag, so
a buyer called ``<img width=4000>`` would become a picture the size of the screen."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never reads its text as HTML."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)
    return widget


def one_line(widget: QLabel, text: str) -> None:
    """``text`` on one line of ``widget``, cut with "…" where it does not fit; the whole
    of it in the tooltip."""
    width = max(100, widget.width())
    widget.setText(widget.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))
    widget.setToolTip(tooltip(text) if text else "")


def tooltip(text: str) -> str:
    """A tooltip showing ``text`` as written (tooltips have no plain-text switch)."""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
