"""The shop's shared settings (every laptop of a team reads the same table)."""

from __future__ import annotations

import sqlalchemy as sa

from livehelper.shop_settings import SETTINGS
from livehelper.store import schema


def get(conn: sa.Connection, key: str) -> str | None:
    st = schema.settings
    value = conn.execute(sa.select(st.c.value).where(st.c.key == key)).scalar()
    return None if value is None else str(value)


def put(conn: sa.Connection, key: str, value: str | None) -> None:
    """Store a setting (None removes it)."""
    st = schema.settings
    conn.execute(st.delete().where(st.c.key == key))
    if value is not None:
        conn.execute(st.insert().values(key=key, value=value))


def minutes(conn: sa.Connection, key: str) -> float:
    """A minutes setting of ``shop_settings``, its default when unset or unreadable."""
    value = get(conn, key)
    try:
        return float(value) if value is not None else float(SETTINGS[key].default)
    except ValueError:
        return float(SETTINGS[key].default)
