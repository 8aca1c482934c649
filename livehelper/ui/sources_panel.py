"""The comment sources strip: one health line per source, adding a source, typing an order.

The health lines are read once a second from each source's ``SourceHealth`` (plain
attributes the source's thread writes); nothing here waits on the network. Starting a
source runs on the worker thread; a typed order goes to the writer like any comment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from livehelper.comments.base import SourceHealth
from livehelper.comments.manual import manual_comment
from livehelper.comments.sources import SourceOptions
from livehelper.secrets import load_secret, store_secret
from livehelper.ui import plain, window_settings
from livehelper.ui.backend import Backend
from livehelper.ui.obs_panel import secret_fallback

PLATFORMS = ("facebook", "youtube", "tiktok", "relay", "replay")
SECRET_KEYS = {"facebook": "facebook-token", "youtube": "youtube-key"}


@dataclass(frozen=True)
class SourceRequest:
    spec: str
    options: SourceOptions


def saved_source_options() -> SourceOptions:
    """Tokens from the OS keyring (settings file on a machine without one), base URLs
    from the settings, else the environment and the defaults."""
    settings = window_settings.stored()
    secrets = secret_fallback()
    return SourceOptions.from_env(
        facebook_token=load_secret("facebook-token", secrets),
        youtube_key=load_secret("youtube-key", secrets),
        facebook_graph_url=str(settings.value(window_settings.FACEBOOK_GRAPH_URL, "") or ""),
        facebook_streaming_url=str(
            settings.value(window_settings.FACEBOOK_STREAMING_URL, "") or ""
        ),
        youtube_api_url=str(settings.value(window_settings.YOUTUBE_API_URL, "") or ""),
    )


class SourcesPanel(QWidget):
    sig_message = Signal(str)
    """News for the status line (a source started)."""
    sig_problem = Signal(str)
    sig_state = Signal(str)
    """The last source's state changed: "running", "ended", "failed: …"."""

    def __init__(
        self,
        backend: Backend,
        live: Callable[[], bool],
        assistant: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        """``live``: whether a live is on now; ``assistant``: who is typing orders in."""
        super().__init__(parent)
        self._backend = backend
        self._live = live
        self._assistant = assistant
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.lines = plain.label()
        self.lines.setObjectName("sources")
        self.lines.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_source)
        self.manual_button = QPushButton()
        self.manual_button.clicked.connect(self.type_order)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.manual_button)
        layout.addWidget(self.add_button)
        self.alarm = False
        self.retranslate()
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(1000)
        self._health_timer.timeout.connect(lambda: self.show_health(backend.source_health()))
        self._health_timer.start()
        # emitted from the sources' threads
        backend.sig_source_state.connect(self._state_changed, Qt.ConnectionType.QueuedConnection)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add comment source…"))
        self.manual_button.setText(self.tr("Type an order…"))

    def show_health(self, health: dict[str, SourceHealth]) -> None:
        parts = []
        alarm = False
        for name, h in health.items():
            state = self._state_text(h)
            if h.silent or h.state == "failed":
                alarm = True
                state = "⚠ " + state
            line = self.tr("{name}: {state} · {per_minute}/min · last {seconds} s ago").format(
                name=name, state=state, per_minute=h.per_minute(), seconds=int(h.silent_for())
            )
            if "quota_units" in h.extra:  # YouTube: the daily API quota runs out
                line += " · " + self.tr("quota ~{units} units").format(units=h.extra["quota_units"])
            parts.append(line)
        self.lines.setText("   |   ".join(parts) if parts else self.tr("No comment source yet"))
        if alarm != self.alarm:
            self.alarm = alarm
            self.lines.setStyleSheet("color: #b71c1c; font-weight: bold" if alarm else "")

    def _state_changed(self, name: str, state: str) -> None:
        if state.startswith("failed"):
            self.sig_problem.emit(
                self.tr("Comment source {name} stopped: {state}").format(name=name, state=state)
            )
        self.sig_state.emit(state)

    def _ask_during_live(self, dialog_class: type[QDialog]) -> Any:
        """The dialog, once accepted; None if there is no live or it was cancelled."""
        if not self._live():
            self.sig_problem.emit(self.tr("Start a live first."))
            return None
        dialog = dialog_class(self.window())
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add_source(self) -> None:
        dialog = self._ask_during_live(AddSourceDialog)
        if dialog is None:
            return
        request = dialog.request()
        self._backend.call(
            self._backend.add_source,
            request.spec,
            request.options,
            done=lambda name: self.sig_message.emit(
                self.tr("Reading comments from {name}").format(name=name)
            ),
            failed=lambda exc: self.sig_problem.emit(str(exc)),
        )

    def type_order(self) -> None:
        """An order taken by phone or Zalo: stored like a comment, read like one."""
        dialog = self._ask_during_live(ManualOrderDialog)
        if dialog is None:
            return
        comment = manual_comment(
            dialog.buyer.text(), dialog.text.text(), dialog.phone.text(), self._assistant()
        )
        self._backend.submit(comment)  # never blocks: the writer thread stores it

    def _state_text(self, h: SourceHealth) -> str:
        if h.silent:
            return self.tr("connected but silent — check the live")
        texts = {
            "starting": self.tr("starting"),
            "connecting": self.tr("connecting"),
            "connected": self.tr("receiving"),
            "polling": self.tr("receiving (polling)"),
            "reconnecting": self.tr("reconnecting"),
            "ended": self.tr("ended"),
            "stopped": self.tr("stopped"),
            "failed": self.tr("stopped: {reason}").format(reason=h.detail),
        }
        return texts.get(h.state, h.state)


