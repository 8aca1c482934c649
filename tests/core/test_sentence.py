"""The lexicon's [sentence] words, compiled on their own (comments/sentence.py): each
pattern tried alone, on folded text as the reader gives it."""

from __future__ import annotations

import pytest

from livehelper.comments.folding import FOLD, lower
from livehelper.comments.lexicon import default_lexicon
from livehelper.comments.sentence import Sentence

WORDS = Sentence(default_lexicon().sentence)


def folded(text: str) -> str:
    return lower(text).translate(FOLD)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("có giảm giá không", True),
        ("lấy 3kg có giảm không ạ", True),
        ("còn hàng ko shop", True),
        ("ship về Hà Nội", False),  # "hà" mid-sentence is a place
        ("không lấy nữa", False),  # "không" first is a no, not a question
    ],
)
def test_a_question_ends_so(text: str, asks: bool) -> None:
    assert bool(WORDS.question_end.search(folded(text))) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [("có freeship k c", True), ("có bớt không em", True), ("có 2kg", False)],
)
def test_a_yes_no_question(text: str, asks: bool) -> None:
    assert bool(WORDS.yes_no.search(folded(text))) is asks


def test_never_is_told_from_when() -> None:
    never = WORDS.never.search(folded("chưa ăn thử bao giờ"))
    assert never is not None and never["when"] == "bao gio"
    assert WORDS.never.search(folded("bao giờ ship")) is None  # when?
    assert WORDS.may_say_never(frozenset({"chua", "bao", "gio"}))
    assert not WORDS.may_say_never(frozenset({"bao", "nhieu"}))


def test_of_each_and_advice() -> None:
    assert WORDS.each.search(folded("mỗi loại 1kg"))
    assert not WORDS.each.search(folded("mỗi ngày"))
    assert WORDS.advice_end.search(folded("mua ủng hộ shop đi mọi người"))
    assert not WORDS.advice_end.search(folded("đi chợ về mua"))


def test_on_top_is_read_with_its_accents_or_none() -> None:
    assert {"thêm", "them"} <= WORDS.adds_spellings and "thèm" not in WORDS.adds_spellings


def test_only_a_product_and_an_amount_is_left() -> None:
    class Span:
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    text = folded("ks 2 nhé shop")
    assert WORDS.only(text, [Span(0, 2), Span(3, 4)])
    assert not WORDS.only(folded("ks 2 ngon lắm"), [Span(0, 2), Span(3, 4)])
