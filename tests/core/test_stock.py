"""Stock for a show: reservations, expiry, the per-show cap, the waitlist — on a real
SQLite file and a real PostgreSQL server, including many assistants at once."""

from __future__ import annotations

import random
import threading
from decimal import Decimal

import sqlalchemy as sa

from livehelper import schema
from livehelper.model import ClaimStatus
from livehelper.store import ProductSpec, Store
from tests.core.test_store import comment, ingest


def _show(store: Store, stock: int | None = 5) -> int:
    store.import_products(
        [ProductSpec("KS", "Khoai sâm", 35000, "kg", None if stock is None else Decimal(stock))]
    )
    session = store.start_session()
    store.feature(session.id, "KS")
    return session.id


def _order(store: Store, session_id: int, who: str, text: str):
    (claim,) = ingest(
        store, session_id, comment(f"m-{who}-{text}", text, user=who, name=who)
    ).claims
    return claim


def _line(store: Store, session_id: int, code: str = "KS") -> dict:
    return next(p for p in store.stock_report(session_id) if p["code"] == code)


def test_a_new_claim_holds_its_goods_and_confirming_consumes_them(store: Store) -> None:
    s = _show(store)
    claim = _order(store, s, "lan", "chốt 2kg")
    assert claim.reserved_at is not None and not claim.waitlisted
    line = _line(store, s)
    assert (line["stock"], line["reserved"], line["sold"], line["remaining"]) == (5, 2, 0, 3)
    assert store.product("KS").available == 3
    store.decide([claim.id], ClaimStatus.CONFIRMED)
    line = _line(store, s)
    assert (line["stock"], line["reserved"], line["sold"], line["remaining"]) == (5, 0, 2, 3)
    assert store.product("KS").stock == 3 and store.product("KS").reserved == 0


def test_sold_out_claims_wait_in_line_and_freed_stock_goes_to_the_first(store: Store) -> None:
    s = _show(store, stock=4)
    lan = _order(store, s, "lan", "chốt 3kg")
    hoa = _order(store, s, "hoa", "chốt 2kg")  # 1 left: waits
    tuan = _order(store, s, "tuan", "chốt 1kg")  # 1 left: takes it
    mai = _order(store, s, "mai", "chốt 1kg")  # sold out now: waits behind Hoa
    assert [c.waitlisted for c in (lan, hoa, tuan, mai)] == [False, True, False, True]
    line = _line(store, s)
    assert line["sold_out"] and line["remaining"] == 0 and line["waitlist"] == 3
    assert store.product("KS").sold_out

    # Tuấn's 1 kg comes free: Hoa is first in line but wants 2, so nobody jumps her
    (rejected,) = store.decide([tuan.id], ClaimStatus.REJECTED)
    assert rejected.ok and rejected.offered == ()
    assert store.claim(mai.id).waitlisted
    # Lan cancels her 3 kg: 4 free, Hoa (2) then Mai (1) get it, in arrival order
    (cancelled,) = store.decide([lan.id], ClaimStatus.CANCELLED)
    assert cancelled.offered == (hoa.id, mai.id)
    hoa_now, mai_now = store.claims_by_id([hoa.id, mai.id])
    assert not hoa_now.waitlisted and hoa_now.reserved_at and hoa_now.offered_at
    assert not mai_now.waitlisted and mai_now.offered_at
    assert _line(store, s)["remaining"] == 1


def test_a_confirmed_sale_cancelled_is_offered_to_the_line(store: Store) -> None:
    s = _show(store, stock=2)
    lan = _order(store, s, "lan", "chốt 2kg")
    hoa = _order(store, s, "hoa", "chốt 1kg")
    assert hoa.waitlisted
    store.decide([lan.id], ClaimStatus.CONFIRMED)
    (cancelled,) = store.decide([lan.id], ClaimStatus.CANCELLED)
    assert cancelled.offered == (hoa.id,)
    assert store.decide([hoa.id], ClaimStatus.CONFIRMED)[0].ok
    assert store.product("KS").stock == 1


def test_a_waiting_claim_can_only_be_confirmed_with_stock_nobody_holds(store: Store) -> None:
    s = _show(store, stock=2)
    _order(store, s, "lan", "chốt 2kg")
    hoa = _order(store, s, "hoa", "chốt 1kg")
    (refused,) = store.decide([hoa.id], ClaimStatus.CONFIRMED)
    assert not refused.ok and "only 0 KS left" in (refused.error or "")
    assert store.claim(hoa.id).status is ClaimStatus.PENDING
    assert store.product("KS").stock == 2


