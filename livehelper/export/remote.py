"""Sending orders to another system over HTTP, once each: the loop every remote
exporter shares (webhook, Shopify-style Admin REST, WooCommerce REST).

Each run is a recorded batch. Each order is sent on its own; an accepted order is
recorded with the remote id, so running the export again sends only what is left.
A 4xx answer needs a human and is not retried; 5xx answers, time-outs and dropped
connections are retried with backoff — and before a retry, a destination that can
look orders up checks whether the first try arrived after all, so a slow answer never
makes a second order. Orders the validation step holds back are not sent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from livehelper import retry
from livehelper.model import Order
from livehelper.store import Store

log = logging.getLogger(__name__)
RETRIES = 4


@dataclass
class Sent:
    sent: int = 0
    skipped: int = 0  # accepted before (by an earlier run, or the receiver already had it)
    failed: int = 0
    held: int = 0  # not sent: the validation step found something a human must fix
    problems: list[str] = field(default_factory=list)
    results: list[dict[str, object]] = field(default_factory=list)  # per order

    def as_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "skipped": self.skipped, "failed": self.failed}


@dataclass
class Outcome:
    accepted: bool
    duplicate: bool = False
    remote_id: str | None = None
    problem: str = ""
    retry: bool = False  # the answer says nothing final: try again


class Destination(Protocol):
    @property
    def target(self) -> str:
        """Recorded per order: "webhook:URL", "shopify:URL", …"""
        ...

    def send(self, client: httpx.Client, order: Order) -> httpx.Response: ...

    def find(self, client: httpx.Client, order: Order) -> str | None:
        """The remote id if the destination already has this order, else None."""
        ...


def judge(response: httpx.Response, remote_id: Callable[[httpx.Response], str | None]) -> Outcome:
    if 200 <= response.status_code < 300:
        return Outcome(True, remote_id=remote_id(response))
    if response.status_code == 409:
        return Outcome(True, duplicate=True, remote_id=remote_id(response))
    if response.status_code == 429 or response.status_code >= 500:
        return Outcome(False, problem=f"HTTP {response.status_code}", retry=True)
    return Outcome(False, problem=f"HTTP {response.status_code}: {response.text[:200]}")


def json_id(*path: str) -> Callable[[httpx.Response], str | None]:
    """Read the remote id at ``path`` of a JSON answer ("order", "id")."""

    def read(response: httpx.Response) -> str | None:
        try:
            value: object = response.json()
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
        except ValueError:
            return None
        return None if value is None else str(value)

    return read


# what reading an answer that is not the API's (an HTML page, other JSON) raises
_UNREADABLE = (ValueError, TypeError, AttributeError, KeyError, IndexError)


def _unreadable(doing: str, exc: Exception) -> str:
    return (
        f"the shop's answer when {doing} is not what its API sends (an HTML page or other "
        f"JSON: {type(exc).__name__}); check the shop address, and in the shop whether this "
        "order arrived, before exporting again"
    )


def send_orders(
    store: Store,
    session_id: int,
    destination: Destination,
    judge_response: Callable[[httpx.Response], Outcome],
    *,
    hold: Collection[int] = (),
    timeout: float = 15.0,
    pause: Callable[[float], None] = time.sleep,
    progress: Callable[[int, int], None] | None = None,
    client: httpx.Client | None = None,
) -> Sent:
    orders = store.orders(session_id)
    done = store.exported(destination.target, [o.id for o in orders])
    result = Sent(skipped=sum(1 for o in orders if o.id in done))
    for order in orders:
        if order.id in done:
            result.results.append({"order_id": order.id, "result": "skipped"})
    todo = [o for o in orders if o.id not in done]
    batch = store.start_batch(session_id, destination.target, len(orders))
    own_client = client is None
    client = client or httpx.Client(timeout=timeout, headers={"User-Agent": "livehelper"})
    try:
        for number, order in enumerate(todo, start=1):
            if order.id in hold:
                result.held += 1
                result.results.append({"order_id": order.id, "result": "held"})
            else:
                outcome = _deliver(client, destination, order, judge_response, pause)
                if outcome.accepted:
                    store.mark_exported(order.id, destination.target, outcome.remote_id, batch)
                    if outcome.duplicate:
                        result.skipped += 1
                    else:
                        result.sent += 1
                    result.results.append(
                        {
                            "order_id": order.id,
                            "result": "skipped" if outcome.duplicate else "sent",
                            "remote_id": outcome.remote_id,
                        }
                    )
                else:
                    result.failed += 1
                    result.problems.append(f"order {order.id}: {outcome.problem}")
                    result.results.append(
                        {"order_id": order.id, "result": "failed", "problem": outcome.problem}
                    )
            if progress:
                progress(number, len(todo))
    finally:
        if own_client:
            client.close()
        store.finish_batch(
            batch, sent=result.sent, skipped=result.skipped, failed=result.failed, held=result.held
        )
    return result


class _TryAgain(Exception):
    """An answer that says nothing final (a 5xx, a time-out): worth another try."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.problem)
        self.outcome = outcome


def _deliver(
    client: httpx.Client,
    destination: Destination,
    order: Order,
    judge_response: Callable[[httpx.Response], Outcome],
    pause: Callable[[float], None],
) -> Outcome:
    tries = 0

    def attempt() -> Outcome:
        nonlocal tries
        tries += 1
        if tries > 1:  # the last try may have arrived although its answer did not
            try:
                found = destination.find(client, order)
            except httpx.HTTPError:
                found = None
            except _UNREADABLE as exc:
                # whether the last try arrived is unknown: sending again could make two
                return Outcome(False, problem=_unreadable("looking the order up", exc))
            if found is not None:
                return Outcome(True, duplicate=True, remote_id=found)
        try:
            outcome = judge_response(destination.send(client, order))
        except httpx.HTTPError as exc:
            outcome = Outcome(False, problem=f"{type(exc).__name__}: {exc}", retry=True)
        except _UNREADABLE as exc:
            return Outcome(False, problem=_unreadable("sending the order", exc))
        if outcome.retry and not outcome.accepted:
            raise _TryAgain(outcome)
        return outcome

    try:
        return retry.call(
            attempt,
            retry_if=lambda exc: isinstance(exc, _TryAgain),
            attempts=RETRIES,
            backoff=retry.Backoff(0.5, 8.0, jitter=0),
            sleep=pause,
        )
    except _TryAgain as last:
        last.outcome.problem += f" (tried {RETRIES} times; run the export again)"
        return last.outcome
