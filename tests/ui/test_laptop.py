"""The window on the laptops sellers have (issue: the assistant's loop): it fits a
1366x768 or 1280x720 screen less its taskbar, shows ten claims there, remembers its size,
speaks Vietnamese in Qt's own buttons and dialogs, draws no glyph a bare system lacks,
and asks before closing during a live."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
)

from livehelper.ui.main_window import MainWindow
from tests.helpers import REPO
from tests.ui.window import close, open_window

# a screen less a 40-pixel taskbar: what Windows reports as the available area
LAPTOPS = {"1366x768": (1366, 728, 10), "1280x720": (1280, 680, 9)}


@pytest.mark.parametrize("laptop", sorted(LAPTOPS))
def test_the_window_fits_the_laptop_and_shows_ten_claims(laptop: str, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    width, height, claims = LAPTOPS[laptop]
    url = db[0]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.laptop_screen", str(width), str(height), url],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPO,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    fit = json.loads(lines[-1])
    x, y, w, h = fit["window"]
    sx, sy, sw, sh = fit["screen"]
    assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, fit  # inside
    assert fit["claims_visible"] >= claims, fit
    if laptop == "1366x768":
        assert fit["comment_chars"] >= 15, fit  # the start of the comment, readable
    dialogs = fit["dialogs"]
    assert len(dialogs) == 10, sorted(dialogs)  # every dialog the assistant opens
    for name, (dx, dy, dw, dh) in dialogs.items():  # each fits above the taskbar
        assert sx <= dx and sy <= dy and dx + dw <= sx + sw and dy + dh <= sy + sh, (name, fit)


def test_the_window_remembers_its_size(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    first = open_window(qtbot, db[0])
    first.resize(first.width(), 560)  # the test screen is 800x800: its height can change
    close(first)
    again = open_window(qtbot, db[0])
    try:
        assert again.height() == 560
    finally:
        close(again)


def test_qt_own_buttons_and_dialogs_speak_vietnamese(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, db[0], lang="vi")
    try:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "x",
            "y",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            window,
        )
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {"Có", "Không"}
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Close
        )
        assert {b.text().replace("&", "") for b in buttons.buttons()} == {
            "Đồng ý", "Huỷ", "Lưu", "Đóng"
        }  # fmt: skip
        files = QFileDialog(window)
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = {label.text().replace("&", "") for label in files.findChildren(QLabel)}
        assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= labels
    finally:
        close(window)


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_every_window_text_draws_with_the_font_linux_has() -> None:
    """No emoji or pictograph a bare Linux (fonts-dejavu-core, which livehelper.sh
    installs) draws as a box: every character of the window's texts is in DejaVu Sans."""
    from PySide6.QtGui import QRawFont

    from tests.conftest import require_part

    if not DEJAVU.exists():
        require_part("fonts-dejavu-core", "the font a bare Linux draws the window with")
    font = QRawFont(str(DEJAVU), 12)
    sources = sorted((REPO / "livehelper" / "ui").glob("*.py"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    texts += [(REPO / "resources" / "i18n" / n).read_text(encoding="utf-8") for n in (
        "livehelper_vi.ts", "qt_vi.ts")]  # fmt: skip
    used = {ch for text in texts for ch in text if ord(ch) > 0x7F}
    assert sorted(ch for ch in used if not font.supportsCharacter(ord(ch))) == []


def test_closing_during_a_live_asks_first(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent, title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    window.close()  # Alt+F4 in the middle of the live
    assert asked and window.isVisible()  # "No": the live goes on
    window.close()
    assert not window.isVisible() and len(asked) == 2
    assert QApplication.instance() is not None
