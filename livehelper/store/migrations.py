"""Schema versions and the steps between them.

Every table and column in ``schema.py`` carries ``info={"since": N}`` (default 1).
A fresh database is created at the latest version; an older one is brought up step
by step: each step adds the tables and columns introduced in that version, then runs
that version's data hook if it has one. Only portable DDL is used (CREATE TABLE,
ALTER TABLE ADD COLUMN), so SQLite and PostgreSQL take the same path.

History:
  1  catalogue, sessions, buyers, comments, claims, orders
  2  claims.ambiguous and claims.confidence (the parser says how sure it is)
  3  products.photo; sessions.countdown_*/qr_*; settings (overlay QR and countdown);
     session_sources (what a session listened to); claims.cancel_requested and
     claims.replaces_claim_id (the duplicate policy); claims.held_by/held_at (who is
     handling a claim); order_exports (sent once)
  4  stock reservations: products.reserved_milli, show_stock (per-show cap and what
     the show has taken), claims.reserved_at/waitlisted/offered_at; buyers across
     sessions: buyers.person_id/address/flagged, orders.outcome/outcome_at; export
     history: export_batches, order_exports.batch_id
  5  comments.order_like (the comments that may be orders the reader missed)
  6  comments.rule (which of the reader's rules decided)
  7  buyers.address_source (an address a buyer wrote, or one an assistant typed)
  8  buyers.phone_source (a phone an assistant typed is not replaced by a comment's)
  9  products.weight_g (one unit's weight, from the catalogue's weight_kg column)
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from livehelper.errors import StoreError
from livehelper.store import schema

LATEST = 9

# version -> function run after that version's tables/columns exist
DATA_HOOKS: dict[int, Callable[[sa.Connection], None]] = {}


def _since(item: sa.Table | sa.Column[object] | sa.Index) -> int:
    return int(item.info.get("since", 1))


def schema_at(version: int) -> sa.MetaData:
    """The tables as they were at ``version``, built from today's definitions."""
    md = sa.MetaData()
    for table in schema.metadata.sorted_tables:
        if _since(table) > version:
            continue
        columns = [_copy_column(c) for c in table.columns if _since(c) <= version]
        kept = {c.name for c in columns}
        uniques = [
            sa.UniqueConstraint(*[c.name for c in uc.columns], name=uc.name)
            for uc in table.constraints
            if isinstance(uc, sa.UniqueConstraint) and {c.name for c in uc.columns} <= kept
        ]
        new = sa.Table(table.name, md, *columns, *uniques)
        for index in table.indexes:
            if {c.name for c in index.columns} <= kept and _since(index) <= version:
                sa.Index(index.name, *[new.c[c.name] for c in index.columns])
    return md


def _copy_column(column: sa.Column[object]) -> sa.Column[object]:
    return sa.Column(
        column.name,
        column.type,
        *[sa.ForeignKey(fk.target_fullname) for fk in column.foreign_keys],
        primary_key=column.primary_key,
        nullable=column.nullable,
        unique=column.unique,
        server_default=column.server_default.arg if column.server_default is not None else None,  # type: ignore[attr-defined]
    )


def current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(
        sa.select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    return int(row[0]) if row else 0


def _set_version(conn: sa.Connection, version: int) -> None:
    updated = conn.execute(
        schema.meta.update().where(schema.meta.c.key == "schema_version").values(value=str(version))
    )
    if updated.rowcount == 0:
        conn.execute(schema.meta.insert().values(key="schema_version", value=str(version)))


def _add_column(conn: sa.Connection, table: str, column: sa.Column[object]) -> None:
    dialect = conn.dialect
    ddl = f"ALTER TABLE {table} ADD COLUMN {column.name} {column.type.compile(dialect=dialect)}"
    if column.server_default is not None:
        default = column.server_default.arg  # type: ignore[attr-defined]
        if isinstance(default, sa.sql.ClauseElement):
            default = default.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        ddl += f" DEFAULT {default}"
    if not column.nullable:
        ddl += " NOT NULL"
    conn.exec_driver_sql(ddl)


def upgrade(conn: sa.Connection, target: int = LATEST) -> int:
    """Bring the database at ``conn`` to ``target``; returns the version it had."""
    found = current_version(conn)
    if found > LATEST:
        raise StoreError(
            f"this database has schema version {found}, newer than this livehelper "
            f"understands ({LATEST}); update livehelper"
        )
    if found == 0:
        schema_at(target).create_all(conn)
        _set_version(conn, target)
        return found
    for version in range(found + 1, target + 1):
        for table in schema.metadata.sorted_tables:
            if _since(table) == version:
                schema_at(version).tables[table.name].create(conn)
                continue
            for column in table.columns:
                if _since(column) == version and _since(table) < version:
                    _add_column(conn, table.name, column)
            for index in table.indexes:
                if _since(index) == version and _since(table) < version:
                    conn.exec_driver_sql(
                        f"CREATE INDEX IF NOT EXISTS {index.name} ON {table.name} "
                        f"({', '.join(c.name for c in index.columns)})"
                    )
        if version in DATA_HOOKS:
            DATA_HOOKS[version](conn)
        _set_version(conn, version)
    return found
