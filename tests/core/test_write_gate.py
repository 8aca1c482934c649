"""SQLite's writers in one process take turns, short ones first (store/engine.py): a
decision waits for the batch being written, never behind the next one too."""

from __future__ import annotations

import threading

from livehelper.store.engine import WriteGate


def test_a_short_write_goes_before_the_next_batch() -> None:
    gate = WriteGate(enabled=True)
    gate.BULK_PATIENCE_S = 30.0  # the next batch waits for the decision, however slow
    order: list[str] = []
    first_batch_in, release_first = threading.Event(), threading.Event()
    decision_waiting, decision_in, release_decision = (threading.Event() for _ in range(3))

    def batch(name: str, entered: threading.Event | None, release: threading.Event | None) -> None:
        with gate.turn(bulk=True):
            order.append(name)
            if entered:
                entered.set()
            if release:
                release.wait(10)

    def decision() -> None:
        decision_waiting.set()
        with gate.turn(bulk=False):
            order.append("decision")
            decision_in.set()
            release_decision.wait(10)

    first = threading.Thread(target=batch, args=("batch 1", first_batch_in, release_first))
    first.start()
    assert first_batch_in.wait(10)
    short = threading.Thread(target=decision)
    short.start()
    assert decision_waiting.wait(10)
    assert not decision_in.wait(0.2)  # the batch being written goes on
    second = threading.Thread(target=batch, args=("batch 2", None, None))
    second.start()
    release_first.set()
    assert decision_in.wait(10)  # the decision, before the next batch
    assert order == ["batch 1", "decision"]
    release_decision.set()
    for thread in (first, short, second):
        thread.join(10)
    assert order == ["batch 1", "decision", "batch 2"]


def test_no_gate_on_postgresql() -> None:
    gate = WriteGate(enabled=False)
    with gate.turn(bulk=True), gate.turn(bulk=False):  # rows are locked there, not the file
        pass
