"""What assistants do to a waiting claim: confirm, reject, cancel, merge it into the
buyer's earlier claim, change a quantity, answer "replace or add?", and the sweep that
lets lapsed reservations go. Each runs inside the caller's transaction, which has
locked the claim's products first (stock.lock, in id order)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from livehelper.errors import InvalidTransition, NotFound, OutOfStock
from livehelper.model import Claim, ClaimStatus, Expired
from livehelper.store import catalogue, claims, rows, schema, stock

Decide = Callable[[sa.Connection, int, str, datetime], list[int]]


def mark(
    conn: sa.Connection,
    claim_id: int,
    status: ClaimStatus,
    by: str,
    allowed: tuple[ClaimStatus, ...],
    now: datetime,
) -> tuple[ClaimStatus, bool]:
    """Conditionally move a claim to ``status``. Returns the status it had and
    whether it held stock at that moment (it holds none afterwards)."""
    cl = schema.claims
    for _attempt in range(5):  # another laptop may change it between read and write
        row = conn.execute(
            sa.select(cl.c.status, cl.c.reserved_at).where(cl.c.id == claim_id)
        ).first()
        if row is None:
            raise NotFound(f"no claim with id {claim_id}")
        if ClaimStatus(row.status) not in allowed:
            raise InvalidTransition(f"claim {claim_id} is already {row.status}")
        held = row.reserved_at is not None
        done = conn.execute(
            cl.update()
            .where(
                cl.c.id == claim_id,
                cl.c.status == row.status,
                cl.c.reserved_at.is_not(None) if held else cl.c.reserved_at.is_(None),
            )
            .values(
                status=status.value,
                decided_by=by or None,
                decided_at=now,
                reserved_at=None,
                waitlisted=False,
            )
        )
        if done.rowcount == 1:
            return ClaimStatus(row.status), held
    current = conn.execute(sa.select(cl.c.status).where(cl.c.id == claim_id)).scalar()
    raise InvalidTransition(f"claim {claim_id} is already {current}")


def confirm(conn: sa.Connection, claim_id: int, by: str, now: datetime) -> list[int]:
    _before, held = mark(conn, claim_id, ClaimStatus.CONFIRMED, by, (ClaimStatus.PENDING,), now)
    cl = schema.claims
    buyer_id, session_id = conn.execute(
        sa.select(cl.c.buyer_id, cl.c.session_id).where(cl.c.id == claim_id)
    ).one()
    goods = stock.goods_of(conn, claim_id)
    if held:
        short = stock.consume(conn, goods)
    else:  # its reservation lapsed, or it waited in line: only stock nobody holds will do
        stock.ensure_show_rows(conn, session_id, [g[0] for g in goods])
        short = stock.take(conn, session_id, goods, reserve=False)
    if short is not None:
        raise shortage(conn, claim_id, goods, short)
    order_id = order_for(conn, session_id, buyer_id, now)
    conn.execute(cl.update().where(cl.c.id == claim_id).values(order_id=order_id))
    return []


def reject(conn: sa.Connection, claim_id: int, by: str, now: datetime) -> list[int]:
    return let_go(conn, claim_id, ClaimStatus.REJECTED, by, (ClaimStatus.PENDING,), now)


def cancel(conn: sa.Connection, claim_id: int, by: str, now: datetime) -> list[int]:
    allowed = (ClaimStatus.PENDING, ClaimStatus.CONFIRMED)
    return let_go(conn, claim_id, ClaimStatus.CANCELLED, by, allowed, now)


DECIDE: dict[ClaimStatus, Decide] = {
    ClaimStatus.CONFIRMED: confirm,
    ClaimStatus.REJECTED: reject,
    ClaimStatus.CANCELLED: cancel,
}


def let_go(
    conn: sa.Connection,
    claim_id: int,
    status: ClaimStatus,
    by: str,
    allowed: tuple[ClaimStatus, ...],
    now: datetime,
) -> list[int]:
    """Reject or cancel: whatever the claim held or bought goes back on offer; returns
    the waiting claims that got it."""
    before, held = mark(conn, claim_id, status, by, allowed, now)
    cl = schema.claims
    session_id = conn.execute(sa.select(cl.c.session_id).where(cl.c.id == claim_id)).scalar_one()
    goods = stock.goods_of(conn, claim_id)
    if before is ClaimStatus.CONFIRMED:
        stock.give_back(conn, session_id, goods, reserved=False)
        conn.execute(cl.update().where(cl.c.id == claim_id).values(order_id=None))
    elif held:
        stock.give_back(conn, session_id, goods, reserved=True)
    else:
        return []
    return stock.offer_freed(conn, session_id, [g[0] for g in goods], now)


def shortage(
    conn: sa.Connection, claim_id: int, goods: Sequence[tuple[int, int]], short: stock.Shortage
) -> OutOfStock:
    p = schema.products
    code = conn.execute(sa.select(p.c.code).where(p.c.id == short.product_id)).scalar()
    wanted = sum(q for pid, q in goods if pid == short.product_id)
    left, asked = rows.from_milli(short.left_milli), rows.from_milli(wanted)
    return OutOfStock(claim_id, str(code), left, asked, short.capped)


def order_for(conn: sa.Connection, session_id: int, buyer_id: int, now: datetime) -> int:
    """The buyer's order in this show, made on their first confirmed claim."""
    o = schema.orders
    query = sa.select(o.c.id).where(o.c.session_id == session_id, o.c.buyer_id == buyer_id)
    order_id = conn.execute(query).scalar()
    if order_id is None:
        try:
            with conn.begin_nested():
                conn.execute(
                    o.insert().values(session_id=session_id, buyer_id=buyer_id, created_at=now)
                )
        except sa.exc.IntegrityError:
            pass  # another assistant created it a moment ago
        order_id = conn.execute(query).scalar_one()
    return int(order_id)


