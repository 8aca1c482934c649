"""The durable store: one SQLAlchemy engine, SQLite (WAL) or PostgreSQL by URL.

Every method is one short transaction and returns frozen values from
``livehelper.model``. Methods are safe to call from any thread; the GUI calls
them from its worker thread, never from the GUI thread.

Concurrency rules (several processes, several laptops on PostgreSQL):
  * deciding a claim is a conditional UPDATE (``WHERE status = 'pending'``), so
    exactly one decision wins;
  * stock is decremented with ``WHERE stock >= qty`` in the same transaction, so it
    never goes negative;
  * SQLite write transactions start with ``BEGIN IMMEDIATE`` so two writers queue
    instead of failing half-way.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from livehelper import migrations, schema
from livehelper.errors import InvalidTransition, NotFound, OutOfStock, StoreError
from livehelper.model import (
    Buyer,
    Claim,
    ClaimStatus,
    Comment,
    IncomingComment,
    Intent,
    LineItem,
    Order,
    ParseResult,
    Product,
    Session,
)

log = logging.getLogger(__name__)
MILLI = Decimal(1000)
HOLD_FOR = timedelta(minutes=2)  # a claim held by an assistant who went away frees itself
REPEAT_WINDOW = timedelta(minutes=10)  # the same order again within this is one order
_CHUNK = 400  # stays under every driver's bound-parameter limit


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


ParseFn = Callable[[str, str | None], ParseResult]


class Store:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        # buyer ids never change once committed, so the hot ingest path can skip a lookup
        self._buyer_cache: dict[tuple[str, str], int] = {}
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
            existing = {
                row.code: row.id
                for row in conn.execute(sa.select(schema.products.c.id, schema.products.c.code))
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
                if spec.code in existing:
                    conn.execute(
                        schema.products.update()
                        .where(schema.products.c.id == existing[spec.code])
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

    def products(self) -> list[Product]:
        with self._read() as conn:
            rows = conn.execute(sa.select(schema.products).order_by(schema.products.c.code))
            return [_product(r) for r in rows]

    def product(self, code: str) -> Product:
        with self._read() as conn:
            return self._product_by_code(conn, code)

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

    def mark_exported(self, order_id: int, target: str, remote_id: str | None) -> None:
        """Record that ``target`` accepted the order (once: a second mark is ignored)."""
        with self._write() as conn:
            conn.execute(
                _insert_ignoring_conflicts(conn, schema.order_exports).values(
                    order_id=order_id, target=target, remote_id=remote_id, exported_at=utcnow()
                )
            )

    def raw_log_path(self, session_id: int) -> Path:
        """Where the raw payloads of a session's sources are kept: beside a SQLite file,
        else in the user's data folder (one laptop's own copy of what it received)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return Path(url.database).resolve().parent / "raw" / f"session-{session_id}.jsonl"
        import platformdirs

        folder = Path(platformdirs.user_data_dir("livehelper", appauthor=False)) / "raw"
        return folder / f"{url.host or 'db'}-{url.database or ''}-session-{session_id}.jsonl"

    def stock_report(self, session_id: int, reserve_minutes: float = 10.0) -> list[dict[str, Any]]:
        """Per product, for this show: ``stock`` it started with, ``reserved`` by claims
        still waiting (for at most ``reserve_minutes``), ``sold`` (confirmed), and
        ``remaining`` = what is left to offer. ``None`` means unlimited."""
        cl, ci, p = schema.claims, schema.claim_items, schema.products
        since = utcnow() - timedelta(minutes=reserve_minutes)
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

            sold = per_product(cl.c.status == ClaimStatus.CONFIRMED.value)
            reserved = per_product(
                cl.c.status == ClaimStatus.PENDING.value, cl.c.created_at >= since
            )
            report = []
            for row in conn.execute(sa.select(p).order_by(p.c.code)):
                left = row.stock_milli
                report.append(
                    {
                        "code": row.code,
                        "name": row.name,
                        "unit": row.unit,
                        "stock": None if left is None else left + sold.get(row.id, 0),
                        "reserved": reserved.get(row.id, 0),
                        "sold": sold.get(row.id, 0),
                        "remaining": None
                        if left is None
                        else max(0, left - reserved.get(row.id, 0)),
                    }
                )
        for line in report:  # thousandths -> quantities in the product's unit
            for key in ("stock", "reserved", "sold", "remaining"):
                if line[key] is not None:
                    line[key] = from_milli(line[key])
        return report

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
        """Store a batch of comments and the claims read from them, in one transaction.

        A comment already stored for this session (same platform and message id)
        is counted as a duplicate and changes nothing; ``INSERT … ON CONFLICT DO
        NOTHING`` makes that hold even when two laptops store the same comment at once.
        """
        c, cl = schema.comments, schema.claims
        unique: dict[tuple[str, str], IncomingComment] = {}
        for item in incoming:
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
            repeats = 0
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
                    overlapping = [c for c in mine if c[0] and set(c[1]) & set(said)]
                    replaces = overlapping[-1][0] if overlapping else None
                mine.append((None, said, now))
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
                        "replaces_claim_id": replaces,
                    }
                )
                rows_of = [products[i.code.upper()] for i in wanted]
                claim_items_of.append(
                    tuple(
                        LineItem(p.code, p.name, p.unit, i.qty, p.price)
                        for p, i in zip(rows_of, wanted, strict=True)
                    )
                )
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
        """Each buyer's claims still waiting from the last ``REPEAT_WINDOW``:
        (claim id, {code: qty_milli}, created)."""
        cl, ci = schema.claims, schema.claim_items
        since = utcnow() - REPEAT_WINDOW
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
        """The claims still waiting, each with the assistant handling it (if any): how
        a window sees what other assistants and laptops do."""
        cl = schema.claims
        fresh = utcnow() - HOLD_FOR
        with self._read() as conn:
            rows = conn.execute(
                sa.select(cl.c.id, cl.c.held_by, cl.c.held_at).where(
                    cl.c.session_id == session_id, cl.c.status == ClaimStatus.PENDING.value
                )
            )
            return {r.id: r.held_by if r.held_at and r.held_at > fresh else None for r in rows}

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
            sa.select(cl, cm.c.text, cm.c.platform, b.c.display_name)
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
        result says what happened to each.
        """
        decide_one = {
            ClaimStatus.CONFIRMED: self._confirm,
            ClaimStatus.REJECTED: self._reject,
            ClaimStatus.CANCELLED: self._cancel,
        }[status]
        results = []
        for claim_id in claim_ids:
            try:
                with self._write() as conn:
                    decide_one(conn, claim_id, by)
                    claim = self._claim(conn, claim_id)
                results.append(Decision(claim_id, True, claim))
            except (NotFound, InvalidTransition, OutOfStock) as exc:
                results.append(Decision(claim_id, False, None, str(exc)))
        return results

    def _mark(
        self,
        conn: sa.Connection,
        claim_id: int,
        status: ClaimStatus,
        by: str,
        allowed: tuple[ClaimStatus, ...],
    ) -> ClaimStatus:
        """Conditionally move a claim to ``status``; returns the status it had."""
        cl = schema.claims
        before = conn.execute(sa.select(cl.c.status).where(cl.c.id == claim_id)).scalar()
        if before is None:
            raise NotFound(f"no claim with id {claim_id}")
        done = conn.execute(
            cl.update()
            .where(
                cl.c.id == claim_id,
                cl.c.status == before,
                cl.c.status.in_([a.value for a in allowed]),
            )
            .values(status=status.value, decided_by=by or None, decided_at=utcnow())
        )
        if done.rowcount != 1:
            current = conn.execute(sa.select(cl.c.status).where(cl.c.id == claim_id)).scalar()
            raise InvalidTransition(f"claim {claim_id} is already {current}")
        return ClaimStatus(before)

    def _confirm(self, conn: sa.Connection, claim_id: int, by: str) -> None:
        self._mark(conn, claim_id, ClaimStatus.CONFIRMED, by, (ClaimStatus.PENDING,))
        ci, p = schema.claim_items, schema.products
        for row in conn.execute(
            sa.select(ci.c.product_id, ci.c.qty_milli, p.c.code, p.c.stock_milli)
            .join(p, ci.c.product_id == p.c.id)
            .where(ci.c.claim_id == claim_id)
        ).all():
            taken = conn.execute(
                p.update()
                .where(
                    p.c.id == row.product_id,
                    sa.or_(p.c.stock_milli.is_(None), p.c.stock_milli >= row.qty_milli),
                )
                .values(stock_milli=p.c.stock_milli - row.qty_milli)
            )
            if taken.rowcount != 1:
                left = conn.execute(
                    sa.select(p.c.stock_milli).where(p.c.id == row.product_id)
                ).scalar()
                raise OutOfStock(
                    f"claim {claim_id}: only {from_milli(left or 0)} {row.code} left, "
                    f"the claim asks for {from_milli(row.qty_milli)}"
                )
        buyer_id, session_id = conn.execute(
            sa.select(schema.claims.c.buyer_id, schema.claims.c.session_id).where(
                schema.claims.c.id == claim_id
            )
        ).one()
        order_id = self._order_for(conn, session_id, buyer_id)
        conn.execute(
            schema.claims.update().where(schema.claims.c.id == claim_id).values(order_id=order_id)
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

    def _reject(self, conn: sa.Connection, claim_id: int, by: str) -> None:
        self._mark(conn, claim_id, ClaimStatus.REJECTED, by, (ClaimStatus.PENDING,))

    def _cancel(self, conn: sa.Connection, claim_id: int, by: str) -> None:
        before = self._mark(
            conn, claim_id, ClaimStatus.CANCELLED, by, (ClaimStatus.PENDING, ClaimStatus.CONFIRMED)
        )
        if before is ClaimStatus.CONFIRMED:
            ci, p = schema.claim_items, schema.products
            for row in conn.execute(
                sa.select(ci.c.product_id, ci.c.qty_milli).where(ci.c.claim_id == claim_id)
            ).all():
                conn.execute(
                    p.update()
                    .where(p.c.id == row.product_id, p.c.stock_milli.is_not(None))
                    .values(stock_milli=p.c.stock_milli + row.qty_milli)
                )
            conn.execute(
                schema.claims.update().where(schema.claims.c.id == claim_id).values(order_id=None)
            )

    def set_quantity(self, claim_id: int, code: str, qty: Decimal) -> Claim:
        """Correct the quantity of one product in a pending claim."""
        if qty <= 0:
            raise InvalidTransition("a quantity must be more than zero")
        ci = schema.claim_items
        with self._write() as conn:
            claim = self._claim(conn, claim_id)
            if claim.status is not ClaimStatus.PENDING:
                raise InvalidTransition(f"claim {claim_id} is already {claim.status.value}")
            product = self._product_by_code(conn, code)
            done = conn.execute(
                ci.update()
                .where(ci.c.claim_id == claim_id, ci.c.product_id == product.id)
                .values(qty_milli=to_milli(qty))
            )
            if done.rowcount == 0:
                raise NotFound(f"claim {claim_id} has no {product.code}")
            return self._claim(conn, claim_id)

    # ------------------------------------------------------------------- orders
    def orders(self, session_id: int) -> list[Order]:
        """Each buyer's confirmed claims in the session, merged into one order."""
        o, cl, b = schema.orders, schema.claims, schema.buyers
        with self._read() as conn:
            self._session(conn, session_id)
            order_rows = conn.execute(
                sa.select(o.c.id, o.c.buyer_id, b.c.display_name, b.c.platform, b.c.phone)
                .join(b, o.c.buyer_id == b.c.id)
                .where(o.c.session_id == session_id)
                .order_by(o.c.id)
            ).all()
            claim_rows = conn.execute(
                sa.select(cl.c.id, cl.c.order_id, cl.c.phone)
                .where(cl.c.session_id == session_id, cl.c.status == ClaimStatus.CONFIRMED.value)
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
            phone = next((c.phone for c in reversed(claims_of) if c.phone), None) or r.phone
            out.append(
                Order(
                    id=r.id,
                    session_id=session_id,
                    buyer_id=r.buyer_id,
                    buyer_name=r.display_name,
                    platform=r.platform,
                    phone=phone,
                    lines=tuple(lines.values()),
                    claim_ids=tuple(c.id for c in claims_of),
                )
            )
        return out

    def buyer(self, buyer_id: int) -> Buyer:
        b = schema.buyers
        with self._read() as conn:
            r = conn.execute(sa.select(b).where(b.c.id == buyer_id)).first()
        if r is None:
            raise NotFound(f"no buyer with id {buyer_id}")
        return Buyer(r.id, r.platform, r.platform_user_id, r.display_name, r.phone, r.note)


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


def _safe_url(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unreadable URL)"
