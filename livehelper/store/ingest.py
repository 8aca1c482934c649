"""Storing a batch of comments and the claims read from them, in named steps that the
store's ``ingest`` runs in one transaction:

    unique_comments → ensure_buyers → store_comments → waiting_goods → (lock stock)
    → plan_claims → hold_stock → insert_claims → flag_cancels → remember_phones
    → remember_addresses → result

(``run`` does them in that order).

A comment already stored for this session (same platform and message id) counts as a
duplicate and changes nothing; ``INSERT … ON CONFLICT DO NOTHING`` makes that hold even
when two laptops store the same comment at once.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from livehelper import clean
from livehelper.model import (
    Claim,
    ClaimStatus,
    Comment,
    IncomingComment,
    IngestResult,
    Intent,
    LineItem,
    ParseResult,
)
from livehelper.store import buyers, policy, rows, schema, stock
from livehelper.store.engine import CHUNK, chunks, ignoring_conflicts
from livehelper.store.memory import BuyerKey, Memory

ParseFn = Callable[[str, str | None], ParseResult]


def _plain(table: sa.Table) -> sa.Table:
    """``table`` with its columns' underlying types: for an insert whose values were
    made storable before (``storable_comment``), so no value is cleaned twice."""
    return sa.Table(
        table.name,
        sa.MetaData(),
        *(sa.Column(c.name, getattr(c.type, "impl_instance", c.type)) for c in table.columns),
    )


@dataclass(frozen=True, slots=True)
class ByCatalogue:
    """How to read a batch, chosen by the catalogue version its own transaction sees
    (no separate read before it): ``parse_at(version)``."""

    parse_at: Callable[[int], ParseFn]


@dataclass(frozen=True, slots=True)
class Stored:
    """A comment this batch stored, with what the reader made of it."""

    comment_id: int
    row: dict[str, Any]
    result: ParseResult
    item: IncomingComment
    featured: str | None  # the product on screen when it came


@dataclass
class Plan:
    """The claims a batch makes: rows to insert, their goods and line items."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    items: list[tuple[LineItem, ...]] = field(default_factory=list)
    goods: list[list[tuple[int, int]]] = field(default_factory=list)
    in_batch: list[tuple[int, int]] = field(default_factory=list)  # (claim, claim it may replace)
    repeats: int = 0

    def add(
        self,
        claim: dict[str, Any],
        wanted: Sequence[tuple[Any, Decimal]],
        now: datetime,
    ) -> None:
        """One waiting claim: ``claim`` its own columns (session, comment, buyer, phone,
        ambiguous, confidence, replaces_claim_id), ``wanted`` (product row, quantity)."""
        self.rows.append({**claim, "status": ClaimStatus.PENDING.value, "created_at": now})
        self.goods.append([(p.id, rows.to_milli(qty)) for p, qty in wanted])
        self.items.append(
            tuple(
                LineItem(p.code, p.name, p.unit, qty, p.price, _kg(p.weight_g)) for p, qty in wanted
            )
        )


def run(
    conn: sa.Connection,
    memory: Memory,
    session_id: int,
    incoming: Sequence[IncomingComment],
    parse: ParseFn | ByCatalogue,
    now: datetime,
) -> tuple[IngestResult, dict[BuyerKey, int]]:
    """The whole batch, in the caller's transaction: the result, and the buyers this
    batch added (for ``memory`` once the transaction has committed)."""
    items = unique_comments(incoming)
    now = schema.to_utc(now)  # the claims' time, inserted as it is
    new_buyers: dict[BuyerKey, int] = {}
    session, version = rows.session_and_version(conn, session_id)
    products = memory.catalogue(version, lambda: product_rows(conn))
    if isinstance(parse, ByCatalogue):
        parse = parse.parse_at(version)
    buyer_ids = ensure_buyers(conn, items, memory.buyers(), new_buyers)
    stored = store_comments(
        conn, session_id, items, session.featured_code, products, buyer_ids, parse
    )
    if not stored:
        return IngestResult((), (), duplicates=len(incoming)), new_buyers
    ordering = ordering_buyers(stored)
    code_of = {row.id: code for code, row in products.items()}
    since = now - timedelta(minutes=memory.minutes(conn, "repeat_minutes"))
    earlier = waiting_goods(conn, session_id, ordering, code_of, since) if ordering else {}
    ordered = ordered_products(stored, products)
    stock.lock(conn, ordered)  # in id order, before any claim row: no deadlocks
    had = stock.ensure_show_rows(conn, session_id, memory.unknown_show_rows(session_id, ordered))
    memory.remember_show_rows(session_id, had)  # only rows committed before: a rollback undoes none
    plan = plan_claims(session_id, stored, products, earlier, now)
    hold_stock(conn, session_id, plan, now)
    claim_ids = insert_claims(conn, plan)
    cancel_requests = flag_cancels(conn, session_id, stored)
    remember_phones(conn, stored)
    remember_addresses(conn, stored)
    marks: tuple[set[int], set[str]] = (set(), set())
    if plan.rows:
        marks = memory.fresh("flagged", lambda: buyers.flagged_marks(conn))
    duplicates = len(incoming) - len(stored)
    outcome = result(session_id, stored, plan, claim_ids, marks, now, duplicates, cancel_requests)
    return outcome, new_buyers


