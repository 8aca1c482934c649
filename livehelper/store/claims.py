"""Reading claims, and which assistant is looking at a waiting one ("Lan đang xử lý").

An assistant *looking at* a claim (``held_by``) is not stock kept for it: that is a
reservation (``reserved_at``, stock.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from livehelper.errors import NotFound
from livehelper.model import Claim, ClaimStatus, PendingState
from livehelper.store import buyers, rows, schema
from livehelper.store.engine import chunks

HOLD_FOR = timedelta(minutes=2)  # an assistant who went away lets go by then


def claim_version(claim: Any) -> tuple[Any, ...]:
    """What may change on a waiting claim elsewhere (its reservation, its place in
    line, a cancel, a replace question), from a Claim or a claims row alike: a window
    compares its own claims with ``pending_states`` by this."""
    return (
        claim.reserved_at,
        bool(claim.waitlisted),
        claim.offered_at,
        bool(claim.cancel_requested),
        claim.replaces_claim_id,
    )


def where(
    conn: sa.Connection, condition: sa.ColumnElement[bool], now: datetime, ids: Sequence[int] = ()
) -> list[Claim]:
    """The claims ``condition`` picks (among ``ids`` when given), oldest first."""
    cl, cm, b = schema.claims, schema.comments, schema.buyers
    query = (
        sa.select(cl, cm.c.text, cm.c.platform, b.c.display_name, b.c.phone.label("known"))
        .join(cm, cl.c.comment_id == cm.c.id)
        .join(b, cl.c.buyer_id == b.c.id)
        .where(condition)
        .order_by(cl.c.id)
    )
    found: list[Any] = []
    if ids:
        for chunk in chunks(list(ids)):
            found.extend(conn.execute(query.where(cl.c.id.in_(chunk))))
    else:
        found = list(conn.execute(query))
    items = rows.line_items(conn, [r.id for r in found])
    marks = buyers.flagged_marks(conn)
    looking_since = now - HOLD_FOR
    return [
        Claim(
            id=r.id,
            session_id=r.session_id,
            comment_id=r.comment_id,
            buyer_id=r.buyer_id,
            buyer_name=r.display_name,
            platform=r.platform,
            text=r.text,
            status=ClaimStatus(r.status),
            items=tuple(items.get(r.id, ())),
            phone=r.phone,
            ambiguous=bool(r.ambiguous),
            created_at=r.created_at,
            decided_by=r.decided_by,
            decided_at=r.decided_at,
            cancel_requested=bool(r.cancel_requested),
            replaces_claim_id=r.replaces_claim_id,
            held_by=r.held_by if r.held_at and r.held_at > looking_since else None,
            reserved_at=r.reserved_at,
            waitlisted=bool(r.waitlisted),
            offered_at=r.offered_at,
            buyer_flagged=buyers.is_flagged(marks, r.buyer_id, r.phone)
            or buyers.is_flagged(marks, r.buyer_id, r.known),
        )
        for r in found
    ]


def one(conn: sa.Connection, claim_id: int, now: datetime) -> Claim:
    found = where(conn, sa.true(), now, ids=[claim_id])
    if not found:
        raise NotFound(f"no claim with id {claim_id}")
    return found[0]


def of_session(
    conn: sa.Connection, session_id: int, status: ClaimStatus | None, after_id: int, now: datetime
) -> list[Claim]:
    cl = schema.claims
    condition = sa.and_(cl.c.session_id == session_id, cl.c.id > after_id)
    if status is not None:
        condition = sa.and_(condition, cl.c.status == status.value)
    rows.session(conn, session_id)
    return where(conn, condition, now)


def pending_states(conn: sa.Connection, session_id: int, now: datetime) -> dict[int, PendingState]:
    """The claims still waiting and what may have changed on them elsewhere: how a
    window follows other assistants and laptops with one small indexed read."""
    cl = schema.claims
    fresh = now - HOLD_FOR
    found = conn.execute(
        sa.select(
            cl.c.id,
            cl.c.held_by,
            cl.c.held_at,
            cl.c.reserved_at,
            cl.c.waitlisted,
            cl.c.offered_at,
            cl.c.cancel_requested,
            cl.c.replaces_claim_id,
        ).where(cl.c.session_id == session_id, cl.c.status == ClaimStatus.PENDING.value)
    )
    return {
        r.id: PendingState(
            held_by=r.held_by if r.held_at and r.held_at > fresh else None,
            version=claim_version(r),
        )
        for r in found
    }


def latest_confirmed(
    conn: sa.Connection, session_id: int, limit: int, now: datetime
) -> list[Claim]:
    """The ``limit`` most recently confirmed claims, oldest first (for the ticker)."""
    cl = schema.claims
    ids = conn.execute(
        sa.select(cl.c.id)
        .where(cl.c.session_id == session_id, cl.c.status == ClaimStatus.CONFIRMED.value)
        .order_by(cl.c.decided_at.desc(), cl.c.id.desc())
        .limit(limit)
    ).scalars()
    found = where(conn, sa.true(), now, ids=list(ids))
    found.sort(key=lambda c: (c.decided_at or c.created_at, c.id))
    return found


def look_at(conn: sa.Connection, claim_id: int, by: str, now: datetime) -> bool:
    """Mark a waiting claim as being handled by ``by`` (the others see it). False if
    another assistant is on it (that lapses after ``HOLD_FOR``)."""
    cl = schema.claims
    done = conn.execute(
        cl.update()
        .where(
            cl.c.id == claim_id,
            cl.c.status == ClaimStatus.PENDING.value,
            sa.or_(cl.c.held_by.is_(None), cl.c.held_by == by, cl.c.held_at < now - HOLD_FOR),
        )
        .values(held_by=by, held_at=now)
    )
    return done.rowcount == 1


def stop_looking(conn: sa.Connection, claim_id: int, by: str) -> None:
    cl = schema.claims
    conn.execute(
        cl.update()
        .where(cl.c.id == claim_id, cl.c.held_by == by)
        .values(held_by=None, held_at=None)
    )
