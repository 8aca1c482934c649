"""Nothing slips through the assistant's hands (issue: the assistant's loop), on both
databases: a comment the reader missed becomes a claim for its own buyer, the comments
that may be orders are listed, and the assistant's last decision can be undone — unless
another laptop changed it since."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from livehelper.comments.parser import parser_for
from livehelper.errors import InvalidTransition, UsageError
from livehelper.model import ClaimStatus, IncomingComment, ParsedItem, Step, StepKind
from tests.helpers import run_cli


def _comment(n: int, text: str, user: str | None = None) -> IncomingComment:
    return IncomingComment(
        "tiktok", f"m{n}", user or f"u{n}", f"Khách {n}", text, datetime.now(UTC)
    )


def _show(store, *texts: str):  # type: ignore[no-untyped-def]
    session = store.start_session("tối nay")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    result = store.ingest(session.id, [_comment(n, t) for n, t in enumerate(texts)], parse)
    return session, result


def _product(store, code: str):  # type: ignore[no-untyped-def]
    return next(p for p in store.products() if p.code == code)


# ------------------------------------------------------------------ feed -> claim
def test_a_missed_comment_becomes_a_claim_for_its_own_buyer(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session, result = _show(store, "chốt 2kg", "em 2 hũ mật nhé 0912 345 678 ạ?", "đẹp quá")
    missed = result.comments[1]
    assert missed.claim_id is None and missed.suspect  # the phone, the quantity
    assert not result.comments[2].suspect and result.comments[0].claim_id is not None
    left = _product(store, "MO").stock
    claim = store.claim_comment(missed.id, [ParsedItem("mo", Decimal(2))])
    assert claim.buyer_id == missed.buyer_id  # the commenter's account, not a new buyer
    assert claim.comment_id == missed.id and claim.phone == "0912345678"
    assert [(i.code, i.qty) for i in claim.items] == [("MO", Decimal(2))]
    assert claim.status is ClaimStatus.PENDING and claim.reserved_at is not None
    assert _product(store, "MO").stock == left  # held, not sold
    listed = {c.id: c for c in store.comments(session.id)}
    assert listed[missed.id].claim_id == claim.id and not listed[missed.id].suspect
    with pytest.raises(InvalidTransition, match=f"already has claim {claim.id}"):
        store.claim_comment(missed.id, [ParsedItem("MO", Decimal(1))])
    with pytest.raises(UsageError, match="no product with code ZZ"):
        store.claim_comment(result.comments[2].id, [ParsedItem("ZZ", Decimal(1))])


def test_which_comments_are_suspects(demo_store) -> None:  # type: ignore[no-untyped-def]
    texts = {
        "mua 3kg có bớt không c": True,  # a question around an order word and a quantity
        "0987654321": True,  # a phone alone
        "mật ong còn không": True,  # a product
        "đẹp quá": False,
        "huỷ đơn nhé": False,  # a cancel is not a missed order
        "chốt 2kg": False,  # a claim came of it
    }
    _session, result = _show(demo_store, *texts)
    assert {c.text: c.suspect for c in result.comments} == texts


def test_the_feed_reads_pages_of_a_long_show(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    texts = [("0912 345 678" if n % 10 == 3 else "đẹp quá") for n in range(60)]
    session, result = _show(store, *texts)
    ids = [c.id for c in result.comments]
    newest = store.comments(session.id, limit=20, newest=True)
    assert [c.id for c in newest] == ids[-20:]  # oldest first, the newest 20
    older = store.comments(session.id, limit=20, before_id=ids[-20])
    assert [c.id for c in older] == ids[-40:-20]
    assert [c.id for c in store.comments(session.id, ids[9], 20)] == ids[10:30]
    # the filter is the database's: every suspect of the show, the newest first held
    suspects = store.comments(session.id, limit=4, suspects=True, newest=True)
    assert [c.text for c in suspects] == ["0912 345 678"] * 4
    assert [c.id for c in suspects] == [i for i, t in zip(ids, texts, strict=True) if t[0] == "0"][
        -4:
    ]
    assert (
        store.comment_count(session.id, suspects=True) == 6
        and store.comment_count(session.id) == 60
    )
    store.claim_comment(suspects[-1].id, [ParsedItem("KS", Decimal(1))])
    assert store.comment_count(session.id, suspects=True) == 5  # a claim came of it


def test_the_cli_lists_suspects_and_adds_a_claim_from_one(demo_store, db) -> None:  # type: ignore[no-untyped-def]
    session, result = _show(demo_store, "chốt 2kg", "em 1 hũ mật nhé 0912345678 ạ?", "hay quá")
    missed = result.comments[1]
    everything = json.loads(
        run_cli("comments", "list", "--session", str(session.id), "--json", db=db).stdout
    )
    assert [c["id"] for c in everything] == [c.id for c in result.comments]
    assert set(everything[0]) >= {
        "id", "platform", "user_id", "user_name", "text", "intent", "claim_ids", "suspect", "at"
    }  # fmt: skip
    assert everything[0]["claim_ids"] == [result.claims[0].id]
    assert everything[1]["user_id"] == "u1" and everything[1]["suspect"] is True
    suspects = json.loads(
        run_cli(
            "comments", "list", "--session", str(session.id), "--suspect", "--json", db=db
        ).stdout
    )
    assert [c["id"] for c in suspects] == [missed.id]
    added = run_cli(
        "queue", "add", "--session", str(session.id), "--comment", str(missed.id),
        "--item", "MO=1", "--json", db=db,
    )  # fmt: skip
    claim = json.loads(added.stdout)
    listed = json.loads(
        run_cli("queue", "list", "--session", str(session.id), "--json", db=db).stdout
    )
    assert claim == next(c for c in listed if c["id"] == claim["id"])  # the queue list shape
    assert claim["buyer_id"] == missed.buyer_id and claim["items"][0]["code"] == "MO"
    again = run_cli(
        "queue",
        "add",
        "--session",
        str(session.id),
        "--comment",
        str(missed.id),
        db=db,
        check=False,
    )
    assert again.returncode != 0 and "already has claim" in again.stderr
    none_left = run_cli(
        "comments", "list", "--session", str(session.id), "--suspect", "--json", db=db
    )
    assert json.loads(none_left.stdout) == []


def test_queue_add_without_items_takes_what_the_reader_or_the_screen_says(demo_store, db) -> None:  # type: ignore[no-untyped-def]
    session, result = _show(demo_store, "mình 2kg nha, có ship Lai Châu k")
    added = run_cli(
        "queue", "add", "--session", str(session.id), "--comment", str(result.comments[0].id),
        "--json", db=db,
    )  # fmt: skip
    items = json.loads(added.stdout)["items"]
    assert [(i["code"], i["qty"]) for i in items] == [("KS", 2)]


# ---------------------------------------------------------------------------- undo
def test_undo_a_confirm_holds_the_goods_again_and_drops_an_empty_order(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session, result = _show(store, "chốt 2kg")
    before = _product(store, "KS")
    (decision,) = store.decide([result.claims[0].id], ClaimStatus.CONFIRMED, by="Lan")
    assert decision.claim is not None and store.orders(session.id)
    (back,) = store.undo(Step(StepKind.CONFIRM, decision.claim_id, decision.claim.decided_at))
    assert back.status is ClaimStatus.PENDING and back.reserved_at is not None
    assert store.orders(session.id) == []
    assert _product(store, "KS") == before  # on the shelf, held for the claim, as before
    (again,) = store.decide([back.id], ClaimStatus.CONFIRMED, by="Lan")
    assert again.ok


def test_undo_a_reject_puts_the_claim_back_in_line(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    _session, result = _show(store, "chốt 2kg")
    (decision,) = store.decide([result.claims[0].id], ClaimStatus.REJECTED, by="Lan")
    assert decision.claim is not None
    (back,) = store.undo(Step(StepKind.REJECT, decision.claim_id, decision.claim.decided_at))
    assert back.status is ClaimStatus.PENDING and back.reserved_at is not None


def test_undo_refuses_what_another_laptop_changed_since(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    _session, result = _show(store, "chốt 2kg")
    (decision,) = store.decide([result.claims[0].id], ClaimStatus.REJECTED, by="Lan")
    assert decision.claim is not None
    step = Step(StepKind.REJECT, decision.claim_id, decision.claim.decided_at)
    store.undo(step)
    store.decide([decision.claim_id], ClaimStatus.CONFIRMED, by="Mai")  # the other laptop
    with pytest.raises(InvalidTransition, match="changed since"):
        store.undo(step)


def test_undo_a_quantity_a_merge_and_a_replace(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session = store.start_session("tối nay")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    first = store.ingest(session.id, [_comment(1, "chốt 2kg", "lan")], parse).claims[0]
    store.set_quantity(first.id, "KS", Decimal(3))
    (back,) = store.undo(
        Step(StepKind.QUANTITY, first.id, code="KS", before=Decimal(2), after=Decimal(3))
    )
    assert back.items[0].qty == Decimal(2)

    honey = store.ingest(session.id, [_comment(2, "thêm 1 chai mật ong", "lan")], parse).claims[0]
    target = store.merge(honey.id, by="Lan")
    assert {i.code for i in target.items} == {"KS", "MO"}
    claim, target_back = store.undo(
        Step(StepKind.MERGE, honey.id, target_id=target.id, moved=(ParsedItem("MO", Decimal(1)),))
    )
    assert claim.status is ClaimStatus.PENDING and [i.code for i in claim.items] == ["MO"]
    assert [(i.code, i.qty) for i in target_back.items] == [("KS", Decimal(2))]

    later = store.ingest(session.id, [_comment(3, "chốt 5kg", "lan")], parse).claims[0]
    assert later.replaces_claim_id == first.id
    store.resolve_repeat(later.id, True, by="Lan")
    assert store.claim(first.id).status is ClaimStatus.CANCELLED
    asked, earlier = store.undo(Step(StepKind.REPLACE, later.id, earlier_id=first.id))
    assert asked.replaces_claim_id == first.id and asked.ambiguous
    assert earlier.status is ClaimStatus.PENDING


# ------------------------------------------------------------------ addresses
def test_an_address_a_buyer_writes_is_kept_on_the_buyer(demo_store, db) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session = store.start_session("tối nay")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    said = "chốt 2kg, gửi về thôn Nà Pàn, xã Chi Lăng, Lạng Sơn nhé 0912 345 678"
    claim = store.ingest(session.id, [_comment(1, said, "lan")], parse).claims[0]
    card = store.buyer_card(claim.buyer_id)
    assert card.person.address == "thôn Nà Pàn, xã Chi Lăng, Lạng Sơn"  # its phone left out
    store.decide([claim.id], ClaimStatus.CONFIRMED)
    orders = json.loads(
        run_cli("orders", "list", "--session", str(session.id), "--json", db=db).stdout
    )
    assert orders[0]["address"] == "thôn Nà Pàn, xã Chi Lăng, Lạng Sơn"
    # a later one the buyer writes replaces it …
    later = "à gửi về bản Hon, xã Bản Hon, Lai Châu giúp e"
    store.ingest(session.id, [_comment(2, later, "lan")], parse)
    assert store.buyer_card(claim.buyer_id).person.address == "bản Hon, xã Bản Hon, Lai Châu"
    # … but never one an assistant typed on the card
    store.update_buyer(claim.buyer_id, address="số 5 ngõ 3 Kim Mã, Ba Đình, Hà Nội")
    store.ingest(
        session.id, [_comment(3, "gửi về thôn Nà Pàn, xã Chi Lăng, Lạng Sơn", "lan")], parse
    )
    assert store.buyer_card(claim.buyer_id).person.address == "số 5 ngõ 3 Kim Mã, Ba Đình, Hà Nội"


def test_a_phone_an_assistant_typed_is_not_replaced_by_a_comment(demo_store) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    session = store.start_session("tối nay")
    store.feature(session.id, "KS")
    parse = parser_for(store.products()).parse
    claim = store.ingest(session.id, [_comment(1, "chốt 2kg 0912 345 678", "lan")], parse).claims[0]
    assert store.buyer_card(claim.buyer_id).person.phone == "0912345678"  # the buyer's own
    store.ingest(session.id, [_comment(2, "sđt mới 0987 654 321", "lan")], parse)
    assert store.buyer_card(claim.buyer_id).person.phone == "0987654321"  # a later one replaces
    store.update_buyer(claim.buyer_id, phone="0977111222")  # the assistant called her
    later = store.ingest(session.id, [_comment(3, "chốt 1kg 0912 345 678", "lan")], parse)
    assert store.buyer_card(claim.buyer_id).person.phone == "0977111222"
    assert later.claims[0].phone == "0912345678"  # the claim still shows what she wrote


def test_words_that_are_no_address_are_not_kept(demo_store) -> None:  # type: ignore[no-untyped-def]
    from livehelper.comments.addresses import address_in

    assert address_in("mua ở đâu vậy shop") is None
    assert address_in("ship về Hà Nội được không") is None  # a city is no delivery address
    assert address_in("chốt 2kg") is None
