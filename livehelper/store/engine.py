"""Opening the database: a URL (or a plain path for SQLite), the engine with SQLite's
settings for a live show, and the checkpointer that keeps SQLite's WAL small."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from livehelper import config
from livehelper.errors import StoreError, is_disk_full

log = logging.getLogger(__name__)

CHUNK = 400  # ids per IN (…): stays under every driver's bound-parameter limit


def default_url() -> str:
    """``LIVEHELPER_DB`` if set, else a SQLite file in the user's data folder."""
    env = config.env("LIVEHELPER_DB")
    if env:
        return normalise_url(env)
    import platformdirs

    folder = Path(platformdirs.user_data_dir("livehelper", appauthor=False))
    return f"sqlite:///{folder / 'livehelper.sqlite3'}"


def normalise_url(url_or_path: str) -> str:
    """Accept a SQLAlchemy URL, or a plain file path meaning SQLite."""
    if "://" in url_or_path:
        if url_or_path.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver we ship in the [postgres] extra
            return "postgresql+psycopg://" + url_or_path.split("://", 1)[1]
        return url_or_path
    return f"sqlite:///{Path(url_or_path).expanduser().resolve()}"


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unreadable URL)"


def create_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a commit survives the app being killed at any moment (the
            # promise livehelper makes); it does not wait for the disk, so a slow laptop
            # disk cannot stall the show. Only an OS crash or power cut could undo the
            # last second of commits.
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            # no checkpoint inside a commit: it would stall that batch for milliseconds;
            # WalCheckpointer does it beside the writer instead
            cur.execute("PRAGMA wal_autocheckpoint=0")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: sa.Connection) -> None:
            write = conn.get_execution_options().get("livehelper_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def open_engine(url: str | None) -> tuple[sa.Engine, str]:
    """The engine for ``url`` (a URL or a file path; None: the user's data folder) and
    the URL it became. A missing driver is said plainly."""
    url = normalise_url(url) if url else default_url()
    try:
        return create_engine(url), url
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"the database driver is missing ({exc.name}); for PostgreSQL install "
            "livehelper[postgres]"
        ) from exc


def insert_ignoring_conflicts(conn: sa.Connection, table: sa.Table) -> sa.Insert:
    """INSERT … ON CONFLICT DO NOTHING: the same SQL on SQLite (>= 3.24) and PostgreSQL."""
    return ignoring_conflicts(conn.dialect.name, table)


@functools.cache
def ignoring_conflicts(dialect: str, table: sa.Table) -> sa.Insert:
    """The statement, built once per database kind (statements are immutable)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


CONFLICTS = ("40P01", "40001")  # PostgreSQL's deadlock and serialization failure


def conflict(exc: BaseException) -> bool:
    """PostgreSQL aborted the transaction to break a deadlock or a conflict: running it
    again will work."""
    return isinstance(exc, sa.exc.OperationalError) and (
        getattr(exc.orig, "sqlstate", None) in CONFLICTS
    )


def unreachable(exc: BaseException) -> bool:
    """The database is away for now (restarting, busy, the network dropped), not
    refusing this statement: the same call may work in a moment."""
    return isinstance(exc, sa.exc.OperationalError) and not conflict(exc) and not is_disk_full(exc)


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class WalCheckpointer:
    """Moves SQLite's write-ahead log into the database file once a second, beside the
    writer (PASSIVE never blocks a writer), so no commit pays for a checkpoint."""

    def __init__(self, engine: sa.Engine, every: float = 1.0) -> None:
        self._engine = engine
        self._every = every
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="livehelper-checkpoint", daemon=True)

    def start(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stopping.wait(self._every):
            self._checkpoint("PASSIVE")

    def _checkpoint(self, mode: str) -> None:
        try:
            with self._engine.connect() as conn:
                conn.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})")
        except sa.exc.OperationalError as exc:  # busy: the next round will do it
            log.debug("checkpoint skipped: %s", exc)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)
        self._checkpoint("TRUNCATE")  # leave a small WAL behind


class WriteGate:
    """This process's writers to SQLite, in turn, short ones first. SQLite has one write
    lock, and a writer kept waiting polls for it (sleeping 1 to 100 ms between tries):
    the pipeline's writer, starting its next batch the moment it commits, kept an
    assistant's confirm waiting for the lock for seconds under a flood. Here a short
    write (a decision) waits only for the batch being written, and the next batch waits
    for the short writes. PostgreSQL locks rows, not the database: no gate there."""

    BULK_PATIENCE_S = 1.0  # a batch waits no longer for short writes than this

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._turns = threading.Condition()
        self._short_waiting = self._short_writing = 0
        self._bulk_writing = False

    @contextmanager
    def turn(self, bulk: bool) -> Iterator[None]:
        if not self._enabled:
            yield
            return
        with self._turns:
            if bulk:
                self._turns.wait_for(
                    lambda: not (self._short_waiting or self._short_writing),
                    self.BULK_PATIENCE_S,
                )
                self._bulk_writing = True
            else:
                self._short_waiting += 1
                self._turns.wait_for(lambda: not self._bulk_writing, OUTAGE_WAIT_S)
                self._short_waiting -= 1
                self._short_writing += 1
        try:
            yield
        finally:
            with self._turns:
                if bulk:
                    self._bulk_writing = False
                else:
                    self._short_writing -= 1
                self._turns.notify_all()


OUTAGE_WAIT_S = 30.0  # a short write waits no longer for a batch (SQLite's own timeout)
