"""The durable store: SQLite (WAL) or PostgreSQL by URL, one room per domain.

``Store`` (facade.py) is the only object callers use; it owns transactions, retries and
caches. The rooms, each plain functions taking the transaction's connection:

  engine.py      opening the database, SQLite's settings, the WAL checkpointer
  schema.py      the tables; migrations.py: how an older database gets there
  rows.py        rows into values (quantities in thousandths, products, sessions)
  catalogue.py   products, caps, the show's stock report
  sessions.py    shows, the product on screen, countdown and QR, sources listened to
  ingest.py      a batch of comments into comments and claims (named steps)
  comments.py    reading the stored comments (the feed, suspects, the report's times)
  manual_claims.py  a claim an assistant makes from a comment the reader missed
  policy.py      the duplicate-order rules, pure
  claims.py      reading claims; which assistant is looking at one
  decisions.py   confirm, reject, cancel, merge, change a quantity, lapsed reservations
  undo.py        undoing an assistant's last decision, if nobody changed it since
  stock.py       reservations, the per-show cap, the waiting line
  orders.py      buyer orders and export batches
  buyers.py      buyers across shows: persons, history, "bom hàng"
  settings.py    the shop's shared settings
"""

from livehelper.model import (
    Decision,
    Expired,
    ImportResult,
    IngestResult,
    PendingState,
    ProductSpec,
)
from livehelper.store.claims import HOLD_FOR, claim_version
from livehelper.store.engine import WalCheckpointer, default_url, normalise_url
from livehelper.store.facade import OUTAGE_SECONDS, Store
from livehelper.store.rows import from_milli, to_milli, utcnow

__all__ = [
    "HOLD_FOR",
    "OUTAGE_SECONDS",
    "Decision",
    "Expired",
    "ImportResult",
    "IngestResult",
    "PendingState",
    "ProductSpec",
    "Store",
    "WalCheckpointer",
    "claim_version",
    "default_url",
    "from_milli",
    "normalise_url",
    "to_milli",
    "utcnow",
]
