"""The database tables as the current program uses them (SQLAlchemy Core).

Quantities are stored as integer thousandths (``*_milli``) so 1,5 kg is exact on
every database; money is integer VND. ``migrations.py`` is how a database gets
to this shape; a test checks that both agree.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from livehelper.clean import clip_id, storable

# lengths of the columns that hold what platforms and buyers send
ID_LEN = 128  # a platform's message or user id
PLATFORM_LEN = 32
NAME_LEN = 200  # a buyer's display name, a session name
RULE_LEN = 40  # the reader's rule that decided a comment
ASSISTANT_LEN = 64


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; use an aware UTC time")
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both SQLite (which stores no zone) and PostgreSQL."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else to_utc(value)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class String(TypeDecorator[str]):
    """VARCHAR(n) that never refuses a value: characters no database can hold are
    dropped and a longer value is cut to n. PostgreSQL refuses both (and so a whole
    batch of good comments with them); SQLite would store anything."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        value = storable(value)
        length: int | None = getattr(self.impl_instance, "length", None)
        return value[:length] if length is not None and len(value) > length else value


class Identifier(String):
    """A platform's id: a longer one keeps its start and a hash of the whole, so two
    long ids stay two (clean.clip_id)."""

    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        length: int = getattr(self.impl_instance, "length", None) or ID_LEN
        return None if value is None else clip_id(value, length)


