"""The store on a real SQLite file and a real PostgreSQL server (same tests, both)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from livehelper import migrations, schema
from livehelper.comments.parser import parser_for
from livehelper.errors import NotFound, StoreError
from livehelper.model import ClaimStatus, IncomingComment, Intent
from livehelper.store import IngestResult, ProductSpec, Store, normalise_url


def comment(mid: str, text: str, user: str = "u1", name: str = "Chị Lan", **kw) -> IncomingComment:
    return IncomingComment(
        platform=kw.pop("platform", "tiktok"),
        message_id=mid,
        user_id=user,
        user_name=name,
        text=text,
        received_at=datetime.now(UTC),
        raw={"text": text},
        **kw,
    )


def ingest(store: Store, session_id: int, *items: IncomingComment):
    parser = parser_for(store.products())
    return store.ingest(session_id, list(items), parser.parse)


def test_fresh_database_is_at_latest_schema(store: Store) -> None:
    assert store.schema_version() == migrations.LATEST


def test_comments_are_stored_once_per_message_id(demo_store: Store) -> None:
    s = demo_store.start_session("t")
    demo_store.feature(s.id, "KS")
    first = ingest(demo_store, s.id, comment("m1", "chốt 2kg"), comment("m1", "chốt 2kg"))
    again = ingest(demo_store, s.id, comment("m1", "chốt 2kg"))
    assert len(first.comments) == 1 and first.duplicates == 1
    assert again.comments == () and again.duplicates == 1
    assert demo_store.comment_count(s.id) == 1
    assert len(demo_store.claims(s.id)) == 1


def test_same_message_id_on_two_platforms_is_two_comments(demo_store: Store) -> None:
    s = demo_store.start_session()
    out = ingest(
        demo_store,
        s.id,
        comment("1", "hi", platform="tiktok"),
        comment("1", "hi", platform="facebook"),
    )
    assert len(out.comments) == 2


def test_order_comment_becomes_pending_claim_with_featured_product(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    out = ingest(
        demo_store, s.id, comment("m1", "lay x3 0912 345 678"), comment("m2", "giá bao nhiêu")
    )
    assert [c.intent for c in out.comments] == [Intent.ORDER, Intent.OTHER]
    (claim,) = out.claims
    assert claim.status is ClaimStatus.PENDING
    assert [(i.code, i.qty, i.unit_price) for i in claim.items] == [("KS", Decimal(3), 35000)]
    assert claim.phone == "0912345678"
    assert demo_store.buyer(claim.buyer_id).phone == "0912345678"


def test_comment_featured_field_overrides_session(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    out = ingest(demo_store, s.id, comment("m1", "chốt 2 hộp", featured="NA"))
    assert out.claims[0].items[0].code == "NA"


def test_confirm_makes_one_order_per_buyer_and_takes_stock(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    out = ingest(
        demo_store,
        s.id,
        comment("m1", "chốt 2kg"),
        comment("m2", "thêm 1kg rưỡi nữa"),
        comment("m3", "na 1 hộp", user="u2", name="Tuấn"),
    )
    ids = [c.id for c in out.claims]
    decisions = demo_store.decide(ids, ClaimStatus.CONFIRMED, by="Mai")
    assert all(d.ok for d in decisions)
    assert decisions[0].claim is not None and decisions[0].claim.decided_by == "Mai"
    orders = demo_store.orders(s.id)
    assert len(orders) == 2
    lan = next(o for o in orders if o.buyer_name == "Chị Lan")
    assert [(line.code, line.qty) for line in lan.lines] == [("KS", Decimal("3.5"))]
    assert lan.total == 122500 and list(lan.claim_ids) == ids[:2]
    assert demo_store.product("KS").stock == Decimal("76.5")
    assert demo_store.product("NA").stock == Decimal(39)


def test_a_claim_is_decided_once(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    (claim,) = ingest(demo_store, s.id, comment("m1", "chốt 2kg")).claims
    assert demo_store.decide([claim.id], ClaimStatus.CONFIRMED)[0].ok
    again = demo_store.decide([claim.id], ClaimStatus.CONFIRMED)[0]
    rejected = demo_store.decide([claim.id], ClaimStatus.REJECTED)[0]
    assert not again.ok and "already confirmed" in (again.error or "")
    assert not rejected.ok
    assert demo_store.product("KS").stock == Decimal(78)  # taken once
    missing = demo_store.decide([9999], ClaimStatus.CONFIRMED)[0]
    assert not missing.ok and "no claim" in (missing.error or "")


def test_confirm_never_oversells(demo_store: Store) -> None:
    demo_store.import_products([ProductSpec("KS", "Khoai sâm", 35000, "kg", Decimal(3))])
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    out = ingest(
        demo_store, s.id, comment("a", "chốt 2kg", user="a"), comment("b", "chốt 2kg", user="b")
    )
    first, second = demo_store.decide([c.id for c in out.claims], ClaimStatus.CONFIRMED)
    assert first.ok and not second.ok
    assert "only 1 KS left" in (second.error or "")
    assert demo_store.claim(out.claims[1].id).status is ClaimStatus.PENDING  # nothing half-done
    assert demo_store.product("KS").stock == Decimal(1)


def test_concurrent_confirmations_of_one_claim(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    (claim,) = ingest(demo_store, s.id, comment("m1", "chốt 2kg")).claims
    results = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        barrier.wait()
        results.extend(demo_store.decide([claim.id], ClaimStatus.CONFIRMED, by="x"))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.ok for r in results) == 1
    assert demo_store.product("KS").stock == Decimal(78)


def test_cancel_after_confirm_gives_stock_back_and_leaves_the_order(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    (claim,) = ingest(demo_store, s.id, comment("m1", "chốt 2kg")).claims
    demo_store.decide([claim.id], ClaimStatus.CONFIRMED)
    assert demo_store.decide([claim.id], ClaimStatus.CANCELLED)[0].ok
    assert demo_store.product("KS").stock == Decimal(80)
    assert demo_store.orders(s.id) == []


def test_set_quantity_only_on_pending(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    (claim,) = ingest(demo_store, s.id, comment("m1", "chốt 2kg")).claims
    fixed = demo_store.set_quantity(claim.id, "ks", Decimal("2.5"))
    assert fixed.items[0].qty == Decimal("2.5")
    demo_store.decide([claim.id], ClaimStatus.REJECTED)
    with pytest.raises(Exception, match="already rejected"):
        demo_store.set_quantity(claim.id, "KS", Decimal(1))


def test_feature_history_and_unknown_ids(demo_store: Store) -> None:
    s = demo_store.start_session("Tối thứ 7")
    demo_store.feature(s.id, "KS")
    demo_store.feature(s.id, "na")
    assert [code for _at, code in demo_store.featured_history(s.id)] == ["KS", "NA"]
    assert demo_store.session(s.id).featured_code == "NA"
    with pytest.raises(NotFound):
        demo_store.feature(s.id, "ZZ")
    with pytest.raises(NotFound):
        demo_store.session(12345)
    ended = demo_store.end_session(s.id)
    assert ended.ended_at is not None and ended.name == "Tối thứ 7"


def test_import_updates_by_code_and_bumps_catalogue_version(store: Store) -> None:
    v0 = store.catalogue_version()
    r1 = store.import_products([ProductSpec("KS", "Khoai sâm", 35000, "kg", None, ("khoai",))])
    r2 = store.import_products(
        [
            ProductSpec("KS", "Khoai sâm", 40000, "kg", Decimal(5)),
            ProductSpec("NA", "Na", 120000, "hộp", None),
        ]
    )
    assert (r1.added, r1.updated, r2.added, r2.updated) == (1, 0, 1, 1)
    assert store.catalogue_version() == v0 + 2
    ks = store.product("ks")
    assert ks.price == 40000 and ks.stock == Decimal(5) and ks.aliases == ()


def test_large_batch_crosses_parameter_limits(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    batch = [comment(f"m{i}", "chốt 1kg", user=f"u{i}") for i in range(1500)]
    out = ingest(demo_store, s.id, *batch)
    assert len(out.comments) == 1500 and len(out.claims) == 1500
    assert ingest(demo_store, s.id, *batch).duplicates == 1500


def test_upgrade_from_version_1_keeps_data(db_url: str) -> None:
    """A database written by schema version 1 opens, upgrades and keeps its rows."""
    engine = sa.create_engine(normalise_url(db_url))
    with engine.begin() as conn:
        migrations.upgrade(conn, target=1)
        assert migrations.current_version(conn) == 1
        cols = {c["name"] for c in sa.inspect(conn).get_columns("claims")}
        assert "ambiguous" not in cols
        now = datetime.now(UTC)
        conn.execute(
            schema.products.insert().values(
                id=1,
                code="KS",
                name="Khoai sâm",
                price=35000,
                unit="kg",
                stock_milli=None,
                aliases="",
                updated_at=now,
            )
        )
        conn.execute(schema.sessions.insert().values(id=1, name="old", started_at=now))
        conn.execute(
            schema.buyers.insert().values(
                id=1, platform="tiktok", platform_user_id="u1", display_name="Lan", note=""
            )
        )
        conn.execute(
            schema.comments.insert().values(
                id=1,
                session_id=1,
                platform="tiktok",
                message_id="m1",
                buyer_id=1,
                text="chốt",
                received_at=now,
                intent="order",
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO claims (id, session_id, comment_id, buyer_id, status, created_at) "
                "VALUES (1, 1, 1, 1, 'pending', :now)"
            ),
            {"now": now},
        )
    engine.dispose()

    store = Store.open(db_url)
    try:
        assert store.schema_version() == migrations.LATEST
        (claim,) = store.claims(1)
        assert claim.ambiguous is False and claim.text == "chốt"
    finally:
        store.close()


def test_migrated_schema_matches_the_declared_one(db_url: str, tmp_path) -> None:
    url = normalise_url(db_url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        migrations.upgrade(conn, target=1)
        migrations.upgrade(conn)
        migrated = {
            t: {c["name"] for c in sa.inspect(conn).get_columns(t)} for t in schema.metadata.tables
        }
    engine.dispose()
    declared = {name: {c.name for c in t.columns} for name, t in schema.metadata.tables.items()}
    assert migrated == declared


def test_newer_database_is_refused(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.begin() as conn:
        conn.execute(
            schema.meta.update()
            .where(schema.meta.c.key == "schema_version")
            .values(value=str(migrations.LATEST + 1))
        )
    store.close()
    with pytest.raises(StoreError, match="newer than this livehelper"):
        Store.open(db_url)


def test_sqlite_uses_wal(tmp_path) -> None:
    store = Store.open(str(tmp_path / "x.sqlite3"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


def test_sqlite_checkpoints_beside_the_writer(tmp_path) -> None:
    from livehelper.catalogue import read_catalogue
    from tests.helpers import DEMO_CATALOGUE

    path = tmp_path / "ck.sqlite3"
    store = Store.open(str(path))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    store.import_products(read_catalogue(DEMO_CATALOGUE))
    s = store.start_session()
    store.feature(s.id, "KS")
    ingest(store, s.id, *[comment(f"m{i}", "chốt 1kg", user=f"u{i}") for i in range(3000)])
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    store.close()
    assert not wal.exists() or wal.stat().st_size == 0  # everything is in the database file
    reopened = Store.open(str(path))
    assert reopened.comment_count(s.id) == 3000
    reopened.close()


# ------------------------------------------------------------ duplicate policy
def _say(store: Store, session_id: int, n: int, text: str, user: str = "lan") -> IngestResult:
    comment = IncomingComment("tiktok", f"d{n}", user, "Chị Lan", text, datetime.now(UTC))
    return store.ingest(session_id, [comment], parser_for(store.products()).parse)


def test_the_same_order_said_again_is_one_claim(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    first = _say(demo_store, s.id, 1, "chốt 2kg")
    again = _say(demo_store, s.id, 2, "chốt 2kg nha")
    assert len(first.claims) == 1 and not again.claims and again.repeats == 1
    other = _say(demo_store, s.id, 3, "chốt 2kg", user="hoa")  # another buyer: another order
    assert len(other.claims) == 1
    more = _say(demo_store, s.id, 4, "thêm 2kg nữa")  # "thêm": on top, never a repeat
    assert len(more.claims) == 1 and more.claims[0].replaces_claim_id is None


def test_a_new_quantity_asks_replace_or_add(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    first = _say(demo_store, s.id, 1, "chốt 2kg").claims[0]
    second = _say(demo_store, s.id, 2, "à chốt 3kg").claims[0]
    assert second.replaces_claim_id == first.id and second.ambiguous  # the unsure lane
    replaced = demo_store.resolve_repeat(second.id, replace=True, by="Mai")
    assert replaced.replaces_claim_id is None and not replaced.ambiguous
    assert demo_store.claim(first.id).status is ClaimStatus.CANCELLED
    third = _say(demo_store, s.id, 3, "lấy 1kg").claims[0]
    assert third.replaces_claim_id == second.id
    kept = demo_store.resolve_repeat(third.id, replace=False)
    assert kept.replaces_claim_id is None
    assert demo_store.claim(second.id).status is ClaimStatus.PENDING  # both stand


def test_a_buyers_cancel_flags_their_open_claims(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    waiting = _say(demo_store, s.id, 1, "chốt 2kg").claims[0]
    confirmed = _say(demo_store, s.id, 2, "lấy 1 hộp na").claims[0]
    demo_store.decide([confirmed.id], ClaimStatus.CONFIRMED)
    someone_else = _say(demo_store, s.id, 3, "chốt 1kg", user="hoa").claims[0]
    cancel = _say(demo_store, s.id, 4, "huỷ đơn nhé shop")
    assert cancel.cancel_requests == (waiting.id, confirmed.id)
    assert demo_store.claim(waiting.id).cancel_requested
    assert demo_store.claim(confirmed.id).cancel_requested
    assert not demo_store.claim(someone_else.id).cancel_requested
    later = _say(demo_store, s.id, 5, "thôi chốt 3kg luôn").claims[0]
    assert not later.cancel_requested  # what comes after the cancel is a new order


def test_an_assistant_holds_a_claim_and_the_others_see_it(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    claim = _say(demo_store, s.id, 1, "chốt 2kg").claims[0]
    assert demo_store.hold(claim.id, "Mai")
    assert not demo_store.hold(claim.id, "Lan")  # Mai has it
    assert {k: v.held_by for k, v in demo_store.pending_states(s.id).items()} == {claim.id: "Mai"}
    assert demo_store.claim(claim.id).held_by == "Mai"
    demo_store.release(claim.id, "Lan")  # only the holder releases
    assert demo_store.pending_states(s.id)[claim.id].held_by == "Mai"
    demo_store.release(claim.id, "Mai")
    assert demo_store.hold(claim.id, "Lan")
    demo_store.decide([claim.id], ClaimStatus.CONFIRMED, by="Lan")
    assert demo_store.pending_states(s.id) == {}
    assert not demo_store.hold(claim.id, "Mai")  # decided claims are not held


def test_a_new_quantity_in_the_same_batch_still_asks(demo_store: Store) -> None:
    s = demo_store.start_session()
    demo_store.feature(s.id, "KS")
    first, second = ingest(
        demo_store,
        s.id,
        comment("a", "chốt 2kg", user="lan"),
        comment("b", "à chốt 3kg", user="lan"),
    ).claims
    assert second.replaces_claim_id == first.id and second.ambiguous
    assert demo_store.claim(second.id).replaces_claim_id == first.id
