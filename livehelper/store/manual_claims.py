"""A claim an assistant makes from a stored comment the reader missed (the feed's
"Tạo đơn", ``queue add --comment``): for that comment's buyer — their own account, so
their history and the "bom hàng" check see it — holding stock like any new claim."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from livehelper.errors import InvalidTransition, NotFound, UsageError
from livehelper.model import Claim, ParsedItem
from livehelper.store import claims, ingest, schema, stock


def claim_comment(
    conn: sa.Connection,
    comment_id: int,
    wanted: Sequence[ParsedItem],
    phone: str | None,
    now: datetime,
) -> Claim:
    """The new waiting claim. Refused when the comment has a claim already or a
    product is unknown; a quantity must be above zero."""
    c, cl = schema.comments, schema.claims
    comment = conn.execute(
        sa.select(c.c.session_id, c.c.buyer_id, c.c.phone).where(c.c.id == comment_id)
    ).first()
    if comment is None:
        raise NotFound(f"no comment with id {comment_id}")
    existing = conn.execute(
        sa.select(cl.c.id, cl.c.status).where(cl.c.comment_id == comment_id)
    ).first()
    if existing is not None:
        raise InvalidTransition(
            f"comment {comment_id} already has claim {existing.id} ({existing.status})"
        )
    if not wanted:
        raise UsageError("say which product and how much")
    products = ingest.product_rows(conn)
    unknown = [i.code for i in wanted if i.code.upper() not in products]
    if unknown:
        raise UsageError(f"no product with code {', '.join(unknown)}")
    if any(i.qty <= 0 for i in wanted):
        raise UsageError("a quantity must be more than 0")
    merged: dict[str, Decimal] = {}
    for item in wanted:  # the same product twice: one line
        merged[item.code.upper()] = merged.get(item.code.upper(), Decimal(0)) + item.qty
    chosen = [(products[code], qty) for code, qty in merged.items()]
    product_ids = [p.id for p, _qty in chosen]
    stock.lock(conn, product_ids)
    stock.ensure_show_rows(conn, comment.session_id, product_ids)
    plan = ingest.Plan()
    claim = {
        "session_id": comment.session_id,
        "comment_id": comment_id,
        "buyer_id": comment.buyer_id,
        "phone": phone or comment.phone,
        "ambiguous": False,  # an assistant read it
        "confidence": 1.0,
        "replaces_claim_id": None,
    }
    plan.add(claim, chosen, now)
    ingest.hold_stock(conn, comment.session_id, plan, now)
    (claim_id,) = ingest.insert_claims(conn, plan)
    return claims.one(conn, claim_id, now)
