"""Composition root for the window: Qt application, language, logging, crash dialog."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from livehelper import config, logs
from livehelper.errors import UsageError
from livehelper.logs import log_file
from livehelper.overlays.obs import ObsSettings
from livehelper.overlays.server import DEFAULT_PORT
from livehelper.resources_path import resource_bytes
from livehelper.ui import window_settings
from livehelper.ui.backend import Backend
from livehelper.ui.crash import install_crash_dialog
from livehelper.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class Language:
    """Loads the Vietnamese translations (English is the source language): the app's own
    texts, and Qt's own buttons and dialogs (Yes/No, OK/Cancel, the file dialog), which
    Qt ships no Vietnamese for (resources/i18n/qt_vi.ts)."""

    FILES = ("i18n/livehelper_vi.qm", "i18n/qt_vi.qm")

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.translators = [QTranslator(app) for _ in self.FILES]
        self._data: list[bytes] = []
        self.current = "en"

    def use(self, code: str) -> None:
        if code == self.current:
            return
        for translator in self.translators:
            self.app.removeTranslator(translator)
        if code == "vi":
            # QTranslator reads from these buffers: keep them alive
            self._data = [resource_bytes(name) for name in self.FILES]
            for translator, data, name in zip(
                self.translators, self._data, self.FILES, strict=True
            ):
                if not translator.load(data):
                    log.warning("the translation %s could not be loaded", name)
                    continue
                self.app.installTranslator(translator)
        self.current = code


def default_language(explicit: str | None) -> str:
    if explicit:
        return explicit
    saved = window_settings.stored().value(window_settings.LANGUAGE)
    if saved in ("vi", "en"):
        return str(saved)
    return "vi"  # the people it is built for read Vietnamese first


def create_window(
    app: QApplication,
    db: str | None,
    demo: bool,
    lang: str | None,
    speed: float = 1.0,
    obs: ObsSettings | None = None,
) -> tuple[MainWindow, Language]:
    language = Language(app)
    language.use(default_language(lang))
    port = config.env("LIVEHELPER_OVERLAY_PORT")
    backend = Backend(app, overlay_port=int(port) if port else DEFAULT_PORT)
    window = MainWindow(backend, db, demo_mode=demo, demo_speed=speed, obs_settings=obs)
    index = window.language.findData(language.current)
    window.language.setCurrentIndex(max(index, 0))

    def switch(_index: int) -> None:
        code = window.language.currentData()
        language.use(code)
        window_settings.stored().setValue(window_settings.LANGUAGE, code)

    window.language.currentIndexChanged.connect(switch)
    app.aboutToQuit.connect(backend.shutdown)
    return window, language


def check_screen() -> None:
    """On Linux a window needs a display server. Without one, Qt blames a missing
    libxcb-cursor0, which sends people looking for the wrong thing."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise UsageError(
            "there is no screen here (DISPLAY is not set): the livehelper window needs a "
            "desktop session. To try it without a window: livehelper demo --headless"
        )


def run(
    db: str | None = None, demo: bool = False, lang: str | None = None, speed: float = 1.0
) -> int:
    logs.to_file(str(log_file()))
    check_screen()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("livehelper")
    icon = QPixmap()
    icon.loadFromData(resource_bytes("icons/livehelper.svg"), "SVG")
    app.setWindowIcon(QIcon(icon))
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    install_crash_dialog()
    window, _language = create_window(app, db, demo, lang, speed)
    window.show()
    window.start()
    return app.exec()
