"""Classes found by reading labelled comments again with other catalogues, each product
mention swapped for a new product's name (the labels kept), tested here in other words:

* a product's own words say no time: "ô mai" holds "mai" (tomorrow), yet "1 túi ô mai"
  is bought now;
* a code that is an everyday word ("LA" for lá dong is "là") is read as the product in
  an order's context only, and never makes a cancel of "bò là …";
* a name typed as an everyday word ("buoi": buổi) with an amount of its own beside it is
  the product, in a list too; an amount that can only be another product's is not its;
* buying spoken of in general and judged ("mua về biếu đều được"): talk, not an order;
* and, typed without accents: a syllable is no slip of a one-word name ("trang" is not
  "trung"), the season is no buying ("mua nay" mùa này), "nam" before a unit is five.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from livehelper.catalogue import ProductSpec
from livehelper.comments.lexicon import default_lexicon, everyday_names
from livehelper.comments.parser import Parser
from livehelper.model import Intent

PRODUCTS = [
    ProductSpec("OM", "Ô mai mơ", 70000, "túi", None, ("ô mai", "o mai")),
    ProductSpec("MIT", "Mít tố nữ", 40000, "kg", None, ("mít",)),
    ProductSpec("LA", "Lá dong", 30000, "túi", None, ("lá dong",)),
    ProductSpec("BUOI", "Bưởi Diễn", 60000, "kg", None, ("bưởi",)),
    ProductSpec("GUNG", "Gừng gió", 45000, "kg", None, ("gừng",)),
]
PARSER = Parser(PRODUCTS)


def read(text: str, featured: str = "MIT") -> tuple[Intent, list[tuple[str, Decimal]], bool]:
    result = PARSER.parse(text, featured)
    return result.intent, [(i.code, i.qty) for i in result.items], result.ambiguous


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("chị lấy 1 túi ô mai, 2kg mít nữa", [("OM", Decimal(1)), ("MIT", Decimal(2))]),
        ("cho e 2 túi o mai với 1 túi lá dong", [("OM", Decimal(2)), ("LA", Decimal(1))]),
    ],
)
def test_a_name_holding_a_time_word_is_bought_now(
    text: str, items: list[tuple[str, Decimal]]
) -> None:
    assert read(text)[:2] == (Intent.ORDER, items)


def test_the_time_word_outside_the_name_still_says_later() -> None:
    intent, items, unsure = read("mai chị lấy 1 túi ô mai nhé")
    assert (intent, items, unsure) == (Intent.ORDER, [("OM", Decimal(1))], True)


def test_a_code_that_is_an_everyday_word() -> None:
    assert "la" in everyday_names(PRODUCTS, default_lexicon())
    assert read("pho bo la chuan nhat")[0] is Intent.OTHER  # phở bò là chuẩn nhất
    assert read("bỏ lá dong giúp chị nhé", "LA")[0] is Intent.CANCEL
    assert read("lay 3 la nhe", "MIT")[:2] == (Intent.ORDER, [("LA", Decimal(3))])


@pytest.mark.parametrize(
    ("text", "unsure"),
    [
        ("lấy 2kg buoi + 1kg gừng", False),  # each with its own amount
        ("buoi 2kg gung 3kg", False),
        ("e thích buoi lắm, lấy cho e 3kg gừng", True),  # buổi, or bưởi?
    ],
)
def test_an_everyday_name_with_its_own_amount_in_a_list(text: str, unsure: bool) -> None:
    intent, _items, ambiguous = read(text)
    assert intent is Intent.ORDER and ambiguous is unsure


@pytest.mark.parametrize(
    "text",
    [
        "gừng mua về pha trà hay nấu đều được",
        "mua làm quà biếu là nhất luôn mọi người",
        "mit mua ve an ngon lam",
    ],
)
def test_buying_spoken_of_in_general_is_no_order(text: str) -> None:
    assert read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("e mua về pha trà thử", [("MIT", Decimal(1))]),  # no judgement: she buys
        ("mua 2kg về biếu, ngon lắm", [("MIT", Decimal(2))]),  # an amount: an order
    ],
)
def test_buying_to_use_is_still_an_order(text: str, items: list[tuple[str, Decimal]]) -> None:
    assert read(text)[:2] == (Intent.ORDER, items)


def test_a_word_that_is_a_syllable_is_no_slip_of_a_one_word_name() -> None:
    """ "trang" (a page) and "truong" (Trường Chinh) are one letter from "trung" (eggs),
    but typed words of their own; a slip that spells no syllable still names it."""
    parser = Parser([ProductSpec("TG", "Trứng", 50000, "hộp", None, ("trứng",))])
    for text in ("e đã share live về trang cá nhân", "chốt 1 hộp, số 8 ngõ 102 truong chinh"):
        assert "TG" not in [i.code for i in parser.parse(text, None).items], text
    assert [i.code for i in parser.parse("chot 2 hop trugn", None).items] == ["TG"]


@pytest.mark.parametrize(
    "text",
    ["mit mua nay ngon hon mua truoc", "mua he an mit mat lam"],  # mùa này, mùa hè
)
def test_the_season_typed_without_accents_is_no_buying(text: str) -> None:
    assert read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "qty"), [("nam ky nhe c", Decimal(5)), ("nam can mit", Decimal(5))]
)
def test_five_typed_without_accents_before_a_unit(text: str, qty: Decimal) -> None:
    assert read(text)[:2] == (Intent.ORDER, [("MIT", qty)])


def test_nam_without_a_unit_is_no_five() -> None:
    assert read("ship về miền nam được không")[0] is Intent.OTHER
