"""Buyer orders (a buyer's confirmed claims in one show, merged) and what was exported
where: every export run is a batch, every order a target accepted is marked once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from livehelper.model import ClaimStatus, LineItem, Order
from livehelper.store import rows, schema
from livehelper.store.engine import chunks, insert_ignoring_conflicts


def where(
    conn: sa.Connection, order_where: sa.ColumnElement[bool], claim_where: sa.ColumnElement[bool]
) -> list[Order]:
    """The orders ``order_where`` picks, each made of its confirmed claims among
    those ``claim_where`` picks (a filter the claims' indexes can serve)."""
    o, cl, b = schema.orders, schema.claims, schema.buyers
    order_rows = conn.execute(
        sa.select(
            o.c.id,
            o.c.session_id,
            o.c.buyer_id,
            b.c.display_name,
            b.c.platform,
            b.c.phone,
            sa.func.coalesce(b.c.person_id, b.c.id).label("person"),
        )
        .join(b, o.c.buyer_id == b.c.id)
        .where(order_where)
        .order_by(o.c.id)
    ).all()
    persons = {
        r.id: r
        for chunk in chunks(sorted({r.person for r in order_rows}))
        for r in conn.execute(
            sa.select(b.c.id, b.c.address, b.c.note, b.c.phone).where(b.c.id.in_(chunk))
        )
    }
    claim_rows = conn.execute(
        sa.select(cl.c.id, cl.c.order_id, cl.c.phone)
        .where(claim_where, cl.c.status == ClaimStatus.CONFIRMED.value)
        .order_by(cl.c.id)
    ).all()
    items = rows.line_items(conn, [r.id for r in claim_rows])
    by_order: dict[int, list[Any]] = {}
    for claim_row in claim_rows:
        by_order.setdefault(claim_row.order_id, []).append(claim_row)
    out = []
    for r in order_rows:
        claims_of = by_order.get(r.id, [])
        if not claims_of:
            continue  # every claim of it was cancelled
        lines: dict[tuple[str, int], LineItem] = {}
        for claim_row in claims_of:
            for item in items.get(claim_row.id, ()):
                key = (item.code, item.unit_price)
                prev = lines.get(key)
                qty = item.qty + (prev.qty if prev else 0)
                lines[key] = dataclasses.replace(item, qty=qty)
        person = persons.get(r.person)
        phone = (
            next((c.phone for c in reversed(claims_of) if c.phone), None)
            or r.phone
            or (person.phone if person else None)
        )
        out.append(
            Order(
                id=r.id,
                session_id=r.session_id,
                buyer_id=r.buyer_id,
                buyer_name=r.display_name,
                platform=r.platform,
                phone=phone,
                lines=tuple(lines.values()),
                claim_ids=tuple(c.id for c in claims_of),
                address=person.address if person else None,
                note=person.note if person else "",
            )
        )
    return out


def of_session(conn: sa.Connection, session_id: int) -> list[Order]:
    o, cl = schema.orders, schema.claims
    rows.session(conn, session_id)
    return where(conn, o.c.session_id == session_id, cl.c.session_id == session_id)


def of_buyers(conn: sa.Connection, buyer_ids: Sequence[int]) -> list[Order]:
    o, cl = schema.orders, schema.claims
    return where(conn, o.c.buyer_id.in_(buyer_ids), cl.c.buyer_id.in_(buyer_ids))


# ------------------------------------------------------------------- exports
def exported(conn: sa.Connection, target: str, order_ids: Sequence[int]) -> dict[int, str | None]:
    """order id -> remote id, for the orders already accepted by ``target``."""
    e = schema.order_exports
    out: dict[int, str | None] = {}
    for chunk in chunks(list(order_ids)):
        for row in conn.execute(
            sa.select(e.c.order_id, e.c.remote_id).where(
                e.c.target == target, e.c.order_id.in_(chunk)
            )
        ):
            out[row.order_id] = row.remote_id
    return out


def mark_exported(
    conn: sa.Connection,
    order_ids: Sequence[int],
    target: str,
    remote_id: str | None,
    batch_id: int | None,
    now: datetime,
) -> None:
    """Record that ``target`` accepted the orders (once: a second mark is ignored)."""
    if not order_ids:
        return
    conn.execute(
        insert_ignoring_conflicts(conn, schema.order_exports),
        [
            {
                "order_id": order_id,
                "target": target,
                "remote_id": remote_id,
                "exported_at": now,
                "batch_id": batch_id,
            }
            for order_id in order_ids
        ],
    )


def start_batch(
    conn: sa.Connection, session_id: int, target: str, orders: int, now: datetime, **finished: Any
) -> int:
    """An export run, recorded before anything is sent (``finished`` for a run that is
    over at once: ``finished_at`` and its counts)."""
    eb = schema.export_batches
    rows.session(conn, session_id)
    return int(
        conn.execute(
            eb.insert()
            .values(session_id=session_id, target=target, started_at=now, orders=orders, **finished)
            .returning(eb.c.id)
        ).scalar_one()
    )


def record_file(
    conn: sa.Connection,
    session_id: int,
    target: str,
    order_ids: Sequence[int],
    path: str,
    now: datetime,
) -> int:
    """A file that is written: its batch, finished, and every order in it marked (a file
    that failed to write is never recorded)."""
    batch = start_batch(
        conn, session_id, target, len(order_ids), now, finished_at=now, sent=len(order_ids)
    )
    mark_exported(conn, order_ids, target, path, batch, now)
    return batch


def finish_batch(conn: sa.Connection, batch_id: int, now: datetime, **counts: int) -> None:
    eb = schema.export_batches
    conn.execute(eb.update().where(eb.c.id == batch_id).values(finished_at=now, **counts))


def batches(conn: sa.Connection, session_id: int) -> list[dict[str, Any]]:
    """The session's export history, oldest first."""
    eb = schema.export_batches
    found = conn.execute(sa.select(eb).where(eb.c.session_id == session_id).order_by(eb.c.id))
    return [
        {
            "id": r.id,
            "target": public_target(r.target),
            "started_at": r.started_at.isoformat(),
            "finished_at": r.finished_at.isoformat() if r.finished_at else None,
            "orders": r.orders,
            "sent": r.sent,
            "skipped": r.skipped,
            "failed": r.failed,
            "held": r.held,
        }
        for r in found
    ]


def public_target(target: str) -> str:
    """An export target without a password or query string (they may hold secrets)."""
    from urllib.parse import urlsplit, urlunsplit

    kind, _, rest = target.partition(":")
    if "://" not in rest:
        return target
    parts = urlsplit(rest)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return f"{kind}:" + urlunsplit((parts.scheme, netloc, parts.path, "", ""))
