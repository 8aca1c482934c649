"""Process-wide settings for a live show, applied once by each entry point (CLI, window).

The cyclic garbage collector pauses every thread while it scans; with hundreds of
thousands of live objects (a long show's comments) a full pass stalls the writer for
tens of milliseconds, which is what an assistant would feel as lag. Objects alive after
start-up are frozen out of the scans, and young generations are collected less often
(reference counting still frees almost everything at once; the collector only finds cycles).
"""

from __future__ import annotations

import gc

_tuned = False


def tune_for_live() -> None:
    global _tuned
    if _tuned:
        return
    gc.collect()
    gc.freeze()  # start-up objects (modules, compiled regexes, Qt wrappers) are never scanned
    gc.set_threshold(50_000, 20, 20)
    _tuned = True
