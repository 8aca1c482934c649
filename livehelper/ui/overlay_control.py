"""The overlay pages from the window: the dialog with their addresses, the flash-sale
countdown and the payment QR, saved on the worker thread. It owns the dialog; the show
it changes goes out by a signal. Its words keep the translation context "MainWindow"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from livehelper.model import Session
from livehelper.overlays.server import save_bank_account, saved_bank_account
from livehelper.store import Store
from livehelper.ui.backend import Backend
from livehelper.ui.overlay_dialog import OverlayDialog, QrRequest
from livehelper.vietqr import BankAccount


class OverlayControl(QObject):
    sig_session = Signal(object)
    """The show after a change of its countdown or QR (Session)."""

    def __init__(
        self,
        backend: Backend,
        live: Callable[[], tuple[Store, int] | None],
        parent: QWidget,
    ) -> None:
        """``live``: the show on air now (its store and id), or None."""
        super().__init__(parent)
        self.backend = backend
        self._live = live
        self._window = parent
        self.url = ""  # the overlay server's address while a live is on
        self.dialog: OverlayDialog | None = None

    def open(self, store: Store | None) -> None:
        if store is None:
            return
        self.backend.call(saved_bank_account, store, done=self._show)

    def _show(self, account: BankAccount | None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = OverlayDialog(self.url, account, self._window)
        dialog.sig_countdown.connect(self._set_countdown)
        dialog.sig_qr.connect(self._set_qr)
        self.dialog = dialog
        dialog.show()

    def _set_countdown(self, minutes: float | None, label: str) -> None:
        live = self._live()
        if live is None:
            return
        store, session_id = live
        until = None if minutes is None else datetime.now(UTC) + timedelta(minutes=minutes)
        self.backend.call(store.set_countdown, session_id, until, label, done=self._changed)

    def _set_qr(self, request: QrRequest) -> None:
        live = self._live()
        if live is None:
            return
        store, session_id = live

        def job() -> Session:
            if request.account is not None:
                save_bank_account(store, request.account)
            return store.set_qr(session_id, request.shown, request.amount)

        self.backend.call(job, done=self._changed)

    def _changed(self, session: Session) -> None:
        self.backend.notify_overlays()
        self.sig_session.emit(session)
        if self.dialog is not None:
            self.dialog.show_result(
                QCoreApplication.translate("MainWindow", "Done: the stream shows it now.")
            )
