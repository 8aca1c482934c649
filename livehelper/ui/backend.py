"""The window's only way to reach disk and network: everything runs off the GUI thread.

* ``Backend.call`` runs a function on one worker thread (all store calls queue there,
  in order) and delivers the result or the exception back on the GUI thread.
* ``Backend.act`` does the same on a second worker kept for what the assistant does
  herself (confirm, reject, undo, change a quantity): a key press must not wait behind
  the window's own looking around (the follower's reads, the orders reloaded), which
  under a flood queue up on the first worker for seconds.
* The pipeline's writer thread and the comment sources' asyncio thread report through
  Qt signals, which Qt queues onto the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from livehelper.comments import reader_process
from livehelper.comments.base import CommentSource, RawLog, SourceFailed, SourceHealth
from livehelper.comments.runner import SourceRunner
from livehelper.comments.sources import SourceOptions, source_from_spec
from livehelper.errors import LivehelperError
from livehelper.model import IncomingComment, Session
from livehelper.overlays.controller import ObsController
from livehelper.overlays.obs import ObsSettings
from livehelper.overlays.server import DEFAULT_PORT, OverlayThread
from livehelper.pipeline import Pipeline
from livehelper.speech import Announcer
from livehelper.store import Store

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Backend(QObject):
    sig_ingested = Signal(object)
    """An ``IngestResult``: comments and claims now durable in the database."""
    sig_featured = Signal(object)
    """A ``Session`` whose featured product changed (from a scripted stream)."""
    sig_source_state = Signal(str, str)
    """(source name, state): "running", "ended" or "failed: <reason>"."""
    sig_error = Signal(str)
    sig_crash = Signal(object)  # a bug in a background call: the exception
    """A background failure the user should see (not a bug: the app carries on)."""
    sig_obs_state = Signal(object)
    """An ``ObsState`` from the OBS controller's thread."""
    sig_speech_problem = Signal(object)
    """A ``SpeechUnavailable``: no voice, no player, no sound card (each said once)."""
    sig_overlays = Signal(str)
    """The overlay server's address once it serves a session ("" when stopped)."""
    _sig_result = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None, overlay_port: int = DEFAULT_PORT) -> None:
        super().__init__(parent)
        self.overlay_port = overlay_port
        self.overlays: OverlayThread | None = None
        self.announcer = Announcer(on_problem=self.sig_speech_problem.emit)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="livehelper-store")
        self._actions = ThreadPoolExecutor(max_workers=1, thread_name_prefix="livehelper-act")
        self._closed = False
        self._sig_result.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.store: Store | None = None
        self.pipeline: Pipeline | None = None
        self._runner: SourceRunner | None = None
        self.obs: ObsController | None = None

    # ------------------------------------------------------------ worker calls
    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Done | None = None,
        failed: Failed | None = None,
        **kwargs: Any,
    ) -> None:
        self._submit(self._executor, fn, args, kwargs, done, failed)

    def act(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Done | None = None,
        failed: Failed | None = None,
        **kwargs: Any,
    ) -> None:
        """``call``, on the assistant's own worker (her decisions, in the order made)."""
        self._submit(self._actions, fn, args, kwargs, done, failed)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        done: Done | None,
        failed: Failed | None,
    ) -> None:
        def job() -> None:
            try:
                value = fn(*args, **kwargs)
            except BaseException as exc:  # delivered to the GUI thread, never swallowed
                if failed is None:
                    log.exception("background call %s failed", getattr(fn, "__name__", fn))
                self._sig_result.emit(failed or self._report, exc, None)
            else:
                if done is not None:
                    self._sig_result.emit(done, value, None)

        if self._closed:  # a timer firing while the app closes: nothing left to do it
            return
        executor.submit(job)

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any], None], value: Any, _unused: Any) -> None:
        callback(value)

    def _report(self, exc: BaseException) -> None:
        """The world said no (a LivehelperError): a status line. Anything else is a bug
        in livehelper: the crash dialog, naming the log file."""
        if isinstance(exc, LivehelperError):
            self.sig_error.emit(str(exc))
        else:
            self.sig_crash.emit(exc)

    # -------------------------------------------------------------- the live
    def start_live(self, store: Store, session_id: int) -> None:
        """Start the pipeline for a session (called from the worker via ``call``)."""
        self.stop_live()
        self.store = store
        self.pipeline = Pipeline(
            store, session_id, on_batch=self.sig_ingested.emit, on_error=self._pipeline_failed
        )
        self.pipeline.add_feature_listener(self._featured)
        reader_process.shared().start()  # ready before the first flood: it reads floods
        self._start_overlays(store, session_id)

    def _start_overlays(self, store: Store, session_id: int) -> None:
        try:
            self.overlays = OverlayThread(store, session_id, self.overlay_port).start()
        except OSError as exc:
            self.overlays = None
            self.sig_error.emit(
                self.tr(
                    "The overlay pages could not start: port {port} is taken (is another "
                    "livehelper open?). {error}"
                ).format(port=self.overlay_port, error=exc)
            )
            return
        self.sig_overlays.emit(self.overlays.base_url)
        if self.obs is not None:
            self.obs.refresh_overlays(self.overlays.base_url)

    def notify_overlays(self) -> None:
        """The window changed something the pages show: show it now, not at the next poll."""
        if self.overlays is not None:
            self.overlays.notify()

    def _featured(self, session: Session) -> None:
        self.notify_overlays()
        self.sig_featured.emit(session)

    def _pipeline_failed(self, exc: BaseException, batch: list[IncomingComment]) -> None:
        from livehelper.errors import CommentRefused, DiskFull
        from livehelper.phones import redact

        if isinstance(exc, CommentRefused):
            text = self.tr(
                "A comment the database refused was skipped (details in the log); "
                "the comments around it are stored."
            )
        elif isinstance(exc, DiskFull):
            text = self.tr(
                "The disk is full: {n} comments could not be stored. Free some space on the disk."
            ).format(n=len(batch))
        else:  # a database error quotes what it refused: no phone on a shared screen
            text = self.tr("{n} comments could not be stored yet: {error}").format(
                n=len(batch), error=redact(str(exc))
            )
        self.sig_error.emit(text)

    def add_source(self, spec: str, options: SourceOptions) -> str:
        """Start reading a live (worker thread): remembered for the session, so the
        after-live reconciliation knows it. Raises SourceFailed with the reason."""
        if self.pipeline is None or self.store is None:
            raise SourceFailed("start a live first")
        source = source_from_spec(spec, options)
        self.store.add_source(self.pipeline.session_id, spec)
        self.start_source(source)
        return source.name

    def submit(self, comment: IncomingComment) -> None:
        """A comment typed in the window: stored and parsed like any other."""
        if self.pipeline is None:
            raise SourceFailed("start a live first")
        self.pipeline.submit(comment)

    def source_health(self) -> dict[str, SourceHealth]:
        return {} if self._runner is None else self._runner.health()

    def start_source(self, source: CommentSource) -> None:
        if self.pipeline is None:
            raise RuntimeError("start_live first")
        if self._runner is None:
            self._runner = SourceRunner()
            if self.store is not None:
                self._runner.raw_log = RawLog(self.store.raw_log_path(self.pipeline.session_id))
        self.sig_source_state.emit(source.name, "running")

        def finished(name: str, error: BaseException | None) -> None:
            self.sig_source_state.emit(name, "ended" if error is None else f"failed: {error}")

        self._runner.start(source, self.pipeline.submit, on_done=finished)

    def stop_live(self) -> None:
        if self.overlays is not None:
            self.overlays.stop()
            self.overlays = None
            self.sig_overlays.emit("")
        if self._runner is not None:
            self._runner.close()
            if self._runner.raw_log is not None:
                self._runner.raw_log.close()
            self._runner = None
        if self.pipeline is not None:
            self.pipeline.drain(10)
            self.pipeline.close()
            self.pipeline = None

    # -------------------------------------------------------------------- OBS
    def start_obs(self, settings: ObsSettings) -> None:
        """(Re)start the OBS controller; it connects and reconnects on its own thread."""
        self.stop_obs()
        self.obs = ObsController(settings, on_state=self.sig_obs_state.emit).start()
        if self.overlays is not None:  # pages that failed while OBS could not be reached
            self.obs.refresh_overlays(self.overlays.base_url)

    def stop_obs(self) -> None:
        if self.obs is not None:
            self.obs.stop()
            self.obs = None

    @property
    def closed(self) -> bool:
        """Shut down: the live, OBS and the worker are stopped."""
        return self._closed

    def shutdown(self) -> None:
        self._closed = True
        self.announcer.close()
        self.stop_obs()
        self.stop_live()
        self._actions.shutdown(wait=True)  # a decision made is stored before closing
        self._executor.shutdown(wait=True)
        if self.store is not None:
            self.store.close()
