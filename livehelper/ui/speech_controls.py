"""Reading confirmed orders aloud: the on/off button, the voice and the speed, remembered
on this laptop and applied to the backend's announcer. Its words keep the translation
context "MainWindow" (where they were first translated)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QPushButton

from livehelper.model import Claim
from livehelper.speech import Announcer, announcement
from livehelper.ui import window_settings


class SpeechControls:
    """The three widgets (the window places them) and what they change."""

    def __init__(self, announcer: Callable[[], Announcer]) -> None:
        """``announcer``: the backend's announcer now (it may be replaced)."""
        self._announcer = announcer
        self.button = QPushButton()
        self.button.setCheckable(True)
        self.voice = QComboBox()
        self.rate = QComboBox()
        stored = window_settings.stored()
        self.button.setChecked(
            str(stored.value(window_settings.SPEECH_ON, "true")).lower() == "true"
        )
        self.retranslate()
        for control in (self.voice, self.rate):
            control.currentIndexChanged.connect(self.apply)
        self.button.toggled.connect(self.apply)
        self.apply()

    def widgets(self) -> tuple[QPushButton, QComboBox, QComboBox]:
        return self.button, self.voice, self.rate

    def retranslate(self) -> None:
        self.button.setText(QCoreApplication.translate("MainWindow", "Read orders aloud"))
        stored = window_settings.stored()
        choices = (
            (
                self.voice,
                [
                    (QCoreApplication.translate("MainWindow", "Northern voice"), "aav/vi"),
                    (QCoreApplication.translate("MainWindow", "Central voice"), "central"),
                    (QCoreApplication.translate("MainWindow", "Southern voice"), "south"),
                ],
                window_settings.SPEECH_VOICE,
            ),
            (
                self.rate,
                [
                    (QCoreApplication.translate("MainWindow", "Normal speed"), None),
                    (QCoreApplication.translate("MainWindow", "Slower"), 130),
                    (QCoreApplication.translate("MainWindow", "Faster"), 210),
                ],
                window_settings.SPEECH_RATE,
            ),
        )
        for combo, items, key in choices:
            index = combo.currentIndex() if combo.count() else int(str(stored.value(key, 0)))
            combo.blockSignals(True)
            combo.clear()
            for label, data in items:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(0, min(index, combo.count() - 1)))
            combo.blockSignals(False)

    def apply(self) -> None:
        """The choice shown is the announcer's, and is remembered."""
        announcer = self._announcer()
        announcer.muted = not self.button.isChecked()
        announcer.rate = self.rate.currentData()
        announcer.voice = self.voice.currentData()
        stored = window_settings.stored()
        stored.setValue(window_settings.SPEECH_ON, self.button.isChecked())
        stored.setValue(window_settings.SPEECH_RATE, self.rate.currentIndex())
        stored.setValue(window_settings.SPEECH_VOICE, self.voice.currentIndex())

    def announce(self, claim: Claim) -> None:
        if not claim.items:
            return
        text = announcement(claim.buyer_name, [(i.qty, i.unit, i.name) for i in claim.items])
        self._announcer().say(text)  # its own thread; drops stale ones when busy
