"""Show night without Qt (livehelper/show.py), on the real databases."""

from __future__ import annotations

from datetime import UTC, datetime

from livehelper import show
from livehelper.comments.parser import parser_for
from livehelper.comments.sources import SourceOptions
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.store import claim_version


def _comment(n: int, text: str) -> IncomingComment:
    return IncomingComment("tiktok", f"s{n}", f"u{n}", f"Khách {n}", text, datetime.now(UTC))


def test_a_show_resumed_followed_and_ended(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    assert show.live_session(store) is None
    session = store.start_session("tối nay")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    first, second = store.ingest(
        session.id, [_comment(1, "chốt 2kg"), _comment(2, "chốt 1kg")], parse
    ).claims

    resumed = show.live_session(store)
    assert resumed is not None and resumed.id == session.id
    snap = show.snapshot(store, resumed)
    assert [c.id for c in snap.pending] == [first.id, second.id] and len(snap.comments) == 2

    versions = {c.id: claim_version(c) for c in snap.pending}
    assert show.follow(store, session.id, versions).changed == []  # nothing moved elsewhere
    store.decide([first.id], ClaimStatus.CONFIRMED, by="laptop 2")
    store.hold(second.id, "Lan")
    followed = show.follow(store, session.id, versions)
    assert set(followed.waiting) == {second.id} and followed.waiting[second.id] == "Lan"
    orders, products = show.totals(store, session.id)
    assert len(orders) == 1 and any(p.code == "KS" for p in products)

    ended = show.end_live(store, session.id, SourceOptions())
    assert ended.session.ended_at is not None and ended.reconciled is None and not ended.problem
    assert show.live_session(store) is None
