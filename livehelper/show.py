"""Show night without Qt: what the window does on the worker thread, and the CLI too —
resume the live show, read everything the window shows in one go, end a live (with the
Facebook pass that adds what the stream dropped), follow what other laptops decided,
the totals. Each function is one or a few store calls; none touches a widget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from livehelper.comments.reconcile import Reconciled, reconcile
from livehelper.model import (
    Claim,
    ClaimStatus,
    Comment,
    Expired,
    Order,
    ParsedItem,
    Product,
    Session,
)
from livehelper.store import Store

FEED_KEEP = 2000  # comments the window's feed holds; others are read back on scroll
FEED_PAGE = 500  # comments read back at a time


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go."""

    store: Store
    session: Session | None
    products: list[Product]
    comments: list[Comment]  # the newest FEED_KEEP, oldest first
    pending: list[Claim]
    orders: list[Order]
    comment_count: int = 0  # in the whole show
    suspect_count: int = 0  # comments that may be orders the reader missed, in the whole show


@dataclass(frozen=True)
class Ended:
    session: Session
    reconciled: Reconciled | None  # None: no Facebook live to check, or it failed
    problem: str = ""  # why the Facebook pass failed (the live is over all the same)


@dataclass(frozen=True)
class Followed:
    """What changed elsewhere since the window last looked."""

    waiting: dict[int, str | None]  # every waiting claim and who is looking at it
    changed: list[Claim]  # claims new to the window or changed elsewhere
    expired: Expired  # reservations that lapsed in this sweep


def live_session(store: Store) -> Session | None:
    """The show still on air, if any (the newest)."""
    live = [s for s in store.sessions() if s.ended_at is None]
    return live[0] if live else None


def snapshot(store: Store, session: Session | None, feed_keep: int = FEED_KEEP) -> Snapshot:
    if session is None:
        return Snapshot(store, None, store.products(), [], [], [])
    return Snapshot(
        store,
        session,
        store.products(session.id),
        store.comments(session.id, limit=feed_keep, newest=True),
        store.claims(session.id, ClaimStatus.PENDING),
        store.orders(session.id),
        store.comment_count(session.id),
        store.comment_count(session.id, suspects=True),
    )


def end_live(store: Store, session_id: int, options: Any) -> Ended:
    """End the show; when it read a Facebook live, fetch that live's whole comment list
    and add what the stream dropped (Facebook drops comments above ``comment_rate``)."""
    session = store.end_session(session_id)
    if not any(s.startswith("facebook:") for s in store.sources(session_id)):
        return Ended(session, None)
    try:
        return Ended(session, reconcile(store, session_id, options))
    except Exception as exc:  # the network or the token: say so, the live is over
        return Ended(session, None, str(exc))


def follow(store: Store, session_id: int, versions: Mapping[int, tuple[Any, ...]]) -> Followed:
    """Let lapsed reservations go (any laptop may; each goes once), then what differs
    from ``versions`` (claim id -> ``claim_version`` of the window's own copy)."""
    expired = store.expire_reservations(session_id)
    states = store.pending_states(session_id)
    changed = [i for i, st in states.items() if versions.get(i) != st.version]
    waiting = {i: st.held_by for i, st in states.items()}
    return Followed(waiting, store.claims_by_id(sorted(changed)), expired)


def totals(store: Store, session_id: int) -> tuple[list[Order], list[Product]]:
    """The show's orders and what is left of each product."""
    return store.orders(session_id), store.products(session_id)


@dataclass(frozen=True)
class Draft:
    """A claim to make from a comment, as the assistant is first shown it."""

    comment: Comment
    items: tuple[ParsedItem, ...]
    """What the reader made of it, else the product on screen then (1 of it), else none."""


def claim_draft(store: Store, comment_id: int) -> Draft:
    from livehelper.comments.parser import parser_for

    comment = store.comment(comment_id)
    products = store.products()
    items = parser_for(products).read_items(comment.text, comment.featured_code)
    if not items and comment.featured_code:
        items = (ParsedItem(comment.featured_code, Decimal(1)),)
    known = {p.code.upper() for p in products}
    return Draft(comment, tuple(i for i in items if i.code.upper() in known))
