"""The products: importing a catalogue, reading it with this show's caps, the show's
stock report. Functions take the caller's connection and never open a transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from livehelper.errors import InvalidTransition, NotFound
from livehelper.model import ClaimStatus, ImportResult, Product, ProductSpec
from livehelper.store import rows, schema, stock


def import_products(
    conn: sa.Connection, specs: Sequence[ProductSpec], now: datetime
) -> ImportResult:
    """Add or update products by code (codes are case-insensitive)."""
    p = schema.products
    existing = {  # "ks" updates KS, never adds a twin; the oldest product wins a tie
        row.code.upper(): row.id
        for row in conn.execute(sa.select(p.c.id, p.c.code).order_by(p.c.id.desc()))
    }
    added = updated = 0
    for spec in specs:
        values = {
            "name": spec.name,
            "price": spec.price,
            "unit": spec.unit,
            "stock_milli": None if spec.stock is None else rows.to_milli(spec.stock),
            "aliases": "|".join(spec.aliases),
            "photo": spec.photo,
            "weight_g": None if spec.weight_kg is None else round(spec.weight_kg * 1000),
            "updated_at": now,
        }
        if spec.code.upper() in existing:
            conn.execute(p.update().where(p.c.id == existing[spec.code.upper()]).values(**values))
            updated += 1
        else:
            conn.execute(p.insert().values(code=spec.code, **values))
            added += 1
    bump_version(conn)
    return ImportResult(added=added, updated=updated)


def bump_version(conn: sa.Connection) -> None:
    """The catalogue changed: readers compile a new parser."""
    m = schema.meta
    done = conn.execute(
        m.update()
        .where(m.c.key == "catalogue_version")
        .values(value=sa.cast(sa.cast(m.c.value, sa.Integer) + 1, sa.String))
    )
    if done.rowcount == 0:
        conn.execute(m.insert().values(key="catalogue_version", value="1"))


def version(conn: sa.Connection) -> int:
    return rows.version_number(conn.execute(rows.CATALOGUE_VERSION).scalar())


def products(conn: sa.Connection, session_id: int | None = None) -> list[Product]:
    """The catalogue; with ``session_id``, each product's ``cap_left`` for that show."""
    p = schema.products
    found = [rows.product(r) for r in conn.execute(sa.select(p).order_by(p.c.code))]
    return with_caps(conn, session_id, found) if session_id else found


def by_code(conn: sa.Connection, code: str) -> Product:
    row = conn.execute(
        sa.select(schema.products).where(
            sa.func.upper(schema.products.c.code) == code.strip().upper()
        )
    ).first()
    if row is None:
        raise NotFound(f"no product with code {code!r} in the catalogue")
    return rows.product(row)


def with_caps(conn: sa.Connection, session_id: int, found: list[Product]) -> list[Product]:
    ss = schema.show_stock
    left = {
        r.product_id: rows.from_milli(max(0, r.cap_milli - r.taken_milli))
        for r in conn.execute(
            sa.select(ss).where(ss.c.session_id == session_id, ss.c.cap_milli.is_not(None))
        )
    }
    return [dataclasses.replace(p, cap_left=left[p.id]) if p.id in left else p for p in found]


def set_cap(
    conn: sa.Connection, session_id: int, code: str, qty: Decimal | None, now: datetime
) -> None:
    """How much of a product this show may sell ("số lượng mở bán"); None: no cap.
    A cap below what the show has already taken stops new sales, undoes none."""
    if qty is not None and qty < 0:
        raise InvalidTransition("a cap cannot be negative")
    ss = schema.show_stock
    rows.session(conn, session_id)
    product = by_code(conn, code)
    stock.lock(conn, [product.id])
    stock.ensure_show_rows(conn, session_id, [product.id])
    conn.execute(
        ss.update()
        .where(ss.c.session_id == session_id, ss.c.product_id == product.id)
        .values(cap_milli=None if qty is None else rows.to_milli(qty))
    )
    if qty is None or rows.to_milli(qty) > 0:
        stock.offer_freed(conn, session_id, [product.id], now)


def stock_report(conn: sa.Connection, session_id: int) -> list[dict[str, Any]]:
    """Per product, for this show: ``stock`` it started with, ``reserved`` by this
    show's waiting claims, ``sold`` (confirmed), ``remaining`` = what can still be
    offered (shelf minus every hold, within the show's ``cap``), ``waitlist`` =
    quantity asked for by claims waiting in line. ``None`` means unlimited."""
    cl, ci, p, ss = schema.claims, schema.claim_items, schema.products, schema.show_stock
    rows.session(conn, session_id)

    def per_product(*where: sa.ColumnElement[bool]) -> dict[int, int]:
        found = conn.execute(
            sa.select(ci.c.product_id, sa.func.sum(ci.c.qty_milli))
            .join(cl, ci.c.claim_id == cl.c.id)
            .where(cl.c.session_id == session_id, *where)
            .group_by(ci.c.product_id)
        )
        return {row[0]: int(row[1] or 0) for row in found}

    pending = cl.c.status == ClaimStatus.PENDING.value
    sold = per_product(cl.c.status == ClaimStatus.CONFIRMED.value)
    reserved = per_product(pending, cl.c.reserved_at.is_not(None))
    waiting = per_product(pending, cl.c.waitlisted == sa.true())
    caps = {
        r.product_id: r.cap_milli
        for r in conn.execute(
            sa.select(ss.c.product_id, ss.c.cap_milli).where(ss.c.session_id == session_id)
        )
    }
    product_rows = conn.execute(sa.select(p).order_by(p.c.code)).all()
    shown = with_caps(conn, session_id, [rows.product(r) for r in product_rows])
    report = []
    for row, product in zip(product_rows, shown, strict=True):
        cap = caps.get(row.id)
        report.append(
            {
                "code": row.code,
                "name": row.name,
                "unit": row.unit,
                "stock": None
                if row.stock_milli is None
                else rows.from_milli(row.stock_milli + sold.get(row.id, 0)),
                "reserved": rows.from_milli(reserved.get(row.id, 0)),
                "sold": rows.from_milli(sold.get(row.id, 0)),
                "remaining": product.available,  # what the window and overlays show
                "cap": None if cap is None else rows.from_milli(cap),
                "waitlist": rows.from_milli(waiting.get(row.id, 0)),
                "sold_out": product.sold_out,
            }
        )
    return report
