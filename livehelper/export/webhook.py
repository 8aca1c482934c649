"""Send each confirmed order to a web address as JSON, once.

Every order is POSTed on its own, the body being the order in the documented JSON
shape (``rows.order_dict``) plus ``"session_id"``, with

* ``X-Livehelper-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>``
  so the receiver can check it came from this shop, and
* ``Idempotency-Key: livehelper-<session>-<order>`` — the same key every time that order
  is sent, so a receiver can recognise a repeat.

A 2xx answer records the order as sent to that address (with the ``id`` the receiver
answered, if any); a 409 means the receiver has it already, and is recorded the same
way. Other 4xx answers are reported and not retried (the order needs a human); 5xx,
time-outs and dropped connections are retried with backoff, and whatever is still
unsent stays unsent: running the export again sends exactly those, never the others.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from livehelper.export.rows import order_dict
from livehelper.store import Store

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Livehelper-Signature"
RETRIES = 4


@dataclass
class Sent:
    sent: int = 0
    skipped: int = 0  # accepted before (by an earlier run, or the receiver said 409)
    failed: int = 0
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "skipped": self.skipped, "failed": self.failed}


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def idempotency_key(session_id: int, order_id: int) -> str:
    return f"livehelper-{session_id}-{order_id}"


def send_orders(
    store: Store,
    session_id: int,
    url: str,
    secret: str,
    *,
    timeout: float = 15.0,
    pause: Callable[[float], None] = time.sleep,
    progress: Callable[[int, int], None] | None = None,
) -> Sent:
    target = f"webhook:{url}"
    orders = store.orders(session_id)
    done = store.exported(target, [o.id for o in orders])
    result = Sent(skipped=sum(1 for o in orders if o.id in done))
    todo = [o for o in orders if o.id not in done]
    with httpx.Client(timeout=timeout) as client:
        for number, order in enumerate(todo, start=1):
            body = json.dumps(
                {"session_id": session_id, **order_dict(order)}, ensure_ascii=False
            ).encode("utf-8")
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                SIGNATURE_HEADER: signature(secret, body),
                "Idempotency-Key": idempotency_key(session_id, order.id),
                "User-Agent": "livehelper",
            }
            outcome = _post(client, url, body, headers, pause)
            if outcome.accepted:
                store.mark_exported(order.id, target, outcome.remote_id)
                if outcome.duplicate:
                    result.skipped += 1
                else:
                    result.sent += 1
            else:
                result.failed += 1
                result.problems.append(f"order {order.id}: {outcome.problem}")
            if progress:
                progress(number, len(todo))
    return result


@dataclass
class _Outcome:
    accepted: bool
    duplicate: bool = False
    remote_id: str | None = None
    problem: str = ""


def _post(
    client: httpx.Client,
    url: str,
    body: bytes,
    headers: dict[str, str],
    pause: Callable[[float], None],
) -> _Outcome:
    delay = 0.5
    problem = ""
    for attempt in range(RETRIES):
        try:
            response = client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            if 200 <= response.status_code < 300:
                return _Outcome(True, remote_id=_remote_id(response))
            if response.status_code == 409:
                return _Outcome(True, duplicate=True, remote_id=_remote_id(response))
            if 400 <= response.status_code < 500:
                return _Outcome(
                    False, problem=f"HTTP {response.status_code}: {response.text[:200]}"
                )
            problem = f"HTTP {response.status_code}"
        if attempt < RETRIES - 1:
            pause(delay)
            delay = min(delay * 2, 8.0)
    return _Outcome(False, problem=f"{problem} (tried {RETRIES} times; run the export again)")


def _remote_id(response: httpx.Response) -> str | None:
    try:
        value = response.json().get("id")
    except (ValueError, AttributeError):
        return None
    return None if value is None else str(value)[:200]
