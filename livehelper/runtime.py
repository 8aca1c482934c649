"""Process-wide settings for a live show, applied once by each entry point (CLI, window).

The cyclic garbage collector pauses every thread while it scans; with hundreds of
thousands of live objects (a long show's comments) a full pass stalls the writer for
tens of milliseconds, which is what an assistant would feel as lag. Objects alive after
start-up are frozen out of the scans, and young generations are collected less often
(reference counting still frees almost everything at once; the collector only finds cycles).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

_tuned = False


def tune_for_live() -> None:
    global _tuned
    if _tuned:
        return
    gc.collect()
    gc.freeze()  # start-up objects (modules, compiled regexes, Qt wrappers) are never scanned
    gc.set_threshold(50_000, 20, 20)
    _tuned = True


class FullCollections:
    """The window's full passes of the collector, at quiet moments. Under a flood a full
    pass over the show's objects took 80-140 ms, holding every thread: the window froze
    that long, several times a minute. The window turns the automatic full pass off and
    calls ``tick`` from its timer: a full pass runs once comments have paused for
    ``QUIET_S``, and at the latest every ``AT_MOST_S`` (memory held by cycles stays
    bounded through a long flood). Young generations are still collected as usual."""

    QUIET_S = 2.0
    AT_MOST_S = 300.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_busy = self._last_full = clock()
        self._before = gc.get_threshold()
        gc.set_threshold(*self._before[:2], 1_000_000_000)  # no automatic full pass

    def tick(self, busy: bool) -> bool:
        """Called often; ``busy``: comments arrived since the last call. True when it
        ran a full pass."""
        now = self._clock()
        if busy:
            self._last_busy = now
        quiet = now - self._last_busy >= self.QUIET_S
        due = now - self._last_full >= self.AT_MOST_S
        pending = gc.get_count()[2] > 0  # middle-generation passes since the last full one
        if not (pending and (quiet or due)):
            return False
        gc.collect()
        self._last_full = self._clock()
        return True

    def close(self) -> None:
        """The window closes: full passes are automatic again."""
        gc.set_threshold(*self._before)
