"""The durable store: one SQLAlchemy engine, SQLite (WAL) or PostgreSQL by URL.

Every method is one short transaction and returns frozen values from
``livehelper.model``. Methods are safe to call from any thread; the GUI calls
them from its worker thread, never from the GUI thread.

Concurrency rules (several processes, several laptops on PostgreSQL):
  * deciding a claim is a conditional UPDATE (``WHERE status = 'pending'``), so
    exactly one decision wins;
  * stock, holds and the per-show cap are counters changed only by conditional
    UPDATEs in the deciding transaction (``livehelper/stock.py``), so stock never goes
    negative nor past a cap;
  * a transaction that touches stock locks its products first, in id order, so two
    laptops cannot deadlock; PostgreSQL aborting one anyway is retried (``_retrying``);
  * SQLite write transactions start with ``BEGIN IMMEDIATE`` so two writers queue
    instead of failing half-way.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from livehelper import buyers, clean, migrations, schema, stock
from livehelper.errors import InvalidTransition, NotFound, OutOfStock, StoreError
from livehelper.model import (
    Buyer,
    BuyerCard,
    Claim,
    ClaimStatus,
    Comment,
    IncomingComment,
    Intent,
    LineItem,
    Order,
    Outcome,
    ParseResult,
    Product,
    Session,
)
from livehelper.shop_settings import SETTINGS

log = logging.getLogger(__name__)
MILLI = Decimal(1000)
HOLD_FOR = timedelta(minutes=2)  # a claim held by an assistant who went away frees itself
_CHUNK = 400  # stays under every driver's bound-parameter limit
_RETRIES = 6
OUTAGE_SECONDS = 20.0  # how long an assistant's decision waits for the database to return
T = TypeVar("T")


def to_milli(qty: Decimal) -> int:
    return int((qty * MILLI).to_integral_value())


def from_milli(value: int) -> Decimal:
    return (Decimal(value) / MILLI).normalize() if value % 1000 else Decimal(value // 1000)


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_url() -> str:
    """``LIVEHELPER_DB`` if set, else a SQLite file in the user's data folder."""
    env = os.environ.get("LIVEHELPER_DB")
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


