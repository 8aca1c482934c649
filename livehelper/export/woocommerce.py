"""Orders into a WooCommerce shop through its REST API v3: ``POST
{site}/wp-json/wc/v3/orders``, authenticated with the shop's consumer key and secret
(HTTP basic auth over HTTPS, as WooCommerce documents).

Products are matched by SKU = livehelper's product code (``GET …/products?sku=``, once
per code); a code the shop does not have is sent as a named line. Payment is cash on
delivery (``cod``, not paid). Each order carries the meta ``livehelper_ref =
LH<session>-<order>``; before a retry the exporter looks for it, so a slow answer never
makes two orders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from livehelper.export.addresses import split_address
from livehelper.export.lines import api_lines, e164
from livehelper.export.shopify import reference
from livehelper.model import Order


@dataclass
class WooCommerce:
    site: str
    key: str
    secret: str
    _products: dict[str, int | None] = field(default_factory=dict)

    @property
    def target(self) -> str:
        return f"woocommerce:{self.site}"

    def _url(self, path: str) -> str:
        return self.site.rstrip("/") + "/wp-json/wc/v3/" + path

    def _auth(self) -> httpx.BasicAuth:
        return httpx.BasicAuth(self.key, self.secret)

    def _product_id(self, client: httpx.Client, code: str) -> int | None:
        if code not in self._products:
            response = client.get(self._url("products"), params={"sku": code}, auth=self._auth())
            found = response.json() if response.status_code == 200 else []
            self._products[code] = int(found[0]["id"]) if found else None
        return self._products[code]

    def body(self, client: httpx.Client, order: Order) -> dict[str, Any]:
        address = split_address(order.address)
        place = {
            "first_name": order.buyer_name,
            "address_1": address.street or (order.address or ""),
            "city": address.ward,
            "state": address.province,
            "country": "VN",
        }
        items = []
        for line in api_lines(order.lines):
            item: dict[str, Any] = {
                "name": line.title,
                "quantity": line.quantity,
                "total": str(line.unit_price * line.quantity),
            }
            product_id = self._product_id(client, line.code)
            if product_id is not None:
                item["product_id"] = product_id
            items.append(item)
        return {
            "payment_method": "cod",
            "payment_method_title": "Thanh toán khi nhận hàng (COD)",
            "set_paid": False,
            "status": "processing",
            "currency": "VND",
            "billing": {**place, "phone": e164(order.phone) or ""},
            "shipping": place,
            "line_items": items,
            "customer_note": order.note or "",
            "meta_data": [
                {"key": "livehelper_ref", "value": reference(order)},
                {"key": "livehelper_platform", "value": order.platform},
            ],
        }

    def send(self, client: httpx.Client, order: Order) -> httpx.Response:
        return client.post(self._url("orders"), json=self.body(client, order), auth=self._auth())

    def find(self, client: httpx.Client, order: Order) -> str | None:
        response = client.get(
            self._url("orders"),
            params={"search": reference(order), "per_page": 20},
            auth=self._auth(),
        )
        if response.status_code != 200:
            return None
        for found in response.json():
            for meta in found.get("meta_data", []):
                if meta.get("key") == "livehelper_ref" and meta.get("value") == reference(order):
                    return str(found.get("id"))
        return None
