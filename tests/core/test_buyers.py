"""Buyers across shows and platforms, on real SQLite and PostgreSQL: merging accounts
by phone (when an assistant agrees), history with delivered/returned counts, and the
"bom hàng" flag warning on the next claim."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from livehelper.model import ClaimStatus, IncomingComment, Outcome
from livehelper.store import Store
from tests.core.test_store import ingest
from tests.helpers import DEMO_CATALOGUE, run_cli


def _say(platform: str, user: str, name: str, mid: str, text: str) -> IncomingComment:
    return IncomingComment(platform, mid, user, name, text, datetime.now(UTC))


def _show_with_orders(store: Store) -> tuple[int, int, int, int]:
    """Lan buys on TikTok in one show and on Facebook in the next, same phone."""
    first = store.start_session("Thứ bảy")
    store.feature(first.id, "KS")
    (tiktok,) = ingest(
        store, first.id, _say("tiktok", "lan99", "Chị Lan", "t1", "chốt 2kg 0912345678")
    ).claims
    store.decide([tiktok.id], ClaimStatus.CONFIRMED)
    store.end_session(first.id)
    second = store.start_session("Chủ nhật")
    store.feature(second.id, "NA")
    (facebook,) = ingest(
        store,
        second.id,
        _say("facebook", "fb-123", "Lan Nguyễn", "f1", "lấy 1 hộp, sdt 0912 345 678"),
    ).claims
    store.decide([facebook.id], ClaimStatus.CONFIRMED)
    return first.id, second.id, tiktok.buyer_id, facebook.buyer_id


def test_accounts_sharing_a_phone_are_suggested_and_merged(demo_store: Store) -> None:
    _s1, s2, tiktok, facebook = _show_with_orders(demo_store)
    ((phone, found),) = demo_store.merge_suggestions()
    assert phone == "0912345678" and {b.id for b in found} == {tiktok, facebook}
    card = demo_store.buyer_card(tiktok)
    assert [b.id for b in card.same_phone] == [facebook]  # not merged until agreed
    assert len(card.orders) == 1

    merged = demo_store.merge_buyers(tiktok, facebook)
    assert {a.id for a in merged.accounts} == {tiktok, facebook}
    assert merged.same_phone == () and demo_store.merge_suggestions() == []
    assert [(o.session_name, o.total) for o in merged.orders] == [
        ("Thứ bảy", 70_000),
        ("Chủ nhật", 120_000),
    ]
    assert demo_store.buyer_card(facebook).person.id == tiktok  # either account, one person
    demo_store.merge_buyers(facebook, tiktok)  # already one person: nothing changes
    assert demo_store.buyer(facebook).person_id == tiktok
    del s2


def test_a_returned_parcel_flags_the_buyer_and_their_next_claim(demo_store: Store) -> None:
    _s1, s2, tiktok, facebook = _show_with_orders(demo_store)
    demo_store.merge_buyers(tiktok, facebook)
    orders = demo_store.buyer_card(tiktok).orders
    demo_store.set_outcome(orders[0].order_id, Outcome.DELIVERED)
    demo_store.set_outcome(orders[1].order_id, Outcome.RETURNED)  # refused on delivery
    card = demo_store.buyer_card(facebook)
    assert (card.delivered, card.returned, card.person.flagged) == (1, 1, True)

    (again,) = ingest(demo_store, s2, _say("tiktok", "lan99", "Chị Lan", "t9", "chốt 1kg")).claims
    assert again.buyer_flagged
    assert demo_store.claim(again.id).buyer_flagged
    # a new account giving the flagged phone is warned about too
    (stranger,) = ingest(
        demo_store, s2, _say("youtube", "yt-7", "Lan mới", "y1", "lấy 2 hộp 0912.345.678")
    ).claims
    assert stranger.buyer_flagged
    (other,) = ingest(demo_store, s2, _say("tiktok", "hoa", "Cô Hoa", "h1", "chốt 1 hộp")).claims
    assert not other.buyer_flagged

    demo_store.update_buyer(tiktok, flagged=False, address="Bản Hon, Tam Đường, Lai Châu")
    assert not demo_store.claim(again.id).buyer_flagged
    assert demo_store.buyer_card(facebook).person.address == "Bản Hon, Tam Đường, Lai Châu"


def test_buyers_from_the_command_line(db: str) -> None:
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    lines = [
        {"id": "a", "user_id": "lan", "user_name": "Chị Lan", "text": "chốt 2kg 0912345678"},
        {"id": "b", "user_id": "lan2", "user_name": "Lan", "text": "chốt 1kg 0912345678"},
    ]
    run_cli("ingest", "--session", session, input_text="\n".join(map(json.dumps, lines)), db=db)
    claims = json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)
    run_cli("queue", "confirm", str(claims[0]["id"]), db=db)
    (suggested,) = json.loads(run_cli("buyers", "suggest", "--json", db=db).stdout)
    keep, other = (b["id"] for b in suggested["buyers"])
    card = json.loads(run_cli("buyers", "merge", str(keep), str(other), "--json", db=db).stdout)
    assert len(card["accounts"]) == 2 and card["orders"][0]["total"] == 70_000
    run_cli("orders", "outcome", str(card["orders"][0]["order_id"]), "returned", db=db)
    card = json.loads(run_cli("buyers", "show", str(other), "--json", db=db).stdout)
    assert card["flagged"] and card["returned"] == 1
    claims = json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)
    assert all(c["buyer_flagged"] for c in claims)
    shown = run_cli("buyers", "set", str(keep), "--unflag", "--note", "gọi trước khi giao", db=db)
    assert "gọi trước khi giao" in shown.stdout and "BOM HÀNG" not in shown.stdout
    assert "Chị Lan" in run_cli("buyers", "find", "0912", db=db).stdout
