"""Shows: starting and ending them, the product on screen, the countdown and payment QR
the overlays show, the comment sources a show listened to."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from livehelper import clean
from livehelper.model import Session
from livehelper.store import catalogue, rows, schema
from livehelper.store.engine import insert_ignoring_conflicts


def start(conn: sa.Connection, name: str, now: datetime) -> Session:
    name = clean.one_line(name).strip() or f"Live {now.astimezone():%d/%m/%Y %H:%M}"
    s = schema.sessions
    session_id = conn.execute(
        s.insert().values(name=name, started_at=now).returning(s.c.id)
    ).scalar_one()
    return rows.session(conn, session_id)


def end(conn: sa.Connection, session_id: int, now: datetime) -> Session:
    s = schema.sessions
    rows.session(conn, session_id)
    conn.execute(
        s.update().where(s.c.id == session_id, s.c.ended_at.is_(None)).values(ended_at=now)
    )
    return rows.session(conn, session_id)


def all_sessions(conn: sa.Connection) -> list[Session]:
    ids = conn.execute(sa.select(schema.sessions.c.id).order_by(schema.sessions.c.id.desc()))
    return [rows.session(conn, i) for i in ids.scalars()]


def feature(conn: sa.Connection, session_id: int, code: str, now: datetime) -> Session:
    """Make ``code`` the product on screen; remembered with the time."""
    rows.session(conn, session_id)
    product = catalogue.by_code(conn, code)
    conn.execute(
        schema.sessions.update()
        .where(schema.sessions.c.id == session_id)
        .values(featured_product_id=product.id)
    )
    conn.execute(
        schema.featured_log.insert().values(session_id=session_id, product_id=product.id, at=now)
    )
    return rows.session(conn, session_id)


def update(conn: sa.Connection, session_id: int, **values: Any) -> Session:
    rows.session(conn, session_id)
    conn.execute(
        schema.sessions.update().where(schema.sessions.c.id == session_id).values(**values)
    )
    return rows.session(conn, session_id)


def featured_history(conn: sa.Connection, session_id: int) -> list[tuple[datetime, str]]:
    f, p = schema.featured_log, schema.products
    found = conn.execute(
        sa.select(f.c.at, p.c.code)
        .join(p, f.c.product_id == p.c.id)
        .where(f.c.session_id == session_id)
        .order_by(f.c.at, f.c.id)
    )
    return [(r.at, r.code) for r in found]


def add_source(conn: sa.Connection, session_id: int, spec: str, now: datetime) -> None:
    """Remember that the session listens to ``spec`` (once, however often added)."""
    rows.session(conn, session_id)
    conn.execute(
        insert_ignoring_conflicts(conn, schema.session_sources).values(
            session_id=session_id, spec=spec, added_at=now
        )
    )


def sources(conn: sa.Connection, session_id: int) -> list[str]:
    ss = schema.session_sources
    rows.session(conn, session_id)
    found = conn.execute(
        sa.select(ss.c.spec).where(ss.c.session_id == session_id).order_by(ss.c.id)
    )
    return list(found.scalars())


def raw_log_path(url: sa.engine.URL, session_id: int) -> Path:
    """Where the raw payloads of a session's sources are kept: beside a SQLite file,
    else in the user's data folder (one laptop's own copy of what it received)."""
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent / "raw" / f"session-{session_id}.jsonl"
    import platformdirs

    folder = Path(platformdirs.user_data_dir("livehelper", appauthor=False)) / "raw"
    return folder / f"{url.host or 'db'}-{url.database or ''}-session-{session_id}.jsonl"
