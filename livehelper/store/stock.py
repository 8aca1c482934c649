"""Stock for a show: reservations, the per-show cap, the waitlist. Called by the store
inside its transactions; Qt-free and database-neutral like the rest of the core.

The rules:
  * a new claim reserves its goods for ``reserve_minutes`` (a shop setting, applied
    to every reservation: changing it changes when they lapse); confirming
    consumes the reservation, rejecting, cancelling or expiry releases it;
  * a claim that finds a product sold out (no stock left beyond what others hold, or
    the show's cap reached) waits in line; freed stock is offered to the line in
    arrival order, and nobody jumps a buyer who wants more than is free;
  * every change is a conditional UPDATE on one row (``products`` for the stock,
    ``show_stock`` for the cap), so several assistants on several laptops can never
    push stock below zero or past the cap, with no lock held by the program.

Counters, per product, in thousandths: ``products.stock_milli`` is what is on the
shelf, ``products.reserved_milli`` what waiting claims hold of it; per show,
``show_stock.taken_milli`` is reserved + sold, kept below ``cap_milli`` when set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from livehelper.model import ClaimStatus
from livehelper.store import schema

Goods = Sequence[tuple[int, int]]  # (product id, qty_milli)


@dataclass(frozen=True, slots=True)
class Shortage:
    """Why goods could not be had: the product and what is left of it."""

    product_id: int
    left_milli: int
    capped: bool  # the show's cap, not the shelf, is what ran out


def lock(conn: sa.Connection, product_ids: Iterable[int]) -> None:
    """Lock these products' rows, in id order, before touching any claim: every
    transaction that changes stock takes its locks in this one order, so two laptops
    never wait on each other in a circle. (SQLite's writer lock already serializes.)"""
    ids = sorted(set(product_ids))
    if ids and conn.dialect.name != "sqlite":
        p = schema.products
        conn.execute(sa.select(p.c.id).where(p.c.id.in_(ids)).order_by(p.c.id).with_for_update())


def products_of(conn: sa.Connection, claim_ids: Sequence[int]) -> list[int]:
    ci = schema.claim_items
    if not claim_ids:
        return []
    return list(
        conn.execute(
            sa.select(ci.c.product_id).where(ci.c.claim_id.in_(claim_ids)).distinct()
        ).scalars()
    )


def ensure_show_rows(conn: sa.Connection, session_id: int, product_ids: Iterable[int]) -> set[int]:
    """Make sure each product has its row for the show; returns those that had one."""
    ss = schema.show_stock
    wanted = set(product_ids)
    if not wanted:
        return set()
    have = set(
        conn.execute(_SHOW_ROWS, {"session_id": session_id, "products": sorted(wanted)}).scalars()
    )
    for product_id in sorted(wanted - have):
        try:
            with conn.begin_nested():
                conn.execute(ss.insert().values(session_id=session_id, product_id=product_id))
        except sa.exc.IntegrityError:
            pass  # another laptop added it a moment ago
    return have


HELD, WAITS, TOO_MANY = "held", "waits", "too many"

# what every ingest batch with orders runs, built once (building costs more than running)
_p, _ss = schema.products, schema.show_stock
_SHOW_ROWS = sa.select(_ss.c.product_id).where(
    _ss.c.session_id == sa.bindparam("session_id"),
    _ss.c.product_id.in_(sa.bindparam("products", expanding=True)),
)
_COUNTERS = (
    sa.select(_p.c.id, _p.c.stock_milli, _p.c.reserved_milli, _ss.c.cap_milli, _ss.c.taken_milli)
    .join(_ss, sa.and_(_ss.c.product_id == _p.c.id, _ss.c.session_id == sa.bindparam("session_id")))
    .where(_p.c.id.in_(sa.bindparam("products", expanding=True)))
)
_RESERVE = (
    _p.update()
    .where(_p.c.id == sa.bindparam("product"))
    .values(reserved_milli=_p.c.reserved_milli + sa.bindparam("qty"))
)
_TAKE = (
    _ss.update()
    .where(_ss.c.session_id == sa.bindparam("s_id"), _ss.c.product_id == sa.bindparam("product"))
    .values(taken_milli=_ss.c.taken_milli + sa.bindparam("qty"))
)


def reserve_batch(conn: sa.Connection, session_id: int, claims: Sequence[Goods]) -> list[str]:
    """Hold the goods of many new claims at once (an ingest batch), in order. Each
    claim gets ``HELD``; ``WAITS`` when there is not enough free now (it waits in
    line, holding nothing); ``TOO_MANY`` when it asks more than the whole shelf or the
    show's cap: "chốt 9999kg" is a typo or a joke, and must neither hold the shelf nor
    head the line. The caller has locked the products (``lock``), so reading the
    counters, deciding in memory and writing one net change per product is exact —
    and one statement per product, not per claim."""
    wanted = sorted({product_id for goods in claims for product_id, _ in goods})
    if not wanted:
        return [HELD] * len(claims)
    free: dict[int, int | None] = {}
    cap_free: dict[int, int | None] = {}
    whole: dict[int, int | None] = {}  # the most a claim could ever get
    for r in conn.execute(_COUNTERS, {"session_id": session_id, "products": wanted}):
        free[r.id] = None if r.stock_milli is None else r.stock_milli - r.reserved_milli
        cap_free[r.id] = None if r.cap_milli is None else r.cap_milli - r.taken_milli
        whole[r.id] = _whole(r.stock_milli, r.cap_milli)
    held = dict.fromkeys(wanted, 0)
    fits = []
    for goods in claims:
        need = _needs(goods)
        if any(whole[pid] is not None and qty > whole[pid] for pid, qty in need.items()):  # type: ignore[operator]
            fits.append(TOO_MANY)
            continue
        ok = all(
            (free[pid] is None or free[pid] >= qty)  # type: ignore[operator]
            and (cap_free.get(pid) is None or cap_free[pid] >= qty)  # type: ignore[operator]
            for pid, qty in need.items()
        )
        if ok:
            for pid, qty in need.items():
                held[pid] += qty
                if free[pid] is not None:
                    free[pid] -= qty  # type: ignore[operator]
                if cap_free.get(pid) is not None:
                    cap_free[pid] -= qty  # type: ignore[operator]
        fits.append(HELD if ok else WAITS)
    changes = [(pid, qty) for pid, qty in held.items() if qty]
    if changes:  # one statement each for all the products
        conn.execute(_RESERVE, [{"product": pid, "qty": qty} for pid, qty in changes])
        conn.execute(_TAKE, [{"s_id": session_id, "product": p, "qty": q} for p, q in changes])
    return fits


def take(conn: sa.Connection, session_id: int, goods: Goods, *, reserve: bool) -> Shortage | None:
    """Take ``goods`` for the show: held (``reserve``) or sold at once. All or nothing:
    on a shortage whatever was taken is given back and the shortage is returned.
    Never takes what other claims hold."""
    p, ss = schema.products, schema.show_stock
    done: list[tuple[int, int]] = []
    shortage = None
    for product_id, qty in goods:
        room = sa.or_(p.c.stock_milli.is_(None), p.c.stock_milli - p.c.reserved_milli >= qty)
        change = (
            {"reserved_milli": p.c.reserved_milli + qty}
            if reserve
            else {"stock_milli": p.c.stock_milli - qty}
        )
        shelf = conn.execute(p.update().where(p.c.id == product_id, room).values(**change))
        if shelf.rowcount != 1:
            shortage = Shortage(product_id, _shelf_left(conn, product_id), capped=False)
            break
        capped = conn.execute(
            ss.update()
            .where(
                ss.c.session_id == session_id,
                ss.c.product_id == product_id,
                sa.or_(ss.c.cap_milli.is_(None), ss.c.taken_milli + qty <= ss.c.cap_milli),
            )
            .values(taken_milli=ss.c.taken_milli + qty)
        )
        if capped.rowcount != 1:
            _untake_shelf(conn, product_id, qty, reserve)
            shortage = Shortage(product_id, _cap_left(conn, session_id, product_id), capped=True)
            break
        done.append((product_id, qty))
    if shortage is not None:
        give_back(conn, session_id, done, reserved=reserve)
    return shortage


def consume(conn: sa.Connection, goods: Goods) -> Shortage | None:
    """A reservation becomes a sale: off the shelf, no longer held (the show's
    ``taken`` already counts it). Refused if the shelf holds less than the hold — the
    seller lowered the stock (a new catalogue import) after the claim came."""
    p = schema.products
    for product_id, qty in goods:
        done = conn.execute(
            p.update()
            .where(
                p.c.id == product_id,
                sa.or_(p.c.stock_milli.is_(None), p.c.stock_milli >= qty),
            )
            .values(stock_milli=p.c.stock_milli - qty, reserved_milli=p.c.reserved_milli - qty)
        )
        if done.rowcount != 1:
            left = conn.execute(sa.select(p.c.stock_milli).where(p.c.id == product_id)).scalar()
            return Shortage(product_id, max(0, left or 0), capped=False)
    return None


def unconsume(conn: sa.Connection, goods: Goods) -> None:
    """Undo ``consume``: a sale is held again (back on the shelf, held for its claim;
    the show's ``taken`` counts it either way)."""
    p = schema.products
    for product_id, qty in goods:
        conn.execute(
            p.update()
            .where(p.c.id == product_id)
            .values(stock_milli=p.c.stock_milli + qty, reserved_milli=p.c.reserved_milli + qty)
        )


def give_back(conn: sa.Connection, session_id: int, goods: Goods, *, reserved: bool) -> None:
    """Undo ``take``: a released reservation (``reserved``) or a cancelled sale."""
    ss = schema.show_stock
    for product_id, qty in goods:
        _untake_shelf(conn, product_id, qty, reserved)
        conn.execute(
            ss.update()
            .where(ss.c.session_id == session_id, ss.c.product_id == product_id)
            .values(taken_milli=ss.c.taken_milli - qty)
        )


def _untake_shelf(conn: sa.Connection, product_id: int, qty: int, reserved: bool) -> None:
    p = schema.products
    change = (
        {"reserved_milli": p.c.reserved_milli - qty}
        if reserved
        else {"stock_milli": p.c.stock_milli + qty}  # NULL (unlimited) stays NULL
    )
    conn.execute(p.update().where(p.c.id == product_id).values(**change))


def _shelf_left(conn: sa.Connection, product_id: int) -> int:
    p = schema.products
    row = conn.execute(
        sa.select(p.c.stock_milli, p.c.reserved_milli).where(p.c.id == product_id)
    ).one()
    return max(0, int(row.stock_milli or 0) - int(row.reserved_milli))


def _cap_left(conn: sa.Connection, session_id: int, product_id: int) -> int:
    ss = schema.show_stock
    row = conn.execute(
        sa.select(ss.c.cap_milli, ss.c.taken_milli).where(
            ss.c.session_id == session_id, ss.c.product_id == product_id
        )
    ).one()
    return max(0, int(row.cap_milli or 0) - int(row.taken_milli))


def goods_of(conn: sa.Connection, claim_id: int) -> list[tuple[int, int]]:
    ci = schema.claim_items
    return [
        (r.product_id, r.qty_milli)
        for r in conn.execute(
            sa.select(ci.c.product_id, ci.c.qty_milli)
            .where(ci.c.claim_id == claim_id)
            .order_by(ci.c.id)
        )
    ]


def release(
    conn: sa.Connection, session_id: int, claim_id: int, before: datetime | None = None
) -> list[int]:
    """Free what a waiting claim holds (once, however many laptops try), or only if it
    was reserved ``before`` then; returns the products freed."""
    cl = schema.claims
    held = cl.c.reserved_at.is_not(None) if before is None else cl.c.reserved_at < before
    done = conn.execute(cl.update().where(cl.c.id == claim_id, held).values(reserved_at=None))
    if done.rowcount != 1:
        return []
    goods = goods_of(conn, claim_id)
    give_back(conn, session_id, goods, reserved=True)
    return [product_id for product_id, _ in goods]


def offer_freed(
    conn: sa.Connection,
    session_id: int,
    product_ids: Iterable[int],
    now: datetime,
) -> list[int]:
    """Offer freed stock to the claims waiting in line for these products, in arrival
    order; returns the claims that now hold their goods. A buyer who wants more than
    is free keeps their place, and nobody behind them for that product is served."""
    cl, ci = schema.claims, schema.claim_items
    freed = set(product_ids)
    if not freed:
        return []
    waiting = conn.execute(
        sa.select(cl.c.id)
        .where(
            cl.c.session_id == session_id,
            cl.c.status == ClaimStatus.PENDING.value,
            cl.c.waitlisted == sa.true(),
            cl.c.id.in_(sa.select(ci.c.claim_id).where(ci.c.product_id.in_(freed))),
        )
        .order_by(cl.c.id)
    ).scalars()
    offered: list[int] = []
    blocked: set[int] = set()
    for claim_id in list(waiting):
        goods = goods_of(conn, claim_id)
        products = {product_id for product_id, _ in goods}
        if products & blocked:
            continue
        ensure_show_rows(conn, session_id, products)
        if take(conn, session_id, goods, reserve=True) is not None:
            if more_than_whole(conn, session_id, goods):
                continue  # it can never be served: it keeps nobody behind it waiting
            blocked |= products & freed
            if blocked >= freed:
                break
            continue
        moved = conn.execute(
            cl.update()
            .where(cl.c.id == claim_id, cl.c.waitlisted == sa.true(), cl.c.reserved_at.is_(None))
            .values(waitlisted=False, reserved_at=now, offered_at=now)
        )
        if moved.rowcount == 1:
            offered.append(claim_id)
        else:  # decided meanwhile by someone else: hand the goods back
            give_back(conn, session_id, goods, reserved=True)
    return offered


def more_than_whole(conn: sa.Connection, session_id: int, goods: Goods) -> bool:
    """Do these goods ask more than a product's whole stock or the show's cap?"""
    p, ss = schema.products, schema.show_stock
    need = _needs(goods)
    for r in conn.execute(
        sa.select(p.c.id, p.c.stock_milli, ss.c.cap_milli)
        .outerjoin(ss, sa.and_(ss.c.product_id == p.c.id, ss.c.session_id == session_id))
        .where(p.c.id.in_(sorted(need)))
    ):
        whole = _whole(r.stock_milli, r.cap_milli)
        if whole is not None and need[r.id] > whole:
            return True
    return False


def _whole(stock_milli: int | None, cap_milli: int | None) -> int | None:
    """The most one claim could ever get: the whole shelf, within the show's cap."""
    limits = [x for x in (stock_milli, cap_milli) if x is not None]
    return min(limits) if limits else None


def _needs(goods: Goods) -> dict[int, int]:
    """Goods summed per product (a claim may name one product twice)."""
    need: dict[int, int] = {}
    for product_id, qty in goods:
        need[product_id] = need.get(product_id, 0) + qty
    return need


def lapsed_before(now: datetime, minutes: float) -> datetime:
    """Reservations made before this have lapsed."""
    return now - timedelta(minutes=max(0.0, minutes))