@dataclass(frozen=True, slots=True)
class ProductSpec:
    """A catalogue row before it is stored."""

    code: str
    name: str
    price: int
    unit: str
    stock: Decimal | None
    aliases: tuple[str, ...] = ()
    photo: str | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest batch changed: the UI refreshes itself from this."""

    comments: tuple[Comment, ...]
    claims: tuple[Claim, ...]
    duplicates: int
    repeats: int = 0  # the same order said again by the same buyer: no second claim
    cancel_requests: tuple[int, ...] = ()  # claims whose buyer has since written "huỷ"


@dataclass(frozen=True, slots=True)
class Decision:
    claim_id: int
    ok: bool
    claim: Claim | None
    error: str | None = None
    offered: tuple[int, ...] = ()  # waitlisted claims that got the stock this one freed


@dataclass(frozen=True, slots=True)
class PendingState:
    held_by: str | None  # the assistant handling it, if any
    version: tuple[Any, ...]  # changes whenever its hold, line place or flags change


def claim_version(claim: Any) -> tuple[Any, ...]:
    """What may change on a waiting claim elsewhere (its hold, its place in line, a
    cancel, a replace question), from a Claim or a claims row alike: a window compares
    its own claims with ``pending_states`` by this."""
    return (
        claim.reserved_at,
        bool(claim.waitlisted),
        claim.offered_at,
        bool(claim.cancel_requested),
        claim.replaces_claim_id,
    )


@dataclass(frozen=True, slots=True)
class Expired:
    """What a sweep of lapsed reservations did."""

    released: tuple[int, ...]
    offered: tuple[int, ...]  # waitlisted claims that now hold the freed stock


ParseFn = Callable[[str, str | None], ParseResult]


class Store:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        # buyer ids never change once committed, so the hot ingest path can skip a lookup
        self._buyer_cache: dict[tuple[str, str], int] = {}
        self._show_rows: set[tuple[int, int]] = set()  # (session, product) rows known to exist
        self._recent: dict[str, tuple[float, Any]] = {}  # short-lived reads, see _fresh
        self._lock = threading.Lock()
        self._checkpointer: WalCheckpointer | None = None

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, url: str | None = None) -> Store:
        url = normalise_url(url) if url else default_url()
        try:
            engine = _create_engine(url)
        except ModuleNotFoundError as exc:
            raise StoreError(
                f"the database driver is missing ({exc.name}); for PostgreSQL install "
                "livehelper[postgres]"
            ) from exc
        store = cls(engine)
        try:
            with store._write() as conn:
                migrations.upgrade(conn)
            if store.is_sqlite:
                store._checkpointer = WalCheckpointer(engine).start()
        except sa.exc.OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the database {_safe_url(url)}: {exc.orig}") from exc
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(livehelper_write=True)
            with conn.begin():
                yield conn

    def _retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` (one write transaction) again if PostgreSQL broke a deadlock
        or a serialization conflict by aborting it: two laptops locking the same rows
        in a different order. Stock rows are locked in one order, so this is rare."""
        for attempt in range(_RETRIES):
            try:
                return work()
            except sa.exc.OperationalError as exc:
                code = getattr(exc.orig, "sqlstate", None)
                if code not in ("40P01", "40001") or attempt == _RETRIES - 1:
                    raise
                log.info("transaction retried after %s (attempt %d)", code, attempt + 1)
                time.sleep(random.uniform(0.002, 0.02) * (attempt + 1))
        raise AssertionError("unreachable")

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def schema_version(self) -> int:
        with self._read() as conn:
            return migrations.current_version(conn)

    # ---------------------------------------------------------------- catalogue
    def import_products(self, specs: Sequence[ProductSpec]) -> ImportResult:
        """Add or update products by code, all or nothing."""
        now = utcnow()
        added = updated = 0
        with self._write() as conn:
            existing = {  # codes are case-insensitive: "ks" updates KS, never adds a twin
                row.code.upper(): row.id
                for row in conn.execute(
                    sa.select(schema.products.c.id, schema.products.c.code).order_by(
                        schema.products.c.id.desc()
                    )
                )
            }
            for spec in specs:
                values = {
                    "name": spec.name,
                    "price": spec.price,
                    "unit": spec.unit,
                    "stock_milli": None if spec.stock is None else to_milli(spec.stock),
                    "aliases": "|".join(spec.aliases),
                    "photo": spec.photo,
                    "updated_at": now,
                }
                if spec.code.upper() in existing:
                    conn.execute(
                        schema.products.update()
                        .where(schema.products.c.id == existing[spec.code.upper()])
                        .values(**values)
                    )
                    updated += 1
                else:
                    conn.execute(schema.products.insert().values(code=spec.code, **values))
                    added += 1
            self._bump_catalogue_version(conn)
        return ImportResult(added=added, updated=updated)

    def _bump_catalogue_version(self, conn: sa.Connection) -> None:
        m = schema.meta
        done = conn.execute(
            m.update()
            .where(m.c.key == "catalogue_version")
            .values(value=sa.cast(sa.cast(m.c.value, sa.Integer) + 1, sa.String))
        )
        if done.rowcount == 0:
            conn.execute(m.insert().values(key="catalogue_version", value="1"))

    def catalogue_version(self) -> int:
        with self._read() as conn:
            value = conn.execute(
                sa.select(schema.meta.c.value).where(schema.meta.c.key == "catalogue_version")
            ).scalar()
        return int(value) if value else 0

    def products(self, session_id: int | None = None) -> list[Product]:
        """The catalogue; with ``session_id``, each product's ``cap_left`` for that show."""
        p = schema.products
        with self._read() as conn:
            rows = conn.execute(sa.select(p).order_by(p.c.code))
            products = [_product(r) for r in rows]
            return self._with_caps(conn, session_id, products) if session_id else products

    def product(self, code: str, session_id: int | None = None) -> Product:
        with self._read() as conn:
            product = self._product_by_code(conn, code)
            return self._with_caps(conn, session_id, [product])[0] if session_id else product

    def _with_caps(
        self, conn: sa.Connection, session_id: int, products: list[Product]
    ) -> list[Product]:
        ss = schema.show_stock
        left = {
            r.product_id: from_milli(max(0, r.cap_milli - r.taken_milli))
            for r in conn.execute(
                sa.select(ss).where(ss.c.session_id == session_id, ss.c.cap_milli.is_not(None))
            )
        }
        return [
            dataclasses.replace(p, cap_left=left[p.id]) if p.id in left else p for p in products
        ]

    def _product_by_code(self, conn: sa.Connection, code: str) -> Product:
        row = conn.execute(
            sa.select(schema.products).where(
                sa.func.upper(schema.products.c.code) == code.strip().upper()
            )
        ).first()
        if row is None:
            raise NotFound(f"no product with code {code!r} in the catalogue")
        return _product(row)

    # ----------------------------------------------------------------- sessions
    def start_session(self, name: str = "") -> Session:
        now = utcnow()
        name = name.strip() or f"Live {now.astimezone():%d/%m/%Y %H:%M}"
        with self._write() as conn:
            session_id = conn.execute(
                schema.sessions.insert()
                .values(name=name, started_at=now)
                .returning(schema.sessions.c.id)
            ).scalar_one()
            return self._session(conn, session_id)

    def end_session(self, session_id: int) -> Session:
        with self._write() as conn:
            self._session(conn, session_id)
            conn.execute(
                schema.sessions.update()
                .where(schema.sessions.c.id == session_id, schema.sessions.c.ended_at.is_(None))
                .values(ended_at=utcnow())
            )
            return self._session(conn, session_id)

    def session(self, session_id: int) -> Session:
        with self._read() as conn:
            return self._session(conn, session_id)

    def sessions(self) -> list[Session]:
        with self._read() as conn:
            ids = conn.execute(
                sa.select(schema.sessions.c.id).order_by(schema.sessions.c.id.desc())
            ).scalars()
            return [self._session(conn, i) for i in ids]

    def _session(self, conn: sa.Connection, session_id: int) -> Session:
        s, p = schema.sessions, schema.products
        row = conn.execute(
            sa.select(s, p.c.code)
            .select_from(s.outerjoin(p, s.c.featured_product_id == p.c.id))
            .where(s.c.id == session_id)
        ).first()
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

    def feature(self, session_id: int, code: str) -> Session:
        """Make ``code`` the product on screen; remembered with the time."""
        now = utcnow()
        with self._write() as conn:
            self._session(conn, session_id)
            product = self._product_by_code(conn, code)
            conn.execute(
                schema.sessions.update()
                .where(schema.sessions.c.id == session_id)
                .values(featured_product_id=product.id)
            )
            conn.execute(
                schema.featured_log.insert().values(
                    session_id=session_id, product_id=product.id, at=now
                )
            )
            return self._session(conn, session_id)

    def set_countdown(self, session_id: int, until: datetime | None, label: str = "") -> Session:
        """Start a flash-sale countdown ending at ``until`` (None stops it)."""
        return self._update_session(
            session_id, countdown_until=until, countdown_label=label.strip()[:200] or None
        )

    def set_qr(self, session_id: int, shown: bool, amount: int | None = None) -> Session:
        """Show or hide the payment QR, asking for ``amount`` VND (None: any amount)."""
        if amount is not None and amount <= 0:
            raise ValueError("a QR amount is a positive number of đồng")
        return self._update_session(session_id, qr_shown=shown, qr_amount=amount)

    def _update_session(self, session_id: int, **values: Any) -> Session:
        with self._write() as conn:
            self._session(conn, session_id)
            conn.execute(
                schema.sessions.update().where(schema.sessions.c.id == session_id).values(**values)
            )
            return self._session(conn, session_id)

    def exported(self, target: str, order_ids: Sequence[int]) -> dict[int, str | None]:
        """order id -> remote id, for the orders already accepted by ``target``."""
        e = schema.order_exports
        out: dict[int, str | None] = {}
        with self._read() as conn:
            for chunk in _chunks(list(order_ids), _CHUNK):
                for row in conn.execute(
                    sa.select(e.c.order_id, e.c.remote_id).where(
                        e.c.target == target, e.c.order_id.in_(chunk)
                    )
                ):
                    out[row.order_id] = row.remote_id
        return out

    def mark_exported(
        self, order_id: int, target: str, remote_id: str | None, batch_id: int | None = None
    ) -> None:
        """Record that ``target`` accepted the order (once: a second mark is ignored)."""
        with self._write() as conn:
            conn.execute(
                _insert_ignoring_conflicts(conn, schema.order_exports).values(
                    order_id=order_id,
                    target=target,
                    remote_id=remote_id,
                    exported_at=utcnow(),
                    batch_id=batch_id,
                )
            )

    def start_batch(self, session_id: int, target: str, orders: int) -> int:
        """An export run begins: it is recorded before anything is sent."""
        eb = schema.export_batches
        with self._write() as conn:
            self._session(conn, session_id)
            return int(
                conn.execute(
                    eb.insert()
                    .values(
                        session_id=session_id, target=target, started_at=utcnow(), orders=orders
                    )
                    .returning(eb.c.id)
                ).scalar_one()
            )

    def record_file_export(
        self, session_id: int, target: str, order_ids: Sequence[int], path: str
    ) -> int:
        """A file that is written: its batch, finished, and every order in it marked, in
        one transaction (a file that failed to write is never recorded)."""
        eb, e = schema.export_batches, schema.order_exports
        now = utcnow()
        with self._write() as conn:
            self._session(conn, session_id)
            batch = int(
                conn.execute(
                    eb.insert()
                    .values(
                        session_id=session_id,
                        target=target,
                        started_at=now,
                        finished_at=now,
                        orders=len(order_ids),
                        sent=len(order_ids),
                    )
                    .returning(eb.c.id)
                ).scalar_one()
            )
            if order_ids:
                conn.execute(
                    _insert_ignoring_conflicts(conn, e),
                    [
                        {
                            "order_id": order_id,
                            "target": target,
                            "remote_id": path,
                            "exported_at": now,
                            "batch_id": batch,
                        }
                        for order_id in order_ids
                    ],
                )
        return batch

    def finish_batch(self, batch_id: int, **counts: int) -> None:
        """``sent``, ``skipped``, ``failed``, ``held``: what the run did."""
        eb = schema.export_batches
        with self._write() as conn:
            conn.execute(
                eb.update().where(eb.c.id == batch_id).values(finished_at=utcnow(), **counts)
            )

    def batches(self, session_id: int) -> list[dict[str, Any]]:
        """The session's export history, oldest first."""
        eb = schema.export_batches
        with self._read() as conn:
            rows = conn.execute(
                sa.select(eb).where(eb.c.session_id == session_id).order_by(eb.c.id)
            )
            return [
                {
                    "id": r.id,
                    "target": _public_target(r.target),
                    "started_at": r.started_at.isoformat(),
                    "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                    "orders": r.orders,
                    "sent": r.sent,
                    "skipped": r.skipped,
                    "failed": r.failed,
                    "held": r.held,
                }
                for r in rows
            ]

    def raw_log_path(self, session_id: int) -> Path:
        """Where the raw payloads of a session's sources are kept: beside a SQLite file,
        else in the user's data folder (one laptop's own copy of what it received)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return Path(url.database).resolve().parent / "raw" / f"session-{session_id}.jsonl"
        import platformdirs

        folder = Path(platformdirs.user_data_dir("livehelper", appauthor=False)) / "raw"
        return folder / f"{url.host or 'db'}-{url.database or ''}-session-{session_id}.jsonl"

    def stock_report(self, session_id: int) -> list[dict[str, Any]]:
        """Per product, for this show: ``stock`` it started with, ``reserved`` by this
        show's waiting claims, ``sold`` (confirmed), ``remaining`` = what can still be
        offered (shelf minus every hold, within the show's ``cap``), ``waitlist`` =
        quantity asked for by claims waiting in line. ``None`` means unlimited."""
        cl, ci, p, ss = schema.claims, schema.claim_items, schema.products, schema.show_stock
        with self._read() as conn:
            self._session(conn, session_id)

            def per_product(*where: sa.ColumnElement[bool]) -> dict[int, int]:
                rows = conn.execute(
                    sa.select(ci.c.product_id, sa.func.sum(ci.c.qty_milli))
                    .join(cl, ci.c.claim_id == cl.c.id)
                    .where(cl.c.session_id == session_id, *where)
                    .group_by(ci.c.product_id)
                )
                return {row[0]: int(row[1] or 0) for row in rows}

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
            rows = conn.execute(sa.select(p).order_by(p.c.code)).all()
            products = self._with_caps(conn, session_id, [_product(r) for r in rows])
        report = []
        for row, product in zip(rows, products, strict=True):
            cap = caps.get(row.id)
            report.append(
                {
                    "code": row.code,
                    "name": row.name,
                    "unit": row.unit,
                    "stock": None
                    if row.stock_milli is None
                    else from_milli(row.stock_milli + sold.get(row.id, 0)),
                    "reserved": from_milli(reserved.get(row.id, 0)),
                    "sold": from_milli(sold.get(row.id, 0)),
                    "remaining": product.available,  # what the window and overlays show
                    "cap": None if cap is None else from_milli(cap),
                    "waitlist": from_milli(waiting.get(row.id, 0)),
                    "sold_out": product.sold_out,
                }
            )
        return report

    def set_cap(self, session_id: int, code: str, qty: Decimal | None) -> None:
        """How much of a product this show may sell ("số lượng mở bán"); None: no cap.
        A cap below what the show has already taken stops new sales, undoes none."""
        if qty is not None and qty < 0:
            raise InvalidTransition("a cap cannot be negative")
        ss = schema.show_stock
        with self._write() as conn:
            self._session(conn, session_id)
            product = self._product_by_code(conn, code)
            stock.lock(conn, [product.id])
            stock.ensure_show_rows(conn, session_id, [product.id])
            conn.execute(
                ss.update()
                .where(ss.c.session_id == session_id, ss.c.product_id == product.id)
                .values(cap_milli=None if qty is None else to_milli(qty))
            )
            if qty is None or to_milli(qty) > 0:
                self._offer(conn, session_id, [product.id])

    def _fresh(self, key: str, read: Callable[[], T]) -> T:
        """``read()``, reused for a second: what every ingest batch needs but rarely
        changes (a shop setting, who is flagged). A change made on another laptop is
        seen within that second."""
        now = time.monotonic()
        with self._lock:
            found = self._recent.get(key)
        if found is not None and now - found[0] < 1.0:
            return found[1]  # type: ignore[no-any-return]
        value = read()
        with self._lock:
            self._recent[key] = (now, value)
        return value

    def _forget_recent(self) -> None:
        """This process changed a setting or a buyer: read them afresh."""
        with self._lock:
            self._recent.clear()

    def _minutes_setting(self, conn: sa.Connection, key: str) -> float:
        """A minutes setting of ``shop_settings`` (read at most once a second)."""

        def read() -> float:
            value = conn.execute(
                sa.select(schema.settings.c.value).where(schema.settings.c.key == key)
            ).scalar()
            try:
                return float(value) if value is not None else float(SETTINGS[key].default)
            except ValueError:
                return float(SETTINGS[key].default)

        return self._fresh(f"setting:{key}", read)

    def expire_reservations(self, session_id: int, minutes: float | None = None) -> Expired:
        """Release what waiting claims have held longer than ``minutes`` (default: the
        shop's ``reserve_minutes``) and offer it to the line. Any laptop may run it at
        any time: each reservation is released once."""
        cl = schema.claims
        pending = sa.and_(
            cl.c.session_id == session_id,
            cl.c.status == ClaimStatus.PENDING.value,
            cl.c.reserved_at.is_not(None),
        )
        with self._read() as conn:  # the common case, nothing lapsed, takes no write lock
            limit = (
                minutes if minutes is not None else self._minutes_setting(conn, "reserve_minutes")
            )
            before = stock.lapsed_before(utcnow(), limit)
            lapsed = list(
                conn.execute(
                    sa.select(cl.c.id).where(pending, cl.c.reserved_at < before).order_by(cl.c.id)
                ).scalars()
            )
        if not lapsed:
            return Expired((), ())

        def sweep() -> Expired:
            released, freed = [], set()
            with self._write() as conn:
                stock.lock(conn, stock.products_of(conn, lapsed))
                for claim_id in lapsed:
                    products = stock.release(conn, session_id, claim_id, before=before)
                    if products:
                        released.append(claim_id)
                        freed.update(products)
                offered = self._offer(conn, session_id, freed)
            return Expired(tuple(released), tuple(offered))

        return self._retrying(sweep)

    def _offer(self, conn: sa.Connection, session_id: int, product_ids: Iterable[int]) -> list[int]:
        return stock.offer_freed(conn, session_id, product_ids, utcnow())

    def add_source(self, session_id: int, spec: str) -> None:
        """Remember that the session listens to ``spec`` (once, however often added)."""
        with self._write() as conn:
            self._session(conn, session_id)
            conn.execute(
                _insert_ignoring_conflicts(conn, schema.session_sources).values(
                    session_id=session_id, spec=spec, added_at=utcnow()
                )
            )

    def sources(self, session_id: int) -> list[str]:
        ss = schema.session_sources
        with self._read() as conn:
            self._session(conn, session_id)
            return list(
                conn.execute(
                    sa.select(ss.c.spec).where(ss.c.session_id == session_id).order_by(ss.c.id)
                ).scalars()
            )

    # ----------------------------------------------------------------- settings
    def setting(self, key: str, default: str | None = None) -> str | None:
        with self._read() as conn:
            value = conn.execute(
                sa.select(schema.settings.c.value).where(schema.settings.c.key == key)
            ).scalar()
        return default if value is None else str(value)

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a shop-wide setting (None removes it); every laptop sees it."""
        st = schema.settings
        with self._write() as conn:
            conn.execute(st.delete().where(st.c.key == key))
            if value is not None:
                conn.execute(st.insert().values(key=key, value=value))
        self._forget_recent()

    def featured_history(self, session_id: int) -> list[tuple[datetime, str]]:
        f, p = schema.featured_log, schema.products
        with self._read() as conn:
            rows = conn.execute(
                sa.select(f.c.at, p.c.code)
                .join(p, f.c.product_id == p.c.id)
                .where(f.c.session_id == session_id)
                .order_by(f.c.at, f.c.id)
            )
            return [(r.at, r.code) for r in rows]

    # ------------------------------------------------------------------- ingest
    def ingest(
        self, session_id: int, incoming: Sequence[IncomingComment], parse: ParseFn
    ) -> IngestResult:
        return self._retrying(lambda: self._ingest(session_id, incoming, parse))

    def _ingest(
        self, session_id: int, incoming: Sequence[IncomingComment], parse: ParseFn
    ) -> IngestResult:
        """Store a batch of comments and the claims read from them, in one transaction.

        A comment already stored for this session (same platform and message id)
        is counted as a duplicate and changes nothing; ``INSERT … ON CONFLICT DO
        NOTHING`` makes that hold even when two laptops store the same comment at once.
        """
        c, cl = schema.comments, schema.claims
        unique: dict[tuple[str, str], IncomingComment] = {}
        for item in map(_storable_comment, incoming):
            unique.setdefault((item.platform, item.message_id), item)
        new_buyers: dict[tuple[str, str], int] = {}
        with self._write() as conn:
            session = self._session(conn, session_id)
            products = {
                row.code.upper(): row
                for row in conn.execute(
                    sa.select(
                        schema.products.c.id,
                        schema.products.c.code,
                        schema.products.c.name,
                        schema.products.c.unit,
                        schema.products.c.price,
                    )
                )
            }
            buyer_ids = self._ensure_buyers(conn, unique.values(), new_buyers)
            items = list(unique.values())
            featured = [i.featured or session.featured_code for i in items]
            parsed = [parse(i.text, f) for i, f in zip(items, featured, strict=True)]
            rows = [
                {
                    "session_id": session_id,
                    "platform": item.platform,
                    "message_id": item.message_id,
                    "buyer_id": buyer_ids[(item.platform, item.user_id)],
                    "text": item.text,
                    "received_at": item.received_at,
                    "raw": _raw_json(item.raw),
                    "featured_product_id": _product_id(products, code),
                    "intent": result.intent.value,
                    "phone": result.phone,
                }
                for item, code, result in zip(items, featured, parsed, strict=True)
            ]
            inserted = conn.execute(
                _insert_ignoring_conflicts(conn, c).returning(c.c.id, c.c.platform, c.c.message_id),
                rows,
            ).all()
            id_by_key = {(r.platform, r.message_id): r.id for r in inserted}
            stored = [
                (id_by_key[(row["platform"], row["message_id"])], row, result, item)
                for row, result, item in zip(rows, parsed, items, strict=True)
                if (row["platform"], row["message_id"]) in id_by_key
            ]
            if not stored:
                return IngestResult((), (), duplicates=len(incoming))

            now = utcnow()
            # the duplicate policy reads only the waiting claims of buyers ordering now
            ordering = {r["buyer_id"] for _c, r, res, _i in stored if res.intent is Intent.ORDER}
            code_of = {row.id: code for code, row in products.items()}
            earlier = (
                self._pending_by_buyer(conn, session_id, ordering, code_of) if ordering else {}
            )
            claim_rows, claim_items_of = [], []
            in_batch: list[tuple[int, int]] = []  # (claim, the claim of this batch it replaces)
            claim_goods: list[list[tuple[int, int]]] = []
            repeats = 0
            ordered = {
                products[i.code.upper()].id
                for _c, _r, res, _i in stored
                if res.intent is Intent.ORDER
                for i in res.items
                if i.code.upper() in products
            }
            stock.lock(conn, ordered)  # in id order, before any claim row: no deadlocks
            with self._lock:
                unknown = {p for p in ordered if (session_id, p) not in self._show_rows}
            found = stock.ensure_show_rows(conn, session_id, unknown)
            with self._lock:  # only rows committed before this batch: a rollback undoes none
                self._show_rows.update((session_id, p) for p in found)
            for comment_id, row, result, _item in stored:
                wanted = [i for i in result.items if i.code.upper() in products]
                if result.intent is not Intent.ORDER or not wanted:
                    continue
                said = {i.code.upper(): to_milli(i.qty) for i in wanted}
                mine = earlier.setdefault(row["buyer_id"], [])
                replaces = None
                if not result.adds:  # "thêm 1kg nữa" is always a new order
                    same = [c for c in mine if c[1] == said]
                    if same:
                        repeats += 1  # the buyer said it again: one claim is enough
                        continue
                    overlapping = [c for c in mine if set(c[1]) & set(said)]
                    replaces = overlapping[-1][0] if overlapping else None
                # a claim of this batch has no id yet: -1 - its place in claim_rows
                mine.append((-1 - len(claim_rows), said, now))
                if replaces is not None and replaces < 0:
                    in_batch.append((len(claim_rows), -1 - replaces))
                claim_goods.append([(products[i.code.upper()].id, to_milli(i.qty)) for i in wanted])
                claim_rows.append(
                    {
                        "session_id": session_id,
                        "comment_id": comment_id,
                        "buyer_id": row["buyer_id"],
                        "status": ClaimStatus.PENDING.value,
                        "phone": result.phone,
                        "created_at": now,
                        # a new quantity for a product already waiting: replace or add?
                        "ambiguous": result.ambiguous or replaces is not None,
                        "confidence": result.confidence,
                        "replaces_claim_id": replaces if replaces and replaces > 0 else None,
                    }
                )
                rows_of = [products[i.code.upper()] for i in wanted]
                claim_items_of.append(
                    tuple(
                        LineItem(p.code, p.name, p.unit, i.qty, p.price)
                        for p, i in zip(rows_of, wanted, strict=True)
                    )
                )
            # each new claim holds its goods; when there is not enough, it waits in line
            for row, held in zip(
                claim_rows, stock.reserve_batch(conn, session_id, claim_goods), strict=True
            ):
                row["reserved_at"] = now if held == stock.HELD else None
                row["waitlisted"] = held == stock.WAITS
                if held == stock.TOO_MANY:  # more than the whole shelf: a typo? ask
                    row["ambiguous"] = True
            claim_ids: list[int] = []
            if claim_rows:
                claim_ids = list(
                    conn.execute(
                        cl.insert().returning(cl.c.id, sort_by_parameter_order=True), claim_rows
                    ).scalars()
                )
                conn.execute(
                    schema.claim_items.insert(),
                    [
                        {
                            "claim_id": claim_id,
                            "product_id": products[i.code.upper()].id,
                            "qty_milli": to_milli(i.qty),
                            "unit_price": i.unit_price,
                        }
                        for claim_id, claim_items in zip(claim_ids, claim_items_of, strict=True)
                        for i in claim_items
                    ],
                )
                for position, replaced in in_batch:
                    claim_rows[position]["replaces_claim_id"] = claim_ids[replaced]
                    conn.execute(
                        cl.update()
                        .where(cl.c.id == claim_ids[position])
                        .values(replaces_claim_id=claim_ids[replaced])
                    )
            cancel_requests: list[int] = []
            for comment_id, row, result, _item in stored:
                if result.intent is Intent.CANCEL:  # "huỷ đơn": flag what the buyer has open
                    cancel_requests += (
                        conn.execute(
                            cl.update()
                            .where(
                                cl.c.session_id == session_id,
                                cl.c.buyer_id == row["buyer_id"],
                                cl.c.comment_id < comment_id,
                                cl.c.status.in_(
                                    [ClaimStatus.PENDING.value, ClaimStatus.CONFIRMED.value]
                                ),
                            )
                            .values(cancel_requested=True)
                            .returning(cl.c.id)
                        )
                        .scalars()
                        .all()
                    )
            phones = {
                row["buyer_id"]: result.phone for _cid, row, result, _i in stored if result.phone
            }
            if phones:
                b = schema.buyers
                conn.execute(
                    b.update()
                    .where(b.c.id == sa.bindparam("b_id"))
                    .values(phone=sa.bindparam("b_phone")),
                    [{"b_id": k, "b_phone": v} for k, v in phones.items()],
                )
            marks = (
                self._fresh("flagged", lambda: buyers.flagged_marks(conn))
                if claim_rows
                else (set(), set())
            )
        with self._lock:
            self._buyer_cache.update(new_buyers)  # only ids that are now committed

        comments_out = tuple(
            Comment(
                id=comment_id,
                session_id=session_id,
                platform=item.platform,
                message_id=item.message_id,
                buyer_id=row["buyer_id"],
                buyer_name=item.user_name,
                text=item.text,
                received_at=item.received_at,
                intent=result.intent,
                phone=result.phone,
            )
            for comment_id, row, result, item in stored
        )
        by_comment = {c.id: c for c in comments_out}
        claims_out = tuple(
            Claim(
                id=claim_id,
                session_id=session_id,
                comment_id=row["comment_id"],
                buyer_id=row["buyer_id"],
                buyer_name=by_comment[row["comment_id"]].buyer_name,
                platform=by_comment[row["comment_id"]].platform,
                text=by_comment[row["comment_id"]].text,
                status=ClaimStatus.PENDING,
                items=claim_items,
                phone=row["phone"],
                ambiguous=row["ambiguous"],
                created_at=now,
                replaces_claim_id=row["replaces_claim_id"],
                reserved_at=row["reserved_at"],
                waitlisted=row["waitlisted"],
                buyer_flagged=buyers.is_flagged(marks, row["buyer_id"], row["phone"]),
            )
            for claim_id, row, claim_items in zip(
                claim_ids, claim_rows, claim_items_of, strict=True
            )
        )
        return IngestResult(
            comments_out,
            claims_out,
            duplicates=len(incoming) - len(stored),
            repeats=repeats,
            cancel_requests=tuple(sorted(set(cancel_requests))),
        )

    def _pending_by_buyer(
        self, conn: sa.Connection, session_id: int, buyer_ids: set[int], code_of: dict[int, str]
    ) -> dict[int, list[tuple[int | None, dict[str, int], datetime]]]:
        """Each buyer's claims still waiting from the last ``repeat_minutes`` (a shop
        setting): (claim id, {code: qty_milli}, created)."""
        cl, ci = schema.claims, schema.claim_items
        since = utcnow() - timedelta(minutes=self._minutes_setting(conn, "repeat_minutes"))
        out: dict[int, dict[int, tuple[dict[str, int], datetime]]] = {}
        for chunk in _chunks(sorted(buyer_ids), _CHUNK):
            rows = conn.execute(
                sa.select(cl.c.id, cl.c.buyer_id, cl.c.created_at, ci.c.product_id, ci.c.qty_milli)
                .join(ci, ci.c.claim_id == cl.c.id)
                .where(
                    cl.c.session_id == session_id,
                    cl.c.buyer_id.in_(chunk),
                    cl.c.status == ClaimStatus.PENDING.value,
                    cl.c.created_at >= since,
                )  # no ORDER BY: it steers SQLite away from the buyer index (20x slower)
            )
            for r in rows:
                items, _at = out.setdefault(r.buyer_id, {}).setdefault(r.id, ({}, r.created_at))
                items[code_of[r.product_id]] = r.qty_milli
        return {
            buyer: [(claim_id, *claims[claim_id]) for claim_id in sorted(claims)]
            for buyer, claims in out.items()
        }

    def resolve_repeat(self, claim_id: int, replace: bool, by: str = "") -> Claim:
        """A buyer gave a new quantity: ``replace`` cancels the earlier claim; otherwise
        both stand (the buyer wants more). Either way the question is answered."""
        cl = schema.claims
        with self._write() as conn:
            claim = self._claim(conn, claim_id)
            if claim.replaces_claim_id is not None:
                stock.lock(conn, stock.products_of(conn, [claim.replaces_claim_id]))
            if claim.replaces_claim_id is not None and replace:
                earlier = self._claim(conn, claim.replaces_claim_id)
                if earlier.status in (ClaimStatus.PENDING, ClaimStatus.CONFIRMED):
                    self._cancel(conn, earlier.id, by or "replaced")
            conn.execute(
                cl.update()
                .where(cl.c.id == claim_id)
                .values(replaces_claim_id=None, ambiguous=False)
            )
            return self._claim(conn, claim_id)

    def _ensure_buyers(
        self,
        conn: sa.Connection,
        items: Iterable[IncomingComment],
        new_buyers: dict[tuple[str, str], int],
    ) -> dict[tuple[str, str], int]:
        """Buyer ids for the batch, inserting unknown buyers. Ids found here are put
        in ``new_buyers``; the caller caches them once the transaction commits."""
        b = schema.buyers
        wanted = {(i.platform, i.user_id): i.user_name for i in items}
        with self._lock:
            found = {k: self._buyer_cache[k] for k in wanted if k in self._buyer_cache}
        missing = sorted(k for k in wanted if k not in found)
        if missing:
            conn.execute(
                _insert_ignoring_conflicts(conn, b),
                [
                    {
                        "platform": p,
                        "platform_user_id": u,
                        "display_name": wanted[(p, u)][:200],
                        "note": "",
                    }
                    for p, u in missing
                ],
            )
            by_platform: dict[str, list[str]] = {}
            for platform, user in missing:
                by_platform.setdefault(platform, []).append(user)
            for platform, users in by_platform.items():
                for chunk in _chunks(users, _CHUNK):
                    for r in conn.execute(
                        sa.select(b.c.id, b.c.platform_user_id).where(
                            b.c.platform == platform, b.c.platform_user_id.in_(chunk)
                        )
                    ):
                        found[(platform, r.platform_user_id)] = new_buyers[
                            (platform, r.platform_user_id)
                        ] = r.id
        return found

    # ------------------------------------------------------------------ reading
    def comments(self, session_id: int, after_id: int = 0, limit: int = 1000) -> list[Comment]:
        c, b = schema.comments, schema.buyers
        with self._read() as conn:
            rows = conn.execute(
                sa.select(c, b.c.display_name)
                .join(b, c.c.buyer_id == b.c.id)
                .where(c.c.session_id == session_id, c.c.id > after_id)
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
                )
                for r in rows
            ]

    def comment_times(self, session_id: int, intent: Intent) -> list[datetime]:
        """When each comment of this intent came (the report's chart), oldest first."""
        c = schema.comments
        with self._read() as conn:
            return list(
                conn.execute(
                    sa.select(c.c.received_at)
                    .where(c.c.session_id == session_id, c.c.intent == intent.value)
                    .order_by(c.c.id)
                ).scalars()
            )

    def comment_count(self, session_id: int) -> int:
        with self._read() as conn:
            return conn.execute(
                sa.select(sa.func.count()).where(schema.comments.c.session_id == session_id)
            ).scalar_one()

    def claims(
        self, session_id: int, status: ClaimStatus | None = None, after_id: int = 0
    ) -> list[Claim]:
        cl = schema.claims
        where = sa.and_(cl.c.session_id == session_id, cl.c.id > after_id)
        if status is not None:
            where = sa.and_(where, cl.c.status == status.value)
        with self._read() as conn:
            self._session(conn, session_id)
            return self._claims(conn, where)

    def pending_ids(self, session_id: int) -> dict[int, str | None]:
        """The claims still waiting, each with the assistant handling it (if any)."""
        return {k: v.held_by for k, v in self.pending_states(session_id).items()}

    def pending_states(self, session_id: int) -> dict[int, PendingState]:
        """The claims still waiting and what may have changed on them elsewhere: how a
        window follows other assistants and laptops with one small indexed read."""
        cl = schema.claims
        fresh = utcnow() - HOLD_FOR
        with self._read() as conn:
            rows = conn.execute(
                sa.select(
                    cl.c.id,
                    cl.c.held_by,
                    cl.c.held_at,
                    cl.c.reserved_at,
                    cl.c.waitlisted,
                    cl.c.offered_at,
                    cl.c.cancel_requested,
                    cl.c.replaces_claim_id,
                ).where(cl.c.session_id == session_id, cl.c.status == ClaimStatus.PENDING.value)
            )
            return {
                r.id: PendingState(
                    held_by=r.held_by if r.held_at and r.held_at > fresh else None,
                    version=claim_version(r),
                )
                for r in rows
            }

    def merge(self, claim_id: int, by: str = "") -> Claim:
        """Move a waiting claim's goods into the same buyer's earliest other waiting
        claim (quantities of the same product add up); the claim becomes ``merged``.
        The merged claim holds the sum, or waits in line when there is not enough."""

        def work() -> Claim:
            cl, ci = schema.claims, schema.claim_items
            with self._write() as conn:
                claim = self._claim(conn, claim_id)
                if claim.status is not ClaimStatus.PENDING:
                    raise InvalidTransition(f"claim {claim_id} is already {claim.status.value}")
                target_id = conn.execute(
                    sa.select(sa.func.min(cl.c.id)).where(
                        cl.c.session_id == claim.session_id,
                        cl.c.buyer_id == claim.buyer_id,
                        cl.c.status == ClaimStatus.PENDING.value,
                        cl.c.id != claim_id,
                    )
                ).scalar()
                if target_id is None:
                    raise NotFound(f"{claim.buyer_name} has no other waiting claim to merge with")
                stock.lock(conn, stock.products_of(conn, [claim_id, target_id]))
                freed = stock.release(conn, claim.session_id, target_id)
                _before, held = self._mark(
                    conn, claim_id, ClaimStatus.MERGED, by, (ClaimStatus.PENDING,)
                )
                goods = stock.goods_of(conn, claim_id)
                if held:
                    stock.give_back(conn, claim.session_id, goods, reserved=True)
                target_goods = dict(stock.goods_of(conn, target_id))
                for product_id, qty in goods:
                    if product_id in target_goods:
                        conn.execute(
                            ci.update()
                            .where(ci.c.claim_id == target_id, ci.c.product_id == product_id)
                            .values(qty_milli=ci.c.qty_milli + qty)
                        )
                    else:
                        conn.execute(
                            ci.update()
                            .where(ci.c.claim_id == claim_id, ci.c.product_id == product_id)
                            .values(claim_id=target_id)
                        )
                conn.execute(
                    cl.update()
                    .where(cl.c.id == target_id)
                    .values(waitlisted=True, replaces_claim_id=None)
                )
                self._offer(conn, claim.session_id, [*freed, *(g[0] for g in goods)])
                conn.execute(cl.update().where(cl.c.id == target_id).values(offered_at=None))
                return self._claim(conn, target_id)

        return self._retrying(work)

    def hold(self, claim_id: int, by: str) -> bool:
        """Mark a waiting claim as being handled by ``by`` (the others see it). False if
        another assistant holds it (a hold lapses after ``HOLD_FOR``)."""
        cl = schema.claims
        now = utcnow()
        with self._write() as conn:
            done = conn.execute(
                cl.update()
                .where(
                    cl.c.id == claim_id,
                    cl.c.status == ClaimStatus.PENDING.value,
                    sa.or_(
                        cl.c.held_by.is_(None), cl.c.held_by == by, cl.c.held_at < now - HOLD_FOR
                    ),
                )
                .values(held_by=by, held_at=now)
            )
            return done.rowcount == 1

    def release(self, claim_id: int, by: str) -> None:
        cl = schema.claims
        with self._write() as conn:
            conn.execute(
                cl.update()
                .where(cl.c.id == claim_id, cl.c.held_by == by)
                .values(held_by=None, held_at=None)
            )

    def claims_by_id(self, claim_ids: Sequence[int]) -> list[Claim]:
        with self._read() as conn:
            return self._claims(conn, sa.true(), ids=claim_ids) if claim_ids else []

    def latest_confirmed(self, session_id: int, limit: int) -> list[Claim]:
        """The ``limit`` most recently confirmed claims, oldest first (for the ticker)."""
        cl = schema.claims
        with self._read() as conn:
            ids = conn.execute(
                sa.select(cl.c.id)
                .where(cl.c.session_id == session_id, cl.c.status == ClaimStatus.CONFIRMED.value)
                .order_by(cl.c.decided_at.desc(), cl.c.id.desc())
                .limit(limit)
            ).scalars()
            found = self._claims(conn, sa.true(), ids=list(ids))
        found.sort(key=lambda c: (c.decided_at or c.created_at, c.id))
        return found

    def claim(self, claim_id: int) -> Claim:
        with self._read() as conn:
            return self._claim(conn, claim_id)

    def _claim(self, conn: sa.Connection, claim_id: int) -> Claim:
        found = self._claims(conn, sa.true(), ids=[claim_id])
        if not found:
            raise NotFound(f"no claim with id {claim_id}")
        return found[0]

    def _claims(
        self, conn: sa.Connection, where: sa.ColumnElement[bool], ids: Sequence[int] = ()
    ) -> list[Claim]:
        cl, cm, b = schema.claims, schema.comments, schema.buyers
        query = (
            sa.select(cl, cm.c.text, cm.c.platform, b.c.display_name, b.c.phone.label("known"))
            .join(cm, cl.c.comment_id == cm.c.id)
            .join(b, cl.c.buyer_id == b.c.id)
            .where(where)
            .order_by(cl.c.id)
        )
        rows = []
        if ids:
            for chunk in _chunks(list(ids), _CHUNK):
                rows.extend(conn.execute(query.where(cl.c.id.in_(chunk))))
        else:
            rows = list(conn.execute(query))
        items = self._items_for(conn, [r.id for r in rows])
        marks = buyers.flagged_marks(conn)
        return [
            Claim(
                id=r.id,
                session_id=r.session_id,
                comment_id=r.comment_id,
                buyer_id=r.buyer_id,
                buyer_name=r.display_name,
                platform=r.platform,
                text=r.text,
                status=ClaimStatus(r.status),
                items=tuple(items.get(r.id, ())),
                phone=r.phone,
                ambiguous=bool(r.ambiguous),
                created_at=r.created_at,
                decided_by=r.decided_by,
                decided_at=r.decided_at,
                cancel_requested=bool(r.cancel_requested),
                replaces_claim_id=r.replaces_claim_id,
                held_by=r.held_by if r.held_at and r.held_at > utcnow() - HOLD_FOR else None,
                reserved_at=r.reserved_at,
                waitlisted=bool(r.waitlisted),
                offered_at=r.offered_at,
                buyer_flagged=buyers.is_flagged(marks, r.buyer_id, r.phone)
                or buyers.is_flagged(marks, r.buyer_id, r.known),
            )
            for r in rows
        ]

    def _items_for(self, conn: sa.Connection, claim_ids: list[int]) -> dict[int, list[LineItem]]:
        ci, p = schema.claim_items, schema.products
        out: dict[int, list[LineItem]] = {}
        for chunk in _chunks(claim_ids, _CHUNK):
            rows = conn.execute(
                sa.select(
                    ci.c.claim_id, ci.c.qty_milli, ci.c.unit_price, p.c.code, p.c.name, p.c.unit
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
                    )
                )
        return out

    # ----------------------------------------------------------------- deciding
    def decide(self, claim_ids: Sequence[int], status: ClaimStatus, by: str = "") -> list[Decision]:
        """Confirm, reject or cancel claims, each in its own transaction.

        One failing (already decided, out of stock) does not stop the others; the
        result says what happened to each, and which waiting claims got the stock a
        rejection or cancellation freed.
        """
        decide_one = {
            ClaimStatus.CONFIRMED: self._confirm,
            ClaimStatus.REJECTED: self._reject,
            ClaimStatus.CANCELLED: self._cancel,
        }[status]

        def decide_in_one_transaction(claim_id: int) -> Decision:
            with self._write() as conn:
                stock.lock(conn, [g[0] for g in stock.goods_of(conn, claim_id)])
                offered = decide_one(conn, claim_id, by)
                claim = self._claim(conn, claim_id)
            return Decision(claim_id, True, claim, offered=tuple(offered))

        results = []
        for claim_id in claim_ids:
            outages: list[BaseException] = []
            try:
                results.append(
                    self._through_outage(
                        lambda c=claim_id: self._retrying(lambda: decide_in_one_transaction(c)),
                        outages.append,
                    )
                )
            except InvalidTransition as exc:
                # after a lost connection the first try may have committed after all
                done = self._decided_already(claim_id, status) if outages else None
                results.append(done or Decision(claim_id, False, None, str(exc)))
            except (NotFound, OutOfStock) as exc:
                results.append(Decision(claim_id, False, None, str(exc)))
            except sa.exc.OperationalError as exc:
                results.append(
                    Decision(claim_id, False, None, f"the database failed ({exc.orig}); try again")
                )
        return results

    def _decided_already(self, claim_id: int, status: ClaimStatus) -> Decision | None:
        try:
            claim = self.claim(claim_id)
        except (NotFound, sa.exc.OperationalError):
            return None
        return Decision(claim_id, True, claim) if claim.status is status else None

    def _through_outage(
        self, work: Callable[[], T], on_outage: Callable[[BaseException], None]
    ) -> T:
        """Run ``work`` again while the database is unreachable (a PostgreSQL server
        restarting, a laptop's network dropping) for up to ``OUTAGE_SECONDS``; the pool
        drops dead connections and opens new ones."""
        deadline = time.monotonic() + OUTAGE_SECONDS
        delay = 0.2
        while True:
            try:
                return work()
            except sa.exc.OperationalError as exc:
                code = getattr(exc.orig, "sqlstate", None)
                if code in ("40P01", "40001") or time.monotonic() + delay > deadline:
                    raise
                on_outage(exc)
                log.warning("database unreachable (%s); trying again in %.1fs", exc.orig, delay)
                time.sleep(delay)
                delay = min(delay * 2, 2.0)

    def _mark(
        self,
        conn: sa.Connection,
        claim_id: int,
        status: ClaimStatus,
        by: str,
        allowed: tuple[ClaimStatus, ...],
    ) -> tuple[ClaimStatus, bool]:
        """Conditionally move a claim to ``status``. Returns the status it had and
        whether it held stock at that moment (it holds none afterwards)."""
        cl = schema.claims
        for _attempt in range(5):  # another laptop may change it between read and write
            row = conn.execute(
                sa.select(cl.c.status, cl.c.reserved_at).where(cl.c.id == claim_id)
            ).first()
            if row is None:
                raise NotFound(f"no claim with id {claim_id}")
            if ClaimStatus(row.status) not in allowed:
                raise InvalidTransition(f"claim {claim_id} is already {row.status}")
            held = row.reserved_at is not None
            done = conn.execute(
                cl.update()
                .where(
                    cl.c.id == claim_id,
                    cl.c.status == row.status,
                    cl.c.reserved_at.is_not(None) if held else cl.c.reserved_at.is_(None),
                )
                .values(
                    status=status.value,
                    decided_by=by or None,
                    decided_at=utcnow(),
                    reserved_at=None,
                    waitlisted=False,
                )
            )
            if done.rowcount == 1:
                return ClaimStatus(row.status), held
        current = conn.execute(sa.select(cl.c.status).where(cl.c.id == claim_id)).scalar()
        raise InvalidTransition(f"claim {claim_id} is already {current}")

    def _confirm(self, conn: sa.Connection, claim_id: int, by: str) -> list[int]:
        _before, held = self._mark(
            conn, claim_id, ClaimStatus.CONFIRMED, by, (ClaimStatus.PENDING,)
        )
        cl = schema.claims
        buyer_id, session_id = conn.execute(
            sa.select(cl.c.buyer_id, cl.c.session_id).where(cl.c.id == claim_id)
        ).one()
        goods = stock.goods_of(conn, claim_id)
        if held:
            short = stock.consume(conn, goods)
            if short is not None:
                raise OutOfStock(self._shortage_text(conn, claim_id, goods, short))
        else:  # its hold lapsed, or it waited in line: only stock nobody holds will do
            stock.ensure_show_rows(conn, session_id, [g[0] for g in goods])
            short = stock.take(conn, session_id, goods, reserve=False)
            if short is not None:
                raise OutOfStock(self._shortage_text(conn, claim_id, goods, short))
        order_id = self._order_for(conn, session_id, buyer_id)
        conn.execute(cl.update().where(cl.c.id == claim_id).values(order_id=order_id))
        return []

    def _shortage_text(
        self,
        conn: sa.Connection,
        claim_id: int,
        goods: Sequence[tuple[int, int]],
        short: stock.Shortage,
    ) -> str:
        p = schema.products
        code = conn.execute(sa.select(p.c.code).where(p.c.id == short.product_id)).scalar()
        wanted = sum(q for pid, q in goods if pid == short.product_id)
        where = " for this show (its cap)" if short.capped else ""
        return (
            f"claim {claim_id}: only {from_milli(short.left_milli)} {code} left{where}, "
            f"the claim asks for {from_milli(wanted)}"
        )

    def _order_for(self, conn: sa.Connection, session_id: int, buyer_id: int) -> int:
        o = schema.orders
        query = sa.select(o.c.id).where(o.c.session_id == session_id, o.c.buyer_id == buyer_id)
        order_id = conn.execute(query).scalar()
        if order_id is None:
            try:
                with conn.begin_nested():
                    conn.execute(
                        o.insert().values(
                            session_id=session_id, buyer_id=buyer_id, created_at=utcnow()
                        )
                    )
            except sa.exc.IntegrityError:
                pass  # another assistant created it a moment ago
            order_id = conn.execute(query).scalar_one()
        return int(order_id)

    def _reject(self, conn: sa.Connection, claim_id: int, by: str) -> list[int]:
        return self._let_go(conn, claim_id, ClaimStatus.REJECTED, by, (ClaimStatus.PENDING,))

    def _cancel(self, conn: sa.Connection, claim_id: int, by: str) -> list[int]:
        return self._let_go(
            conn, claim_id, ClaimStatus.CANCELLED, by, (ClaimStatus.PENDING, ClaimStatus.CONFIRMED)
        )

    def _let_go(
        self,
        conn: sa.Connection,
        claim_id: int,
        status: ClaimStatus,
        by: str,
        allowed: tuple[ClaimStatus, ...],
    ) -> list[int]:
        """Reject or cancel: whatever the claim held or bought goes back on offer."""
        before, held = self._mark(conn, claim_id, status, by, allowed)
        cl = schema.claims
        session_id = conn.execute(
            sa.select(cl.c.session_id).where(cl.c.id == claim_id)
        ).scalar_one()
        goods = stock.goods_of(conn, claim_id)
        if before is ClaimStatus.CONFIRMED:
            stock.give_back(conn, session_id, goods, reserved=False)
            conn.execute(cl.update().where(cl.c.id == claim_id).values(order_id=None))
        elif held:
            stock.give_back(conn, session_id, goods, reserved=True)
        else:
            return []
        return self._offer(conn, session_id, [g[0] for g in goods])

    def set_quantity(self, claim_id: int, code: str, qty: Decimal) -> Claim:
        """Correct the quantity of one product in a pending claim. A claim holding
        stock holds the new quantity instead, or waits in line if there is not enough."""
        if qty <= 0:
            raise InvalidTransition("a quantity must be more than zero")
        ci, cl = schema.claim_items, schema.claims
        with self._write() as conn:
            claim = self._claim(conn, claim_id)
            if claim.status is not ClaimStatus.PENDING:
                raise InvalidTransition(f"claim {claim_id} is already {claim.status.value}")
            product = self._product_by_code(conn, code)
            if not any(i.code == product.code for i in claim.items):
                raise NotFound(f"claim {claim_id} has no {product.code}")
            stock.lock(conn, stock.products_of(conn, [claim_id]))
            freed = stock.release(conn, claim.session_id, claim_id)
            conn.execute(
                ci.update()
                .where(ci.c.claim_id == claim_id, ci.c.product_id == product.id)
                .values(qty_milli=to_milli(qty))
            )
            if freed:  # back in line at its own place; the line is served in order
                conn.execute(cl.update().where(cl.c.id == claim_id).values(waitlisted=True))
                if claim_id in self._offer(conn, claim.session_id, freed):
                    conn.execute(cl.update().where(cl.c.id == claim_id).values(offered_at=None))
            return self._claim(conn, claim_id)

    # ------------------------------------------------------------------- orders
    def orders(self, session_id: int) -> list[Order]:
        """Each buyer's confirmed claims in the session, merged into one order."""
        o, cl = schema.orders, schema.claims
        with self._read() as conn:
            self._session(conn, session_id)
            return self._orders(conn, o.c.session_id == session_id, cl.c.session_id == session_id)

    def _orders(
        self,
        conn: sa.Connection,
        order_where: sa.ColumnElement[bool],
        claim_where: sa.ColumnElement[bool],
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
            for chunk in _chunks(sorted({r.person for r in order_rows}), _CHUNK)
            for r in conn.execute(
                sa.select(b.c.id, b.c.address, b.c.note, b.c.phone).where(b.c.id.in_(chunk))
            )
        }
        claim_rows = conn.execute(
            sa.select(cl.c.id, cl.c.order_id, cl.c.phone)
            .where(claim_where, cl.c.status == ClaimStatus.CONFIRMED.value)
            .order_by(cl.c.id)
        ).all()
        items = self._items_for(conn, [r.id for r in claim_rows])
        by_order: dict[int, list[Any]] = {}
        for r in claim_rows:
            by_order.setdefault(r.order_id, []).append(r)
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
                    lines[key] = LineItem(item.code, item.name, item.unit, qty, item.unit_price)
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

    # ------------------------------------------------------------------- buyers
    def _orders_of_buyers(self, conn: sa.Connection, buyer_ids: Sequence[int]) -> list[Order]:
        o, cl = schema.orders, schema.claims
        return self._orders(conn, o.c.buyer_id.in_(buyer_ids), cl.c.buyer_id.in_(buyer_ids))

    def buyer(self, buyer_id: int) -> Buyer:
        b = schema.buyers
        with self._read() as conn:
            r = conn.execute(sa.select(b).where(b.c.id == buyer_id)).first()
        if r is None:
            raise NotFound(f"no buyer with id {buyer_id}")
        return buyers.buyer_from_row(r)

    def buyer_card(self, buyer_id: int) -> BuyerCard:
        """The person behind an account: every account merged into them, their order
        history across shows, and accounts sharing their phone (merge them?)."""
        with self._read() as conn:
            return buyers.card(conn, self._orders_of_buyers, buyer_id)

    def merge_buyers(self, keep_id: int, other_id: int) -> BuyerCard:
        """One person behind both accounts (an assistant agreed)."""
        with self._write() as conn:
            buyers.merge(conn, keep_id, other_id)
            card = buyers.card(conn, self._orders_of_buyers, keep_id)
        self._forget_recent()
        return card

    def update_buyer(self, buyer_id: int, **values: Any) -> BuyerCard:
        """Change a person's ``phone``, ``address``, ``note`` or ``flagged``."""
        with self._write() as conn:
            buyers.update(conn, buyer_id, **values)
            card = buyers.card(conn, self._orders_of_buyers, buyer_id)
        self._forget_recent()
        return card

    def set_outcome(self, order_id: int, outcome: Outcome | None) -> None:
        """What became of the parcel; a returned one flags the buyer "bom hàng"."""
        with self._write() as conn:
            buyers.set_outcome(conn, order_id, outcome, utcnow())
        self._forget_recent()

    def merge_suggestions(self) -> list[tuple[str, list[Buyer]]]:
        with self._read() as conn:
            return buyers.merge_suggestions(conn)

    def find_buyers(self, text: str) -> list[Buyer]:
        with self._read() as conn:
            return buyers.search(conn, text)


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


# ---------------------------------------------------------------------- helpers
def _create_engine(url: str) -> sa.Engine:
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


def _insert_ignoring_conflicts(conn: sa.Connection, table: sa.Table) -> sa.Insert:
    """INSERT … ON CONFLICT DO NOTHING: the same SQL on SQLite (>= 3.24) and PostgreSQL."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _storable_comment(item: IncomingComment) -> IncomingComment:
    """The comment as its columns will hold it (the column types would cut it the same
    way at the insert; done first, so the batch's keys match the rows stored)."""
    fields = {
        "platform": clean.clip(clean.one_line(item.platform), schema.PLATFORM_LEN),
        "message_id": clean.clip_id(item.message_id, schema.ID_LEN),
        "user_id": clean.clip_id(item.user_id, schema.ID_LEN),
        "user_name": clean.clip(clean.one_line(item.user_name), schema.NAME_LEN),
        "text": clean.storable(item.text),
    }
    if all(value is getattr(item, name) for name, value in fields.items()):
        return item  # the usual case: nothing to change, nothing copied
    return dataclasses.replace(item, **fields)


def _product(row: Any) -> Product:
    return Product(
        id=row.id,
        code=row.code,
        name=row.name,
        price=row.price,
        unit=row.unit,
        stock=None if row.stock_milli is None else from_milli(row.stock_milli),
        aliases=tuple(a for a in row.aliases.split("|") if a),
        photo=row.photo,
        reserved=from_milli(row.reserved_milli),
    )


def _product_id(products: dict[str, Any], code: str | None) -> int | None:
    if not code:
        return None
    row = products.get(code.upper())
    return row.id if row else None


def _raw_json(raw: Any) -> str | None:
    if raw is None:
        return None
    return raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _public_target(target: str) -> str:
    """An export target without a password or query string (they may hold secrets)."""
    from urllib.parse import urlsplit, urlunsplit

    kind, _, rest = target.partition(":")
    if "://" not in rest:
        return target
    parts = urlsplit(rest)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return f"{kind}:" + urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _safe_url(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unreadable URL)"