class Text(TypeDecorator[str]):
    """TEXT without NUL and the other characters no database can hold."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        return None if value is None else storable(value)


metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", String(64), primary_key=True),
    sa.Column("value", String(255), nullable=False),
)

products = sa.Table(
    "products",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", String(32), nullable=False, unique=True),
    sa.Column("name", String(200), nullable=False),
    sa.Column("price", sa.BigInteger, nullable=False),
    sa.Column("unit", String(32), nullable=False),
    sa.Column("stock_milli", sa.BigInteger, nullable=True),  # NULL: unlimited
    # held by waiting claims (every live session); never more than stock_milli
    sa.Column(
        "reserved_milli",
        sa.BigInteger,
        nullable=False,
        server_default=sa.text("0"),
        info={"since": 4},
    ),
    sa.Column("aliases", Text, nullable=False),  # '|'-separated
    sa.Column("photo", String(500), nullable=True, info={"since": 3}),  # file path or URL
    # one unit's weight in grams (the catalogue's weight_kg), for the shipping partners
    sa.Column("weight_g", sa.Integer, nullable=True, info={"since": 9}),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", String(NAME_LEN), nullable=False),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("ended_at", UTCDateTime, nullable=True),
    sa.Column("featured_product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=True),
    # what the overlay pages show besides the product: a flash-sale countdown, a payment QR
    sa.Column("countdown_until", UTCDateTime, nullable=True, info={"since": 3}),
    sa.Column("countdown_label", String(200), nullable=True, info={"since": 3}),
    sa.Column("qr_shown", sa.Boolean, nullable=False, server_default=sa.false(), info={"since": 3}),
    sa.Column("qr_amount", sa.BigInteger, nullable=True, info={"since": 3}),
)

# a product in one show: the optional cap ("số lượng mở bán") and what the show has
# taken of it (reserved + sold), kept up to date so the cap holds under concurrency
show_stock = sa.Table(
    "show_stock",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=False),
    sa.Column("cap_milli", sa.BigInteger, nullable=True),  # NULL: no cap for this show
    sa.Column("taken_milli", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    sa.UniqueConstraint("session_id", "product_id", name="uq_show_stock"),
    info={"since": 4},
)

# shop-wide settings every laptop of a team shares (the bank account for the QR, ...)
settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", String(64), primary_key=True),
    sa.Column("value", Text, nullable=False),
    info={"since": 3},
)

# the comment sources a session listened to (what the after-live reconciliation reads)
session_sources = sa.Table(
    "session_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("spec", String(500), nullable=False),
    sa.Column("added_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("session_id", "spec", name="uq_session_source"),
    info={"since": 3},
)

# each export run: where to, when, what became of it (the export history)
export_batches = sa.Table(
    "export_batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("target", String(500), nullable=False),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime, nullable=True),  # NULL: still running, or died
    sa.Column("orders", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("sent", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("skipped", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("failed", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("held", sa.Integer, nullable=False, server_default=sa.text("0")),
    info={"since": 4},
)

# where each order went after the show: sent once per target, resumable after a failure
order_exports = sa.Table(
    "order_exports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=False),
    sa.Column("target", String(500), nullable=False),
    sa.Column("remote_id", String(200), nullable=True),
    sa.Column("exported_at", UTCDateTime, nullable=False),
    sa.Column("batch_id", sa.Integer, nullable=True, info={"since": 4}),
    sa.UniqueConstraint("order_id", "target", name="uq_order_export"),
    info={"since": 3},
)

featured_log = sa.Table(
    "featured_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
)

buyers = sa.Table(
    "buyers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("platform", String(PLATFORM_LEN), nullable=False),
    sa.Column("platform_user_id", Identifier(ID_LEN), nullable=False),
    sa.Column("display_name", String(NAME_LEN), nullable=False),
    sa.Column("phone", String(16), nullable=True),
    # "assistant" when typed on the card: a phone in a later comment does not replace it
    sa.Column("phone_source", String(12), nullable=True, info={"since": 8}),
    sa.Column("note", Text, nullable=False),
    # one person, several accounts: rows merged (by phone, when an assistant agreed)
    # point at the person's first row; that row keeps the person's address and flag
    sa.Column("person_id", sa.Integer, nullable=True, info={"since": 4}),
    sa.Column("address", Text, nullable=True, info={"since": 4}),
    # where the address came from: "comment" (the buyer wrote it; a later one replaces
    # it) or "assistant" (typed on the card; a comment never overwrites it)
    sa.Column("address_source", String(12), nullable=True, info={"since": 7}),
    # "bom hàng": refused a cash-on-delivery parcel; warned about when claiming again
    sa.Column("flagged", sa.Boolean, nullable=False, server_default=sa.false(), info={"since": 4}),
    sa.UniqueConstraint("platform", "platform_user_id", name="uq_buyer_platform_user"),
)

comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("platform", String(PLATFORM_LEN), nullable=False),
    sa.Column("message_id", Identifier(ID_LEN), nullable=False),
    sa.Column("buyer_id", sa.Integer, sa.ForeignKey("buyers.id"), nullable=False),
    sa.Column("text", Text, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("raw", Text, nullable=True),
    sa.Column("featured_product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=True),
    sa.Column("intent", String(8), nullable=False),
    sa.Column("phone", String(16), nullable=True),
    # read as an order, or it names a product, a quantity or an order word: with no
    # claim made of it, the assistant is shown it as maybe an order ("Có thể là đơn")
    sa.Column(
        "order_like", sa.Boolean, nullable=False, server_default=sa.false(), info={"since": 5}
    ),
    # the reader's rule that decided ("order.verb", "other.question"): shown on the comment
    sa.Column(
        "rule", String(RULE_LEN), nullable=False, server_default=sa.text("''"), info={"since": 6}
    ),
    sa.UniqueConstraint("session_id", "platform", "message_id", name="uq_comment_message"),
)

orders = sa.Table(
    "orders",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("buyer_id", sa.Integer, sa.ForeignKey("buyers.id"), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # after the show: the parcel was delivered, or returned (refused, "bom hàng")
    sa.Column("outcome", String(12), nullable=True, info={"since": 4}),
    sa.Column("outcome_at", UTCDateTime, nullable=True, info={"since": 4}),
    sa.UniqueConstraint("session_id", "buyer_id", name="uq_order_session_buyer"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=False, unique=True),
    sa.Column("buyer_id", sa.Integer, sa.ForeignKey("buyers.id"), nullable=False),
    sa.Column("status", String(12), nullable=False),
    sa.Column("phone", String(16), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("decided_by", String(ASSISTANT_LEN), nullable=True),
    sa.Column("decided_at", UTCDateTime, nullable=True),
    sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=True),
    sa.Column(
        "ambiguous", sa.Boolean, nullable=False, server_default=sa.false(), info={"since": 2}
    ),
    sa.Column(
        "confidence", sa.Float, nullable=False, server_default=sa.text("1.0"), info={"since": 2}
    ),
    # the duplicate policy: a buyer's later cancel, a later different quantity
    sa.Column(
        "cancel_requested",
        sa.Boolean,
        nullable=False,
        server_default=sa.false(),
        info={"since": 3},
    ),
    sa.Column("replaces_claim_id", sa.Integer, nullable=True, info={"since": 3}),
    # which assistant is looking at a waiting claim right now (shown to the others)
    sa.Column("held_by", String(ASSISTANT_LEN), nullable=True, info={"since": 3}),
    sa.Column("held_at", UTCDateTime, nullable=True, info={"since": 3}),
    # stock: a waiting claim holds its goods since reserved_at (NULL: holds nothing) for
    # the shop's reserve_minutes;
    # a claim that found the product sold out waits in line (waitlisted) and is offered
    # freed stock in arrival order (offered_at)
    sa.Column("reserved_at", UTCDateTime, nullable=True, info={"since": 4}),
    sa.Column(
        "waitlisted", sa.Boolean, nullable=False, server_default=sa.false(), info={"since": 4}
    ),
    sa.Column("offered_at", UTCDateTime, nullable=True, info={"since": 4}),
)

claim_items = sa.Table(
    "claim_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), nullable=False),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=False),
    sa.Column("qty_milli", sa.BigInteger, nullable=False),
    sa.Column("unit_price", sa.BigInteger, nullable=False),
)

sa.Index("ix_comments_session", comments.c.session_id, comments.c.id)
sa.Index("ix_claims_session_status", claims.c.session_id, claims.c.status)
# a buyer's waiting claims, read for every order (the duplicate policy)
sa.Index(
    "ix_claims_session_buyer_status",
    claims.c.session_id,
    claims.c.buyer_id,
    claims.c.status,
    info={"since": 3},
)
sa.Index("ix_claim_items_claim", claim_items.c.claim_id)
sa.Index("ix_buyers_phone", buyers.c.phone, info={"since": 4})
sa.Index("ix_buyers_person", buyers.c.person_id, info={"since": 4})
sa.Index("ix_buyers_flagged", buyers.c.flagged, info={"since": 4})
sa.Index("ix_featured_log_session", featured_log.c.session_id, featured_log.c.at)
