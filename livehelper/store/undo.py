"""Undoing an assistant's last decision (Ctrl+Z): a confirm, a reject, a changed
quantity, a merge, a replace. Several assistants work at once, so a step is undone
only if what it did is still as it left it; otherwise it is refused and says so.
Runs inside the caller's transaction, which locks the products first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from livehelper.errors import UndoRefused
from livehelper.model import Claim, ClaimStatus, Step, StepKind
from livehelper.store import catalogue, claims, decisions, rows, schema, stock


def undo(conn: sa.Connection, step: Step, now: datetime) -> list[Claim]:
    """The claims waiting again (the one the step decided first)."""
    return _UNDO[step.kind](conn, step, now)


def _changed(claim_id: int) -> UndoRefused:
    return UndoRefused(claim_id, "changed")


def _confirm(conn: sa.Connection, step: Step, now: datetime) -> list[Claim]:
    cl, o, oe = schema.claims, schema.orders, schema.order_exports
    row = conn.execute(sa.select(cl.c.order_id).where(cl.c.id == step.claim_id)).first()
    if row is None:
        raise _changed(step.claim_id)
    sent = conn.execute(
        sa.select(oe.c.target).where(oe.c.order_id == row.order_id).limit(1)
    ).scalar()
    if sent is not None:
        raise UndoRefused(step.claim_id, "sent", str(sent))
    stock.lock(conn, stock.products_of(conn, [step.claim_id]))
    done = conn.execute(
        cl.update()
        .where(
            cl.c.id == step.claim_id,
            cl.c.status == ClaimStatus.CONFIRMED.value,
            cl.c.decided_at == step.decided_at,
        )
        .values(
            status=ClaimStatus.PENDING.value,
            decided_by=None,
            decided_at=None,
            order_id=None,
            reserved_at=now,
            waitlisted=False,
        )
    )
    if done.rowcount != 1:
        raise _changed(step.claim_id)
    stock.unconsume(conn, stock.goods_of(conn, step.claim_id))  # held again, as before
    left = conn.execute(sa.select(sa.func.count()).where(cl.c.order_id == row.order_id)).scalar()
    if not left:  # the buyer's only confirmed claim: no order any more
        conn.execute(o.delete().where(o.c.id == row.order_id))
    return [claims.one(conn, step.claim_id, now)]


def _back_in_line(
    conn: sa.Connection,
    claim_id: int,
    was: ClaimStatus,
    decided_at: datetime | None,
    now: datetime,
) -> Claim:
    """A rejected, cancelled or merged claim waits again: it holds its goods if they
    are free, or waits in line for them."""
    cl = schema.claims
    stock.lock(conn, stock.products_of(conn, [claim_id]))
    condition = [cl.c.id == claim_id, cl.c.status == was.value]
    if decided_at is not None:
        condition.append(cl.c.decided_at == decided_at)
    done = conn.execute(
        cl.update()
        .where(*condition)
        .values(status=ClaimStatus.PENDING.value, decided_by=None, decided_at=None)
    )
    if done.rowcount != 1:
        raise _changed(claim_id)
    _hold_again(conn, claim_id, now)
    return claims.one(conn, claim_id, now)


def _hold_again(conn: sa.Connection, claim_id: int, now: datetime) -> None:
    cl = schema.claims
    session_id = conn.execute(sa.select(cl.c.session_id).where(cl.c.id == claim_id)).scalar_one()
    goods = stock.goods_of(conn, claim_id)
    stock.ensure_show_rows(conn, session_id, [g[0] for g in goods])
    short = stock.take(conn, session_id, goods, reserve=True)
    held = {"reserved_at": now, "waitlisted": False}
    waits = {"reserved_at": None, "waitlisted": True}
    conn.execute(cl.update().where(cl.c.id == claim_id).values(**(waits if short else held)))


def _reject(conn: sa.Connection, step: Step, now: datetime) -> list[Claim]:
    return [_back_in_line(conn, step.claim_id, ClaimStatus.REJECTED, step.decided_at, now)]


def _quantity(conn: sa.Connection, step: Step, now: datetime) -> list[Claim]:
    assert step.code is not None and step.before is not None
    claim = claims.one(conn, step.claim_id, now)
    item = next((i for i in claim.items if i.code == step.code), None)
    if claim.status is not ClaimStatus.PENDING or item is None or item.qty != step.after:
        raise _changed(step.claim_id)
    return [decisions.set_quantity(conn, step.claim_id, step.code, step.before, now)]


def _merge(conn: sa.Connection, step: Step, now: datetime) -> list[Claim]:
    """Take the moved goods out of the claim they went into, and wait again."""
    assert step.target_id is not None
    ci, cl = schema.claim_items, schema.claims
    target = claims.one(conn, step.target_id, now)
    merged = conn.execute(sa.select(cl.c.status).where(cl.c.id == step.claim_id)).scalar()
    if target.status is not ClaimStatus.PENDING or merged != ClaimStatus.MERGED.value:
        raise _changed(step.claim_id)
    stock.lock(conn, stock.products_of(conn, [step.claim_id, step.target_id]))
    kept = dict(stock.goods_of(conn, step.claim_id))  # lines merge added to the target's
    has = dict(stock.goods_of(conn, step.target_id))
    moves = [(catalogue.by_code(conn, i.code).id, rows.to_milli(i.qty)) for i in step.moved]
    for product_id, qty in moves:  # the target must still have what it was given
        enough = has.get(product_id, 0) > qty if product_id in kept else has.get(product_id) == qty
        if not enough:
            raise _changed(step.target_id)
    stock.release(conn, target.session_id, step.target_id)
    for product_id, qty in moves:
        line = ci.update().where(ci.c.claim_id == step.target_id, ci.c.product_id == product_id)
        if product_id in kept:
            conn.execute(line.values(qty_milli=ci.c.qty_milli - qty))
        else:  # the whole line had moved: it comes back
            conn.execute(line.values(claim_id=step.claim_id))
    claim = _back_in_line(conn, step.claim_id, ClaimStatus.MERGED, None, now)
    _hold_again(conn, step.target_id, now)
    return [claim, claims.one(conn, step.target_id, now)]


def _replace(conn: sa.Connection, step: Step, now: datetime) -> list[Claim]:
    """The earlier claim waits again, and the question "replace or add?" is open again."""
    assert step.earlier_id is not None
    cl = schema.claims
    claim = claims.one(conn, step.claim_id, now)
    if claim.status is not ClaimStatus.PENDING or claim.replaces_claim_id is not None:
        raise _changed(step.claim_id)
    earlier = _back_in_line(conn, step.earlier_id, ClaimStatus.CANCELLED, None, now)
    conn.execute(
        cl.update()
        .where(cl.c.id == step.claim_id)
        .values(replaces_claim_id=step.earlier_id, ambiguous=True)
    )
    return [claims.one(conn, step.claim_id, now), earlier]


_UNDO: dict[StepKind, Callable[[sa.Connection, Step, datetime], list[Claim]]] = {
    StepKind.CONFIRM: _confirm,
    StepKind.REJECT: _reject,
    StepKind.QUANTITY: _quantity,
    StepKind.MERGE: _merge,
    StepKind.REPLACE: _replace,
}
