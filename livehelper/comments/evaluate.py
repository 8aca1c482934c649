"""Score the comment reader against a labelled corpus (JSONL).

Each line: ``{"id", "text", "featured", "intent", "items": [{"code", "qty"}], "phone"}``.
Metrics (the targets of issue #3):
  * order-item F1: an item counts when code and quantity are both right;
  * intent accuracy; cancel recall; phone accuracy (right phone or rightly none);
  * the silent error rate: comments read wrong *without* being flagged unsure (those an
    assistant would not look at twice), the costliest kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from livehelper.comments.parser import Parser


@dataclass
class Score:
    comments: int = 0
    intent_right: int = 0
    cancels: int = 0
    cancels_found: int = 0
    phones_right: int = 0
    items_gold: int = 0
    items_predicted: int = 0
    items_right: int = 0
    silent: int = 0
    mistakes: list[dict[str, Any]] = field(default_factory=list)
    # per rule, the comments it read and how many of them right (confidence.py)
    rules: dict[str, tuple[int, int]] = field(default_factory=dict)

    def figures(self) -> dict[str, float | int]:
        precision = self.items_right / self.items_predicted if self.items_predicted else 1.0
        recall = self.items_right / self.items_gold if self.items_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "comments": self.comments,
            "item_precision": round(precision, 4),
            "item_recall": round(recall, 4),
            "item_f1": round(f1, 4),
            "intent_accuracy": round(self.intent_right / self.comments, 4) if self.comments else 0,
            "cancel_recall": round(self.cancels_found / self.cancels, 4) if self.cancels else 1.0,
            "phone_accuracy": round(self.phones_right / self.comments, 4) if self.comments else 0,
            "silent_error_rate": round(self.silent / self.comments, 4) if self.comments else 0,
        }


def _items(items: Iterable[dict[str, Any]]) -> set[tuple[str, Decimal]]:
    return {(str(i["code"]).upper(), Decimal(str(i["qty"])).normalize()) for i in items}


def evaluate(parser: Parser, lines: Iterable[dict[str, Any]]) -> Score:
    score = Score()
    for gold in lines:
        result = parser.parse(gold["text"], gold.get("featured"))
        got = _items({"code": i.code, "qty": i.qty} for i in result.items)
        want = _items(gold.get("items", ()))
        score.comments += 1
        score.intent_right += result.intent.value == gold["intent"]
        if gold["intent"] == "cancel":
            score.cancels += 1
            score.cancels_found += result.intent.value == "cancel"
        score.phones_right += result.phone == gold.get("phone")
        score.items_gold += len(want)
        score.items_predicted += len(got)
        score.items_right += len(got & want)
        right = (
            got == want
            and result.intent.value == gold["intent"]
            and result.phone == gold.get("phone")
        )
        seen, rule_right = score.rules.get(result.rule, (0, 0))
        score.rules[result.rule] = (seen + 1, rule_right + right)
        if not right:
            score.silent += not result.ambiguous
            score.mistakes.append(
                {
                    "id": gold.get("id"),
                    "text": gold["text"],
                    "featured": gold.get("featured"),
                    "want": [
                        gold["intent"],
                        sorted((c, str(q)) for c, q in want),
                        gold.get("phone"),
                    ],
                    "got": [result.intent.value, sorted((c, str(q)) for c, q in got), result.phone],
                    "rule": result.rule,
                    "silent": not result.ambiguous,
                }
            )
    return score


def tally_rules(parser: Parser, lines: Iterable[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per rule, how many comments it read and how many of them right: intent, items
    and phone."""
    return evaluate(parser, lines).rules


def read_corpus(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        return [json.loads(line) for line in handle if line.strip()]
