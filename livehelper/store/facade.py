"""``Store``: the one object the window, the CLI, the overlays and the benchmarks talk to.

It owns the engine, the transactions (one short transaction per call), the retries and
the few caches the hot path needs; what each call does lives in the module of its
domain (catalogue, sessions, ingest, claims, decisions, orders, settings, stock,
buyers), as functions that take the transaction's connection. Every method returns
frozen values from ``livehelper.model`` and is safe from any thread; the GUI calls
them from its worker thread, never from the GUI thread.

Concurrency rules (several processes, several laptops on PostgreSQL):
  * deciding a claim is a conditional UPDATE (``WHERE status = 'pending'``), so
    exactly one decision wins;
  * stock, reservations and the per-show cap are counters changed only by conditional
    UPDATEs in the deciding transaction (``stock.py``), so stock never goes negative
    nor past a cap;
  * a transaction that touches stock locks its products first, in id order, so two
    laptops cannot deadlock; PostgreSQL aborting one anyway is retried (``_retrying``);
  * SQLite write transactions start with ``BEGIN IMMEDIATE`` so two writers queue
    instead of failing half-way.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from livehelper import retry
from livehelper.errors import InvalidTransition, NotFound, OutOfStock, StoreError, UsageError
from livehelper.model import (
    Buyer,
    BuyerCard,
    Claim,
    ClaimStatus,
    Comment,
    Decision,
    Expired,
    ImportResult,
    IncomingComment,
    IngestResult,
    Intent,
    Order,
    Outcome,
    ParsedItem,
    PendingState,
    Product,
    ProductSpec,
    Session,
    Step,
)
from livehelper.store import (
    buyers,
    catalogue,
    claims,
    comments,
    decisions,
    ingest,
    manual_claims,
    migrations,
    orders,
    rows,
    sessions,
    settings,
    stock,
    undo,
)
from livehelper.store.engine import (
    WalCheckpointer,
    WriteGate,
    conflict,
    open_engine,
    safe_url,
    unreachable,
)
from livehelper.store.memory import Memory
from livehelper.store.rows import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")
ParseFn = ingest.ParseFn
ByCatalogue = ingest.ByCatalogue
OUTAGE_SECONDS = 20.0  # how long an assistant's decision waits for the database to return


class Store:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._memory = Memory()
        self._checkpointer: WalCheckpointer | None = None
        self._gate = WriteGate(self.is_sqlite)  # decisions go before the next batch

    # ------------------------------------------------------------ transactions
    @classmethod
    def open(cls, url: str | None = None) -> Store:
        engine, url = open_engine(url)
        store = cls(engine)
        try:
            with store._write() as conn:
                migrations.upgrade(conn)
            if store.is_sqlite:
                store._checkpointer = WalCheckpointer(engine).start()
        except sa.exc.OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the database {safe_url(url)}: {exc.orig}") from exc
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
    def _write(self, bulk: bool = False) -> Iterator[sa.Connection]:
        with self._gate.turn(bulk), self.engine.connect() as conn:
            conn = conn.execution_options(livehelper_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def _retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` (one write transaction) again if PostgreSQL broke a deadlock
        or a serialization conflict by aborting it: two laptops locking the same rows
        in a different order. Stock rows are locked in one order, so this is rare."""
        return retry.call(
            work,
            retry_if=conflict,
            attempts=6,
            backoff=retry.Backoff(0.005, 0.05),
            on_retry=_retried,
        )

    def _locking(self, work: Callable[[sa.Connection], T]) -> T:
        """``work(conn)`` in one write transaction that locks stock: retried as a whole."""

        def once() -> T:
            with self._write() as conn:
                return work(conn)

        return self._retrying(once)

    def schema_version(self) -> int:
        with self._read() as conn:
            return migrations.current_version(conn)

    # --------------------------------------------------------------- catalogue
    def import_products(self, specs: Sequence[ProductSpec]) -> ImportResult:
        """Add or update products by code, all or nothing."""
        with self._write() as conn:
            return catalogue.import_products(conn, specs, utcnow())

    def catalogue_version(self) -> int:
        with self._read() as conn:
            return catalogue.version(conn)

    def products(self, session_id: int | None = None) -> list[Product]:
        """The catalogue; with ``session_id``, each product's ``cap_left`` for that show."""
        with self._read() as conn:
            return catalogue.products(conn, session_id)

    def product(self, code: str, session_id: int | None = None) -> Product:
        with self._read() as conn:
            product = catalogue.by_code(conn, code)
            return catalogue.with_caps(conn, session_id, [product])[0] if session_id else product

    def stock_report(self, session_id: int) -> list[dict[str, Any]]:
        with self._read() as conn:
            return catalogue.stock_report(conn, session_id)

    def set_cap(self, session_id: int, code: str, qty: Decimal | None) -> None:
        self._locking(lambda conn: catalogue.set_cap(conn, session_id, code, qty, utcnow()))

    # ---------------------------------------------------------------- sessions
    def start_session(self, name: str = "") -> Session:
        with self._write() as conn:
            return sessions.start(conn, name, utcnow())

    def end_session(self, session_id: int) -> Session:
        with self._write() as conn:
            return sessions.end(conn, session_id, utcnow())

    def session(self, session_id: int) -> Session:
        with self._read() as conn:
            return rows.session(conn, session_id)

    def sessions(self) -> list[Session]:
        with self._read() as conn:
            return sessions.all_sessions(conn)

    def feature(self, session_id: int, code: str) -> Session:
        """Make ``code`` the product on screen; remembered with the time."""
        with self._write() as conn:
            return sessions.feature(conn, session_id, code, utcnow())

    def set_countdown(self, session_id: int, until: datetime | None, label: str = "") -> Session:
        """Start a flash-sale countdown ending at ``until`` (None stops it)."""
        shown = label.strip()[:200] or None
        with self._write() as conn:
            return sessions.update(conn, session_id, countdown_until=until, countdown_label=shown)

    def set_qr(self, session_id: int, shown: bool, amount: int | None = None) -> Session:
        """Show or hide the payment QR, asking for ``amount`` VND (None: any amount)."""
        if amount is not None and amount <= 0:
            raise UsageError("a QR amount is a positive number of đồng")
        with self._write() as conn:
            return sessions.update(conn, session_id, qr_shown=shown, qr_amount=amount)

    def featured_history(self, session_id: int) -> list[tuple[datetime, str]]:
        with self._read() as conn:
            return sessions.featured_history(conn, session_id)

    def add_source(self, session_id: int, spec: str) -> None:
        """Remember that the session listens to ``spec`` (once, however often added)."""
        with self._write() as conn:
            sessions.add_source(conn, session_id, spec, utcnow())

    def sources(self, session_id: int) -> list[str]:
        with self._read() as conn:
            return sessions.sources(conn, session_id)

    def raw_log_path(self, session_id: int) -> Path:
        return sessions.raw_log_path(self.engine.url, session_id)

    # ---------------------------------------------------------------- settings
    def setting(self, key: str, default: str | None = None) -> str | None:
        with self._read() as conn:
            value = settings.get(conn, key)
        return default if value is None else value

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a shop-wide setting (None removes it); every laptop sees it."""
        with self._write() as conn:
            settings.put(conn, key, value)
        self._memory.forget_recent()

    # ------------------------------------------------------------------ ingest
    def ingest(
        self, session_id: int, incoming: Sequence[IncomingComment], parse: ParseFn | ByCatalogue
    ) -> IngestResult:
        """Store a batch of comments and the claims ``parse`` reads in them, in one
        transaction (ingest.py's steps; ``ByCatalogue``: by the catalogue it sees)."""
        return self._retrying(lambda: self._ingest(session_id, incoming, parse))

    def _ingest(
        self, session_id: int, incoming: Sequence[IncomingComment], parse: ParseFn | ByCatalogue
    ) -> IngestResult:
        with self._write(bulk=True) as conn:
            result, new_buyers = ingest.run(
                conn, self._memory, session_id, incoming, parse, utcnow()
            )
        self._memory.remember_buyers(new_buyers)  # only ids that are now committed
        return result

    # ---------------------------------------------------------------- comments
    def comments(
        self, session_id: int, after_id: int = 0, limit: int = 1000, **where: Any
    ) -> list[Comment]:
        """Oldest first, after ``after_id``; ``where``: comments.window's other filters."""
        with self._read() as conn:
            return comments.window(conn, session_id, limit, after_id=after_id, **where)

    def comment(self, comment_id: int) -> Comment:
        with self._read() as conn:
            return comments.one(conn, comment_id)

    def comment_times(self, session_id: int, intent: Intent) -> list[datetime]:
        """When each comment of this intent came (the report's chart), oldest first."""
        with self._read() as conn:
            return comments.times(conn, session_id, intent)

    def comment_count(self, session_id: int, suspects: bool = False) -> int:
        """The show's comments, or only those that may be orders the reader missed."""
        with self._read() as conn:
            return comments.count(conn, session_id, suspects)

    # ------------------------------------------------------------------ claims
    def claims(
        self, session_id: int, status: ClaimStatus | None = None, after_id: int = 0
    ) -> list[Claim]:
        with self._read() as conn:
            return claims.of_session(conn, session_id, status, after_id, utcnow())

    def claim(self, claim_id: int) -> Claim:
        with self._read() as conn:
            return claims.one(conn, claim_id, utcnow())

    def claims_by_id(self, claim_ids: Sequence[int]) -> list[Claim]:
        if not claim_ids:
            return []
        with self._read() as conn:
            return claims.where(conn, sa.true(), utcnow(), ids=claim_ids)

    def latest_confirmed(self, session_id: int, limit: int) -> list[Claim]:
        """The ``limit`` most recently confirmed claims, oldest first (for the ticker)."""
        with self._read() as conn:
            return claims.latest_confirmed(conn, session_id, limit, utcnow())

    def pending_states(self, session_id: int) -> dict[int, PendingState]:
        with self._read() as conn:
            return claims.pending_states(conn, session_id, utcnow())

    def look_at(self, claim_id: int, by: str) -> bool:
        """``by`` is looking at this waiting claim (the other assistants see it). False
        if someone else is (that lapses after ``claims.HOLD_FOR``)."""
        with self._write() as conn:
            return claims.look_at(conn, claim_id, by, utcnow())

    def stop_looking(self, claim_id: int, by: str) -> None:
        with self._write() as conn:
            claims.stop_looking(conn, claim_id, by)

    # the older names, kept for scripts written against them
    hold = look_at
    release = stop_looking

    # --------------------------------------------------------------- decisions
    def decide(self, claim_ids: Sequence[int], status: ClaimStatus, by: str = "") -> list[Decision]:
        """Confirm, reject or cancel claims, each in its own transaction.

        One failing (already decided, out of stock) does not stop the others; the
        result says what happened to each, and which waiting claims got the stock a
        rejection or cancellation freed. A database that is away for a moment (a
        PostgreSQL server restarting) is waited for, up to ``OUTAGE_SECONDS``.
        """
        decide_one = decisions.DECIDE[status]

        def attempt(claim_id: int) -> Decision:
            def in_one_transaction(conn: sa.Connection) -> Decision:
                now = utcnow()
                stock.lock(conn, [g[0] for g in stock.goods_of(conn, claim_id)])
                offered = tuple(decide_one(conn, claim_id, by, now))
                return Decision(claim_id, True, claims.one(conn, claim_id, now), offered=offered)

            return self._locking(in_one_transaction)

        return [
            _through_outage(
                claim_id,
                functools.partial(attempt, claim_id),
                functools.partial(self._decided_already, claim_id, status),
            )
            for claim_id in claim_ids
        ]

    def _decided_already(self, claim_id: int, status: ClaimStatus) -> Decision | None:
        try:
            claim = self.claim(claim_id)
        except (NotFound, sa.exc.OperationalError):
            return None
        return Decision(claim_id, True, claim) if claim.status is status else None

    def merge(self, claim_id: int, by: str = "") -> Claim:
        """Move a waiting claim's goods into the same buyer's earliest other waiting
        claim; the claim becomes ``merged`` (decisions.merge)."""
        return self._locking(lambda conn: decisions.merge(conn, claim_id, by, utcnow()))

    def set_quantity(self, claim_id: int, code: str, qty: Decimal) -> Claim:
        """Correct the quantity of one product in a pending claim."""
        return self._locking(
            lambda conn: decisions.set_quantity(conn, claim_id, code, qty, utcnow())
        )

    def undo(self, step: Step) -> list[Claim]:
        """Undo a decision nobody changed since; the claims waiting again (undo.py)."""
        return self._locking(lambda conn: undo.undo(conn, step, utcnow()))

    def claim_comment(
        self, comment_id: int, items: Sequence[ParsedItem], phone: str | None = None
    ) -> Claim:
        """A claim made by hand from a comment the reader missed (manual_claims.py)."""
        return self._locking(
            lambda conn: manual_claims.claim_comment(conn, comment_id, items, phone, utcnow())
        )

    def resolve_repeat(self, claim_id: int, replace: bool, by: str = "") -> Claim:
        """A buyer gave a new quantity: ``replace`` cancels the earlier claim; otherwise
        both stand (the buyer wants more). Either way the question is answered."""
        return self._locking(
            lambda conn: decisions.resolve_repeat(conn, claim_id, replace, by, utcnow())
        )

    def expire_reservations(self, session_id: int, minutes: float | None = None) -> Expired:
        """Release what waiting claims have reserved longer than ``minutes`` (default:
        the shop's ``reserve_minutes``) and offer it to the line. Any laptop may run it
        at any time: each reservation is released once."""
        with self._read() as conn:  # the common case, nothing lapsed, takes no write lock
            limit = self._memory.minutes(conn, "reserve_minutes") if minutes is None else minutes
            before = stock.lapsed_before(utcnow(), limit)
            lapsed = decisions.lapsed(conn, session_id, before)
        if not lapsed:
            return Expired((), ())
        return self._locking(
            lambda conn: decisions.let_lapse(conn, session_id, lapsed, before, utcnow())
        )

    # ------------------------------------------------------------------ orders
    def orders(self, session_id: int) -> list[Order]:
        """Each buyer's confirmed claims in the session, merged into one order."""
        with self._read() as conn:
            return orders.of_session(conn, session_id)

    def exported(self, target: str, order_ids: Sequence[int]) -> dict[int, str | None]:
        """order id -> remote id, for the orders already accepted by ``target``."""
        with self._read() as conn:
            return orders.exported(conn, target, order_ids)

    def mark_exported(
        self, order_id: int, target: str, remote_id: str | None, batch_id: int | None = None
    ) -> None:
        """Record that ``target`` accepted the order (once: a second mark is ignored)."""
        with self._write() as conn:
            orders.mark_exported(conn, [order_id], target, remote_id, batch_id, utcnow())

    def start_batch(self, session_id: int, target: str, orders: int) -> int:
        """An export run begins: it is recorded before anything is sent."""
        with self._write() as conn:
            return _orders.start_batch(conn, session_id, target, orders, utcnow())

    def record_file_export(
        self, session_id: int, target: str, order_ids: Sequence[int], path: str
    ) -> int:
        """A written file: its batch, finished, and each order in it, in one transaction."""
        with self._write() as conn:
            return _orders.record_file(conn, session_id, target, order_ids, path, utcnow())

    def finish_batch(self, batch_id: int, **counts: int) -> None:
        """``sent``, ``skipped``, ``failed``, ``held``: what the run did."""
        with self._write() as conn:
            orders.finish_batch(conn, batch_id, utcnow(), **counts)

    def batches(self, session_id: int) -> list[dict[str, Any]]:
        """The session's export history, oldest first."""
        with self._read() as conn:
            return orders.batches(conn, session_id)

    # ------------------------------------------------------------------ buyers
    def buyer(self, buyer_id: int) -> Buyer:
        with self._read() as conn:
            return buyers.one(conn, buyer_id)

    def buyer_card(self, buyer_id: int) -> BuyerCard:
        """The person behind an account: every account merged into them, their order
        history across shows, and accounts sharing their phone (merge them?)."""
        with self._read() as conn:
            return buyers.card(conn, orders.of_buyers, buyer_id)

    def merge_buyers(self, keep_id: int, other_id: int) -> BuyerCard:
        """One person behind both accounts (an assistant agreed)."""
        with self._write() as conn:
            buyers.merge(conn, keep_id, other_id)
            card = buyers.card(conn, orders.of_buyers, keep_id)
        self._memory.forget_recent()
        return card

    def update_buyer(self, buyer_id: int, **values: Any) -> BuyerCard:
        """Change a person's ``phone``, ``address``, ``note`` or ``flagged``, or this
        account's ``name``."""
        with self._write() as conn:
            buyers.update(conn, buyer_id, **values)
            card = buyers.card(conn, orders.of_buyers, buyer_id)
        self._memory.forget_recent()
        return card

    def set_outcome(self, order_id: int, outcome: Outcome | None) -> None:
        """What became of the parcel; a returned one flags the buyer "bom hàng"."""
        with self._write() as conn:
            buyers.set_outcome(conn, order_id, outcome, utcnow())
        self._memory.forget_recent()

    def merge_suggestions(self) -> list[tuple[str, list[Buyer]]]:
        with self._read() as conn:
            return buyers.merge_suggestions(conn)

    def find_buyers(self, text: str) -> list[Buyer]:
        with self._read() as conn:
            return buyers.search(conn, text)


_orders = orders  # for the method whose parameter is called ``orders``


def _through_outage(
    claim_id: int, attempt: Callable[[], Decision], already: Callable[[], Decision | None]
) -> Decision:
    """One decision, waiting for a database that is away for a moment (up to
    ``OUTAGE_SECONDS``); a refusal becomes the decision's error."""
    outages: list[BaseException] = []

    def noted(exc: BaseException, delay: float) -> None:
        outages.append(exc)
        log.warning(
            "database unreachable (%s); trying again in %.1fs", getattr(exc, "orig", exc), delay
        )

    try:
        return retry.call(
            attempt,
            retry_if=unreachable,
            seconds=OUTAGE_SECONDS,
            backoff=retry.Backoff(0.2, 2.0, jitter=0),
            on_retry=noted,
        )
    except InvalidTransition as exc:
        # after a lost connection the first try may have committed after all
        done = already() if outages else None
        return done or Decision(claim_id, False, None, str(exc), problem=exc)
    except (NotFound, OutOfStock) as exc:
        return Decision(claim_id, False, None, str(exc), problem=exc)
    except sa.exc.OperationalError as exc:
        return Decision(claim_id, False, None, f"the database failed ({exc.orig}); try again")


def _retried(exc: BaseException, _delay: float) -> None:
    log.info("transaction retried after %s", getattr(getattr(exc, "orig", None), "sqlstate", exc))
