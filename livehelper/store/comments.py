"""Reading the stored comments: the feed, the report's order times, counts."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from livehelper.errors import NotFound
from livehelper.model import Comment, Intent
from livehelper.store import schema


def page(conn: sa.Connection, session_id: int, after_id: int, limit: int) -> list[Comment]:
    c = schema.comments
    return _read(conn, sa.and_(c.c.session_id == session_id, c.c.id > after_id), limit)


def one(conn: sa.Connection, comment_id: int) -> Comment:
    found = _read(conn, schema.comments.c.id == comment_id, 1)
    if not found:
        raise NotFound(f"no comment with id {comment_id}")
    return found[0]


def _read(conn: sa.Connection, where: sa.ColumnElement[bool], limit: int) -> list[Comment]:
    c, b, cl, p = schema.comments, schema.buyers, schema.claims, schema.products
    found = conn.execute(
        sa.select(
            c,
            b.c.display_name,
            b.c.platform_user_id,
            cl.c.id.label("claim_id"),
            p.c.code.label("featured"),
        )
        .join(b, c.c.buyer_id == b.c.id)
        .outerjoin(cl, cl.c.comment_id == c.c.id)
        .outerjoin(p, p.c.id == c.c.featured_product_id)
        .where(where)
        .order_by(c.c.id)
        .limit(limit)
    )
    return [
        Comment(
            id=r.id,
            session_id=r.session_id,
            platform=r.platform,
            message_id=r.message_id,
            buyer_id=r.buyer_id,
            buyer_name=r.display_name,
            text=r.text,
            received_at=r.received_at,
            intent=Intent(r.intent),
            phone=r.phone,
            order_like=r.order_like,
            rule=r.rule,
            claim_id=r.claim_id,
            featured_code=r.featured,
            user_id=r.platform_user_id,
        )
        for r in found
    ]


def times(conn: sa.Connection, session_id: int, intent: Intent) -> list[datetime]:
    """When each comment of this intent came, oldest first."""
    c = schema.comments
    found = conn.execute(
        sa.select(c.c.received_at)
        .where(c.c.session_id == session_id, c.c.intent == intent.value)
        .order_by(c.c.id)
    )
    return list(found.scalars())


def count(conn: sa.Connection, session_id: int) -> int:
    c = schema.comments
    return int(
        conn.execute(sa.select(sa.func.count()).where(c.c.session_id == session_id)).scalar_one()
    )
