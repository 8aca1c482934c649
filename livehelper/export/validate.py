"""Before an export: what a human should fix first. Each problem names the order and
the buyer and says what is wrong; ``HOLDS`` are the kinds that keep an order out of
every export — a shop, a webhook, a shipping partner's file — until it is fixed, or an
assistant ticks it (the window) or says ``--force`` (the CLI): a parcel for a buyer who
cancelled, or with no phone or address, costs a return."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from livehelper.export.addresses import split_address
from livehelper.model import ClaimStatus, Order
from livehelper.store import Store

MESSAGES = {
    "missing_phone": "no phone number",
    "missing_address": "no delivery address (add it on the buyer's card)",
    "unknown_address": "the address names none of the 34 provinces",
    "no_ward": "the address names no ward or commune we know",
    "cancel_requested": "the buyer asked to cancel after confirming",
    "buyer_flagged": "this buyer refused a cash-on-delivery parcel before (bom hàng)",
    "zero_line": "a line with quantity or price 0",
    "waiting_claims": "{count} claims were never confirmed or rejected: they are not exported",
}
HOLDS = {"missing_phone", "missing_address", "unknown_address", "cancel_requested", "zero_line"}


@dataclass(frozen=True)
class Problem:
    kind: str
    order_id: int | None
    buyer: str
    count: int = 0

    @property
    def message(self) -> str:
        return MESSAGES[self.kind].format(count=self.count)

    @property
    def holds(self) -> bool:
        return self.kind in HOLDS

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "order_id": self.order_id,
            "buyer": self.buyer,
            "message": self.message,
            "holds": self.holds,
        }


def validate(store: Store, session_id: int, orders: Sequence[Order]) -> list[Problem]:
    claims = {c.id: c for c in store.claims_by_id([i for o in orders for i in o.claim_ids])}
    problems: list[Problem] = []
    for order in orders:

        def add(kind: str, order: Order = order) -> None:
            problems.append(Problem(kind, order.id, order.buyer_name))

        if not order.phone:
            add("missing_phone")
        if not (order.address or "").strip():
            add("missing_address")
        else:
            address = split_address(order.address)
            if not address.recognised:
                add("unknown_address")
            elif not address.ward:
                add("no_ward")
        mine = [claims[i] for i in order.claim_ids if i in claims]
        if any(c.cancel_requested for c in mine):
            add("cancel_requested")
        if any(c.buyer_flagged for c in mine):
            add("buyer_flagged")
        if any(line.qty <= 0 or line.unit_price <= 0 for line in order.lines):
            add("zero_line")
    waiting = len(store.claims(session_id, ClaimStatus.PENDING))
    if waiting:
        problems.append(Problem("waiting_claims", None, "", count=waiting))
    return problems


def held_orders(problems: Sequence[Problem]) -> set[int]:
    return {p.order_id for p in problems if p.holds and p.order_id is not None}
