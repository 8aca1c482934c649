"""A finished show becomes labelled data: each comment labelled by what the assistants
decided (confirmed goods with corrected quantities, claims made by hand, rejections,
cancels carried out), the rest marked as the reader's own reading."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from livehelper import show_labels
from livehelper.comments.parser import parser_for
from livehelper.model import ClaimStatus, IncomingComment, ParsedItem
from livehelper.store import Store
from tests.helpers import run_cli

SAID = [  # (buyer, text)
    ("u1", "chốt 2kg"),
    ("u2", "lấy 3 hộp na"),
    ("u3", "chốt 1kg"),
    ("u4", "để phần em khoai nhé"),  # the reader misses it; an assistant makes the claim
    ("u5", "chốt 1kg"),
    ("u6", "đẹp quá"),
    ("u7", "chốt 1kg"),
    ("u5", "huỷ đơn nhé"),
]


def _show(store: Store) -> tuple[int, dict[str, int]]:
    """The show above, decided as an assistant would; comment ids by 'buyer:text'."""
    session = store.start_session("labels")
    store.feature(session.id, "KS")
    now = datetime.now(UTC)
    incoming = [
        IncomingComment("tiktok", f"m{i}", user, user, text, now)
        for i, (user, text) in enumerate(SAID)
    ]
    result = store.ingest(session.id, incoming, parser_for(store.products()).parse)
    ids = {f"{c.user_id}:{c.text}": c.id for c in result.comments}
    claim_of = {c.comment_id: c.id for c in result.claims}
    confirm = [claim_of[ids["u1:chốt 2kg"]], claim_of[ids["u2:lấy 3 hộp na"]]]
    store.set_quantity(confirm[1], "NA", Decimal(2))  # the buyer meant two boxes
    by_hand = store.claim_comment(ids["u4:để phần em khoai nhé"], [ParsedItem("KS", Decimal(1))])
    store.decide([*confirm, by_hand.id], ClaimStatus.CONFIRMED, "lan")
    store.decide([claim_of[ids["u3:chốt 1kg"]]], ClaimStatus.REJECTED, "lan")
    store.decide([claim_of[ids["u5:chốt 1kg"]]], ClaimStatus.CANCELLED, "lan")  # she cancelled
    return session.id, ids


def test_each_comment_is_labelled_by_what_the_assistants_decided(demo_store: Store) -> None:
    session_id, ids = _show(demo_store)
    got = {
        x.comment.id: (x.intent.value, x.items, x.by, x.decision)
        for x in show_labels.session_labels(demo_store, session_id)
    }
    assert got == {
        ids["u1:chốt 2kg"]: ("order", (("KS", Decimal(2)),), "assistant", "confirmed"),
        ids["u2:lấy 3 hộp na"]: ("order", (("NA", Decimal(2)),), "assistant", "confirmed"),
        ids["u3:chốt 1kg"]: ("other", (), "assistant", "rejected"),
        ids["u4:để phần em khoai nhé"]: ("order", (("KS", Decimal(1)),), "assistant", "added"),
        ids["u5:chốt 1kg"]: ("order", (("KS", Decimal(1)),), "assistant", "cancelled"),
        ids["u6:đẹp quá"]: ("other", (), "reader", "none"),
        ids["u7:chốt 1kg"]: ("order", (("KS", Decimal(1)),), "reader", "pending"),
        ids["u5:huỷ đơn nhé"]: ("cancel", (), "assistant", "cancel"),
    }


def test_a_cancel_nobody_carried_out_is_only_the_readers(demo_store: Store) -> None:
    session = demo_store.start_session("labels")
    demo_store.feature(session.id, "KS")
    now = datetime.now(UTC)
    said = [IncomingComment("tiktok", f"c{i}", "u1", "Mai", t, now) for i, t in enumerate(
        ["chốt 1kg", "huỷ đơn nhé"])]  # fmt: skip
    result = demo_store.ingest(session.id, said, parser_for(demo_store.products()).parse)
    demo_store.decide([result.claims[0].id], ClaimStatus.CONFIRMED, "lan")  # she kept it
    labels = show_labels.session_labels(demo_store, session.id)
    assert [(x.intent.value, x.by) for x in labels] == [
        ("order", "assistant"),
        ("cancel", "reader"),
    ]


def test_evaluate_scores_a_show_and_exports_it_to_score_on_later(
    demo_store: Store, db: str, tmp_path: Path
) -> None:
    session_id, ids = _show(demo_store)
    out = tmp_path / "show.jsonl"
    summary = json.loads(
        run_cli(
            "evaluate", "--session", str(session_id), "--export", str(out), "--mistakes", db=db
        ).stdout.splitlines()[0]
    )
    # six comments decided, two left as read; today's reader misses the one made by
    # hand and reads the rejected and the corrected ones as they were written
    assert summary["session"] == session_id
    assert (summary["decided"], summary["unreviewed"]) == (6, 2)
    assert summary["comments"] == 6 and summary["cancel_recall"] == 1.0
    mistakes = {json.loads(line)["id"] for line in run_cli(
        "evaluate", "--session", str(session_id), "--mistakes", db=db).stdout.splitlines()[1:]}  # fmt: skip
    assert mistakes == {f"s{session_id}-c{ids[k]}" for k in (
        "u2:lấy 3 hộp na", "u3:chốt 1kg", "u4:để phần em khoai nhé")}  # fmt: skip
    assert summary["exported"] == str(out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(SAID)
    corrected = next(x for x in lines if x["text"] == "lấy 3 hộp na")
    assert corrected["items"] == [{"code": "NA", "qty": 2}] and corrected["featured"] == "KS"
    assert corrected["by"] == "assistant" and corrected["intent"] == "order"
    # the file and its catalogue are a corpus like any other
    catalogue = tmp_path / "show.catalogue.csv"
    assert Path(summary["catalogue"]) == catalogue
    again = json.loads(
        run_cli("evaluate", "--catalog", str(catalogue), str(out)).stdout.splitlines()[0]
    )
    assert again["comments"] == len(SAID)
    assert again["item_recall"] < 1.0  # the claim made by hand is still missed


def test_evaluate_says_what_it_needs() -> None:
    alone = run_cli("evaluate", "--export", "x.jsonl", check=False)
    assert alone.returncode == 2 and "--session" in alone.stderr
    nothing = run_cli("evaluate", check=False)
    assert nothing.returncode == 2 and "--catalog" in nothing.stderr