def merge(conn: sa.Connection, claim_id: int, by: str, now: datetime) -> Claim:
    """Move a waiting claim's goods into the same buyer's earliest other waiting
    claim (quantities of the same product add up); the claim becomes ``merged``.
    The merged claim holds the sum, or waits in line when there is not enough."""
    cl, ci = schema.claims, schema.claim_items
    claim = claims.one(conn, claim_id, now)
    if claim.status is not ClaimStatus.PENDING:
        raise InvalidTransition(f"claim {claim_id} is already {claim.status.value}")
    target_id = conn.execute(
        sa.select(sa.func.min(cl.c.id)).where(
            cl.c.session_id == claim.session_id,
            cl.c.buyer_id == claim.buyer_id,
            cl.c.status == ClaimStatus.PENDING.value,
            cl.c.id != claim_id,
        )
    ).scalar()
    if target_id is None:
        raise NotFound(f"{claim.buyer_name} has no other waiting claim to merge with")
    stock.lock(conn, stock.products_of(conn, [claim_id, target_id]))
    freed = stock.release(conn, claim.session_id, target_id)
    _before, held = mark(conn, claim_id, ClaimStatus.MERGED, by, (ClaimStatus.PENDING,), now)
    goods = stock.goods_of(conn, claim_id)
    if held:
        stock.give_back(conn, claim.session_id, goods, reserved=True)
    target_goods = dict(stock.goods_of(conn, target_id))
    for product_id, qty in goods:
        if product_id in target_goods:
            conn.execute(
                ci.update()
                .where(ci.c.claim_id == target_id, ci.c.product_id == product_id)
                .values(qty_milli=ci.c.qty_milli + qty)
            )
        else:
            conn.execute(
                ci.update()
                .where(ci.c.claim_id == claim_id, ci.c.product_id == product_id)
                .values(claim_id=target_id)
            )
    conn.execute(
        cl.update().where(cl.c.id == target_id).values(waitlisted=True, replaces_claim_id=None)
    )
    stock.offer_freed(conn, claim.session_id, [*freed, *(g[0] for g in goods)], now)
    conn.execute(cl.update().where(cl.c.id == target_id).values(offered_at=None))
    return claims.one(conn, target_id, now)


def set_quantity(
    conn: sa.Connection, claim_id: int, code: str, qty: Decimal, now: datetime
) -> Claim:
    """Correct the quantity of one product in a pending claim. A claim holding
    stock holds the new quantity instead, or waits in line if there is not enough."""
    if qty <= 0:
        raise InvalidTransition("a quantity must be more than zero")
    ci, cl = schema.claim_items, schema.claims
    claim = claims.one(conn, claim_id, now)
    if claim.status is not ClaimStatus.PENDING:
        raise InvalidTransition(f"claim {claim_id} is already {claim.status.value}")
    product = catalogue.by_code(conn, code)
    if not any(i.code == product.code for i in claim.items):
        raise NotFound(f"claim {claim_id} has no {product.code}")
    stock.lock(conn, stock.products_of(conn, [claim_id]))
    freed = stock.release(conn, claim.session_id, claim_id)
    conn.execute(
        ci.update()
        .where(ci.c.claim_id == claim_id, ci.c.product_id == product.id)
        .values(qty_milli=rows.to_milli(qty))
    )
    if freed:  # back in line at its own place; the line is served in order
        conn.execute(cl.update().where(cl.c.id == claim_id).values(waitlisted=True))
        if claim_id in stock.offer_freed(conn, claim.session_id, freed, now):
            conn.execute(cl.update().where(cl.c.id == claim_id).values(offered_at=None))
    return claims.one(conn, claim_id, now)


def resolve_repeat(
    conn: sa.Connection, claim_id: int, replace: bool, by: str, now: datetime
) -> Claim:
    """A buyer gave a new quantity: ``replace`` cancels the earlier claim; otherwise
    both stand (the buyer wants more). Either way the question is answered."""
    cl = schema.claims
    claim = claims.one(conn, claim_id, now)
    if claim.replaces_claim_id is not None:
        stock.lock(conn, stock.products_of(conn, [claim.replaces_claim_id]))
        if replace:
            earlier = claims.one(conn, claim.replaces_claim_id, now)
            if earlier.status in (ClaimStatus.PENDING, ClaimStatus.CONFIRMED):
                cancel(conn, earlier.id, by or "replaced", now)
    conn.execute(
        cl.update().where(cl.c.id == claim_id).values(replaces_claim_id=None, ambiguous=False)
    )
    return claims.one(conn, claim_id, now)


def lapsed(conn: sa.Connection, session_id: int, before: datetime) -> list[int]:
    """Waiting claims whose reservation was made before ``before``."""
    cl = schema.claims
    found = conn.execute(
        sa.select(cl.c.id)
        .where(
            cl.c.session_id == session_id,
            cl.c.status == ClaimStatus.PENDING.value,
            cl.c.reserved_at.is_not(None),
            cl.c.reserved_at < before,
        )
        .order_by(cl.c.id)
    )
    return list(found.scalars())


def let_lapse(
    conn: sa.Connection, session_id: int, claim_ids: Iterable[int], before: datetime, now: datetime
) -> Expired:
    """Release those reservations (each once, whoever sweeps) and offer the goods to
    the line."""
    wanted = list(claim_ids)
    stock.lock(conn, stock.products_of(conn, wanted))
    released, freed = [], set()
    for claim_id in wanted:
        products = stock.release(conn, session_id, claim_id, before=before)
        if products:
            released.append(claim_id)
            freed.update(products)
    return Expired(tuple(released), tuple(stock.offer_freed(conn, session_id, freed, now)))
