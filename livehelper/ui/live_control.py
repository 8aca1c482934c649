"""Opening the show and going live: the database (or the demo's) opened on the worker
thread with the live to resume, starting and ending a live (with the Facebook pass for
dropped comments), switching to the demo. The window draws what it emits."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from livehelper import demo, show
from livehelper.overlays.obs import ObsSettings
from livehelper.show import Snapshot
from livehelper.store import Store
from livehelper.ui.backend import Backend
from livehelper.ui.sources_panel import saved_source_options


class LiveControl(QObject):
    sig_loaded = Signal(object)
    """A Snapshot: the store is open, or a new live started."""
    sig_ended = Signal(object)
    """show.Ended: the live ended (and what the Facebook pass found)."""
    sig_failed = Signal(object)
    """The database could not be opened (the exception)."""
    sig_message = Signal(str)
    sig_problem = Signal(str)

    def __init__(
        self,
        backend: Backend,
        url: str | None,
        demo_mode: bool,
        demo_speed: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self.url = url
        self.demo_mode = demo_mode
        self._demo_speed = demo_speed

    def open(self, obs: ObsSettings) -> None:
        """Open the database (and the demo) on the worker thread; connect to OBS once."""
        backend = self._backend
        if backend.obs is None:
            # stopping an old controller joins its thread: never on the GUI thread
            backend.call(backend.start_obs, obs)
        load = self._load_demo if self.demo_mode else self._load
        backend.call(load, done=self._opened, failed=self.sig_failed.emit)

    def _load(self) -> Snapshot:  # worker thread
        store = Store.open(self.url)
        session = show.live_session(store)
        if session is not None:
            self._backend.start_live(store, session.id)
        return show.snapshot(store, session)

    def _load_demo(self) -> Snapshot:  # worker thread
        store = Store.open(demo.demo_db_url())
        session = demo.prepare(store)  # the script features its first product at 0 s
        self._backend.start_live(store, session.id)
        return show.snapshot(store, session)

    def _opened(self, snap: Snapshot) -> None:
        if self.demo_mode:
            self._backend.start_source(demo.demo_source(self._demo_speed))
        self.sig_loaded.emit(snap)

    def begin(self, store: Store) -> None:
        backend = self._backend

        def job() -> Snapshot:
            session = store.start_session()
            backend.start_live(store, session.id)
            return show.snapshot(store, session)

        backend.call(job, done=self.sig_loaded.emit)

    def end(self, store: Store, session_id: int) -> None:
        backend = self._backend

        def job() -> show.Ended:
            backend.stop_live()
            return show.end_live(store, session_id, saved_source_options())

        backend.call(job, done=self._ended)

    def _ended(self, ended: show.Ended) -> None:
        if ended.problem:
            self.sig_problem.emit(
                self.tr("Could not check Facebook for dropped comments: {error}").format(
                    error=ended.problem
                )
            )
        elif ended.reconciled is not None:
            self.sig_message.emit(
                self.tr("{n} comments the live stream dropped were added from Facebook").format(
                    n=ended.reconciled.recovered
                )
            )
        else:
            self.sig_message.emit("")
        self.sig_ended.emit(ended)

    def offer_demo(self, parent: QWidget, obs: ObsSettings) -> bool:
        """Ask, then switch to the demo: whether it was chosen."""
        answer = QMessageBox.question(
            parent,
            self.tr("Demo"),
            self.tr("Start the demo? It uses its own sample data and never touches your shows."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.switch_to_demo(obs)
        return True

    def switch_to_demo(self, obs: ObsSettings) -> None:
        self.demo_mode = True
        # stopping drains the pipeline's last writes: never on the GUI thread
        self._backend.call(self._backend.stop_live, done=lambda _none: self.open(obs))
