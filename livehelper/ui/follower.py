"""What the window learns without asking: twice a second it looks what other assistants
and laptops decided (show.follow) and reloads the orders and stock when asked
(show.totals), each on the worker thread, one request at a time. It owns no widget:
the window connects its signals to what it draws."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from livehelper import show
from livehelper.store import Store
from livehelper.ui.backend import Backend

log = logging.getLogger(__name__)
FOLLOW_MS = 500  # how often a window looks for other laptops' decisions (seen within 1 s)


class Follower(QObject):
    sig_followed = Signal(object)
    """show.Followed: what changed elsewhere."""
    sig_totals = Signal(object)
    """(orders, products) of the show, fresh."""
    sig_problem = Signal(str)

    def __init__(
        self,
        backend: Backend,
        live: Callable[[], tuple[Store, int] | None],
        versions: Callable[[], dict[int, tuple[Any, ...]]],
        parent: QObject | None = None,
    ) -> None:
        """``live``: the show on air now (its store and id), or None; ``versions``: the
        claim versions the window shows now (claims.claim_version)."""
        super().__init__(parent)
        self._backend = backend
        self._live = live
        self._versions = versions
        self._looking = False
        self._totals_busy = self._totals_again = False
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def look(self) -> None:
        live = self._live()
        if self._looking or live is None:
            return
        self._looking = True
        store, session_id = live
        self._backend.call(
            show.follow,
            store,
            session_id,
            self._versions(),
            done=self._looked,
            failed=self._look_failed,
        )

    def _looked(self, found: show.Followed) -> None:
        self._looking = False
        self.sig_followed.emit(found)

    def _look_failed(self, exc: BaseException) -> None:
        self._looking = False
        log.warning("could not follow other assistants: %s", exc)

    def refresh_totals(self, store: Store | None, session_id: int | None) -> None:
        """Reload orders and stock; while one reload runs, further requests make one
        more (at most twice a second)."""
        if store is None or session_id is None:
            return
        if self._totals_busy:
            self._totals_again = True
            return
        self._totals_busy = True
        self._backend.call(
            show.totals,
            store,
            session_id,
            done=lambda value: self._totals_loaded(value, store, session_id),
            failed=self._totals_failed,
        )

    def _totals_loaded(self, value: Any, store: Store, session_id: int) -> None:
        self._totals_busy = False
        if self._totals_again:
            self._totals_again = False
            QTimer.singleShot(FOLLOW_MS, lambda: self.refresh_totals(store, session_id))
        self.sig_totals.emit(value)

    def _totals_failed(self, exc: BaseException) -> None:
        self._totals_busy = False
        self.sig_problem.emit(str(exc))


class JustDecided:
    """The claims this window decided in the last seconds. Decisions run on their own
    worker (Backend.act), so a look at the database that began before one was stored
    can come back after it: such a look must not bring the claim back to the queue."""

    KEEP_S = 10.0

    def __init__(self) -> None:
        self._at: dict[int, float] = {}

    def add(self, claim_id: int) -> None:
        self._at[claim_id] = time.monotonic()

    def forget(self, claim_ids: Iterable[int]) -> None:
        for claim_id in claim_ids:  # undone: the claim is back, as the database says
            self._at.pop(claim_id, None)

    def ids(self) -> set[int]:
        now = time.monotonic()
        self._at = {i: t for i, t in self._at.items() if now - t < self.KEEP_S}
        return set(self._at)
