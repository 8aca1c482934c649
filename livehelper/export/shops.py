"""Which shop API an order goes to: the one place the CLI and the window build a
destination (and how to read the remote id from its answer)."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from livehelper.errors import UsageError
from livehelper.export.remote import Destination, Outcome, json_id, judge
from livehelper.export.shopify import ShopifyStyle
from livehelper.export.woocommerce import WooCommerce

SHOPS = ("shopify", "woocommerce")


def default_auth(url: str) -> str:
    """How a Shopify-style shop takes its token when nobody says: Haravan's API wants
    a bearer token, Shopify its own header."""
    return "bearer" if "haravan" in url else "shopify"


def shop_destination(
    kind: str, url: str, token: str, secret: str = "", auth: str | None = None
) -> tuple[Destination, Callable[[httpx.Response], Outcome]]:
    """``kind`` "shopify": ``token`` (or key:secret with auth "basic"); "woocommerce":
    ``token`` is the consumer key and ``secret`` the consumer secret."""
    if kind == "shopify":
        remote_id = json_id("order", "id")
        return ShopifyStyle(url, token, auth or default_auth(url)), lambda r: judge(r, remote_id)
    if kind == "woocommerce":
        remote_id = json_id("id")
        return WooCommerce(url, token, secret), lambda r: judge(r, remote_id)
    raise UsageError(f"not a shop: {kind}")