def storable_comment(item: IncomingComment) -> IncomingComment:
    """The comment as its columns will hold it (the column types would cut it the same
    way at the insert; done first, so the batch's keys match the rows stored)."""
    platform = clean.clip(clean.one_line(item.platform), schema.PLATFORM_LEN)
    message_id = clean.clip_id(item.message_id, schema.ID_LEN)
    user_id = clean.clip_id(item.user_id, schema.ID_LEN)
    user_name = clean.clip(clean.one_line(item.user_name), schema.NAME_LEN)
    text = clean.storable(item.text)
    same = (
        platform is item.platform
        and message_id is item.message_id
        and user_id is item.user_id
        and user_name is item.user_name
        and text is item.text
    )
    if same:
        return item  # the usual case: nothing to change, nothing copied
    return dataclasses.replace(
        item,
        platform=platform,
        message_id=message_id,
        user_id=user_id,
        user_name=user_name,
        text=text,
    )


def unique_comments(incoming: Iterable[IncomingComment]) -> list[IncomingComment]:
    """Each comment once (the first of the same platform and message id), storable."""
    unique: dict[BuyerKey, IncomingComment] = {}
    for item in map(storable_comment, incoming):
        unique.setdefault((item.platform, item.message_id), item)
    return list(unique.values())


def _kg(grams: int | None) -> Decimal | None:
    return None if grams is None else rows.from_milli(grams)


# The statements every batch runs, built once: building one costs more than running it.
_p, _b, _cl, _ci = schema.products, schema.buyers, schema.claims, schema.claim_items
_PRODUCT_ROWS = sa.select(_p.c.id, _p.c.code, _p.c.name, _p.c.unit, _p.c.price, _p.c.weight_g)
_BUYER_IDS = sa.select(_b.c.id, _b.c.platform_user_id).where(
    _b.c.platform == sa.bindparam("platform"),
    _b.c.platform_user_id.in_(sa.bindparam("users", expanding=True)),
)
_WAITING_GOODS = (
    sa.select(_cl.c.id, _cl.c.buyer_id, _ci.c.product_id, _ci.c.qty_milli)
    .join(_ci, _ci.c.claim_id == _cl.c.id)
    .where(
        _cl.c.session_id == sa.bindparam("session_id"),
        _cl.c.buyer_id.in_(sa.bindparam("buyers", expanding=True)),
        _cl.c.status == ClaimStatus.PENDING.value,
        _cl.c.created_at >= sa.bindparam("since", type_=schema.UTCDateTime),
    )  # no ORDER BY: it steers SQLite away from the buyer index (20x slower)
)
_PLAIN_CLAIMS = _plain(_cl)  # its values are the reader's and ours (run: now in UTC)
_CLAIMS_INSERT = _PLAIN_CLAIMS.insert().returning(_PLAIN_CLAIMS.c.comment_id, _PLAIN_CLAIMS.c.id)
_CLAIM_ITEMS_INSERT = _ci.insert()
_REPLACES = (
    _cl.update()
    .where(_cl.c.id == sa.bindparam("c_id"))
    .values(replaces_claim_id=sa.bindparam("c_replaces"))
)
_PHONE = (
    _b.update()
    .where(
        _b.c.id == sa.bindparam("b_id"),
        sa.or_(_b.c.phone_source.is_(None), _b.c.phone_source != "assistant"),
    )
    .values(phone=sa.bindparam("b_phone"))
)


@functools.cache
def _buyers_insert(dialect: str) -> sa.Insert:
    b = schema.buyers
    return ignoring_conflicts(dialect, b).returning(b.c.id, b.c.platform, b.c.platform_user_id)


