"""The domain: frozen values that the store returns and everybody else reads.

Nothing here touches a database or Qt; widgets hold these, never ORM rows.
Quantities are ``Decimal`` (a buyer can take 1,5 kg); money is integer VND.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any


class Intent(enum.StrEnum):
    ORDER = "order"
    CANCEL = "cancel"
    OTHER = "other"


class ClaimStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    MERGED = "merged"  # its goods were moved into the same buyer's earlier claim


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    code: str
    name: str
    price: int
    unit: str
    stock: Decimal | None  # None: unlimited
    aliases: tuple[str, ...] = ()
    photo: str | None = None  # a file path or an http(s) URL, shown on the product card
    weight_kg: Decimal | None = None  # one unit's, for the shipping file; None: not given
    reserved: Decimal = Decimal(0)  # held by waiting claims
    cap_left: Decimal | None = None  # what this show's cap still allows; None: no cap

    @property
    def available(self) -> Decimal | None:
        """What can still be offered: on the shelf, not held for anyone, within the
        show's cap. None: unlimited."""
        limits = [self.cap_left] if self.cap_left is not None else []
        if self.stock is not None:
            limits.append(self.stock - self.reserved)
        return max(Decimal(0), min(limits)) if limits else None

    @property
    def sold_out(self) -> bool:
        return self.available is not None and self.available <= 0


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    name: str
    started_at: datetime
    ended_at: datetime | None
    featured_code: str | None
    countdown_until: datetime | None = None
    countdown_label: str | None = None
    qr_shown: bool = False
    qr_amount: int | None = None  # VND the payment QR asks for; None: the buyer types it


@dataclass(frozen=True, slots=True)
class Buyer:
    id: int
    platform: str
    platform_user_id: str
    display_name: str
    phone: str | None
    note: str
    person_id: int | None = None  # merged into that buyer's person
    address: str | None = None
    flagged: bool = False  # "bom hàng": refused a cash-on-delivery parcel


class Outcome(enum.StrEnum):
    """What became of an order's parcel."""

    DELIVERED = "delivered"
    RETURNED = "returned"  # refused on delivery: "bom hàng"


@dataclass(frozen=True, slots=True)
class PastOrder:
    order_id: int
    session_id: int
    session_name: str
    at: datetime
    total: int
    outcome: Outcome | None


@dataclass(frozen=True, slots=True)
class BuyerCard:
    """One person across accounts, platforms and shows."""

    person: Buyer  # the first row: phone, address, note, flag
    accounts: tuple[Buyer, ...]  # every platform account merged into this person
    orders: tuple[PastOrder, ...]
    same_phone: tuple[Buyer, ...] = ()  # other accounts with this phone: merge them?

    @property
    def delivered(self) -> int:
        return sum(o.outcome is Outcome.DELIVERED for o in self.orders)

    @property
    def returned(self) -> int:
        return sum(o.outcome is Outcome.RETURNED for o in self.orders)


@dataclass(frozen=True, slots=True)
class IncomingComment:
    """A comment as a source hands it in, before it is stored."""

    platform: str
    message_id: str
    user_id: str
    user_name: str
    text: str
    received_at: datetime
    raw: Any = None
    featured: str | None = None  # product code on screen when it arrived, if the source knows


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    session_id: int
    platform: str
    message_id: str
    buyer_id: int
    buyer_name: str
    text: str
    received_at: datetime
    intent: Intent
    phone: str | None
    order_like: bool = False  # read as an order, or carries a quantity, product or order word
    claim_id: int | None = None  # the claim made from it, if any
    featured_code: str | None = None  # the product on screen when it came
    user_id: str = ""  # the buyer's account id on the platform
    rule: str = ""  # the reader's rule that decided

    @property
    def suspect(self) -> bool:
        """Maybe an order the reader missed: no claim came of it, yet it gives a phone,
        a quantity, a product or an order word (a cancel is not one)."""
        return (
            self.claim_id is None
            and self.intent is not Intent.CANCEL
            and (self.order_like or self.phone is not None)
        )


@dataclass(frozen=True, slots=True)
class ParsedItem:
    code: str
    qty: Decimal


@dataclass(frozen=True, slots=True)
class ParseResult:
    intent: Intent
    items: tuple[ParsedItem, ...] = ()
    phone: str | None = None
    ambiguous: bool = False
    confidence: float = 1.0
    adds: bool = False  # "thêm 1kg nữa": on top of what the buyer already ordered
    order_like: bool = False  # not read as an order, yet a quantity, product or order word
    rule: str = ""  # the reader's rule that decided ("order.verb", "other.question", …)


