"""OBS from the window: switching scenes, setting OBS up with livehelper's sources, the
connection settings and their test, each on the worker thread. It owns the settings and
no widget; what it has to say goes out by signals. Its words keep the translation context
"MainWindow"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from livehelper.overlays.obs import DEFAULT_OVERLAY_BASE, ObsConnection, ObsSettings
from livehelper.ui.backend import Backend
from livehelper.ui.obs_panel import ObsSettingsDialog, save_obs_settings


class ObsControl(QObject):
    sig_set_up = Signal(str)
    """OBS was set up: the message to show (the window puts the product on screen again)."""
    sig_problem = Signal(str)

    def __init__(
        self,
        backend: Backend,
        settings: ObsSettings,
        overlay_url: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        """``overlay_url``: the overlay server's address now ("" while no live is on)."""
        super().__init__(parent)
        self.backend = backend
        self.settings = settings
        self._overlay_url = overlay_url

    def switch(self, scene: str) -> None:
        if self.backend.obs is not None:
            self.backend.obs.switch(scene)

    def set_up(self) -> None:
        settings = self.settings
        overlay_base = self._overlay_url() or DEFAULT_OVERLAY_BASE

        def setup() -> dict[str, str]:
            with ObsConnection(settings) as obs:  # its own connection, on the worker
                return obs.setup(overlay_base)

        self.backend.call(setup, done=self._set_up, failed=lambda e: self.sig_problem.emit(str(e)))

    def _set_up(self, result: dict[str, str]) -> None:
        created = [name for name, state in result.items() if state == "created"]
        self.sig_set_up.emit(
            QCoreApplication.translate("MainWindow", "OBS is set up ({n} sources added)").format(
                n=len(created)
            )
        )

    def edit_settings(self, parent: QWidget) -> None:
        dialog = ObsSettingsDialog(self.settings, parent)

        def test(settings: ObsSettings) -> None:
            def probe() -> str:
                with ObsConnection(settings) as obs:
                    return obs.status().obs_version

            self.backend.call(
                probe,
                done=lambda version: dialog.show_result(
                    True,
                    QCoreApplication.translate("MainWindow", "Connected to OBS {version}").format(
                        version=version
                    ),
                ),
                failed=lambda exc: dialog.show_result(False, str(exc)),
            )

        dialog.sig_test.connect(test)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.settings = dialog.settings()
            save_obs_settings(self.settings)
            self.backend.call(self.backend.start_obs, self.settings)