_PLAIN_COMMENTS = _plain(schema.comments)


@functools.cache
def _comments_insert(dialect: str) -> sa.Insert:
    c = _PLAIN_COMMENTS
    return ignoring_conflicts(dialect, c).returning(c.c.id, c.c.platform, c.c.message_id)


def product_rows(conn: sa.Connection) -> dict[str, Any]:
    """Upper-case code -> the product's id, code, name, unit, price and unit weight."""
    return {row.code.upper(): row for row in conn.execute(_PRODUCT_ROWS)}


def ensure_buyers(
    conn: sa.Connection,
    items: Iterable[IncomingComment],
    known: dict[BuyerKey, int],
    new_buyers: dict[BuyerKey, int],
) -> dict[BuyerKey, int]:
    """Buyer ids for the batch, inserting unknown buyers. ``known`` are ids already
    committed; ids found here are put in ``new_buyers`` (the caller remembers them
    once the transaction commits)."""
    wanted = {(i.platform, i.user_id): i.user_name for i in items}
    found = {k: known[k] for k in wanted if k in known}
    missing = sorted(k for k in wanted if k not in found)
    if not missing:
        return found
    added = conn.execute(
        _buyers_insert(conn.dialect.name),
        [
            {"platform": p, "platform_user_id": u, "display_name": wanted[(p, u)], "note": ""}
            for p, u in missing
        ],
    )
    for r in added:
        found[(r.platform, r.platform_user_id)] = new_buyers[(r.platform, r.platform_user_id)] = (
            r.id
        )
    by_platform: dict[str, list[str]] = {}
    for platform, user in missing:  # added meanwhile by another laptop: read
        if (platform, user) not in found:
            by_platform.setdefault(platform, []).append(user)
    for platform, users in by_platform.items():
        for chunk in chunks(users):
            for r in conn.execute(_BUYER_IDS, {"platform": platform, "users": chunk}):
                found[(platform, r.platform_user_id)] = new_buyers[
                    (platform, r.platform_user_id)
                ] = r.id
    return found


def store_comments(
    conn: sa.Connection,
    session_id: int,
    items: Sequence[IncomingComment],
    featured_code: str | None,
    products: dict[str, Any],
    buyer_ids: dict[BuyerKey, int],
    parse: ParseFn,
) -> list[Stored]:
    """Read and insert the comments; those already stored are left out."""
    featured = [i.featured or featured_code for i in items]
    parsed = [parse(i.text, f) for i, f in zip(items, featured, strict=True)]
    comment_rows = [
        {
            "session_id": session_id,
            "platform": item.platform,
            "message_id": item.message_id,
            "buyer_id": buyer_ids[(item.platform, item.user_id)],
            "text": item.text,
            "received_at": schema.to_utc(item.received_at),
            "raw": _raw_json(item.raw),
            "featured_product_id": _product_id(products, code),
            "intent": result.intent.value,
            "phone": result.phone,
            "order_like": result.intent is Intent.ORDER or result.order_like,
            "rule": result.rule[: schema.RULE_LEN],
        }
        for item, code, result in zip(items, featured, parsed, strict=True)
    ]
    inserted = conn.execute(_comments_insert(conn.dialect.name), comment_rows).all()
    id_by_key = {(r.platform, r.message_id): r.id for r in inserted}
    return [
        Stored(id_by_key[(row["platform"], row["message_id"])], row, result, item, code)
        for row, result, item, code in zip(comment_rows, parsed, items, featured, strict=True)
        if (row["platform"], row["message_id"]) in id_by_key
    ]


def waiting_goods(
    conn: sa.Connection,
    session_id: int,
    buyer_ids: set[int],
    code_of: dict[int, str],
    since: datetime,
) -> dict[int, list[tuple[int, dict[str, int]]]]:
    """Each buyer's claims still waiting since ``since``: (claim id, {code: qty_milli}),
    oldest first: what the duplicate policy compares a new order with."""
    out: dict[int, dict[int, dict[str, int]]] = {}
    for chunk in chunks(sorted(buyer_ids)):
        found = conn.execute(
            _WAITING_GOODS, {"session_id": session_id, "buyers": chunk, "since": since}
        )
        for claim_id, buyer_id, product_id, qty_milli in found:
            out.setdefault(buyer_id, {}).setdefault(claim_id, {})[code_of[product_id]] = qty_milli
    return {
        buyer: [(claim_id, claims[claim_id]) for claim_id in sorted(claims)]
        for buyer, claims in out.items()
    }


