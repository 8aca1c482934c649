"""Buyers across shows and platforms: one person behind several accounts (merged by
phone when an assistant agrees), their address and notes, their order history with
what was delivered or returned, and the "bom hàng" flag (refused a cash-on-delivery
parcel) that warns when they order again.

Functions take a connection inside the store's transaction; Qt-free, portable SQL.
A person is their first account's row: ``coalesce(person_id, id)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

from livehelper import clean
from livehelper.errors import NotFound, UsageError
from livehelper.model import Buyer, BuyerCard, Order, Outcome, PastOrder
from livehelper.store import schema

b = schema.buyers
OrdersOf = Callable[[sa.Connection, Sequence[int]], list[Order]]
person_col = sa.func.coalesce(b.c.person_id, b.c.id)


def buyer_from_row(r: Any) -> Buyer:
    return Buyer(
        r.id,
        r.platform,
        r.platform_user_id,
        r.display_name,
        r.phone,
        r.note,
        person_id=r.person_id,
        address=r.address,
        flagged=bool(r.flagged),
    )


def one(conn: sa.Connection, buyer_id: int) -> Buyer:
    row = conn.execute(sa.select(b).where(b.c.id == buyer_id)).first()
    if row is None:
        raise NotFound(f"no buyer with id {buyer_id}")
    return buyer_from_row(row)


def person_of(conn: sa.Connection, buyer_id: int) -> int:
    found = conn.execute(sa.select(person_col).where(b.c.id == buyer_id)).scalar()
    if found is None:
        raise NotFound(f"no buyer with id {buyer_id}")
    return int(found)


def _accounts(conn: sa.Connection, person: int) -> list[Buyer]:
    rows = conn.execute(sa.select(b).where(person_col == person).order_by(b.c.id))
    return [buyer_from_row(r) for r in rows]


def card(conn: sa.Connection, orders_of: OrdersOf, buyer_id: int) -> BuyerCard:
    """``orders_of`` is the store's: the orders of some accounts, built from their
    confirmed claims the one way the store builds every order."""
    person = person_of(conn, buyer_id)
    accounts = _accounts(conn, person)
    head = next(a for a in accounts if a.id == person)
    phones = {a.phone for a in accounts if a.phone}
    same_phone: list[Buyer] = []
    if phones:
        same_phone = [
            buyer_from_row(r)
            for r in conn.execute(
                sa.select(b).where(b.c.phone.in_(phones), person_col != person).order_by(b.c.id)
            )
        ]
    return BuyerCard(
        person=head,
        accounts=tuple(accounts),
        orders=tuple(_history(conn, orders_of(conn, [a.id for a in accounts]))),
        same_phone=tuple(same_phone),
    )


def _history(conn: sa.Connection, orders: Sequence[Order]) -> list[PastOrder]:
    """The orders as the buyer's card lists them: with their show and what became of
    the parcel (the orders themselves, and their totals, come from the store)."""
    o, s = schema.orders, schema.sessions
    found = {
        r.id: r
        for r in conn.execute(
            sa.select(o.c.id, s.c.name, o.c.created_at, o.c.outcome)
            .join(s, o.c.session_id == s.c.id)
            .where(o.c.id.in_([order.id for order in orders]))
        )
    }
    past = [
        PastOrder(
            order_id=order.id,
            session_id=order.session_id,
            session_name=found[order.id].name,
            at=found[order.id].created_at,
            total=order.total,
            outcome=Outcome(found[order.id].outcome) if found[order.id].outcome else None,
        )
        for order in orders
    ]
    return sorted(past, key=lambda p: (p.at, p.order_id))


def merge(conn: sa.Connection, keep_id: int, other_id: int) -> None:
    """Make ``other_id``'s person the same person as ``keep_id``'s. What the kept
    person lacks (phone, address) is taken from the other; notes are joined; a flag
    on either stays."""
    keep, other = person_of(conn, keep_id), person_of(conn, other_id)
    if keep == other:
        return
    head, gone = (
        conn.execute(sa.select(b).where(b.c.id == keep)).one(),
        conn.execute(sa.select(b).where(b.c.id == other)).one(),
    )
    conn.execute(b.update().where(person_col == other).values(person_id=keep))
    notes = [n for n in (head.note, gone.note) if n]
    conn.execute(
        b.update()
        .where(b.c.id == keep)
        .values(
            phone=head.phone or gone.phone,
            address=head.address or gone.address,
            note="\n".join(dict.fromkeys(notes)),
            flagged=bool(head.flagged or gone.flagged),
        )
    )


def update(conn: sa.Connection, buyer_id: int, **values: Any) -> None:
    """Change the person's phone, address, note or flag (kept on the person's row), or
    this account's ``name`` (what the buyer is called on orders and labels)."""
    allowed = {"phone", "address", "note", "flagged", "name"}
    if not set(values) <= allowed:
        raise UsageError(f"only {sorted(allowed)} can be changed")
    person = person_of(conn, buyer_id)  # NotFound for an unknown id
    name = values.pop("name", None)
    if name is not None:
        name = clean.one_line(name).strip()
        if not name:
            raise UsageError("a buyer's name cannot be empty")
        conn.execute(b.update().where(b.c.id == buyer_id).values(display_name=name))
    if "address" in values:  # typed by an assistant: no comment overwrites it
        values["address_source"] = "assistant" if values["address"] else None
    if "phone" in values:
        values["phone_source"] = "assistant" if values["phone"] else None
    if values:
        conn.execute(b.update().where(b.c.id == person).values(**values))


