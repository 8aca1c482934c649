"""Orders into a shop that speaks the Shopify Admin REST shape — Shopify itself, and
Haravan and Sapo, whose order APIs follow it: ``POST …/orders.json`` with
``{"order": {...}}``.

``url`` is the shop's orders endpoint, for example
``https://SHOP.myshopify.com/admin/api/2024-10/orders.json`` (Shopify),
``https://apis.haravan.com/com/orders.json`` (Haravan) or
``https://SHOP.mysapo.net/admin/orders.json`` (Sapo). ``auth`` says how the token goes:
``shopify`` (``X-Shopify-Access-Token``), ``bearer`` (``Authorization: Bearer``, Haravan)
or ``basic`` (``key:secret`` as HTTP basic auth, Sapo private apps).

Each order carries ``source_identifier = LH<session>-<order>``; before a retry the
exporter looks for an order with that identifier, so a slow answer never makes two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from livehelper.export.addresses import split_address
from livehelper.export.lines import api_lines, e164
from livehelper.model import Order

AUTH_STYLES = ("shopify", "bearer", "basic")


def reference(order: Order) -> str:
    return f"LH{order.session_id}-{order.id}"


@dataclass
class ShopifyStyle:
    url: str
    token: str
    auth: str = "shopify"

    @property
    def target(self) -> str:
        return f"shopify:{self.url}"

    def _auth(self) -> tuple[dict[str, str], httpx.BasicAuth | None]:
        if self.auth == "bearer":
            return {"Authorization": f"Bearer {self.token}"}, None
        if self.auth == "basic":
            user, _, password = self.token.partition(":")
            return {}, httpx.BasicAuth(user, password)
        return {"X-Shopify-Access-Token": self.token}, None

    def body(self, order: Order) -> dict[str, Any]:
        address = split_address(order.address)
        phone = e164(order.phone)
        return {
            "order": {
                "line_items": [
                    {
                        "title": line.title,
                        "sku": line.code,
                        "quantity": line.quantity,
                        "price": str(line.unit_price),
                        "requires_shipping": True,
                    }
                    for line in api_lines(order.lines)
                ],
                "currency": "VND",
                "financial_status": "pending",  # cash on delivery: paid when it arrives
                "phone": phone,
                "shipping_address": {
                    "name": order.buyer_name,
                    "phone": phone,
                    "address1": address.street or (order.address or ""),
                    "city": address.ward,
                    "province": address.province,
                    "country_code": "VN",
                },
                "note": order.note or None,
                "tags": "livehelper",
                "source_name": "livehelper",
                "source_identifier": reference(order),
                "note_attributes": [
                    {"name": "livehelper_ref", "value": reference(order)},
                    {"name": "platform", "value": order.platform},
                ],
                "send_receipt": False,
                "inventory_behaviour": "bypass",
            }
        }

    def send(self, client: httpx.Client, order: Order) -> httpx.Response:
        headers, auth = self._auth()
        return client.post(
            self.url, json=self.body(order), headers=headers, auth=auth or httpx.USE_CLIENT_DEFAULT
        )

    def find(self, client: httpx.Client, order: Order) -> str | None:
        headers, auth = self._auth()
        since = (datetime.now(UTC) - timedelta(days=2)).isoformat()
        response = client.get(
            self.url,
            params={
                "status": "any",
                "limit": 250,
                "created_at_min": since,
                "fields": "id,source_identifier",
            },
            headers=headers,
            auth=auth or httpx.USE_CLIENT_DEFAULT,
        )
        if response.status_code != 200:
            return None
        for found in response.json().get("orders", []):
            if found.get("source_identifier") == reference(order):
                return str(found.get("id"))
        return None