def ordering_buyers(stored: Sequence[Stored]) -> set[int]:
    return {s.row["buyer_id"] for s in stored if s.result.intent is Intent.ORDER}


def ordered_products(stored: Sequence[Stored], products: dict[str, Any]) -> set[int]:
    return {
        products[i.code.upper()].id
        for s in stored
        if s.result.intent is Intent.ORDER
        for i in s.result.items
        if i.code.upper() in products
    }


def plan_claims(
    session_id: int,
    stored: Sequence[Stored],
    products: dict[str, Any],
    earlier: dict[int, list[tuple[int, dict[str, int]]]],
    now: datetime,
) -> Plan:
    """A claim for each order comment, as the duplicate policy says (policy.py)."""
    plan = Plan()
    for s in stored:
        wanted = [i for i in s.result.items if i.code.upper() in products]
        if s.result.intent is not Intent.ORDER or not wanted:
            continue
        said = {i.code.upper(): rows.to_milli(i.qty) for i in wanted}
        mine = earlier.setdefault(s.row["buyer_id"], [])
        verdict = policy.judge(said, mine, s.result.adds)
        if verdict.repeat:
            plan.repeats += 1  # the buyer said it again: one claim is enough
            continue
        replaces = verdict.replaces
        # a claim of this batch has no id yet: -1 - its place in plan.rows
        mine.append((-1 - len(plan.rows), said))
        if replaces is not None and replaces < 0:
            plan.in_batch.append((len(plan.rows), -1 - replaces))
        plan.add(
            {
                "session_id": session_id,
                "comment_id": s.comment_id,
                "buyer_id": s.row["buyer_id"],
                "phone": s.result.phone,
                # a new quantity for a product already waiting: replace or add?
                "ambiguous": s.result.ambiguous or replaces is not None,
                "confidence": s.result.confidence,
                "replaces_claim_id": replaces if replaces and replaces > 0 else None,
            },
            [(products[i.code.upper()], i.qty) for i in wanted],
            now,
        )
    return plan


def hold_stock(conn: sa.Connection, session_id: int, plan: Plan, now: datetime) -> None:
    """Each new claim reserves its goods; when there is not enough it waits in line,
    and one asking more than the whole shelf or cap is put to the assistant."""
    for row, held in zip(plan.rows, stock.reserve_batch(conn, session_id, plan.goods), strict=True):
        row["reserved_at"] = now if held == stock.HELD else None
        row["waitlisted"] = held == stock.WAITS
        if held == stock.TOO_MANY:  # more than the whole shelf: a typo? ask
            row["ambiguous"] = True


def insert_claims(conn: sa.Connection, plan: Plan) -> list[int]:
    if not plan.rows:
        return []
    # a claim per comment: ids are matched by comment. Asking SQLAlchemy to keep the
    # rows' order instead makes SQLite insert them one statement each
    by_comment: dict[int, int] = dict(conn.execute(_CLAIMS_INSERT, plan.rows).all())
    claim_ids = [by_comment[row["comment_id"]] for row in plan.rows]
    conn.execute(
        _CLAIM_ITEMS_INSERT,
        [
            {
                "claim_id": claim_id,
                "product_id": product_id,
                "qty_milli": qty_milli,
                "unit_price": item.unit_price,
            }
            for claim_id, goods, items in zip(claim_ids, plan.goods, plan.items, strict=True)
            for (product_id, qty_milli), item in zip(goods, items, strict=True)
        ],
    )
    if plan.in_batch:
        for position, replaced in plan.in_batch:
            plan.rows[position]["replaces_claim_id"] = claim_ids[replaced]
        conn.execute(
            _REPLACES,
            [
                {"c_id": claim_ids[position], "c_replaces": claim_ids[replaced]}
                for position, replaced in plan.in_batch
            ],
        )
    return claim_ids


