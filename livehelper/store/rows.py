"""Rows into values: quantities kept as integer thousandths, a product, a session, the
line items of claims. Everything here reads inside the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from livehelper.errors import NotFound
from livehelper.model import LineItem, Product, Session
from livehelper.store import schema
from livehelper.store.engine import chunks

MILLI = Decimal(1000)


def to_milli(qty: Decimal) -> int:
    return int((qty * MILLI).to_integral_value())


def from_milli(value: int) -> Decimal:
    return (Decimal(value) / MILLI).normalize() if value % 1000 else Decimal(value // 1000)


def utcnow() -> datetime:
    return datetime.now(UTC)


def product(row: Any) -> Product:
    return Product(
        id=row.id,
        code=row.code,
        name=row.name,
        price=row.price,
        unit=row.unit,
        stock=None if row.stock_milli is None else from_milli(row.stock_milli),
        aliases=tuple(a for a in row.aliases.split("|") if a),
        photo=row.photo,
        weight_kg=None if row.weight_g is None else from_milli(row.weight_g),
        reserved=from_milli(row.reserved_milli),
    )


# built once: every ingest batch reads its session (building a statement costs more
# than running it)
_SESSION = (
    sa.select(schema.sessions, schema.products.c.code)
    .select_from(
        schema.sessions.outerjoin(
            schema.products, schema.sessions.c.featured_product_id == schema.products.c.id
        )
    )
    .where(schema.sessions.c.id == sa.bindparam("session_id"))
)


# the catalogue's version (catalogue.version), and with the session in one statement:
# an ingest batch needs both
CATALOGUE_VERSION = sa.select(schema.meta.c.value).where(schema.meta.c.key == "catalogue_version")
_SESSION_AND_VERSION = _SESSION.add_columns(
    CATALOGUE_VERSION.scalar_subquery().label("catalogue_version")
)


def version_number(value: str | None) -> int:
    """The catalogue's version as stored (text in ``meta``; none yet is 0)."""
    return int(value) if value else 0


def session(conn: sa.Connection, session_id: int) -> Session:
    """The session, or NotFound."""
    return _session(conn.execute(_SESSION, {"session_id": session_id}).first(), session_id)


def session_and_version(conn: sa.Connection, session_id: int) -> tuple[Session, int]:
    """The session (or NotFound) and the catalogue's version (catalogue.version)."""
    row = conn.execute(_SESSION_AND_VERSION, {"session_id": session_id}).first()
    session = _session(row, session_id)
    return session, version_number(row.catalogue_version)  # type: ignore[union-attr]


def _session(row: Any, session_id: int) -> Session:
    if row is None:
        raise NotFound(f"no session with id {session_id}")
    return Session(
        id=row.id,
        name=row.name,
        started_at=row.started_at,
        ended_at=row.ended_at,
        featured_code=row.code,
        countdown_until=row.countdown_until,
        countdown_label=row.countdown_label,
        qr_shown=bool(row.qr_shown),
        qr_amount=row.qr_amount,
    )


def line_items(conn: sa.Connection, claim_ids: list[int]) -> dict[int, list[LineItem]]:
    """Each claim's goods at the price they were claimed at, in the order said."""
    ci, p = schema.claim_items, schema.products
    out: dict[int, list[LineItem]] = {}
    for chunk in chunks(claim_ids):
        rows = conn.execute(
            sa.select(
                ci.c.claim_id,
                ci.c.qty_milli,
                ci.c.unit_price,
                p.c.code,
                p.c.name,
                p.c.unit,
                p.c.weight_g,
            )
            .join(p, ci.c.product_id == p.c.id)
            .where(ci.c.claim_id.in_(chunk))
            .order_by(ci.c.id)
        )
        for r in rows:
            out.setdefault(r.claim_id, []).append(
                LineItem(
                    code=r.code,
                    name=r.name,
                    unit=r.unit,
                    qty=from_milli(r.qty_milli),
                    unit_price=r.unit_price,
                    unit_weight_kg=None if r.weight_g is None else from_milli(r.weight_g),
                )
            )
    return out
