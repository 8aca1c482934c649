"""A finished show's comments as a labelled corpus: what its assistants decided is the
answer the reader should have given, so a co-operative's own lives become test data
(``livehelper evaluate --session ID --export FILE.jsonl``).

A comment's label, from the claims the show ended with:

* its claim was confirmed, or later cancelled (a cancel is a comment of its own): an
  order for the claim's goods, with the quantities the assistant corrected; a claim an
  assistant made by hand from a comment the reader missed counts the same way;
* its claim was rejected: not an order;
* a cancel the assistants carried out (the buyer's earlier claim cancelled after the
  cancel came): a cancel;
* anything else is the reader's own reading, which nobody contradicted: kept, marked
  ``"by": "reader"``, and not scored (a still-waiting claim, a claim merged into
  another, whose goods moved, and every comment nobody acted on).

The lines are the ``evaluate`` corpus format plus ``by`` and ``decision``; the file
holds buyers' words and phones, so it stays with the shop.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from livehelper.model import Claim, ClaimStatus, Comment, Intent, Product
from livehelper.store import Store

ORDERED = (ClaimStatus.CONFIRMED, ClaimStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class Labelled:
    comment: Comment
    intent: Intent
    items: tuple[tuple[str, Decimal], ...]
    by: str  # "assistant" or "reader"
    decision: str  # confirmed, added, cancelled, rejected, cancel; pending, merged, none

    def line(self, session_id: int) -> dict[str, Any]:
        return {
            "id": f"s{session_id}-c{self.comment.id}",
            "text": self.comment.text,
            "featured": self.comment.featured_code,
            "intent": self.intent.value,
            "items": [{"code": code, "qty": _number(qty)} for code, qty in self.items],
            "phone": self.comment.phone,
            "by": self.by,
            "decision": self.decision,
            "rule": self.comment.rule,
        }


def label(comments: Sequence[Comment], claims: Iterable[Claim]) -> list[Labelled]:
    """Each comment with its label (module docstring), in the show's order."""
    claim_of = {c.comment_id: c for c in claims}
    carried_out = _cancels_carried_out(comments, claim_of.values())
    return [_labelled(c, claim_of.get(c.id), c.id in carried_out) for c in comments]


def _labelled(comment: Comment, claim: Claim | None, cancel_carried_out: bool) -> Labelled:
    if claim is not None and claim.status in ORDERED:
        goods = tuple((i.code, i.qty) for i in claim.items)
        if comment.intent is not Intent.ORDER:
            decision = "added"  # made by hand from a comment the reader missed
        elif claim.status is ClaimStatus.CANCELLED:
            decision = "cancelled"
        else:
            decision = "confirmed"
        return Labelled(comment, Intent.ORDER, goods, "assistant", decision)
    if claim is not None and claim.status is ClaimStatus.REJECTED:
        return Labelled(comment, Intent.OTHER, (), "assistant", "rejected")
    if cancel_carried_out:
        return Labelled(comment, Intent.CANCEL, (), "assistant", "cancel")
    if claim is not None:  # waiting, or merged: nobody said what it was worth
        goods = tuple((i.code, i.qty) for i in claim.items)
        return Labelled(comment, Intent.ORDER, goods, "reader", claim.status.value)
    return Labelled(comment, comment.intent, (), "reader", "none")


def _cancels_carried_out(comments: Sequence[Comment], claims: Iterable[Claim]) -> set[int]:
    """Cancel comments after which an assistant cancelled one of the buyer's claims
    that the cancel had flagged (an earlier one)."""
    cancelled: dict[int, list[int]] = {}
    for c in claims:
        if c.status is ClaimStatus.CANCELLED and c.cancel_requested:
            cancelled.setdefault(c.buyer_id, []).append(c.comment_id)
    return {
        c.id
        for c in comments
        if c.intent is Intent.CANCEL and any(e < c.id for e in cancelled.get(c.buyer_id, ()))
    }


def export(
    labelled: Sequence[Labelled], session_id: int, products: Iterable[Product], path: Path
) -> Path:
    """Write the show's labelled comments to ``path`` (JSONL) and its catalogue beside
    it (``<name>.catalogue.csv``, returned), which ``evaluate --catalog`` reads it with."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for item in labelled:
            out.write(json.dumps(item.line(session_id), ensure_ascii=False) + "\n")
    catalogue = path.with_name(f"{path.stem}.catalogue.csv")
    write_catalogue(products, catalogue)
    return catalogue


def session_labels(store: Store, session_id: int) -> list[Labelled]:
    comments = store.comments(session_id, limit=10**9)
    return label(comments, store.claims(session_id))


def write_catalogue(products: Iterable[Product], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "name", "price", "unit", "aliases"])
        for p in products:
            writer.writerow([p.code, p.name, p.price, p.unit, "|".join(p.aliases)])


def _number(qty: Decimal) -> int | float:
    return int(qty) if qty == qty.to_integral_value() else float(qty)
