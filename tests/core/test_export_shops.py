"""Shop exporters (Shopify-style Admin REST — Shopify, Haravan — and WooCommerce REST
v3) against local servers speaking those APIs (tests/fakes/shop_servers.py says why they
are stand-ins), on real SQLite and PostgreSQL: nothing is created twice, orders the
check holds back are not sent, a failed run resumes, credentials are kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from livehelper.export.remote import json_id, judge, send_orders
from livehelper.export.shopify import ShopifyStyle
from livehelper.export.shops import shop_destination
from livehelper.export.validate import held_orders, validate
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.store import Store
from tests.core.test_store import ingest
from tests.fakes.shop_servers import ShopServer
from tests.helpers import DEMO_CATALOGUE, run_cli

ADDRESSES = {
    "Chị Lan": "Bản Hon, xã Tam Đường, Lai Châu",
    "Cô Hoa": "thôn Nà Pàn, xã Chi Lăng, Lạng Sơn",
    "Anh Tú": "12 Nguyễn Trãi, Thanh Xuân, Hà Nội",
}


def show(store: Store) -> int:
    """Four buyers: three with an address and a phone, one with neither (held back)."""
    session = store.start_session("shop export")
    store.feature(session.id, "KS")
    said = [
        ("lan", "Chị Lan", "chốt 1,5kg 0912345678"),
        ("hoa", "Cô Hoa", "lấy 2kg và 1 hộp na 0987654321"),
        ("tu", "Anh Tú", "chốt 3kg 0901234567"),
        ("x", "Khách lạ", "chốt 1kg"),
    ]
    comments = [
        IncomingComment("tiktok", f"s{i}", user, name, text, datetime.now(UTC))
        for i, (user, name, text) in enumerate(said)
    ]
    claims = ingest(store, session.id, *comments).claims
    store.decide([c.id for c in claims], ClaimStatus.CONFIRMED)
    for claim in claims:
        if claim.buyer_name in ADDRESSES:
            store.update_buyer(claim.buyer_id, address=ADDRESSES[claim.buyer_name])
    return session.id


@pytest.fixture(params=["shopify", "haravan", "woocommerce"])
def shop(request: pytest.FixtureRequest) -> Iterator[ShopServer]:
    server = ShopServer(request.param)
    yield server
    server.stop()


def destination(shop: ShopServer):  # type: ignore[no-untyped-def]
    """The destination as the CLI and the window build it for this shop."""
    kind = "woocommerce" if shop.kind == "woocommerce" else "shopify"
    if kind == "woocommerce":
        return shop_destination(kind, shop.url, shop.key, shop.secret)
    # the stand-in's address has no "haravan" in it: say how Haravan takes its token
    return shop_destination(
        kind, shop.url, shop.token, auth="bearer" if shop.kind == "haravan" else None
    )


def test_each_order_once_held_ones_not_at_all_and_a_failed_run_resumes(
    demo_store: Store, shop: ShopServer
) -> None:
    session = show(demo_store)
    orders = {o.buyer_name: o for o in demo_store.orders(session)}
    hold = held_orders(validate(demo_store, session, list(orders.values())))
    assert hold == {orders["Khách lạ"].id}  # no phone, no address
    ref = {name: f"LH{session}-{o.id}" for name, o in orders.items()}
    # Lan: two 500s then created; Hoa: refused (422, needs a human); Tú: created, but the
    # answer came after the client gave up — the retry must find it, not make a second
    shop.plan = {ref["Chị Lan"]: [500, 500], ref["Cô Hoa"]: [422], ref["Anh Tú"]: ["slow"]}
    to, judge_answer = destination(shop)
    with httpx.Client(timeout=0.5) as impatient:
        first = send_orders(
            demo_store, session, to, judge_answer, hold=hold,
            client=impatient, pause=lambda _s: None,
        )  # fmt: skip
    assert (first.sent, first.skipped, first.failed, first.held) == (1, 1, 1, 1)
    assert sorted(shop.references()) == sorted([ref["Chị Lan"], ref["Anh Tú"]])
    again = send_orders(demo_store, session, to, judge_answer, hold=hold)
    assert (again.sent, again.skipped, again.failed, again.held) == (1, 2, 0, 1)  # Hoa now
    assert sorted(shop.references()) == sorted(ref[n] for n in ("Chị Lan", "Cô Hoa", "Anh Tú"))
    assert len(shop.references()) == len(set(shop.references()))  # none twice
    history = demo_store.batches(session)
    assert [(b["sent"], b["failed"], b["held"]) for b in history] == [(1, 1, 1), (1, 0, 1)]
    assert all(b["finished_at"] for b in history)

    lan = next(o for o in shop.orders.values() if _ref(o, shop) == ref["Chị Lan"])
    if shop.kind == "woocommerce":
        (item,) = lan["line_items"]
        assert item["product_id"] == 501 and item["quantity"] == 1 and item["total"] == "52500"
        assert (
            lan["billing"]["phone"] == "+84912345678" and lan["billing"]["state"] == "Tỉnh Lai Châu"
        )
    else:
        (item,) = lan["line_items"]
        # 1,5 kg cannot be a quantity: one item of the line's total, the amount in its name
        assert (item["quantity"], item["price"], item["sku"]) == (1, "52500", "KS")
        assert "1,5 kg" in item["title"]
        assert lan["shipping_address"]["province"] == "Tỉnh Lai Châu"
        assert lan["shipping_address"]["phone"] == "+84912345678"


def _ref(order: dict, shop: ShopServer) -> str:  # type: ignore[type-arg]
    if shop.kind == "woocommerce":
        return next(m["value"] for m in order["meta_data"] if m["key"] == "livehelper_ref")
    return str(order["source_identifier"])


@pytest.mark.parametrize(
    "answer",
    [
        ("text/html", b"<html><body>Login</body></html>"),
        ("application/json", b'"maintenance"'),
        ("application/json", b'[1, "x", null]'),
        ("application/json", b'{"orders": "none"}'),
    ],
)
def test_an_unreadable_look_up_fails_only_that_order(
    demo_store: Store, shop: ShopServer, answer: tuple[str, bytes]
) -> None:
    """The look-up before a retry gets something that is not the API: whether the
    first try arrived is unknown, so that order is failed with a message (never sent
    twice) and the others are sent."""
    session = show(demo_store)
    orders = {o.buyer_name: o for o in demo_store.orders(session)}
    shop.plan = {f"LH{session}-{orders['Chị Lan'].id}": [500]}
    shop.lookup_answer = answer
    to, judge_answer = destination(shop)
    result = send_orders(demo_store, session, to, judge_answer, pause=lambda _s: None)
    assert (result.sent, result.failed) == (3, 1)
    (problem,) = result.problems
    assert f"order {orders['Chị Lan'].id}" in problem and "not what its API sends" in problem
    assert all(b["finished_at"] for b in demo_store.batches(session))


def test_a_shop_that_already_has_the_order_answers_409(demo_store: Store) -> None:
    shop = ShopServer("woocommerce")
    try:
        session = show(demo_store)
        orders = demo_store.orders(session)
        shop.plan = {f"LH{session}-{orders[0].id}": [409]}
        to, judge_answer = destination(shop)
        result = send_orders(demo_store, session, to, judge_answer)
        assert (result.sent, result.skipped, result.failed) == (3, 1, 0)
        assert orders[0].id in demo_store.exported(to.target, [orders[0].id])  # never again
    finally:
        shop.stop()


def test_a_wrong_token_is_reported_and_nothing_is_recorded(demo_store: Store) -> None:
    shop = ShopServer("shopify")
    try:
        session = show(demo_store)
        wrong = ShopifyStyle(shop.url, "not-the-token")
        result = send_orders(demo_store, session, wrong, lambda r: judge(r, json_id("order", "id")))
        assert result.failed == 4 and "HTTP 401" in result.problems[0]
        assert shop.refused_auth == 4 and shop.orders == {}
        assert demo_store.exported(wrong.target, [o.id for o in demo_store.orders(session)]) == {}
    finally:
        shop.stop()


def test_shop_export_from_the_cli_keeps_the_token(db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shop = ShopServer("shopify")
    try:
        run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
        store = Store.open(db)
        try:
            session = show(store)
        finally:
            store.close()
        base = ["export", "--session", str(session), "--to", "shopify", "--url", shop.url]
        preview = json.loads(run_cli(*base, "--token", shop.token, "--preview", db=db).stdout)
        assert preview["orders"] == 4 and len(preview["held"]) == 1 and shop.orders == {}
        done = run_cli(*base, "--token", shop.token, "--save-credentials", "--json", db=db)
        summary = json.loads(done.stdout)
        assert (summary["sent"], summary["held"], summary["failed"]) == (3, 1, 0)
        assert "not sent (fix it, or --force)" in done.stderr
        assert "credentials kept in" in done.stderr
        # next time the saved token is used; the held order goes only when forced
        forced = json.loads(run_cli(*base, "--force", db=db).stdout)
        assert (forced["sent"], forced["skipped"]) == (1, 3)
        assert len(shop.orders) == 4
        history = json.loads(
            run_cli("export", "--session", str(session), "--history", db=db).stdout
        )
        assert [b["target"] for b in history] == [f"shopify:{shop.url}"] * 2
    finally:
        shop.stop()


def test_fractional_and_whole_lines() -> None:
    from livehelper.export.lines import api_lines
    from livehelper.model import LineItem

    lines = api_lines(
        (
            LineItem("KS", "Khoai sâm", "kg", Decimal("1.5"), 35000),
            LineItem("NA", "Na", "hộp", Decimal(2), 120000),
        )
    )
    assert [(x.title, x.quantity, x.unit_price) for x in lines] == [
        ("Khoai sâm (1,5 kg)", 1, 52500),
        ("Na", 2, 120000),
    ]
