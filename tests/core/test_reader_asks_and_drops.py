"""Classes of comments found on catalogues written for the purpose (held out while
they were written), each tested here in other words and with its own catalogue:

* a word that folds like a time or a count ("thử", "ngay", "lẹ" like thứ, ngày, lễ;
  "nấm" like năm) before or after an amount: typed with its accents, or with a unit
  after the number, the number is the amount;
* a split into any unit ("chia 2 đơn", "chia 3 phần"): how to pack it, not more of it;
* asking for information ("cho e xin giá", "xin stk"): no order, unless one comes first;
* a product dropped ("bỏ bơ nhé"): a cancel; put into the cart ("bỏ … vào giỏ"): not;
* a question, then an order with an amount: an order, put to the assistant;
* "định mua": a plan, not an order now;
* some of the amount for someone ("đặt 2 hộp, 1 hộp gửi nội"): the first amount;
* a deposit for an amount ("cọc trước 100k cho 2kg"): an order;
* a container of a weight ("1 thùng 10kg") of a product sold by the kg: that weight;
* the catalogue's own unit ("10 bắp ngô", "3 xấp bánh") is a unit, though the
  lexicon lacks it (a bare 10 before an unknown word was a house number);
* a product sold by the ten ("chục"): "2 chục" is 2 of them, "30 quả" 3 (asked about);
  by the dozen ("tá") likewise; by a weight other than the kg ("lạng", "yến"): converted;
* products named alike ("Mật ong rừng", "Mật ong nuôi"): the word telling them apart,
  said alone ("1 rừng 1 nuôi"), names the product;
* taking all there is ("còn bao nhiêu e lấy hết", "bao hết"): an order, its amount the
  assistant's to say;
* a cancel word that puts into the cart ("bỏ giùm e 1 túi vào giỏ"): an order; a product
  dropped for another ("bỏ bơ đi, lấy xôi thôi"): the other is ordered, put to the
  assistant.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from livehelper.comments.parser import Parser
from livehelper.model import Intent
from livehelper.store import ProductSpec

PARSER = Parser(
    [
        ProductSpec("NAM", "Nấm mèo rừng", 90000, "túi", None, ("nấm mèo", "nấm")),
        ProductSpec("BO", "Bơ 034", 50000, "kg", None, ("bơ",)),
        ProductSpec("XOI", "Xôi ngũ sắc", 30000, "hộp", None, ("xôi",)),
        ProductSpec("TUONG", "Tương bần", 45000, "chai", None, ("tương",)),
    ]
)


def _read(text: str, featured: str | None = None) -> tuple[Intent, list[tuple[str, Decimal]], bool]:
    r = PARSER.parse(text, featured)
    return r.intent, [(i.code, i.qty) for i in r.items], r.ambiguous


@pytest.mark.parametrize(
    ("text", "featured", "code", "qty"),
    [
        ("cho c mua thử 3 hộp xôi", None, "XOI", 3),
        ("lay thu 4 chai tuong", None, "TUONG", 4),  # no accents: the unit says it
        ("ship ngay 2 hộp xôi cho e", None, "XOI", 2),
        ("chốt lẹ 3 đi shop", "TUONG", "TUONG", 3),
        ("e lấy 3 nấm", None, "NAM", 3),  # not "3 năm", three years
        ("mua 2 nấm mèo 1 bơ", None, "NAM", 2),
    ],
)
def test_a_word_folding_like_a_time_leaves_the_amount(
    text: str, featured: str | None, code: str, qty: int
) -> None:
    intent, items, _ambiguous = _read(text, featured)
    assert intent is Intent.ORDER
    assert (code, Decimal(qty)) in items


@pytest.mark.parametrize(
    ("text", "featured", "qty"),
    [
        ("thứ 3 giao nhé, e lấy 1 chai", "TUONG", 1),  # thứ 3 is Tuesday
        ("lần 2 mua rồi, lấy 1 chai nữa nhé", "TUONG", 1),
        ("giao ngày 5 nhé, lấy 2 chai", "TUONG", 2),
        ("3 năm nay e mới thấy tương ngon vậy, lấy 2 chai", "TUONG", 2),
    ],
)
def test_times_and_counts_of_times_are_still_no_amount(text: str, featured: str, qty: int) -> None:
    assert _read(text, featured)[1] == [(featured, Decimal(qty))]


@pytest.mark.parametrize(
    ("text", "qty"),
    [("lấy 6 chai tương chia 2 đơn", 6), ("e lấy 4kg bơ chia làm 4 phần nhé", 4)],
)
def test_a_split_into_any_unit_is_how_to_pack_it(text: str, qty: int) -> None:
    assert _read(text)[1][0][1] == Decimal(qty)


@pytest.mark.parametrize(
    "text",
    [
        "cho chị xin giá xôi với",
        "xin link mua tương ạ",
        "shop ơi cho mình xin stk",
        "báo giá bơ",
        "bơ 1kg bao tiền",  # short for bao nhiêu tiền
        "2 hộp xôi giá sao c",
    ],
)
def test_asking_for_information_is_no_order(text: str) -> None:
    intent, items, _ambiguous = _read(text, "XOI")
    assert intent is Intent.OTHER and items == []


@pytest.mark.parametrize(
    "text", ["chốt 2 hộp xôi, xin stk nhé", "chốt đơn nha, cho e xin stk", "cho e xin 2 hộp xôi"]
)
def test_an_order_with_a_request_for_information_is_an_order(text: str) -> None:
    intent, items, _ambiguous = _read(text, "XOI")
    assert intent is Intent.ORDER and items


@pytest.mark.parametrize("text", ["bỏ xôi giúp e", "xoá tương nhé shop", "e bỏ nấm mèo nha"])
def test_a_product_dropped_is_a_cancel(text: str) -> None:
    assert _read(text)[0] is Intent.CANCEL


@pytest.mark.parametrize("text", ["bỏ 2 hộp xôi vào giỏ", "bỏ xôi vào giỏ cho e 2 hộp"])
def test_into_the_cart_is_no_cancel(text: str) -> None:
    assert _read(text)[0] is not Intent.CANCEL


@pytest.mark.parametrize(
    "text",
    ["tương có ship ra đảo không, e ở Phú Quốc lấy 3 chai", "bao nhiêu 1 chai vậy? e lấy 3 chai"],
)
def test_a_question_then_an_order_with_an_amount_is_an_order(text: str) -> None:
    intent, items, _ambiguous = _read(text, "TUONG")
    assert intent is Intent.ORDER and items == [("TUONG", Decimal(3))]


def test_a_question_after_the_order_still_asks() -> None:
    assert _read("lấy 3 chai tương có freeship không")[0] is Intent.OTHER


def test_a_plan_to_buy_is_no_order_now() -> None:
    intent, _items, ambiguous = _read("xôi ngon không c, e định mua 5 hộp", "XOI")
    assert intent is Intent.OTHER or ambiguous


def test_some_of_the_amount_for_someone_is_part_of_it() -> None:
    assert _read("lấy 3 hộp xôi, 1 hộp biếu bà")[1] == [("XOI", Decimal(3))]
    # each for someone still adds up
    assert _read("2 hộp xôi cho mẹ, 1 hộp cho em")[1] == [("XOI", Decimal(3))]


def test_a_deposit_for_an_amount_orders_it() -> None:
    intent, items, _ambiguous = _read("e cọc trước 50k cho 3 chai tương")
    assert intent is Intent.ORDER and items == [("TUONG", Decimal(3))]
    assert _read("cọc bao nhiêu vậy c", "TUONG")[0] is Intent.OTHER


def test_a_container_of_a_weight_is_that_weight_of_a_product_sold_by_the_kg() -> None:
    intent, items, ambiguous = _read("gửi e 2 thùng bơ 5kg")
    assert intent is Intent.ORDER and items == [("BO", Decimal(10))] and not ambiguous
    # a product sold by the box keeps its count ("1 hộp xôi 500g" is one box)
    assert _read("1 hộp xôi 500g")[1] == [("XOI", Decimal(1))]


def test_the_catalogues_own_unit_is_a_unit() -> None:
    parser = Parser([ProductSpec("BD", "Bánh đa đỏ", 20000, "xấp", None, ("bánh đa",))])
    for text, qty in (("12 xấp bánh đa", 12), ("lấy 3 xấp", 3)):
        result = parser.parse(text, "BD")
        assert result.intent is Intent.ORDER, text
        assert [(i.code, i.qty) for i in result.items] == [("BD", Decimal(qty))], text


def test_a_product_sold_by_the_ten_counts_tens() -> None:
    parser = Parser([ProductSpec("TV", "Trứng vịt", 45000, "chục", None, ("trứng vịt", "trứng"))])

    def read(text: str) -> tuple[list[tuple[str, Decimal]], bool]:
        r = parser.parse(text, "TV")
        return [(i.code, i.qty) for i in r.items], r.ambiguous

    assert read("cho e 3 chục trứng vịt") == ([("TV", Decimal(3))], False)
    assert read("nửa chục trứng nhé") == ([("TV", Decimal("0.5"))], False)
    assert read("lấy 20 quả trứng") == ([("TV", Decimal(2))], True)  # a reckoning: asked
    assert read("chốt 2") == ([("TV", Decimal(2))], False)
    # sold by the piece, "2 chục" is still twenty
    assert _read("2 chục hộp xôi")[1] == [("XOI", Decimal(20))]


def test_a_product_sold_by_the_dozen_or_by_another_weight_is_counted_in_it() -> None:
    parser = Parser(
        [
            ProductSpec("HV", "Hột vịt lộn", 60000, "tá", None, ("hột vịt lộn", "hột vịt")),
            ProductSpec("NT", "Nghệ tươi", 20000, "lạng", None, ("nghệ",)),
            ProductSpec("TH", "Thóc giống", 150000, "yến", None, ("thóc",)),
        ]
    )

    def read(text: str) -> tuple[list[tuple[str, Decimal]], bool]:
        r = parser.parse(text, None)
        return [(i.code, i.qty) for i in r.items], r.ambiguous

    assert read("lấy 3 tá hột vịt lộn") == ([("HV", Decimal(3))], False)
    assert read("36 quả hột vịt") == ([("HV", Decimal(3))], True)
    assert read("cho e 300g nghệ") == ([("NT", Decimal(3))], False)
    assert read("lấy 1kg nghệ") == ([("NT", Decimal(10))], False)
    assert read("lấy 2 lạng nghệ") == ([("NT", Decimal(2))], False)
    assert read("30kg thóc nhé") == ([("TH", Decimal(3))], False)
    assert read("2 yến thóc") == ([("TH", Decimal(2))], False)


def test_a_weight_after_a_count_of_pieces_is_how_big_one_is() -> None:
    parser = Parser(
        [
            ProductSpec("GA", "Gà ri", 200000, "con", None, ("gà ri", "gà")),
            ProductSpec("LAC", "Lạc", 60000, "kg", None, ("lạc",)),
        ]
    )

    def read(text: str) -> list[tuple[str, Decimal]]:
        return [(i.code, i.qty) for i in parser.parse(text, None).items]

    assert read("lấy 2 con gà 1,5kg") == [("GA", Decimal(2))]
    assert read("e lấy 1 con gà tầm 2 cân nhé") == [("GA", Decimal(1))]
    # another clause, another product: its own weight
    assert read("1 con gà, 2kg lạc") == [("GA", Decimal(1)), ("LAC", Decimal(2))]


def test_the_word_telling_apart_products_named_alike_names_one() -> None:
    parser = Parser(
        [
            ProductSpec("CR", "Cà phê rang", 120000, "gói", None, ("cà phê rang",)),
            ProductSpec("CX", "Cà phê xay", 130000, "gói", None, ("cà phê xay",)),
            ProductSpec("MK", "Măng khô", 160000, "kg", None, ("măng khô",)),
            ProductSpec("NA", "Na", 90000, "hộp", None, ("mãng cầu",)),
        ]
    )

    def read(text: str) -> tuple[list[tuple[str, Decimal]], bool]:
        r = parser.parse(text, None)
        return [(i.code, i.qty) for i in r.items], r.ambiguous

    assert read("2 rang 1 xay") == ([("CR", Decimal(2)), ("CX", Decimal(1))], False)
    assert read("chốt 3 gói xay") == ([("CX", Decimal(3))], False)
    # not beside an amount: read, and put to the assistant
    assert read("lấy 2 gói, loại rang nhé") == ([("CR", Decimal(2))], True)
    # "khô" is no telling word: "mãng cầu" and "măng khô" only fold alike
    assert read("chốt 2 hộp na khô") == ([("NA", Decimal(2))], False)


@pytest.mark.parametrize(
    "text", ["còn bao nhiêu chị lấy hết", "xôi còn nhiêu e bao hết", "bao nhiêu em cũng lấy"]
)
def test_taking_all_there_is_is_an_order_to_ask_about(text: str) -> None:
    intent, items, ambiguous = _read(text, "XOI")
    assert intent is Intent.ORDER and items and ambiguous


def test_taking_all_with_an_amount_or_not_taking_it_is_not_taking_all() -> None:
    assert _read("lấy hết 3 hộp xôi nhé")[1:] == ([("XOI", Decimal(3))], False)
    assert _read("không lấy hết đâu", "XOI")[0] is Intent.OTHER


def test_a_number_in_a_products_name_is_no_amount() -> None:
    parser = Parser(
        [
            ProductSpec("R29", "Rượu ngô 29 độ", 100000, "chai", None, ("rượu ngô", "rượu")),
            ProductSpec("G5", "Gạo thơm (bao 5 kg)", 120000, "bao", None, ("gạo thơm", "gạo")),
        ]
    )

    def read(text: str) -> list[tuple[str, Decimal]]:
        return [(i.code, i.qty) for i in parser.parse(text, None).items]

    assert read("lấy 3 chai rượu 29 độ") == [("R29", Decimal(3))]
    assert read("rượu 29 độ 1 chai nhé") == [("R29", Decimal(1))]
    # a unit after the name's number: still an amount elsewhere
    assert read("lấy 2 bao gạo thơm") == [("G5", Decimal(2))]


@pytest.mark.parametrize(
    "text",
    ["bỏ giúp c 2 hộp xôi vào giỏ nhé", "shop bỏ giùm em 1kg bơ vô giỏ"],
)
def test_a_cancel_word_that_puts_into_the_cart_orders(text: str) -> None:
    result = PARSER.parse(text, "BO")
    assert result.intent is Intent.ORDER, result


def test_dropping_one_product_for_another_orders_the_other() -> None:
    """ "bỏ bơ đi, lấy xôi thôi": the xôi is ordered; the bơ's claim is the
    assistant's to undo, so the reading is put to them."""
    result = PARSER.parse("bỏ bơ đi em, lấy 2 hộp xôi thôi", "BO")
    assert (result.intent, [(i.code, i.qty) for i in result.items]) == (
        Intent.ORDER,
        [("XOI", Decimal(2))],
    )
    assert result.ambiguous
    assert PARSER.parse("bỏ bơ nhé shop", "BO").intent is Intent.CANCEL  # a drop alone