class AddSourceDialog(QDialog):
    """Which live to read: platform and id, with the token or key it needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a comment source"))
        self.platform = QComboBox()
        for kind, label in (
            ("facebook", self.tr("Facebook Live (live video id)")),
            ("youtube", self.tr("YouTube Live (live chat id)")),
            ("tiktok", self.tr("TikTok LIVE (@username)")),
            ("relay", self.tr("Relay (ws:// address of a bridge)")),
            ("replay", self.tr("Replay a recorded file")),
        ):
            self.platform.addItem(label, kind)
        self.value = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = plain.label()
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self._browse)
        self.browse = browse
        self.problem = plain.label()
        self.problem.setStyleSheet("color: #c62828")
        form = QFormLayout()
        form.addRow(self.tr("Platform:"), self.platform)
        row = QHBoxLayout()
        row.addWidget(self.value, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Live:"), row)
        form.addRow(self.secret_label, self.secret)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self._platform_changed()

    def kind(self) -> str:
        return str(self.platform.currentData())

    def _platform_changed(self) -> None:
        kind = self.kind()
        needs_secret = kind in SECRET_KEYS
        self.secret.setVisible(needs_secret)
        self.secret_label.setVisible(needs_secret)
        self.browse.setVisible(kind == "replay")
        self.secret_label.setText(
            self.tr("Page access token:") if kind == "facebook" else self.tr("API key:")
        )
        if needs_secret:
            saved = load_secret(SECRET_KEYS[kind], secret_fallback())
            self.secret.setPlaceholderText(self.tr("saved") if saved else "")

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Recorded comments"), "", "JSONL (*.jsonl)"
        )
        if path:
            self.value.setText(path)

    def _accept(self) -> None:
        if not self.value.text().strip():
            self.problem.setText(self.tr("Say which live to read."))
            return
        if self.secret.text().strip():
            store_secret(SECRET_KEYS[self.kind()], self.secret.text().strip(), secret_fallback())
        self.accept()

    def request(self) -> SourceRequest:
        value = self.value.text().strip()
        if self.kind() == "tiktok" and not value.startswith("@"):
            value = "@" + value
        return SourceRequest(f"{self.kind()}:{value}", saved_source_options())


class ManualOrderDialog(QDialog):
    """An order taken by phone or Zalo, typed in by the assistant."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Type an order"))
        self.buyer = QLineEdit()
        self.phone = QLineEdit()
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("e.g. 2kg khoai sâm, 1 hộp na"))
        form = QFormLayout(self)
        form.addRow(self.tr("Buyer:"), self.buyer)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Wants:"), self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.problem = plain.label()
        self.problem.setStyleSheet("color: #c62828")
        form.addRow(self.problem)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.buyer.text().strip() or not self.text.text().strip():
            self.problem.setText(self.tr("Write the buyer's name and what they want."))
            return
        self.accept()
