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
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from livehelper.export.remote import Sent, json_id, judge
from livehelper.export.remote import send_orders as send_each
from livehelper.export.rows import order_dict
from livehelper.model import Order
from livehelper.store import Store

SIGNATURE_HEADER = "X-Livehelper-Signature"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def idempotency_key(session_id: int, order_id: int) -> str:
    return f"livehelper-{session_id}-{order_id}"


@dataclass
class Webhook:
    url: str
    secret: str

    @property
    def target(self) -> str:
        return f"webhook:{self.url}"

    def send(self, client: httpx.Client, order: Order) -> httpx.Response:
        body = json.dumps(
            {"session_id": order.session_id, **order_dict(order)}, ensure_ascii=False
        ).encode("utf-8")
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            SIGNATURE_HEADER: signature(self.secret, body),
            "Idempotency-Key": idempotency_key(order.session_id, order.id),
        }
        return client.post(self.url, content=body, headers=headers)

    def find(self, client: httpx.Client, order: Order) -> str | None:
        return None  # a receiver recognises a repeat by its Idempotency-Key


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
    remote_id = json_id("id")
    return send_each(
        store,
        session_id,
        Webhook(url, secret),
        lambda response: judge(response, lambda r: (remote_id(r) or "")[:200] or None),
        timeout=timeout,
        pause=pause,
        progress=progress,
    )
