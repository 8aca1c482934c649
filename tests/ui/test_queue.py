"""The queue, keyboard first: Enter, Delete, E, R, M, B; lanes, stock, other assistants."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QPushButton

from livehelper.model import ClaimStatus, IncomingComment, Intent
from livehelper.ui.main_window import MainWindow
from livehelper.ui.models import QueueModel, mask_phone
from tests.ui.window import _small_stock, comment


def test_claims_arrive_and_enter_confirms_then_selects_the_next(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    _url, store, _session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg", "Chị Lan"))
    pipeline.submit(comment(2, "giá bao nhiêu", "Tuấn"))
    pipeline.submit(comment(3, "lấy 3kg 0912 345 678", "Mẹ Bống"))
    qtbot.waitUntil(
        lambda: len(window.queue.rows) == 2 and len(window.feed.rows) == 3, timeout=5000
    )
    assert [c.intent for c in window.feed.rows] == [Intent.ORDER, Intent.OTHER, Intent.ORDER]
    assert window.queue.rows[1].phone == "0912345678"
    assert window.queue.data(window.queue.index(1, 4)) == "0912•••678"  # masked

    first = window.queue.rows[0]
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    assert store.claim(first.id).status is ClaimStatus.CONFIRMED
    assert window.queue_view.currentIndex().row() == 0  # the next claim is selected
    qtbot.waitUntil(lambda: len(window.orders.rows) == 1, timeout=5000)
    assert window.orders.rows[0].buyer_name == "Chị Lan" and window.orders.rows[0].total == 70000
    qtbot.waitUntil(
        lambda: next(p for p in window.products.rows if p.code == "KS").stock == Decimal(78)
    )
    assert "70.000₫" in window.counts_status.text()


def test_delete_rejects(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, _sid = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    claim = window.queue.rows[0]
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not window.queue.rows, timeout=5000)
    assert store.claim(claim.id).status is ClaimStatus.REJECTED


def test_e_edits_the_quantity(qtbot, window: MainWindow, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _url, store, _sid = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (2.5, True))
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.queue.rows[0].items[0].qty == Decimal("2.5"), timeout=5000)
    assert store.claim(window.queue.rows[0].id).items[0].qty == Decimal("2.5")


def test_duplicate_policy_in_the_queue(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    """Same buyer: the same order again adds nothing; a new quantity asks R (replace) or
    M (add); a cancel turns their claims red."""
    from livehelper.ui.models import CANCEL_BG

    pipeline = window.backend.pipeline
    assert pipeline is not None

    def lan(i: int, text: str) -> IncomingComment:
        return IncomingComment("tiktok", f"lan{i}", "lan", "Chị Lan", text, datetime.now(UTC))

    pipeline.submit(lan(1, "chốt 2kg"))
    pipeline.submit(lan(2, "chốt 2kg"))
    qtbot.waitUntil(lambda: len(window.feed.rows) == 2, timeout=5000)
    assert len(window.queue.rows) == 1  # said twice, one claim
    first = window.queue.rows[0]
    pipeline.submit(lan(3, "à chốt 3kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    second = window.queue.rows[1]
    assert second.replaces_claim_id == first.id
    assert f"#{first.id}" in window.queue.data(window.queue.index(1, 2))
    window.queue_view.setFocus()
    window.queue_view.selectRow(1)
    QTest.keyClick(window.queue_view, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: [c.id for c in window.queue.rows] == [second.id], timeout=5000)
    assert db[1].claim(first.id).status is ClaimStatus.CANCELLED

    pipeline.submit(lan(4, "huỷ đơn nhé"))
    qtbot.waitUntil(lambda: window.queue.rows[0].cancel_requested, timeout=5000)
    assert window.queue.data(window.queue.index(0, 2), Qt.ItemDataRole.BackgroundRole) == CANCEL_BG
    # the half-second follow-up of the queue may show the red row before the batch's own
    # message comes: wait for the message, not for a moment
    qtbot.waitUntil(lambda: "asked to cancel" in window.statusBar().currentMessage(), timeout=5000)


def test_the_window_follows_other_assistants(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    """Another laptop (here: the store from outside the window, as the CLI would)
    confirms a claim and adds one: the window shows both within about a second."""
    _url, store, session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg"))
    pipeline.submit(comment(2, "chốt 1kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    elsewhere = window.queue.rows[0].id
    store.decide([elsewhere], ClaimStatus.CONFIRMED, by="Lan (laptop 2)")
    qtbot.waitUntil(lambda: elsewhere not in {c.id for c in window.queue.rows}, timeout=3000)
    qtbot.waitUntil(lambda: len(window.orders.rows) == 1, timeout=3000)  # totals follow too
    from livehelper.comments.parser import parser_for

    typed = IncomingComment("manual", "x1", "ba", "Cô Ba", "2 hộp na", datetime.now(UTC))
    store.ingest(session_id, [typed], parser_for(store.products()).parse)
    qtbot.waitUntil(lambda: any(c.buyer_name == "Cô Ba" for c in window.queue.rows), timeout=3000)
    assert len({c.id for c in window.queue.rows}) == len(window.queue.rows)  # no doubles


def test_a_phone_is_revealed_by_a_click_and_masked_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]

    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg 0912 345 678"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    cell = window.queue.index(0, QueueModel.PHONE_COLUMN)
    assert window.queue.data(cell) == "0912•••678"
    rect = window.queue_view.visualRect(window.lanes.mapFromSource(cell))
    qtbot.mouseClick(window.queue_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.queue.data(cell) == "0912345678"
    qtbot.mouseClick(window.queue_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.queue.data(cell) == "0912•••678"


def test_mask_phone() -> None:
    assert mask_phone("0912345678") == "0912•••678"
    assert mask_phone(None) == "" and mask_phone("123") == "•••"


def test_claims_handled_by_another_assistant_are_marked(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, _session = db
    assert window.backend.pipeline is not None
    window.backend.pipeline.submit(comment(1, "chốt 2kg"))
    window.backend.pipeline.submit(comment(2, "chốt 1kg"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    mine, theirs = window.queue.rows[0].id, window.queue.rows[1].id
    qtbot.waitUntil(lambda: store.claim(mine).held_by == window.assistant.text(), timeout=3000)
    assert store.hold(theirs, "Lan (laptop 2)")
    qtbot.waitUntil(lambda: "Lan (laptop 2) is on it" in window.queue.data(window.queue.index(1, 2)), timeout=3000)  # fmt: skip
    assert "is on it" not in window.queue.data(window.queue.index(0, 2))  # its own: unmarked
    window.queue_view.selectRow(1)  # moving on releases the first one
    qtbot.waitUntil(lambda: store.claim(mine).held_by is None, timeout=3000)


def test_sold_out_claims_wait_in_their_lane_and_freed_stock_is_announced(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    _small_stock(store, session_id, 3)
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 3kg", name="Chị Lan"))
    pipeline.submit(comment(2, "chốt 2kg", name="Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    lan, hoa = window.queue.rows
    assert not lan.waitlisted and hoa.waitlisted
    assert "SOLD OUT, in line" in window.queue.data(window.queue.index(1, 2))
    ks = next(p for p in window.products.rows if p.code == "KS")
    qtbot.waitUntil(
        lambda: next(p for p in window.products.rows if p.code == "KS").sold_out, timeout=3000
    )
    assert "0 (+3)" in window.products.data(window.products.index(window.products.rows.index(next(p for p in window.products.rows if p.code == "KS")), 4))  # fmt: skip
    del ks

    # the waiting lane shows only Hoa; Enter there cannot sell what Lan holds
    window.lane_tabs.setCurrentIndex(2)
    assert window.lanes.rowCount() == 1 and window.lanes.claim_at(0).id == hoa.id
    assert "Waiting for stock (1)" in window.lane_tabs.tabText(2)
    window.lane_tabs.setCurrentIndex(0)

    # Lan's claim is rejected on another laptop: the window shows Hoa got the stock
    (rejected,) = store.decide([lan.id], ClaimStatus.REJECTED, by="laptop 2")
    assert rejected.offered == (hoa.id,)
    qtbot.waitUntil(lambda: [c.id for c in window.queue.rows] == [hoa.id], timeout=3000)
    qtbot.waitUntil(lambda: window.queue.rows[0].offered_at is not None, timeout=3000)
    assert "BACK IN STOCK" in window.queue.data(window.queue.index(0, 2))
    qtbot.waitUntil(lambda: "Cô Hoa" in window.banner.text(), timeout=3000)
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.claim(hoa.id).status is ClaimStatus.CONFIRMED, timeout=3000)


def test_a_buyer_named_like_html_stays_text_in_the_banner(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, session_id = db
    _small_stock(store, session_id, 3)
    pipeline = window.backend.pipeline
    assert pipeline is not None
    name = '<img src="x" width=4000 height=3000><b>Hoa</b>'
    pipeline.submit(comment(1, "chốt 3kg", name="Chị Lan"))
    pipeline.submit(comment(2, "chốt 2kg", name=name))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    lan = window.queue.rows[0]
    store.decide([lan.id], ClaimStatus.REJECTED, by="laptop 2")
    qtbot.waitUntil(lambda: "<img" in window.banner.text(), timeout=3000)
    assert window.banner.textFormat() == Qt.TextFormat.PlainText
    assert window.banner.sizeHint().height() < 300 and window.banner.sizeHint().width() < 1366


def test_the_unsure_lane_and_m_merges_a_buyers_claims(qtbot, window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    _url, store, _session = db
    pipeline = window.backend.pipeline
    assert pipeline is not None

    def lan(i: int, text: str) -> IncomingComment:
        return IncomingComment("tiktok", f"lan{i}", "lan", "Chị Lan", text, datetime.now(UTC))

    pipeline.submit(lan(1, "chốt 2kg"))
    pipeline.submit(lan(2, "à chốt 3kg"))  # a new quantity: replace or add?
    pipeline.submit(comment(9, "chốt 1kg", name="Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 3, timeout=5000)
    first, second, _hoa = window.queue.rows
    window.lane_tabs.setCurrentIndex(1)  # not sure: only the question
    assert [window.lanes.claim_at(r).id for r in range(window.lanes.rowCount())] == [second.id]
    window.queue_view.setFocus()
    window.queue_view.selectRow(0)
    QTest.keyClick(window.queue_view, Qt.Key.Key_M)  # merge: one claim of 5 kg
    qtbot.waitUntil(lambda: second.id not in {c.id for c in window.queue.rows}, timeout=3000)
    assert store.claim(second.id).status is ClaimStatus.MERGED
    merged = store.claim(first.id)
    assert merged.items[0].qty == 5
    qtbot.waitUntil(lambda: window.queue.rows[0].items[0].qty == 5, timeout=3000)
    assert window.lanes.rowCount() == 0  # nothing left to be unsure of


def test_a_flagged_buyer_is_warned_about_and_their_card_opens_with_b(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    from livehelper.model import Outcome
    from livehelper.ui.buyer_dialog import BuyerDialog
    from livehelper.ui.models import FLAGGED_FG

    _url, store, session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg 0912345678", name="Chị Lan"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 1, timeout=5000)
    first = window.queue.rows[0]
    store.decide([first.id], ClaimStatus.CONFIRMED)
    (order,) = store.orders(session_id)
    store.set_outcome(order.id, Outcome.RETURNED)  # refused the parcel
    # (done on "another laptop": a window reads who is flagged at most once a second)
    qtbot.wait(1100)
    # she comes back under another account with the same phone
    pipeline.submit(
        IncomingComment(
            "facebook", "f1", "fb-lan", "Lan Nguyễn", "lấy 1kg 0912345678", datetime.now(UTC)
        )
    )
    qtbot.waitUntil(
        lambda: any(c.buyer_name == "Lan Nguyễn" for c in window.queue.rows), timeout=5000
    )
    row = next(i for i, c in enumerate(window.queue.rows) if c.buyer_name == "Lan Nguyễn")
    assert window.queue.data(window.queue.index(row, 1)) == "⚠ Lan Nguyễn"
    assert (
        window.queue.data(window.queue.index(row, 1), Qt.ItemDataRole.ForegroundRole) == FLAGGED_FG
    )
    assert "bom hàng" in window.statusBar().currentMessage()

    window.queue_view.setFocus()
    window.queue_view.selectRow(row)
    QTest.keyClick(window.queue_view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.findChild(BuyerDialog) is not None, timeout=3000)
    dialog = window.findChild(BuyerDialog)
    assert dialog.phone.text() == "0912•••678"  # masked until asked
    dialog.reveal.click()
    assert dialog.phone.text() == "0912345678"
    (merge,) = [b for b in dialog.findChildren(QPushButton) if "merge into this buyer" in b.text()]
    merge.click()  # the assistant agrees: one person
    qtbot.waitUntil(lambda: len(dialog.card.accounts) == 2, timeout=3000)
    assert dialog.card.returned == 1 and dialog.flagged.isChecked()
    dialog.flagged.setChecked(False)  # the seller forgives her
    dialog.address.setText("Bản Hon, Tam Đường, Lai Châu")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog._save()
    qtbot.waitUntil(lambda: not window.queue.rows[row].buyer_flagged, timeout=3000)
    assert store.buyer_card(first.buyer_id).person.address == "Bản Hon, Tam Đường, Lai Châu"


def test_a_look_begun_before_a_decision_does_not_bring_the_claim_back(
    qtbot, window: MainWindow, db
) -> None:  # type: ignore[no-untyped-def]
    """Decisions run on their own worker (a key press does not wait behind the
    window's looking around), so a look at the database may come back after one:
    the claim it still shows as waiting, even changed, stays decided here."""
    import dataclasses

    from livehelper import show
    from livehelper.model import Expired

    _url, store, _session_id = db
    pipeline = window.backend.pipeline
    assert pipeline is not None
    pipeline.submit(comment(1, "chốt 2kg", "Chị Lan"))
    pipeline.submit(comment(2, "chốt 1kg", "Cô Hoa"))
    qtbot.waitUntil(lambda: len(window.queue.rows) == 2, timeout=5000)
    lan = next(c for c in window.queue.rows if c.buyer_name == "Chị Lan")
    stale = show.Followed(
        {c.id: None for c in window.queue.rows},
        [dataclasses.replace(lan, cancel_requested=True)],  # as read before the decision
        Expired((), ()),
    )
    window.queue_panel.select(lan.id)
    window.queue_panel.confirm()
    qtbot.waitUntil(lambda: window.queue.row_of_claim(lan.id) < 0, timeout=5000)
    window.queue_panel.follow(stale)
    assert window.queue.row_of_claim(lan.id) < 0
    assert store.claim(lan.id).status is ClaimStatus.CONFIRMED
    window.queue_panel.just_decided.forget([lan.id])  # undone: the database speaks again
    window.queue_panel.follow(stale)
    assert window.queue.row_of_claim(lan.id) >= 0