def test_reservations_lapse_and_the_line_gets_the_stock(store: Store) -> None:
    s = _show(store, stock=2)
    lan = _order(store, s, "lan", "chốt 2kg")
    hoa = _order(store, s, "hoa", "chốt 2kg")
    assert store.expire_reservations(s) == store.expire_reservations(s)  # nothing lapsed yet
    assert store.claim(lan.id).reserved_at is not None
    store.set_setting("reserve_minutes", "0")  # the shop's setting applies to every hold
    expired = store.expire_reservations(s)
    assert expired.released == (lan.id,) and expired.offered == (hoa.id,)
    store.set_setting("reserve_minutes", "10")
    assert store.expire_reservations(s).released == ()  # Hoa's hold is fresh
    # Lan's claim still waits, holding nothing: confirming it needs free stock
    (refused,) = store.decide([lan.id], ClaimStatus.CONFIRMED)
    assert not refused.ok
    assert store.decide([hoa.id], ClaimStatus.CONFIRMED)[0].ok
    assert store.product("KS").stock == 0


def test_confirming_a_lapsed_claim_takes_free_stock(store: Store) -> None:
    s = _show(store, stock=5)
    lan = _order(store, s, "lan", "chốt 2kg")
    store.expire_reservations(s, minutes=0)
    assert _line(store, s)["reserved"] == 0
    assert store.decide([lan.id], ClaimStatus.CONFIRMED)[0].ok
    assert (store.product("KS").stock, store.product("KS").reserved) == (3, 0)


def test_the_show_cap_limits_sales_and_raising_it_serves_the_line(store: Store) -> None:
    s = _show(store, stock=50)
    store.set_cap(s, "KS", Decimal(3))
    lan = _order(store, s, "lan", "chốt 2kg")
    hoa = _order(store, s, "hoa", "chốt 2kg")
    assert hoa.waitlisted
    line = _line(store, s)
    assert (line["cap"], line["remaining"], line["sold_out"]) == (3, 1, False)
    (refused,) = store.decide([hoa.id], ClaimStatus.CONFIRMED)
    assert "for this show (its cap)" in (refused.error or "")
    store.decide([lan.id], ClaimStatus.CONFIRMED)
    store.set_cap(s, "KS", Decimal(4))
    assert not store.claim(hoa.id).waitlisted  # offered when the cap went up
    assert _line(store, s)["remaining"] == 0
    store.set_cap(s, "KS", None)
    assert _line(store, s)["remaining"] == 46  # 50 - 2 sold - 2 held


def test_a_corrected_quantity_holds_the_new_amount_or_waits(store: Store) -> None:
    s = _show(store, stock=5)
    lan = _order(store, s, "lan", "chốt 2kg")
    store.set_quantity(lan.id, "KS", Decimal(4))
    assert _line(store, s)["reserved"] == 4
    bigger = store.set_quantity(lan.id, "KS", Decimal(6))
    assert bigger.waitlisted and bigger.reserved_at is None
    assert _line(store, s)["reserved"] == 0
    back = store.set_quantity(lan.id, "KS", Decimal(5))
    assert back.waitlisted  # in line; served when stock is freed
    store.expire_reservations(s)


def test_unlimited_products_never_wait(store: Store) -> None:
    s = _show(store, stock=None)
    claims = [_order(store, s, f"b{i}", "chốt 100kg") for i in range(3)]
    assert not any(c.waitlisted for c in claims)
    assert _line(store, s)["remaining"] is None


