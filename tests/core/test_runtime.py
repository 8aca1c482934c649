"""The window's full passes of the garbage collector run when comments pause, and at
the latest every five minutes of a flood (runtime.FullCollections)."""

from __future__ import annotations

import gc

from livehelper.runtime import FullCollections


def test_a_full_pass_waits_for_a_pause_and_never_too_long() -> None:
    before = gc.get_threshold()
    now = [1000.0]
    try:
        passes = FullCollections(clock=lambda: now[0])
        assert gc.get_threshold()[2] >= 1_000_000  # no automatic full pass any more
        gc.collect(1)  # a middle-generation pass: something for a full one to look at
        assert not passes.tick(busy=True)  # comments are coming
        now[0] += 1.0
        assert not passes.tick(busy=False)  # a pause, but not long enough
        now[0] += 1.5
        assert passes.tick(busy=False)  # quiet for 2.5 s: the full pass runs now
        assert gc.get_count()[2] == 0
        assert not passes.tick(busy=False)  # nothing new to look at
        for _second in range(299):  # a five-minute flood
            now[0] += 1.0
            gc.collect(1)
            assert not passes.tick(busy=True)
        now[0] += 1.0
        assert passes.tick(busy=True)  # at the latest every five minutes
        passes.close()
        assert gc.get_threshold()[2] < 1000
    finally:
        gc.set_threshold(*before)
