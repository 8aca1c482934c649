"""The OBS strip of the window: connection state, one button per scene, set-up, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from livehelper.overlays.controller import ObsState
from livehelper.overlays.obs import ObsProblem, ObsSettings
from livehelper.secrets import FileFallback, load_secret, store_secret
from livehelper.ui import plain, window_settings


def secret_fallback() -> FileFallback:
    """Where secrets go on a machine without a keyring: the same file the CLI uses, so a
    token saved in the window works for ``livehelper listen`` too. Secrets an older
    livehelper kept in the window's settings move there once."""
    fallback = FileFallback()
    stored = window_settings.stored()
    stored.beginGroup(window_settings.OLD_SECRETS)
    old = {key: str(stored.value(key)) for key in stored.childKeys()}
    stored.endGroup()
    for key, value in old.items():
        if key not in fallback:
            fallback[key] = value  # written to the file at once
        stored.remove(f"{window_settings.OLD_SECRETS}/{key}")
    return fallback


def saved_obs_settings() -> ObsSettings:
    """OBS address from the settings; the password from the OS keyring when there is one."""
    stored = window_settings.stored()
    return ObsSettings(
        host=str(stored.value(window_settings.OBS_HOST, "127.0.0.1")),
        port=int(str(stored.value(window_settings.OBS_PORT, 4455))),
        password=load_secret("obs-password", secret_fallback()),
    )


def save_obs_settings(settings: ObsSettings) -> bool:
    """Save; True when the password went to the OS keyring."""
    stored = window_settings.stored()
    stored.setValue(window_settings.OBS_HOST, settings.host)
    stored.setValue(window_settings.OBS_PORT, settings.port)
    return store_secret("obs-password", settings.password, secret_fallback())


class ObsPanel(QWidget):
    sig_switch = Signal(str)
    """The assistant clicked a scene (or pressed Shift+F1–F12)."""
    sig_setup = Signal()
    sig_settings = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ObsState(connected=False, message="")
        self.status = plain.label()
        self.status.setObjectName("obsStatus")
        self.status.setWordWrap(True)
        self.scene_row = QHBoxLayout()
        self.setup_button = QPushButton()
        self.setup_button.clicked.connect(self.sig_setup.emit)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self.sig_settings.emit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status, 1)
        layout.addLayout(self.scene_row)
        layout.addWidget(self.setup_button)
        layout.addWidget(self.settings_button)
        self.scene_buttons: list[QPushButton] = []
        for number in range(12):
            shortcut = QShortcut(QKeySequence(f"Shift+F{number + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda n=number: self._press(n))
        self.retranslate()

    def _press(self, index: int) -> None:
        if index < len(self.scene_buttons) and self.state.connected:
            self.scene_buttons[index].click()

    def retranslate(self) -> None:
        self.setup_button.setText(self.tr("Set up my OBS"))
        self.settings_button.setText(self.tr("OBS settings…"))
        self.show_state(self.state)

    def show_state(self, state: ObsState) -> None:
        self.state = state
        if state.connected:
            text = self.tr("OBS: connected")
            if not state.texts_ready:
                text += " · " + self.tr("press “Set up my OBS” to add the product texts")
        elif state.problem is None:
            text = self.tr("OBS: connecting…")
        else:
            text = self.tr("OBS: {problem}").format(problem=problem_text(state.problem))
        self.status.setText(text)
        self.status.setToolTip(plain.tooltip(state.message))
        self._rebuild_scenes(state.scenes if state.connected else (), state.program_scene)

    def _rebuild_scenes(self, scenes: tuple[str, ...], live: str) -> None:
        names = [b.property("scene") for b in self.scene_buttons]
        if names != list(scenes):
            for button in self.scene_buttons:
                self.scene_row.removeWidget(button)
                button.deleteLater()
            self.scene_buttons = []
            for index, scene in enumerate(scenes):
                button = QPushButton(scene)
                button.setProperty("scene", scene)
                button.setCheckable(True)
                if index < 12:
                    button.setToolTip(f"Shift+F{index + 1}")
                button.clicked.connect(lambda _checked=False, s=scene: self.sig_switch.emit(s))
                self.scene_row.addWidget(button)
                self.scene_buttons.append(button)
        for button in self.scene_buttons:
            button.setChecked(button.property("scene") == live)


def problem_text(problem: ObsProblem) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        ObsProblem.NOT_RUNNING: QCoreApplication.translate(
            "ObsPanel", "not running — start OBS Studio"
        ),
        ObsProblem.SERVER_OFF: QCoreApplication.translate(
            "ObsPanel",
            "WebSocket server is off — in OBS: Tools → WebSocket Server Settings → Enable",
        ),
        ObsProblem.WRONG_PASSWORD: QCoreApplication.translate(
            "ObsPanel",
            "wrong password — see OBS: Tools → WebSocket Server Settings → Show Connect Info",
        ),
        ObsProblem.TIMEOUT: QCoreApplication.translate("ObsPanel", "not answering"),
        ObsProblem.REQUEST_FAILED: QCoreApplication.translate("ObsPanel", "a request failed"),
        ObsProblem.NOT_SET_UP: QCoreApplication.translate("ObsPanel", "not set up yet"),
    }[problem]


class ObsSettingsDialog(QDialog):
    """Host, port, password, and a button that tries them before saving."""

    sig_test = Signal(object)  # ObsSettings to try

    def __init__(self, settings: ObsSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("OBS settings"))
        self.host = QLineEdit(settings.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(settings.port)
        self.password = QLineEdit(settings.password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.result_label = plain.label()
        self.result_label.setWordWrap(True)
        test = QPushButton(self.tr("Test connection"))
        test.clicked.connect(lambda: self.sig_test.emit(self.settings()))
        form = QFormLayout(self)
        form.addRow(self.tr("Computer running OBS:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(test, self.result_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> ObsSettings:
        return ObsSettings(
            self.host.text().strip() or "127.0.0.1", self.port.value(), self.password.text()
        )

    def show_result(self, ok: bool, text: str) -> None:
        self.result_label.setStyleSheet("color: #2e7d32;" if ok else "color: #b00020;")
        self.result_label.setText(text)
