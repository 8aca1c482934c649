"""Typing leftovers (livehelper/comments/leftovers.py): Telex and VNI marks left
unconverted and stretched letters, mended into the lexicon's words only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from livehelper.comments.leftovers import Glued, Leftovers
from livehelper.comments.parser import Parser
from livehelper.model import Intent
from livehelper.store import ProductSpec

PARSER = Parser(
    [
        ProductSpec("KS", "Khoai sâm", 35000, "kg", None, ("khoai sâm", "khoai")),
        ProductSpec("NEP", "Gạo nếp", 30000, "kg", None, ("nếp",)),
        ProductSpec("MO", "Mật ong", 250000, "chai", None, ("mật ong",)),
    ]
)


@pytest.mark.parametrize(
    ("word", "mended"),
    [
        ("laays", "lay"),  # Telex â, then the tone
        ("ddon", "don"),  # Telex đ
        ("huyr", "huy"),  # the tone key left at the end
        ("nhes", "nhe"),
        ("chotos", "chot"),  # the circumflex typed after the final consonant, then the tone
        ("layyy", "lay"),  # a letter held down
        ("chottt", "chot"),
        ("nhaaa", "nha"),
        ("chotsss", "chot"),  # a tone key held down
        ("cho61t", "chot"),  # VNI: 6 the circumflex, 1 the acute
        ("cho6t1", "chot"),  # VNI, the tone typed last
        ("d9o7n", "don"),  # VNI đ and ơ
        ("hu3y", "huy"),
    ],
)
def test_leftovers_of_known_words_are_mended(word: str, mended: str) -> None:
    leftovers = Leftovers({"lay", "don", "huy", "nhe", "chot", "nha"})
    kept = leftovers.mend_word(word)
    assert kept is not None and "".join(word[i] for i in kept) == mended


@pytest.mark.parametrize("word", ["lay", "ks", "xyzs", "banhs", "nepp", "ab", "ks2", "ab12c"])
def test_known_unknown_and_catalogue_words_are_left_alone(word: str) -> None:
    leftovers = Leftovers({"lay", "ban", "ne"}, left_alone={"nepp", "ks"})
    assert leftovers.mend_word(word) is None


def test_mending_keeps_both_texts_aligned() -> None:
    folded, written = Leftovers({"lay"}).mend("e layyy 2kg", "e lấyyy 2kg")
    assert (folded, written) == ("e lay   2kg", "e lấy   2kg")


@pytest.mark.parametrize(
    ("text", "intent", "qty"),
    [
        ("laays 2kg nhes", Intent.ORDER, Decimal(2)),
        ("chotos 3kg", Intent.ORDER, Decimal(3)),
        ("lấyyy 1kgg", Intent.ORDER, Decimal(1)),
        ("chốttt 2kg shop ơi", Intent.ORDER, Decimal(2)),
        ("huyr ddon giup e", Intent.CANCEL, None),
        ("hủyy đơn e nhaa", Intent.CANCEL, None),
        ("la61y 2kg nhe1", Intent.ORDER, Decimal(2)),  # VNI
        ("d9a85t 3kg khoai", Intent.ORDER, Decimal(3)),
        ("hu3y d9o7n giu1p e", Intent.CANCEL, None),
        ("khoai x2", Intent.ORDER, Decimal(2)),  # a digit after a letter that is no mark
    ],
)
def test_the_reader_reads_through_leftovers(text: str, intent: Intent, qty: Decimal | None) -> None:
    result = PARSER.parse(text, "KS")
    assert result.intent is intent, result
    if qty is not None:
        assert [(i.code, i.qty) for i in result.items] == [("KS", qty)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("chot 2kg nepp", "NEP"),  # a letter held down is no slip: nếp
        ("chot 2kg neppp nha", "NEP"),
        ("chot 2kg nap", "KS"),  # a slip of a short name is not guessed at
    ],
)
def test_a_product_name_with_a_held_letter_is_the_product(text: str, code: str) -> None:
    assert [i.code for i in PARSER.parse(text, "KS").items] == [code]


def test_a_held_letter_in_a_unit_the_catalogue_names() -> None:
    """ "túi" is in a product's name ("Hoa hồi (túi 500g)"), so no word to mend into
    for leftovers; held down, it is still the unit."""
    parser = Parser([ProductSpec("HOI", "Hoa hồi (túi 500g)", 120000, "túi", None, ("hồi",))])
    result = parser.parse("2 túiii nhé", "HOI")
    assert (result.intent, [(i.code, i.qty) for i in result.items]) == (
        Intent.ORDER,
        [("HOI", Decimal(2))],
    )


@pytest.mark.parametrize(
    ("folded", "spaced"),
    [
        ("chot2kg", "chot 2kg"),  # an order word, then the amount
        ("lay3hop", "lay 3hop"),
        ("2kgkhoai", "2kg khoai"),  # a unit, then a product's word
        ("chot2kgkhoai nhe", "chot 2kg khoai nhe"),
        ("ks2", "ks2"),  # a product's code before its number stays
        ("1kg5", "1kg5"),  # 1.5 kg: a unit before a digit stays
        ("x2", "x2"),
        ("2hop", "2hop"),  # nothing after the unit
    ],
)
def test_glued_words_are_spaced_where_they_were_glued(folded: str, spaced: str) -> None:
    glued = Glued(
        known={"chot", "lay", "nhe", "kg", "hop"}, units={"kg", "hop"}, names={"ks", "khoai"}
    )
    assert glued.split(folded, folded.upper()) == (spaced, spaced.upper())


@pytest.mark.parametrize(
    ("text", "qty"), [("chot2kg", 2), ("lấy3kg khoai nhé", 3), ("chốt 2kgkhoai", 2)]
)
def test_the_reader_reads_glued_orders(text: str, qty: int) -> None:
    result = PARSER.parse(text, "KS")
    assert result.intent is Intent.ORDER
    assert [(i.code, i.qty) for i in result.items] == [("KS", Decimal(qty))]


@pytest.mark.parametrize(
    ("text", "intent", "qty"),
    [
        ("3 lạng thui c", Intent.ORDER, Decimal("0.3")),  # thôi: only
        ("1kg thuiii nhé", Intent.ORDER, Decimal(1)),  # held down too
        ("hum trước e mua 2kg rùi", Intent.OTHER, None),  # hôm trước … rồi: before
        ("e mua 2kg rùi, lấy thêm 1kg nhé", Intent.ORDER, Decimal(1)),
        ("chốt 1kg rui nha", Intent.ORDER, Decimal(1)),  # "rui" may be rưỡi: not rồi
    ],
)
def test_teencode_is_read_as_its_word(text: str, intent: Intent, qty: Decimal | None) -> None:
    result = PARSER.parse(text, "KS")
    assert result.intent is intent, result
    if qty is not None:
        assert [i.qty for i in result.items] == [qty]