def _invariants(store: Store, session_id: int, initial_milli: int) -> None:
    """What must hold whatever the interleaving."""
    cl, ci, p, ss = schema.claims, schema.claim_items, schema.products, schema.show_stock
    with store.engine.connect() as conn:
        product = conn.execute(sa.select(p).where(p.c.code == "KS")).one()

        def total(*where: sa.ColumnElement[bool]) -> int:
            return int(
                conn.execute(
                    sa.select(sa.func.coalesce(sa.func.sum(ci.c.qty_milli), 0))
                    .join(cl, ci.c.claim_id == cl.c.id)
                    .where(cl.c.session_id == session_id, *where)
                ).scalar_one()
            )

        sold = total(cl.c.status == ClaimStatus.CONFIRMED.value)
        held = total(cl.c.status == ClaimStatus.PENDING.value, cl.c.reserved_at.is_not(None))
        taken = conn.execute(
            sa.select(ss.c.taken_milli).where(ss.c.session_id == session_id)
        ).scalar_one()
        stray = conn.execute(
            sa.select(sa.func.count()).where(
                cl.c.status != ClaimStatus.PENDING.value, cl.c.reserved_at.is_not(None)
            )
        ).scalar_one()
    assert product.stock_milli >= 0
    assert product.stock_milli + sold == initial_milli  # nothing sold twice or lost
    assert product.reserved_milli == held <= product.stock_milli
    assert taken == held + sold <= 12_000  # the cap
    assert stray == 0


def test_many_assistants_confirming_cancelling_and_expiring_at_once(store: Store) -> None:
    """Six assistants (threads, each with its own connections) confirm, reject and
    cancel the same 60 claims while a seventh sweeps lapsed holds; 20 kg on the shelf,
    the show capped at 12. Counters always agree with the claims."""
    s = _show(store, stock=20)
    store.set_cap(s, "KS", Decimal(12))
    claims = [_order(store, s, f"b{i}", f"chốt {1 + i % 3}kg") for i in range(60)]
    ids = [c.id for c in claims]
    barrier = threading.Barrier(7)
    errors: list[BaseException] = []

    def assistant(seed: int) -> None:
        rng = random.Random(seed)
        try:
            barrier.wait()
            for _ in range(60):
                status = rng.choice(
                    [ClaimStatus.CONFIRMED] * 3 + [ClaimStatus.CANCELLED, ClaimStatus.REJECTED]
                )
                store.decide(rng.sample(ids, 2), status, by=f"a{seed}")
        except BaseException as exc:
            errors.append(exc)

    def sweeper() -> None:
        try:
            barrier.wait()
            for _ in range(30):
                store.expire_reservations(s, minutes=0)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=assistant, args=(i,)) for i in range(6)]
    threads.append(threading.Thread(target=sweeper))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    _invariants(store, s, 20_000)
    confirmed = store.claims(s, ClaimStatus.CONFIRMED)
    assert confirmed, "some claims were confirmed"
    assert sum(i.qty for c in confirmed for i in c.items) <= 12


def test_merging_a_buyers_claims_holds_the_sum(store: Store) -> None:
    s = _show(store, stock=5)
    first = _order(store, s, "lan", "chốt 2kg")
    _order(store, s, "hoa", "chốt 1kg")
    second = _order(store, s, "lan", "thêm 1kg nữa")
    merged = store.merge(second.id, by="Mai")
    assert merged.id == first.id and merged.items[0].qty == 3 and merged.reserved_at
    assert store.claim(second.id).status is ClaimStatus.MERGED
    assert _line(store, s)["reserved"] == 4  # Lan's 3 + Hoa's 1, nothing counted twice
    third = _order(store, s, "lan", "thêm 2kg nữa")  # 1 left: waits in line
    assert third.waitlisted
    bigger = store.merge(third.id)
    assert bigger.items[0].qty == 5 and bigger.waitlisted  # 5 > the 4 free once released
    assert _line(store, s)["reserved"] == 1
    _invariants_simple(store, s)


def _invariants_simple(store: Store, session_id: int) -> None:
    product = store.product("KS")
    held = sum(
        i.qty
        for c in store.claims(session_id, ClaimStatus.PENDING)
        if c.reserved_at
        for i in c.items
    )
    assert product.reserved == held


def test_a_hold_cannot_sell_what_a_new_stock_count_took_away(store: Store) -> None:
    s = _show(store, stock=5)
    lan = _order(store, s, "lan", "chốt 3kg")
    # the seller counts again and imports: only 2 kg on the shelf now
    store.import_products([ProductSpec("KS", "Khoai sâm", 35000, "kg", Decimal(2))])
    (refused,) = store.decide([lan.id], ClaimStatus.CONFIRMED)
    assert not refused.ok and "only 2 KS left" in (refused.error or "")
    assert store.product("KS").stock == 2  # never below zero
    assert store.claim(lan.id).status is ClaimStatus.PENDING
