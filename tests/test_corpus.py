"""The comment reader against the labelled sets in tests/data (targets of issue #3)."""

from __future__ import annotations

import pytest

from livehelper.catalogue import read_catalogue
from livehelper.comments.evaluate import evaluate, read_corpus
from livehelper.comments.parser import Parser
from tests.helpers import REPO

DATA = REPO / "tests" / "data"
TARGETS = {"item_f1": 0.97, "intent_accuracy": 0.97, "cancel_recall": 0.95, "phone_accuracy": 0.99}


@pytest.mark.parametrize("corpus", ["comments_labelled.jsonl", "comments_dev.jsonl"])
def test_reader_meets_the_quality_targets(corpus: str) -> None:
    parser = Parser(read_catalogue(DATA / "corpus_catalogue.csv"))
    score = evaluate(parser, read_corpus(DATA / corpus))
    figures = score.figures()
    short = {k: v for k, v in figures.items() if k in TARGETS and v < TARGETS[k]}
    assert not short, f"{short}; mistakes: {score.mistakes}"


def test_corpus_is_large_and_balanced() -> None:
    lines = read_corpus(DATA / "comments_labelled.jsonl")
    intents = [line["intent"] for line in lines]
    assert len(lines) >= 300
    assert intents.count("cancel") >= 25 and intents.count("other") >= 100
    assert sum(1 for line in lines if line["phone"]) >= 20


def test_evaluate_counts_mistakes() -> None:
    parser = Parser(read_catalogue(DATA / "corpus_catalogue.csv"))
    wrong = [
        {
            "id": 1,
            "text": "chốt 2kg",
            "featured": "KS",
            "intent": "order",
            "items": [{"code": "KS", "qty": 3}],
            "phone": None,
        }
    ]
    figures = evaluate(parser, wrong).figures()
    assert figures["item_f1"] == 0 and figures["intent_accuracy"] == 1
