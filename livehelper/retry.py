"""The one way livehelper tries something again: capped, jittered exponential delays
(0.5 s, 1 s, 2 s … up to a cap), a number of attempts or a time limit, and a rule for
which errors are worth another try. The store, the writer thread and the exporters use
``call``; comment sources, which wait in their event loop, use ``Backoff`` directly."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Backoff:
    """Capped, jittered exponential delays: ``first``, twice that … up to ``cap``."""

    def __init__(self, first: float = 0.5, cap: float = 30.0, jitter: float = 0.3) -> None:
        self.first, self.cap, self.jitter = first, cap, jitter
        self.attempts = 0

    def next(self) -> float:
        delay = min(self.cap, self.first * 2**self.attempts)
        self.attempts += 1
        return float(delay * random.uniform(1 - self.jitter, 1 + self.jitter))

    def reset(self) -> None:
        self.attempts = 0


def call(
    work: Callable[[], T],
    *,
    retry_if: Callable[[BaseException], bool],
    attempts: int | None = None,
    seconds: float | None = None,
    backoff: Backoff | None = None,
    on_retry: Callable[[BaseException, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``work()``, again after each error ``retry_if`` accepts, until it succeeds, the
    ``attempts`` are used up or ``seconds`` have passed; then the last error is raised."""
    backoff = backoff or Backoff(first=0.1, cap=2.0)
    deadline = None if seconds is None else time.monotonic() + seconds
    tried = 0
    while True:
        try:
            return work()
        except Exception as exc:
            tried += 1
            if not retry_if(exc) or (attempts is not None and tried >= attempts):
                raise
            delay = backoff.next()
            if deadline is not None and time.monotonic() + delay > deadline:
                raise
            if on_retry is not None:
                on_retry(exc, delay)
            sleep(delay)
