"""Reading the stored comments: the feed, the report's order times, counts."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from livehelper.errors import NotFound
from livehelper.model import Comment, Intent
from livehelper.store import schema


def window(
    conn: sa.Connection,
    session_id: int,
    limit: int,
    after_id: int = 0,
    before_id: int | None = None,
    suspects: bool = False,
    newest: bool = False,
) -> list[Comment]:
    """Up to ``limit`` comments, oldest first: the newest ones (``newest``, or before
    ``before_id``: the feed scrolled up), else the oldest after ``after_id``;
    ``suspects``: only those that may be orders the reader missed."""
    c = schema.comments
    where = [c.c.session_id == session_id, c.c.id > after_id]
    if before_id is not None:
        where.append(c.c.id < before_id)
    if suspects:
        where += _suspect()
    newest = newest or before_id is not None
    found = _read(conn, sa.and_(*where), limit, newest_first=newest)
    return found[::-1] if newest else found


def _suspect() -> list[sa.ColumnElement[bool]]:
    """Comment.suspect in SQL: no claim came of it, not a cancel, and it gives a phone
    or looks like an order."""
    c, claimed = schema.comments, schema.claims.alias("claimed")  # not the feed's own join
    return [
        c.c.intent != Intent.CANCEL.value,
        sa.or_(c.c.order_like.is_(True), c.c.phone.is_not(None)),
        ~sa.exists().where(claimed.c.comment_id == c.c.id),
    ]


def one(conn: sa.Connection, comment_id: int) -> Comment:
    found = _read(conn, schema.comments.c.id == comment_id, 1)
    if not found:
        raise NotFound(f"no comment with id {comment_id}")
    return found[0]


def _read(
    conn: sa.Connection, where: sa.ColumnElement[bool], limit: int, newest_first: bool = False
) -> list[Comment]:
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
        .order_by(c.c.id.desc() if newest_first else c.c.id)
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


def count(conn: sa.Connection, session_id: int, suspects: bool = False) -> int:
    c = schema.comments
    where = [c.c.session_id == session_id, *(_suspect() if suspects else ())]
    return int(conn.execute(sa.select(sa.func.count()).where(*where)).scalar_one())
