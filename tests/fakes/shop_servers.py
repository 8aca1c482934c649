"""Local stand-ins for shop order APIs, on 127.0.0.1. They are fakes because the real
services (a Shopify, Haravan or Sapo store; a WooCommerce site) need accounts on the
internet; each speaks the documented request and answer shapes and checks them:

* Shopify Admin REST: ``POST /admin/api/2024-10/orders.json`` with ``{"order": {...}}``
  answering ``201 {"order": {"id": …}}``; ``GET …/orders.json?status=any&fields=…``
  answering ``{"orders": [...]}``; the token in ``X-Shopify-Access-Token`` (or
  ``Authorization: Bearer`` as Haravan does).
* WooCommerce REST v3: ``POST /wp-json/wc/v3/orders`` answering ``201 {"id": …}``,
  ``GET /wp-json/wc/v3/orders?search=`` and ``GET /wp-json/wc/v3/products?sku=``
  answering JSON arrays; HTTP basic auth with the consumer key and secret.

``plan`` maps a livehelper reference (LH<session>-<order>) to answers given in turn:
an HTTP status, or "slow" (the order is created, the answer comes after the client gave
up). Once the plan runs out, orders are created.
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class ShopServer:
    def __init__(
        self, kind: str, token: str = "shpat_test", key: str = "ck_1", secret: str = "cs_1"
    ) -> None:
        self.kind = kind  # "shopify", "haravan" or "woocommerce"
        self.token, self.key, self.secret = token, key, secret
        self.plan: dict[str, list[Any]] = {}
        self.orders: dict[int, dict[str, Any]] = {}  # remote id -> order as received
        self.products = {"KS": 501, "NA": 502}  # WooCommerce product ids by SKU
        self.refused_auth = 0
        # a shop behind a login page or a proxy: the order look-up answers this instead
        # (content type, body); the products look-up still works
        self.lookup_answer: tuple[str, bytes] | None = None
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_a: Any) -> None:
                pass

            def _authorised(self) -> bool:
                if outer.kind == "shopify":
                    ok = self.headers.get("X-Shopify-Access-Token") == outer.token
                elif outer.kind == "haravan":
                    ok = self.headers.get("Authorization") == f"Bearer {outer.token}"
                else:
                    pair = base64.b64encode(f"{outer.key}:{outer.secret}".encode()).decode()
                    ok = self.headers.get("Authorization") == f"Basic {pair}"
                if not ok:
                    outer.refused_auth += 1
                    self._answer(401, {"errors": "[API] Invalid API key or access token"})
                return ok

            def do_GET(self) -> None:
                if not self._authorised():
                    return
                url = urlsplit(self.path)
                query = parse_qs(url.query)
                if url.path.endswith("/products"):
                    sku = query.get("sku", [""])[0]
                    found = (
                        [{"id": outer.products[sku], "sku": sku}] if sku in outer.products else []
                    )
                    return self._answer(200, found)
                if outer.lookup_answer is not None:
                    return self._raw(200, *outer.lookup_answer)
                with outer.lock:
                    orders = list(outer.orders.items())
                if outer.kind == "woocommerce":
                    term = query.get("search", [""])[0]
                    return self._answer(
                        200,
                        [
                            {"id": i, "meta_data": o["meta_data"]}
                            for i, o in orders
                            if any(m["value"] == term for m in o["meta_data"])
                        ],
                    )
                assert query.get("status") == ["any"]
                return self._answer(
                    200,
                    {
                        "orders": [
                            {"id": i, "source_identifier": o["source_identifier"]}
                            for i, o in orders
                        ]
                    },
                )

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))  # even if refused
                if not self._authorised():
                    return
                body = json.loads(raw)
                if outer.kind == "woocommerce":
                    assert urlsplit(self.path).path == "/wp-json/wc/v3/orders"
                    order = body
                    assert order["payment_method"] == "cod" and order["set_paid"] is False
                    assert order["line_items"] and order["billing"]["country"] == "VN"
                    for item in order["line_items"]:
                        assert isinstance(item["quantity"], int) and item["quantity"] > 0
                    ref = next(
                        m["value"] for m in order["meta_data"] if m["key"] == "livehelper_ref"
                    )
                else:
                    assert urlsplit(self.path).path.endswith("orders.json")
                    order = body["order"]
                    assert order["line_items"] and order["financial_status"] == "pending"
                    for item in order["line_items"]:
                        assert isinstance(item["quantity"], int) and item["quantity"] > 0
                        assert item["price"].isdigit()
                    assert order["shipping_address"]["country_code"] == "VN"
                    ref = order["source_identifier"]
                answers = outer.plan.get(ref, [])
                answer = answers.pop(0) if answers else 201
                if answer == "slow":
                    remote = self._create(order)
                    time.sleep(1.5)
                    return self._answer(201, self._created(remote))
                if answer == 201:
                    return self._answer(201, self._created(self._create(order)))
                return self._answer(answer, {"errors": {"base": ["as planned"]}})

            def _create(self, order: dict[str, Any]) -> int:
                with outer.lock:
                    remote = 9000 + len(outer.orders) + 1
                    outer.orders[remote] = order
                return remote

            def _created(self, remote: int) -> dict[str, Any]:
                return {"id": remote} if outer.kind == "woocommerce" else {"order": {"id": remote}}

            def _answer(self, status: int, body: Any) -> None:
                self._raw(status, "application/json", json.dumps(body).encode())

            def _raw(self, status: int, content_type: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):  # a client that gave up ("slow")
                    self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = {
            "shopify": base + "/admin/api/2024-10/orders.json",
            "haravan": base + "/com/orders.json",
            "woocommerce": base,
        }[kind]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def references(self) -> list[str]:
        with self.lock:
            orders = list(self.orders.values())
        if self.kind == "woocommerce":
            return [
                next(m["value"] for m in o["meta_data"] if m["key"] == "livehelper_ref")
                for o in orders
            ]
        return [o["source_identifier"] for o in orders]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
