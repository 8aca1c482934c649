"""What the store remembers between calls, so the hot ingest path reads less: buyer ids
and the show's stock rows (they never change once committed, so only committed ones are
kept), the catalogue's rows of one catalogue version (every change of a product's
name, unit, price or weight is an import, which makes a new version), and reads that
rarely change (a shop setting, who is flagged) for one second —
a change made on another laptop is seen within that second. Safe from any thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import sqlalchemy as sa

from livehelper.store import settings

T = TypeVar("T")
BuyerKey = tuple[str, str]  # (platform, platform user id)
FRESH_FOR = 1.0  # seconds


class Memory:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buyers: dict[BuyerKey, int] = {}
        self._show_rows: set[tuple[int, int]] = set()  # (session, product)
        self._recent: dict[str, tuple[float, Any]] = {}
        self._catalogue: tuple[int, Any] | None = None  # (version, its rows)

    def buyers(self) -> dict[BuyerKey, int]:
        with self._lock:
            return dict(self._buyers)

    def remember_buyers(self, committed: dict[BuyerKey, int]) -> None:
        with self._lock:
            self._buyers.update(committed)

    def unknown_show_rows(self, session_id: int, product_ids: Iterable[int]) -> set[int]:
        with self._lock:
            return {p for p in product_ids if (session_id, p) not in self._show_rows}

    def remember_show_rows(self, session_id: int, product_ids: Iterable[int]) -> None:
        with self._lock:
            self._show_rows.update((session_id, p) for p in product_ids)

    def catalogue(self, version: int, read: Callable[[], T]) -> T:
        """``read()`` once per catalogue version."""
        with self._lock:
            known = self._catalogue
        if known is not None and known[0] == version:
            return known[1]  # type: ignore[no-any-return]
        value = read()
        with self._lock:
            self._catalogue = (version, value)
        return value

    def fresh(self, key: str, read: Callable[[], T]) -> T:
        """``read()``, reused for ``FRESH_FOR`` seconds."""
        now = time.monotonic()
        with self._lock:
            found = self._recent.get(key)
        if found is not None and now - found[0] < FRESH_FOR:
            return found[1]  # type: ignore[no-any-return]
        value = read()
        with self._lock:
            self._recent[key] = (now, value)
        return value

    def minutes(self, conn: sa.Connection, key: str) -> float:
        """A minutes setting of the shop (settings.minutes), fresh for a second."""
        return self.fresh(f"setting:{key}", lambda: settings.minutes(conn, key))

    def forget_recent(self) -> None:
        """This process changed a setting or a buyer: read them afresh."""
        with self._lock:
            self._recent.clear()