# units that are a weight themselves: a kg of it weighs a kg
UNIT_KG = {"kg": Decimal(1), "ký": Decimal(1), "kí": Decimal(1), "cân": Decimal(1),
           "g": Decimal("0.001"), "gam": Decimal("0.001"), "gram": Decimal("0.001"),
           "lạng": Decimal("0.1")}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LineItem:
    """Goods at a price: a line of a claim or of an order."""

    code: str
    name: str
    unit: str
    qty: Decimal
    unit_price: int
    unit_weight_kg: Decimal | None = None  # the catalogue's weight of one unit, if given

    @property
    def total(self) -> int:
        return line_total(self.unit_price, self.qty)

    @property
    def weight_kg(self) -> Decimal | None:
        """The line's weight: the catalogue's per unit, else what a kg or g unit says."""
        if self.unit_weight_kg is not None:
            return self.unit_weight_kg * self.qty
        per_unit = UNIT_KG.get(self.unit.strip().lower())
        return None if per_unit is None else per_unit * self.qty


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    session_id: int
    comment_id: int
    buyer_id: int
    buyer_name: str
    platform: str
    text: str
    status: ClaimStatus
    items: tuple[LineItem, ...]
    phone: str | None
    ambiguous: bool
    created_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    cancel_requested: bool = False  # the buyer wrote "huỷ đơn" after this claim
    replaces_claim_id: int | None = None  # a new quantity: replace that claim, or add?
    held_by: str | None = None  # the assistant handling it right now
    reserved_at: datetime | None = None  # its goods are held for it since then
    waitlisted: bool = False  # it came when the product was sold out: waits in line
    offered_at: datetime | None = None  # freed stock was offered to it from the line
    buyer_flagged: bool = False  # this buyer (or this phone) refused a COD parcel before


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    session_id: int
    buyer_id: int
    buyer_name: str
    platform: str
    phone: str | None
    lines: tuple[LineItem, ...]
    claim_ids: tuple[int, ...] = field(default_factory=tuple)
    address: str | None = None  # the buyer's (their person's) delivery address
    note: str = ""  # the buyer's notes

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)


def line_total(unit_price: int, qty: Decimal) -> int:
    """Price of ``qty`` units, rounded to the nearest đồng (half up)."""
    return int((unit_price * qty).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def qty_to_json(qty: Decimal) -> int | float:
    """2 -> 2, 1.5 -> 1.5: whole quantities stay integers in JSON."""
    return int(qty) if qty == qty.to_integral_value() else float(qty)


def format_vnd(amount: int) -> str:
    """35000 -> '35.000₫' (Vietnamese thousands separator)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + "₫"


def format_qty(qty: Decimal) -> str:
    """1.5 -> '1,5' (Vietnamese decimal comma); 2 -> '2'."""
    value = qty_to_json(qty)
    return str(value).replace(".", ",")


# ------------------------------------------------------- what the store returns
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
    weight_kg: Decimal | None = None  # one unit's (a 500 g jar: 0.5)


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
    problem: Exception | None = None  # why not, for the window to say in its language


class StepKind(enum.StrEnum):
    CONFIRM = "confirm"
    REJECT = "reject"
    QUANTITY = "quantity"
    MERGE = "merge"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class Step:
    """One decision an assistant took, with what undoing it needs (store/undo.py)."""

    kind: StepKind
    claim_id: int
    decided_at: datetime | None = None  # confirm, reject: when (it must still be that one)
    code: str | None = None  # quantity: the product
    before: Decimal | None = None  # quantity: the quantity it had
    after: Decimal | None = None  # quantity: the quantity set
    target_id: int | None = None  # merge: the claim it went into
    moved: tuple[ParsedItem, ...] = ()  # merge: the goods that moved
    earlier_id: int | None = None  # replace: the claim it cancelled


@dataclass(frozen=True, slots=True)
class PendingState:
    held_by: str | None  # the assistant looking at it, if any
    version: tuple[Any, ...]  # changes whenever its reservation, line place or flags change


@dataclass(frozen=True, slots=True)
class Expired:
    """What a sweep of lapsed reservations did."""

    released: tuple[int, ...]
    offered: tuple[int, ...]  # waitlisted claims that now hold the freed stock