def flag_cancels(conn: sa.Connection, session_id: int, stored: Sequence[Stored]) -> list[int]:
    """ "huỷ đơn": flag what the buyer has open (waiting or confirmed) before it; one
    statement for the batch, each buyer's claims before their last cancel."""
    cl = schema.claims
    last_cancel: dict[int, int] = {}
    for s in stored:
        if s.result.intent is Intent.CANCEL:
            last_cancel[s.row["buyer_id"]] = max(
                s.comment_id, last_cancel.get(s.row["buyer_id"], 0)
            )
    flagged: set[int] = set()
    for chunk in chunks(sorted(last_cancel), CHUNK // 3):  # three parameters a buyer
        whens = {b: last_cancel[b] for b in chunk}
        # padded to a power of two with buyers that do not exist: a few shapes of
        # statement, each compiled once (a new count of buyers compiled a new one)
        padded = min(_padded(len(whens)), CHUNK // 3)
        whens.update((-1 - i, 0) for i in range(padded - len(whens)))
        before = sa.case(whens, value=cl.c.buyer_id)
        flagged.update(
            conn.execute(
                cl.update()
                .where(
                    cl.c.session_id == session_id,
                    cl.c.buyer_id.in_(chunk),
                    cl.c.comment_id < before,
                    cl.c.status.in_([ClaimStatus.PENDING.value, ClaimStatus.CONFIRMED.value]),
                )
                .values(cancel_requested=True)
                .returning(cl.c.id)
            ).scalars()
        )
    return sorted(flagged)


def _padded(count: int) -> int:
    return 1 << max(0, count - 1).bit_length()


def remember_phones(conn: sa.Connection, stored: Sequence[Stored]) -> None:
    """A phone a buyer wrote becomes their account's phone, unless an assistant typed
    one (the claim still carries the phone the comment gave)."""
    phones = {s.row["buyer_id"]: s.result.phone for s in stored if s.result.phone}
    if not phones:
        return
    conn.execute(_PHONE, [{"b_id": k, "b_phone": v} for k, v in phones.items()])


def remember_addresses(conn: sa.Connection, stored: Sequence[Stored]) -> None:
    """An address a buyer wrote becomes the person's address, unless an assistant typed
    one on the card (that one is kept)."""
    from livehelper.comments.addresses import address_in

    found = {s.row["buyer_id"]: a for s in stored if (a := address_in(s.item.text))}
    if not found:
        return
    b = schema.buyers
    query = sa.select(b.c.id, sa.func.coalesce(b.c.person_id, b.c.id)).where(b.c.id.in_(found))
    people = {row[0]: row[1] for row in conn.execute(query)}
    conn.execute(
        b.update()
        .where(
            b.c.id == sa.bindparam("p_id"),
            sa.or_(b.c.address_source.is_(None), b.c.address_source == "comment"),
        )
        .values(address=sa.bindparam("p_address"), address_source="comment"),
        [{"p_id": people[k], "p_address": v} for k, v in found.items() if k in people],
    )


def result(
    session_id: int,
    stored: Sequence[Stored],
    plan: Plan,
    claim_ids: Sequence[int],
    marks: tuple[set[int], set[str]],
    now: datetime,
    duplicates: int,
    cancel_requests: Sequence[int],
) -> IngestResult:
    claim_of = {row["comment_id"]: i for i, row in zip(claim_ids, plan.rows, strict=True)}
    comments_out = tuple(
        Comment(
            id=s.comment_id,
            session_id=session_id,
            platform=s.item.platform,
            message_id=s.item.message_id,
            buyer_id=s.row["buyer_id"],
            buyer_name=s.item.user_name,
            text=s.item.text,
            received_at=s.item.received_at,
            intent=s.result.intent,
            phone=s.result.phone,
            order_like=s.row["order_like"],
            rule=s.result.rule,
            claim_id=claim_of.get(s.comment_id),
            featured_code=s.featured,
            user_id=s.item.user_id,
        )
        for s in stored
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
            items=items,
            phone=row["phone"],
            ambiguous=row["ambiguous"],
            created_at=now,
            replaces_claim_id=row["replaces_claim_id"],
            reserved_at=row["reserved_at"],
            waitlisted=row["waitlisted"],
            buyer_flagged=buyers.is_flagged(marks, row["buyer_id"], row["phone"]),
        )
        for claim_id, row, items in zip(claim_ids, plan.rows, plan.items, strict=True)
    )
    return IngestResult(
        comments_out,
        claims_out,
        duplicates=duplicates,
        repeats=plan.repeats,
        cancel_requests=tuple(cancel_requests),
    )


def _product_id(products: dict[str, Any], code: str | None) -> int | None:
    if not code:
        return None
    row = products.get(code.upper())
    return row.id if row else None


_RAW = json.JSONEncoder(ensure_ascii=False, default=str).encode  # one encoder: each is built


def _raw_json(raw: Any) -> str | None:
    if raw is None:
        return None
    return clean.storable(raw) if isinstance(raw, str) else _RAW(raw)  # JSON escapes a NUL
