"""Keeps OBS connected for the whole show, on its own thread.

The window (or any caller) posts commands — feature a product, switch a scene — and
never waits on OBS: a frozen or closed OBS cannot freeze the window. The controller

* reconnects with capped, jittered backoff whenever OBS closes, restarts or was not
  there yet (obsws-python has no reconnect of its own);
* re-applies what the show needs after every reconnect (the featured product's texts
  and scene items);
* reloads the overlay browser sources once the overlay server is up (OBS never
  retries a page that failed while the server was down), at once or on connecting;
* follows scene changes made in OBS itself by asking once a second (obsws-python's
  event thread dies silently when OBS goes away, so polling is the robust choice);
* reports every change of state through one callback.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from livehelper import retry
from livehelper.model import Product
from livehelper.overlays.obs import (
    TEXT_INPUTS,
    ObsConnection,
    ObsError,
    ObsProblem,
    ObsSettings,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ObsState:
    connected: bool
    problem: ObsProblem | None = None
    message: str = ""
    scenes: tuple[str, ...] = ()
    program_scene: str = ""
    texts_ready: bool = False  # the livehelper text sources exist in OBS
    attempts: int = 0  # reconnect attempts since the connection was lost


@dataclass
class _Command:
    kind: str
    value: object = None
    done: threading.Event = field(default_factory=threading.Event)


class ObsController:
    def __init__(
        self,
        settings: ObsSettings,
        on_state: Callable[[ObsState], None] | None = None,
        poll_seconds: float = 1.0,
        backoff: tuple[float, float] = (0.5, 10.0),
        connection_factory: Callable[[ObsSettings], ObsConnection] = ObsConnection,
    ) -> None:
        self.settings = settings
        self._on_state = on_state
        self._poll = poll_seconds
        self._backoff_min, self._backoff_max = backoff
        self._connect = connection_factory
        self._commands: queue.SimpleQueue[_Command] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._featured: Product | None = None
        self._overlay_to_refresh: str | None = None  # overlay server base URL
        self.state = ObsState(connected=False, message="connecting")
        self._thread = threading.Thread(target=self._run, name="livehelper-obs", daemon=True)

    # ------------------------------------------------------------ for callers
    def start(self) -> ObsController:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5) -> None:
        self._stopping.set()
        self._commands.put(_Command("wake"))
        self._thread.join(timeout)

    def feature(self, product: Product) -> None:
        """Show this product in OBS now, and again after any reconnect."""
        self._commands.put(_Command("feature", product))

    def switch(self, scene: str) -> None:
        self._commands.put(_Command("switch", scene))

    def refresh_overlays(self, overlay_base: str) -> None:
        """The overlay server at ``overlay_base`` is (again) up: reload OBS's pages."""
        self._commands.put(_Command("refresh", overlay_base))

    def sync(self, timeout: float = 10) -> bool:
        """Wait until every command posted so far was handled (for scripts and tests)."""
        command = _Command("sync")
        self._commands.put(command)
        return command.done.wait(timeout)

    # ------------------------------------------------------------ the thread
    def _publish(self, state: ObsState) -> None:
        if state != self.state:
            if (state.connected, state.problem) != (self.state.connected, self.state.problem):
                log.info("OBS: %s", "connected" if state.connected else state.message)
            self.state = state
            if self._on_state:
                try:
                    self._on_state(state)
                except Exception:
                    log.exception("OBS state listener failed")

    def _run(self) -> None:
        backoff = retry.Backoff(self._backoff_min, self._backoff_max, jitter=0.2)
        while not self._stopping.is_set():
            connection = self._connect(self.settings)
            try:
                connection.open()
                backoff.reset()
                self._serve(connection)
            except ObsError as exc:
                delay = backoff.next()
                self._publish(ObsState(False, exc.problem, str(exc), attempts=backoff.attempts))
                if exc.problem is ObsProblem.WRONG_PASSWORD:
                    delay = self._backoff_max  # retrying fast will not fix a password
                self._wait(delay)
            finally:
                connection.close()

    def _wait(self, seconds: float) -> None:
        """Sleep, but still answer sync() and remember features while OBS is away."""
        try:
            command = self._commands.get(timeout=seconds)
        except queue.Empty:
            return
        self._remember(command)
        command.done.set()

    def _remember(self, command: _Command) -> None:
        if command.kind == "feature":
            self._featured = command.value  # type: ignore[assignment]
        elif command.kind == "refresh":
            self._overlay_to_refresh = str(command.value)

    def _apply(self, obs: ObsConnection) -> None:
        """Bring OBS to what the show needs: the featured product, fresh overlays."""
        if self._featured is not None:
            try:
                obs.show_product(self._featured)
            except ObsError as exc:
                if exc.problem is not ObsProblem.NOT_SET_UP:
                    raise
        if self._overlay_to_refresh is not None:
            base, self._overlay_to_refresh = self._overlay_to_refresh, None  # tried once
            refreshed = obs.refresh_overlays(base)
            log.info("OBS overlay pages reloaded: %s", ", ".join(refreshed) or "none")

    def _serve(self, obs: ObsConnection) -> None:
        texts_ready = set(TEXT_INPUTS.values()) <= obs.input_names()
        try:
            self._apply(obs)  # after (re)connecting
        except ObsError as exc:
            if exc.problem is not ObsProblem.REQUEST_FAILED:
                raise
            log.warning("OBS: %s", exc)  # OBS is there; one request was refused
        self._refresh(obs, texts_ready)
        while not self._stopping.is_set():
            try:
                command = self._commands.get(timeout=self._poll)
            except queue.Empty:
                self._refresh(obs, None)  # follow changes made in OBS itself
                continue
            try:
                if command.kind in ("feature", "refresh"):
                    self._remember(command)
                    self._apply(obs)
                    self._refresh(obs, set(TEXT_INPUTS.values()) <= obs.input_names())
                elif command.kind == "switch":
                    obs.switch(str(command.value))
                    self._refresh(obs, None)
            except ObsError as exc:
                if exc.problem in (ObsProblem.REQUEST_FAILED, ObsProblem.NOT_SET_UP):
                    log.warning("OBS: %s", exc)  # OBS is fine; the request was not
                    self._publish(replace(self.state, message=str(exc)))
                else:
                    raise
            finally:
                command.done.set()

    def _refresh(self, obs: ObsConnection, texts_ready: bool | None) -> None:
        ready = self.state.texts_ready if texts_ready is None else texts_ready
        self._publish(
            ObsState(
                connected=True,
                message="connected",
                scenes=tuple(obs.scenes()),
                program_scene=obs.program_scene(),
                texts_ready=ready,
            )
        )