def set_outcome(conn: sa.Connection, order_id: int, outcome: Outcome | None, now: Any) -> None:
    """Record what became of an order's parcel; a returned (refused) parcel flags the
    person as "bom hàng"."""
    o = schema.orders
    buyer_id = conn.execute(sa.select(o.c.buyer_id).where(o.c.id == order_id)).scalar()
    if buyer_id is None:
        raise NotFound(f"no order with id {order_id}")
    conn.execute(
        o.update()
        .where(o.c.id == order_id)
        .values(outcome=outcome.value if outcome else None, outcome_at=now if outcome else None)
    )
    if outcome is Outcome.RETURNED:
        update(conn, buyer_id, flagged=True)


def flagged_marks(conn: sa.Connection) -> tuple[set[int], set[str]]:
    """The accounts of every flagged person, and their phones: a claim from one of
    those accounts, or giving one of those phones, is warned about."""
    flagged = [r.id for r in conn.execute(sa.select(b.c.id).where(b.c.flagged == sa.true()))]
    if not flagged:
        return set(), set()
    accounts, phones = set(), set()
    for r in conn.execute(sa.select(b.c.id, b.c.phone).where(person_col.in_(flagged))):
        accounts.add(r.id)
        if r.phone:
            phones.add(r.phone)
    return accounts, phones


def is_flagged(marks: tuple[set[int], set[str]], buyer_id: int, phone: str | None) -> bool:
    accounts, phones = marks
    return buyer_id in accounts or (phone is not None and phone in phones)


def merge_suggestions(conn: sa.Connection) -> list[tuple[str, list[Buyer]]]:
    """Phones shared by accounts of different persons: merge them? (an assistant
    decides; two people can share a phone)."""
    rows = conn.execute(sa.select(b).where(b.c.phone.is_not(None)).order_by(b.c.phone, b.c.id))
    by_phone: dict[str, list[Buyer]] = {}
    for r in rows:
        by_phone.setdefault(r.phone, []).append(buyer_from_row(r))
    out = []
    for phone, found in by_phone.items():
        persons = {a.person_id or a.id for a in found}
        if len(persons) > 1:
            out.append((phone, found))
    return out


def search(conn: sa.Connection, text: str, limit: int = 50) -> list[Buyer]:
    """Accounts whose name or phone contains ``text`` (case-insensitive)."""
    needle = f"%{text.strip().lower()}%"
    rows = conn.execute(
        sa.select(b)
        .where(sa.or_(sa.func.lower(b.c.display_name).like(needle), b.c.phone.like(needle)))
        .order_by(b.c.id)
        .limit(limit)
    )
    return [buyer_from_row(r) for r in rows]
