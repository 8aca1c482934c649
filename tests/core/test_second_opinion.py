"""The statistical second opinion (comments/second_opinion.py): trained reproducibly from
the repository's labelled corpora, reading every catalogue alike (products masked), and
putting to the assistant what it is sure the rules read wrong — never deciding alone."""

from __future__ import annotations

import pytest

from livehelper.catalogue import read_catalogue
from livehelper.comments.evaluate import read_corpus
from livehelper.comments.parser import Parser
from livehelper.comments.second_opinion import (
    INTENTS,
    SecondOpinion,
    default_second_opinion,
    features,
    masked,
)
from livehelper.model import Intent
from tests.helpers import DEMO_CATALOGUE, REPO, tool_is_current

PRODUCTS = read_catalogue(DEMO_CATALOGUE)
DATA = REPO / "tests" / "data"
NONE = SecondOpinion({}, threshold=2.0)  # never sure: the rules alone


def test_the_file_is_what_the_training_script_makes_today() -> None:
    tool_is_current("train_second_opinion.py")


def test_products_and_numbers_are_masked() -> None:
    assert masked("lay 2kg khoai sam  nhe", [(8, 17)]) == "lay 0kg § nhe"
    assert masked("chot ks2", [(5, 7)], digits=True) == "chot § 0"
    # the same comment about two catalogues' products reads the same
    a = Parser(PRODUCTS, second=NONE).masked("Chốt 2kg khoai sâm nhé, 0912 345 678")
    assert a == "chot 0kg § nhe,"


def test_features_are_words_pairs_and_letter_runs() -> None:
    found = features("lay §")
    assert {"w:lay", "w:§", "b:lay_§", "c: la", "c:lay ", "c:ay §"} <= set(found)


def test_a_sure_disagreement_is_put_to_the_assistant() -> None:
    """A stand-in model (our own class, given its weights) that is sure "xí" orders."""
    sure = SecondOpinion({"w:xi": (6.0, 0.0, -6.0)}, threshold=0.8)
    rules, both = Parser(PRODUCTS, second=NONE), Parser(PRODUCTS, second=sure)
    alone, doubted = rules.parse("e xí 2 túi", "KS"), both.parse("e xí 2 túi", "KS")
    assert alone.intent is doubted.intent is Intent.OTHER  # the rules decide
    assert not alone.ambiguous and doubted.ambiguous
    assert doubted.order_like  # shown among the comments that may be orders
    # an order the model doubts goes to "Not sure"; one it agrees with does not
    doubting = SecondOpinion({"w:chot": (-6.0, 0.0, 6.0)}, threshold=0.8)
    assert Parser(PRODUCTS, second=doubting).parse("chốt 2kg", "KS").ambiguous
    assert not Parser(PRODUCTS, second=sure).parse("chốt 2kg", "KS").ambiguous


def test_an_unsure_model_changes_nothing() -> None:
    unsure = SecondOpinion({"w:xi": (0.5, 0.0, -0.5)}, threshold=0.8)
    assert not Parser(PRODUCTS, second=unsure).parse("e xí 2 túi", "KS").ambiguous


def test_assistants_claims_read_as_orders_whatever_the_model_says() -> None:
    doubting = SecondOpinion({"w:chot": (-6.0, 0.0, 6.0)}, threshold=0.8)
    items = Parser(PRODUCTS, second=doubting).read_items("chốt 2kg", "KS")
    assert [(i.code, str(i.qty)) for i in items] == [("KS", "2")]


@pytest.mark.parametrize(
    ("corpus", "catalogue"),
    [
        ("comments_labelled.jsonl", "corpus_catalogue.csv"),
        ("comments_shop_e.jsonl", "catalogue_shop_e.csv"),
    ],
)
def test_the_trained_model_reads_its_corpora_and_seldom_doubts_the_rules(
    corpus: str, catalogue: str
) -> None:
    model = default_second_opinion()
    parser = Parser(read_catalogue(DATA / catalogue), second=NONE)
    lines = read_corpus(DATA / corpus)
    right = sum(model.intent(parser.masked(str(x["text"])))[0] == x["intent"] for x in lines)
    assert right / len(lines) >= 0.95
    doubted = sum(
        model.doubts(parser.masked(str(x["text"])), parser.parse(str(x["text"])).intent) is not None
        for x in lines
    )
    assert doubted / len(lines) <= 0.03
    assert set(INTENTS) == {i.value for i in Intent}


def test_an_opinion_is_remembered_per_comment_as_written() -> None:
    """ "hồi khô 2 túi" names the anise where "hỏi khô 2 túi" does not: the same folded
    text, two masks, two opinions (one remembered by the folded text would doubt the
    order with what it thought of the question)."""
    doubts_hoi = SecondOpinion({"w:hoi": (-6.0, 0.0, 6.0)}, threshold=0.8)  # sure: no order
    parser = Parser(read_catalogue(DATA / "corpus_catalogue.csv"), second=doubts_hoi)
    parser.parse("hỏi khô 2 túi", None)  # "hoi kho 0 tui": the model is sure
    order = parser.parse("hồi khô 2 túi", None)  # "§ kho 0 tui": it is not
    assert order.intent is Intent.ORDER and not order.ambiguous
