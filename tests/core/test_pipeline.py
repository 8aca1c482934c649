"""The live pipeline: group commit, listeners after commit, feature changes in order."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from livehelper.comments.base import FeatureChange
from livehelper.model import IncomingComment
from livehelper.pipeline import Pipeline
from livehelper.store import IngestResult, ProductSpec, Store


def c(i: int, text: str = "chốt 1kg") -> IncomingComment:
    return IncomingComment(
        "tiktok", f"m{i}", f"u{i % 7}", f"Người {i % 7}", text, datetime.now(UTC)
    )


def test_every_comment_is_durable_before_listeners_hear_of_it(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    seen_durable: list[bool] = []
    repeats: list[int] = []

    def listener(result: IngestResult) -> None:
        # read through a separate connection: the batch must already be committed
        stored = {c.id for c in demo_store.comments(s.id, limit=100000)}
        seen_durable.append(all(c.id in stored for c in result.comments))
        repeats.append(result.repeats)

    pipeline = Pipeline(demo_store, s.id, on_batch=listener)
    for i in range(3000):
        pipeline.submit(c(i))
    assert pipeline.drain(60)
    pipeline.close()
    assert seen_durable and all(seen_durable)
    assert demo_store.comment_count(s.id) == 3000
    # seven buyers each said "chốt 1kg" again and again: one waiting claim each
    assert len(demo_store.claims(s.id)) == 7 and sum(repeats) == 2993


def test_feature_change_applies_between_comments_in_arrival_order(demo_store: Store) -> None:
    s = demo_store.start_session()
    pipeline = Pipeline(demo_store, s.id)
    pipeline.submit(FeatureChange("KS"))
    pipeline.submit(c(1, "chốt 2"))
    pipeline.submit(FeatureChange("NA"))
    pipeline.submit(c(2, "chốt 2"))
    assert pipeline.drain(30)
    pipeline.close()
    assert [cl.items[0].code for cl in demo_store.claims(s.id)] == ["KS", "NA"]


def test_product_added_mid_show_is_matched_from_the_next_comment(demo_store: Store) -> None:
    s = demo_store.start_session()
    pipeline = Pipeline(demo_store, s.id)
    pipeline.submit(c(1, "chốt 2 hũ ớt"))
    assert pipeline.drain(30)
    demo_store.import_products([ProductSpec("OT", "Ớt rừng", 50000, "hũ", None, ("ớt",))])
    pipeline.submit(c(2, "chốt 2 hũ ớt"))
    assert pipeline.drain(30)
    pipeline.close()
    claims = demo_store.claims(s.id)
    assert [cl.items[0].code for cl in claims] == ["OT"]


def test_a_failing_batch_is_reported_and_the_pipeline_goes_on(demo_store: Store) -> None:
    errors: list[BaseException] = []
    pipeline = Pipeline(demo_store, 999, on_error=lambda e, b: errors.append(e))  # no such session
    pipeline.submit(c(1))
    assert pipeline.drain(30)
    assert errors and "no session" in str(errors[0])
    s = demo_store.start_session()
    pipeline.session_id = s.id
    pipeline.submit(c(2))
    assert pipeline.drain(30)
    pipeline.close()
    assert demo_store.comment_count(s.id) == 1


def test_submit_from_many_threads(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    pipeline = Pipeline(demo_store, s.id)

    def feed(base: int) -> None:
        for i in range(500):
            pipeline.submit(c(base + i))

    threads = [threading.Thread(target=feed, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert pipeline.drain(60)
    pipeline.close()
    assert demo_store.comment_count(s.id) == 2000


def test_a_flood_is_read_on_the_other_core_as_it_is_read_here(demo_store: Store) -> None:
    """The reading stage sends a flood's batches to the reader process; what it read
    is what the writer would have read itself, comment by comment."""
    from livehelper.bench import synthetic_comments
    from livehelper.comments import reader_process
    from livehelper.comments.parser import parser_for

    reader = reader_process.shared()
    reader.start()
    assert reader.wait_ready(60), "the reader process did not start"
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    pipeline = Pipeline(demo_store, s.id)
    flood = synthetic_comments(4000, seed=5, prefix="rp")
    for comment in flood:
        pipeline.submit(comment)
    assert pipeline.drain(120)
    pipeline.close()
    assert pipeline.read_elsewhere >= 1000  # most of the flood went to the other core
    here = parser_for(demo_store.products())
    stored = demo_store.comments(s.id, limit=10000)
    assert len(stored) == len(flood)
    for comment in stored:
        reading = here.parse(comment.text, "KS")
        assert (comment.intent, comment.rule, comment.phone) == (
            reading.intent,
            reading.rule,
            reading.phone,
        ), comment.text


def test_batches_are_cut_to_what_a_slow_writer_stores_in_100_ms(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a slow laptop a batch of 1,000 would hold SQLite's write lock for a second (a
    confirm waits for the batch being written): batches are capped by time too."""
    import time

    from livehelper import pipeline as pipeline_module

    s = demo_store.start_session()
    slow_ingest = demo_store.ingest

    def ingest(session_id, incoming, parse):  # type: ignore[no-untyped-def]
        time.sleep(0.002 * len(incoming))  # 2 ms a comment: a slow disk
        return slow_ingest(session_id, incoming, parse)

    demo_store.ingest = ingest  # type: ignore[method-assign]
    # the writer starts once everything is queued, as after a stall: its first batch
    # takes what queued (how much had queued by chance made this test flaky)
    submitted, warm_up = threading.Event(), Pipeline._warm_up
    monkeypatch.setattr(Pipeline, "_warm_up", lambda self: submitted.wait(60) and warm_up(self))
    sizes: list[int] = []
    pipeline = Pipeline(demo_store, s.id, on_batch=lambda r: sizes.append(len(r.comments)))
    for i in range(1500):
        pipeline.submit(c(i, "giá bao nhiêu"))
    submitted.set()
    assert pipeline.drain(120)
    pipeline.close()
    assert sum(sizes) == 1500
    assert max(sizes) > 100  # the first batch took what had queued
    settled = sizes[len(sizes) // 2 :]
    cap = pipeline_module.BATCH_SECONDS / 0.002  # 50 comments fit in 100 ms
    assert max(settled) <= max(pipeline_module.SMALLEST_CAP, cap) * 1.5


def test_the_reader_process_reads_every_labelled_comment_as_it_is_read_here() -> None:
    """Readings cross the pipe packed as plain tuples: each comes back equal, field for
    field (items, quantities, confidence, rule), to reading it in this process."""
    import json

    from livehelper.catalogue import read_catalogue
    from livehelper.comments import reader_process
    from livehelper.comments.parser import Parser
    from tests.helpers import REPO

    data = REPO / "tests" / "data"
    products = read_catalogue(data / "corpus_catalogue.csv")
    lines = [
        json.loads(line)
        for name in ("comments_labelled", "comments_dev", "comments_typos")
        for line in (data / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    reader = reader_process.ReaderProcess()
    try:
        reader.start()
        assert reader.wait_ready(60), "the reader process did not start"
        words = [reader_process.ProductWords(p.code, p.name, p.unit, p.aliases) for p in products]
        here = Parser(products)
        for featured in {line.get("featured") for line in lines}:
            texts = [line["text"] for line in lines if line.get("featured") == featured]
            there = reader.read(1, words, featured, texts * 2)  # repeated: built once, still equal
            assert there is not None
            assert there == [here.parse(t, featured) for t in texts * 2]
    finally:
        reader.close()


def test_the_writer_prepares_before_the_first_comment_and_keeps_early_ones(
    demo_store: Store,
) -> None:
    """The writer prepares (the catalogue's parser, the place names an address is read
    with: 0.4 s at the show's first address before) and says when it is ready;
    comments that come while it prepares wait, and none is lost."""
    from livehelper.export import addresses

    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    pipeline = Pipeline(demo_store, s.id)
    pipeline.submit(c(1, "chốt 2kg, gửi về thôn Nà Pàn, xã Chi Lăng, Lạng Sơn"))
    assert pipeline.wait_ready(60)
    assert addresses.split_address("xã Chi Lăng, Lạng Sơn").recognised
    pipeline.submit(c(2, "chốt 1kg"))
    assert pipeline.drain(30)
    pipeline.close()
    assert demo_store.comment_count(s.id) == 2
    assert len(demo_store.claims(s.id)) == 2
