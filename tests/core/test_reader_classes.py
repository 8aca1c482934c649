"""Three classes of comments the reader used to get wrong without saying so (issue: the
reader), each tested with comments written for this test and its own catalogue:

* a cancel with the product (or anything) between the negation and "nữa";
* a comment that speaks of another time — a purchase before, buying later, not being
  able to buy — read as no order, or, when another clause orders now, as that order only;
* numbers of an address ("ship về 12 Hàng Bạc", "8 ngõ 4") and a phone written "(+84)",
  which are not quantities;
* ways of ordering the lexicon lacked ("ủng hộ 2 hộp", "để e 1kg", "ghi cho c 3 túi",
  "cọc 100k giữ 2kg"), which need an amount or a product to be orders.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from livehelper.comments.parser import Parser
from livehelper.model import Intent
from livehelper.store import ProductSpec

PARSER_PRODUCTS = [
    ProductSpec("BO", "Bơ sáp Đắk Lắk", 60000, "kg", None, ("bơ", "bơ sáp")),
    ProductSpec("CHE", "Chè Thái Nguyên", 200000, "hộp", None, ("chè",)),
    ProductSpec("QUE", "Quế Yên Bái", 90000, "túi", None, ("quế",)),
]
PARSER = Parser(PARSER_PRODUCTS)


def _read(text: str, featured: str = "BO") -> tuple[Intent, list[tuple[str, Decimal]]]:
    result = PARSER.parse(text, featured)
    return result.intent, [(i.code, i.qty) for i in result.items]


@pytest.mark.parametrize(
    "text",
    [
        "thôi chị không lấy bơ nữa",
        "e k lấy chè nữa nhé shop",
        "mình ko mua 2 túi quế nữa đâu",
        "cô hổng lấy nữa nghen",
        "cho e rút đơn nhé",
    ],
)
def test_a_cancel_with_words_in_between(text: str) -> None:
    assert _read(text)[0] is Intent.CANCEL


@pytest.mark.parametrize(
    "text",
    [
        "không lấy đâu, e hỏi thôi",  # withdraws nothing
        "e chưa lấy nửa ký nào",  # "nửa" is half, not "nữa"
    ],
)
def test_a_negation_without_no_more_is_not_a_cancel(text: str) -> None:
    assert _read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    "text",
    [
        "mai chị mua nhé",
        "để tuần sau em đặt",
        "hết tiền rồi, chờ lương mua sau",
        "lần sau anh lấy tiếp",
        "tháng trước mua 3 hộp chè rồi",
    ],
)
def test_another_time_is_not_an_order_now(text: str) -> None:
    assert _read(text) == (Intent.OTHER, [])


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("tuần trước mua 1 hộp chè, hôm nay lấy 2kg bơ", [("BO", Decimal(2))]),
        ("lúc nãy đặt quế rồi, giờ thêm 3 hộp chè", [("CHE", Decimal(3))]),
        ("chốt 2 túi quế, gửi chung với chè hôm qua", [("QUE", Decimal(2))]),
        ("em lấy 1kg nhé, số điện thoại lúc nãy", [("BO", Decimal(1))]),
    ],
)
def test_only_the_clause_that_orders_now_counts(text: str, items: list[object]) -> None:
    assert _read(text) == (Intent.ORDER, items)


def test_buying_later_with_an_amount_is_put_to_the_assistant() -> None:
    result = PARSER.parse("mai chị lấy 2kg nhé", "BO")
    assert result.intent is Intent.ORDER and result.ambiguous  # the Not sure lane


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("lấy 2kg ship về 12 Hàng Bạc", Decimal(2)),
        ("chốt 1 hộp chè gửi tới 40 Lý Thường Kiệt", Decimal(1)),
        ("3kg bơ, nhà 8 ngõ 4 Kim Mã", Decimal(3)),
        ("lấy 1 túi quế nhé, sđt (+84) 903 112 457", Decimal(1)),
    ],
)
def test_address_and_phone_numbers_are_not_quantities(text: str, qty: Decimal) -> None:
    result = PARSER.parse(text, "BO")
    assert result.intent is Intent.ORDER
    assert [i.qty for i in result.items] == [qty]


def test_a_phone_in_brackets_is_read_whole() -> None:
    assert PARSER.parse("sđt (+84) 903 112 457", "BO").phone == "0903112457"


def test_ship_to_a_count_is_still_a_count() -> None:
    assert _read("gửi về 2 túi quế cho mẹ") == (Intent.ORDER, [("QUE", Decimal(2))])


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("ủng hộ shop 2 hộp chè", [("CHE", Decimal(2))]),
        ("c ơi để e 1kg nhé", [("BO", Decimal(1))]),
        ("ghi cho chị 3 túi quế", [("QUE", Decimal(3))]),
        ("cọc 100k giữ 2kg bơ cho em", [("BO", Decimal(2))]),
    ],
)
def test_ways_of_ordering_with_an_amount(text: str, items: list[object]) -> None:
    assert _read(text) == (Intent.ORDER, items)


@pytest.mark.parametrize(
    "text", ["ủng hộ bà con vùng cao nhé", "mọi người ủng hộ chè quê em với", "để e hỏi chồng đã"]
)
def test_the_same_words_without_an_amount_are_not_orders(text: str) -> None:
    assert _read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("chốt 2kg", "order.verb"),
        ("2 hộp chè", "order.product_amount"),
        ("lấy 2kg được không", "order.asks_permission"),
        ("huỷ đơn nhé", "cancel.word"),
        ("e k lấy chè nữa nhé", "cancel.not_any_more"),
        ("mai chị mua nhé", "other.later"),
        ("bơ bao nhiêu 1kg", "other.question"),
        ("tháng trước mua 3 hộp chè rồi", "other.past"),
        ("đẹp quá", "other.no_order"),
        ("❤️❤️", "other.no_words"),
    ],
)
def test_every_reading_names_its_rule(text: str, rule: str) -> None:
    assert PARSER.parse(text, "BO").rule == rule


@pytest.mark.parametrize(
    "text", ["lấy 3kg có giảm không em", "mua 2 hộp chè có freeship k c", "bơ này có dẻo k shop"]
)
def test_a_yes_no_question_around_an_order_word_is_a_question(text: str) -> None:
    result = PARSER.parse(text, "BO")
    assert (result.intent, result.rule) == (Intent.OTHER, "other.question")


def test_asking_leave_to_order_is_still_an_unsure_order() -> None:
    result = PARSER.parse("lấy 2kg có được không", "BO")
    assert result.intent is Intent.ORDER and result.ambiguous


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("lấy 2kg 3 lạng bơ", Decimal("2.3")),  # one weight, the larger unit first
        ("chốt 1 cân 5 lạng", Decimal("1.5")),  # "cân" is a weight here, not a can
        ("1 túi quế 500g", Decimal(1)),  # a bag's size is not an amount
    ],
)
def test_weights_written_in_two_units(text: str, qty: Decimal) -> None:
    assert [i.qty for i in PARSER.parse(text, "BO").items] == [qty]


@pytest.mark.parametrize(
    "text",
    ["cho chị xem quả bơ bổ đôi với", "quay gần hộp chè cho anh xem", "cắt ra xem ruột đi em"],
)
def test_asking_to_see_the_product_is_not_an_order(text: str) -> None:
    assert PARSER.parse(text, "BO").rule == "other.show_me"


def test_an_order_beside_a_look_is_still_an_order() -> None:
    assert _read("chốt 2kg bơ, cho e xem quả to nhé") == (Intent.ORDER, [("BO", Decimal(2))])


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("2 túi quế nhé, sđt 0903 112 457", Intent.ORDER),  # a phone beside an amount
        ("lấy 2 hộp chè gửi về Hà Nội", Intent.ORDER),  # "Hà" is no "hả"
        ("chè này loại 1 hả em", Intent.OTHER),  # "hả" at the end asks
        ("ai mua chung bơ với chị không", Intent.OTHER),  # who buys with me
        ("mọi người ủng hộ bà con nhé", Intent.OTHER),  # "bà con" is folks, not 3 of them
    ],
)
def test_small_words_that_decide(text: str, intent: Intent) -> None:
    assert _read(text)[0] is intent


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("chè 2 hộp, 1,5kg bơ", [("CHE", Decimal(2)), ("BO", Decimal("1.5"))]),
        ("quế 3 túi và 2,5 ký bơ", [("QUE", Decimal(3)), ("BO", Decimal("2.5"))]),
        ("bơ 0,5kg, chè 1 hộp", [("BO", Decimal("0.5")), ("CHE", Decimal(1))]),
    ],
)
def test_a_decimal_comma_does_not_end_a_clause(text: str, items: list[tuple[str, Decimal]]) -> None:
    # "1,5" is one and a half, not the end of one clause and a 5 of the next
    result = PARSER.parse(text, "BO")
    assert [(i.code, i.qty) for i in result.items] == items and not result.ambiguous


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # a weight right after "túi <product>" starts the next product, not the bag's size
        ("cho c 1 túi quế 2kg bơ nhé", [("QUE", Decimal(1)), ("BO", Decimal(2))]),
        ("lấy 1 hộp chè 3 ký bơ", [("CHE", Decimal(1)), ("BO", Decimal(3))]),
        ("lấy 2 túi quế 500g nhé", [("QUE", Decimal(2))]),  # here 500g is the bag's size
        # a cart is an order phrase, not a basket of 3kg
        ("bỏ giỏ 3kg nhé", [("BO", Decimal(3))]),
        ("cho vào giỏ 2 ký bơ", [("BO", Decimal(2))]),
    ],
)
def test_a_weight_after_a_container(text: str, items: list[tuple[str, Decimal]]) -> None:
    assert _read(text) == (Intent.ORDER, items)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("chè 200k 1 hộp ạ", Intent.OTHER),  # checks the price
        ("quế 90k 1 túi à", Intent.OTHER),
        ("1kg bơ 60 nghìn hả", Intent.OTHER),
        ("chốt 1 hộp chè 200k", Intent.ORDER),  # says it orders
        ("lấy 2kg bơ 120k nhé", Intent.ORDER),
    ],
)
def test_a_price_beside_an_amount(text: str, intent: Intent) -> None:
    result = PARSER.parse(text, "BO")
    assert result.intent is intent
    assert result.order_like or intent is Intent.ORDER  # still in "Có thể là đơn"


NAMED_LIKE_TIMES = Parser(
    [
        ProductSpec("NH", "Nấm hương rừng", 200000, "túi", None, ("nấm", "nấm hương")),
        ProductSpec("LE", "Lê Bắc Hà", 50000, "kg", None, ("lê",)),
    ]
)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("nấm 2 túi nhé", [("NH", Decimal(2))]),  # not "năm 2", a year
        ("lê 3kg", [("LE", Decimal(3))]),  # not "lễ 3", a holiday
        ("cho e 1 túi nấm 1 kg lê", [("NH", Decimal(1)), ("LE", Decimal(1))]),
    ],
)
def test_a_product_named_like_a_time_word(text: str, items: list[tuple[str, Decimal]]) -> None:
    result = NAMED_LIKE_TIMES.parse(text, "NH")
    assert (result.intent, [(i.code, i.qty) for i in result.items]) == (Intent.ORDER, items)


def test_a_time_word_still_is_one() -> None:
    result = NAMED_LIKE_TIMES.parse("lễ 2/9 shop có live không", "NH")
    assert result.intent is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "cancels"),
    [
        ("chị đặt 2 hộp chè rồi, k huỷ đâu", False),  # keeps her order
        ("đừng hủy đơn của c nhé", False),
        ("e không hủy, chỉ hỏi ship", False),
        ("huỷ đơn quế nhé", True),
        ("thôi k lấy nữa", True),
    ],
)
def test_a_negated_cancel_keeps_the_order(text: str, cancels: bool) -> None:
    assert (_read(text)[0] is Intent.CANCEL) is cancels


@pytest.mark.parametrize(
    ("text", "intent", "items"),
    [
        # an order word and "rồi" closing its clause: ordered before, not now
        ("chị mua bơ rồi, lấy thêm 2 hộp chè nhé", Intent.ORDER, [("CHE", Decimal(2))]),
        ("e đã đặt 3kg rồi", Intent.OTHER, []),
        ("lấy 2 túi quế rồi nha shop", Intent.OTHER, []),
        # "rồi" as "then", opening the next clause, is no past
        ("lấy 2kg bơ, rồi gửi về Hà Nội giúp e", Intent.ORDER, [("BO", Decimal(2))]),
    ],
)
def test_ordered_already(text: str, intent: Intent, items: list[tuple[str, Decimal]]) -> None:
    assert _read(text) == (intent, items)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hai đứa mình mua chung 1 yến bơ đi @Thu Hà", Intent.OTHER),  # to a tagged viewer
        ("mua quế đi @Minh Anh", Intent.OTHER),
        ("chốt 2kg bơ nhé @Lan", Intent.ORDER),  # orders, and tells a friend
        ("2 hộp chè nha @shop", Intent.ORDER),
    ],
)
def test_a_viewer_tagged_at_the_end(text: str, intent: Intent) -> None:
    assert _read(text)[0] is intent


@pytest.mark.parametrize(
    ("text", "intent", "items"),
    [
        # how to pack it is no more of it
        ("lấy 4kg bơ chia 2 túi giúp e", Intent.ORDER, [("BO", Decimal(4))]),
        ("e mua 3kg bơ, chia 3 túi 1kg nhé", Intent.ORDER, [("BO", Decimal(3))]),
        ("chè 2 hộp tách 2 bịch nhé", Intent.ORDER, [("CHE", Decimal(2))]),
        # "chưa … bao giờ", "không bao giờ": never, not "when?"
        ("e chưa ăn bơ bao giờ, lấy 1kg thử", Intent.ORDER, [("BO", Decimal(1))]),
        ("bao giờ có bơ lại ạ", Intent.OTHER, []),
    ],
)
def test_packing_and_never(text: str, intent: Intent, items: list[tuple[str, Decimal]]) -> None:
    assert _read(text) == (intent, items)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("mỗi loại 1kg bơ với quế", [("BO", Decimal(1)), ("QUE", Decimal(1))]),
        ("chè, quế mỗi thứ 2 nhé", [("CHE", Decimal(2)), ("QUE", Decimal(2))]),
    ],
)
def test_an_amount_of_each(text: str, items: list[tuple[str, Decimal]]) -> None:
    result = PARSER.parse(text, "BO")
    assert (result.intent, [(i.code, i.qty) for i in result.items]) == (Intent.ORDER, items)


def test_an_amount_of_each_in_the_wrong_unit_is_unsure() -> None:
    # 1 kg of a product sold by the box: read, but put to the assistant
    assert PARSER.parse("mỗi loại 1kg bơ với chè", "BO").ambiguous


EVERYDAY = Parser(
    [
        ProductSpec("MNK", "Măng khô", 90000, "túi", None, ("măng",)),
        ProductSpec("LE", "Lê Bắc Hà", 50000, "kg", None, ("lê",)),
        ProductSpec("BO", "Bơ sáp", 60000, "kg", None, ("bơ",)),
    ]
)


@pytest.mark.parametrize(
    ("text", "unsure"),
    [
        ("mang 2kg bơ ra bưu điện giúp e", True),  # "mang": to bring, or măng?
        ("lấy 2kg bơ, ship le giúp e", True),  # "le": lẻ (separately), or lê?
        ("lấy 2kg le nhé", False),  # its own amount beside it: the pear
        ("lay 2 tui mang", False),
        ("lấy 2 túi măng, 1kg bơ", False),  # typed with its accents: măng
    ],
)
def test_a_name_that_is_an_everyday_word_without_accents(text: str, unsure: bool) -> None:
    result = EVERYDAY.parse(text, "BO")
    assert result.intent is Intent.ORDER and result.ambiguous is unsure


def test_the_seller_is_told_which_names_are_everyday_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from livehelper.comments.lexicon import default_lexicon, everyday_names
    from tests.helpers import run_cli

    csv = tmp_path / "hang.csv"
    csv.write_text(
        "code,name,price,unit,aliases\nMNK,Măng khô,90000,túi,măng\nKS,Khoai sâm,35000,kg,khoai\n",
        encoding="utf-8",
    )
    found = everyday_names(
        [ProductSpec("MNK", "Măng khô", 90000, "túi", None, ("măng",))], default_lexicon()
    )
    assert list(found) == ["mang"] and "bring" in found["mang"].meaning
    done = run_cli("catalog", "import", str(csv), db=str(tmp_path / "d.sqlite3"))
    assert "'măng' (MNK) typed without accents is mang (to bring)" in done.stderr
    assert "khoai" not in done.stderr
    codes = tmp_path / "codes.csv"
    codes.write_text("code,name,price,unit,aliases\nMK,Mộc nhĩ,90000,túi,\n", encoding="utf-8")
    done = run_cli("catalog", "import", str(codes), db=str(tmp_path / "d.sqlite3"))
    assert "the code MK is also how buyers write mình (I)" in done.stderr


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("lấy 2kg bơ, 1kg gửi mẹ, 1kg gửi chị", Decimal(2)),  # the parts of the total
        ("chốt 3kg, 1kg gửi về nhà, 2kg gửi chị Lan", Decimal(3)),
        ("lấy 2kg, à 3kg", Decimal(3)),  # a correction: the last one
    ],
)
def test_a_total_and_its_parts(text: str, qty: Decimal) -> None:
    assert _read(text) == (Intent.ORDER, [("BO", qty)])


# --- six more classes, each in comments written for this test -------------------------
PLACES = Parser(
    [
        ProductSpec("NH", "Nấm hương", 150000, "túi", None, ("nấm",)),
        ProductSpec("CAO", "Cao gắm", 300000, "hộp", None, ("cao",)),
        ProductSpec("QUE", "Quế Yên Bái", 90000, "túi", None, ("quế",)),
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "bơ nhà em đang vào mua rồi",  # mùa: the season, typed without accents
        "năm nay được mua lắm chị ơi",  # được mùa: a good harvest
        "cuối mùa rồi nên bơ ít",
    ],
)
def test_the_season_is_not_buying(text: str) -> None:
    assert _read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    "text",
    [
        "bơ còn sẵn không hay phải đặt trước ạ",  # có … không hay …: either-or
        "bo co san k hay phai dat truoc",
        "bơ chín cây hay ủ thuốc vậy",  # "chín" here is ripe, not nine
        "chè uống nóng hay uống lạnh nhỉ",
    ],
)
def test_an_either_or_question_is_no_order(text: str) -> None:
    assert _read(text)[0] is Intent.OTHER


@pytest.mark.parametrize("text", ["chốt 2kg bơ, live hay lắm", "lấy 1kg bơ nhé, shop nói hay quá"])
def test_hay_that_means_great_keeps_the_order(text: str) -> None:
    assert _read(text)[0] is Intent.ORDER


@pytest.mark.parametrize(
    ("text", "unsure"),
    [
        ("nếu còn hàng thì chốt cho em 2kg", True),  # on a condition: the assistant asks
        ("ship được vào Sài Gòn thì em đặt nhé", True),
        ("gửi được trong tuần thì e lấy 1kg", True),
        ("vậy thì chốt 2kg nhé", False),  # "so", not "if"
        ("thế thì lấy 1kg", False),
        ("thì em lấy 2kg bơ", False),  # nothing before it to depend on
    ],
)
def test_an_order_on_a_condition_is_put_to_the_assistant(text: str, unsure: bool) -> None:
    result = PARSER.parse(text, "BO")
    assert result.intent is Intent.ORDER and result.ambiguous is unsure
    assert (result.rule == "order.if") is unsure


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("chốt 3 túi quế, 1 túi 200g nha", Decimal(3)),  # how big one bag is
        ("lấy 2 túi quế nhé, 1 túi 100g đúng không", Decimal(2)),
        ("lấy 1 túi 200g quế, à thôi 2 túi", Decimal(2)),  # a correction still counts
    ],
)
def test_the_size_of_one_is_not_a_new_amount(text: str, qty: Decimal) -> None:
    assert _read(text, "QUE") == (Intent.ORDER, [("QUE", qty)])


@pytest.mark.parametrize(
    "text",
    ["ai lấy quế chung với em không", "ai ở Đà Nẵng mua chung quế ship cho rẻ"],
)
def test_a_comment_opening_with_ai_asks_the_viewers(text: str) -> None:
    assert _read(text, "QUE")[0] is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("thế thì lấy 2 túi quế, gửi về Hà Nam", [("QUE", Decimal(2))]),  # not nấm
        ("chốt 1 túi quế ship Cao Bằng", [("QUE", Decimal(1))]),  # not cao
        ("lay 2 tui que gui ve Ha Nam", [("QUE", Decimal(2))]),
        ("chốt 2 túi nấm gửi Hà Nội", [("NH", Decimal(2))]),
    ],
)
def test_a_product_word_inside_a_place_is_the_place(
    text: str, items: list[tuple[str, Decimal]]
) -> None:
    result = PLACES.parse(text, "QUE")
    assert result.intent is Intent.ORDER, result
    assert [(i.code, i.qty) for i in result.items] == items


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("ship 45 Nguyễn Trãi", []),  # a house number and its street: no amount
        ("chốt 2 túi quế, 45 Nguyễn Trãi Thanh Xuân", [("QUE", Decimal(2))]),
        ("chot 2 tui que, 24 ly thuong kiet ha noi", [("QUE", Decimal(2))]),
        ("chốt 12 túi quế liền nhé", [("QUE", Decimal(12))]),  # an amount of the product
        ("chốt 10 cho chị nha", [("QUE", Decimal(10))]),  # words the reader knows
    ],
)
def test_a_house_number_before_its_street_is_no_amount(
    text: str, items: list[tuple[str, Decimal]]
) -> None:
    result = PLACES.parse(text, "QUE")
    assert [(i.code, i.qty) for i in result.items] == items


def test_words_of_addresses_and_paying_are_no_misspelt_names() -> None:
    thach = Parser([ProductSpec("TD", "Thạch đen", 50000, "hộp", None, ("thạch",))])
    for text in ("chốt 2 hộp, thanh toán khi nhận", "chốt 2 hộp gửi Thanh Xuân"):
        assert thach.parse(text, None).rule != "order.verb.misspelt", text


@pytest.mark.parametrize("text", ["nên mua nha mọi người", "mọi người nên lấy bơ nhà này"])
def test_advice_before_an_order_word(text: str) -> None:
    assert _read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "featured", "items", "unsure"),
    [
        # the product another clause named, when the amount now fits it
        ("lần trước mua 2 hộp chè, nay lấy 4 hộp", "BO", [("CHE", Decimal(4))], False),
        ("hôm qua mua chè rồi, nay lấy 2kg", "BO", [("BO", Decimal(2))], False),
        # it fits the product on screen too: which one? the assistant asks
        ("tuần trước mua quế ngon lắm, nay lấy 2 túi", "CHE", [("QUE", Decimal(2))], True),
    ],
)
def test_the_product_named_in_the_clause_before(
    text: str, featured: str, items: list[tuple[str, Decimal]], unsure: bool
) -> None:
    mixed = Parser(
        [
            *PARSER_PRODUCTS,
            ProductSpec("TUI", "Trà túi lọc", 40000, "túi", None, ("trà túi lọc",)),
        ]
    )
    result = mixed.parse(text, featured)
    assert result.intent is Intent.ORDER
    assert [(i.code, i.qty) for i in result.items] == items and result.ambiguous is unsure


def test_a_code_that_is_a_pronoun_before_an_order_word_is_the_buyer() -> None:
    codes = Parser(
        [
            ProductSpec("MK", "Mộc nhĩ khô", 90000, "túi", None, ("mộc nhĩ",)),
            ProductSpec("QUE", "Quế Yên Bái", 90000, "túi", None, ("quế",)),
        ]
    )
    for text in ("mk lấy 2 túi quế", "mk chot 2 tui que nhe"):  # mk = mình
        assert [(i.code, i.qty) for i in codes.parse(text, "MK").items] == [("QUE", 2)], text
    assert [i.code for i in codes.parse("mk 2 túi", "QUE").items] == ["MK"]  # the code alone


@pytest.mark.parametrize(
    ("text", "qty", "adds"),
    [
        ("em lấy 2kg bơ cho mẹ em, 1kg cho em", Decimal(3), False),  # each for someone
        ("cho chị 2kg bơ, gửi chị Hoa 1kg nữa", Decimal(3), False),
        ("chốt 2kg bơ, thêm 1kg nữa", Decimal(3), False),  # one more, counted here
        ("chốt 1kg bơ cho chị, à 2kg cho chị", Decimal(2), False),  # the same person
        ("lấy thêm 2kg bơ nhé", Decimal(2), True),  # on top of an earlier order
    ],
)
def test_amounts_that_add_up(text: str, qty: Decimal, adds: bool) -> None:
    result = PARSER.parse(text, "BO")
    assert [(i.code, i.qty) for i in result.items] == [("BO", qty)] and result.adds is adds


@pytest.mark.parametrize(
    ("text", "items", "unsure"),
    [
        ("e k lấy bơ, lấy chè thôi", [("CHE", Decimal(1))], False),
        ("e không lấy bơ mà lấy 2 hộp chè", [("CHE", Decimal(2))], False),
        ("e không lấy chè đâu, chỉ lấy quế", [("QUE", Decimal(1))], False),
        # "no more bơ": its claim is to be undone, which the assistant is asked to see to
        ("k lấy bơ nữa, lấy 2 hộp chè nhé", [("CHE", Decimal(2))], True),
    ],
)
def test_not_this_but_that(text: str, items: list[tuple[str, Decimal]], unsure: bool) -> None:
    result = PARSER.parse(text, "BO")
    assert result.intent is Intent.ORDER
    assert [(i.code, i.qty) for i in result.items] == items and result.ambiguous is unsure


@pytest.mark.parametrize(
    ("text", "qty"),
    [("mật ong 1 chai 500ml", Decimal(1)), ("chốt 3 chai 1 lít mật ong nhé", Decimal(3))],
)
def test_a_volume_after_a_container_is_its_size(text: str, qty: Decimal) -> None:
    honey = Parser([ProductSpec("MO", "Mật ong", 250000, "chai", None, ("mật ong",))])
    assert [(i.code, i.qty) for i in honey.parse(text, "MO").items] == [("MO", qty)]


@pytest.mark.parametrize(
    "text",
    ["chot 2kg bo ung ho shop", "chot 2kg bo gui ho", "tầm 2kg thôi", "khoảng 3kg bơ nhé"],
)
def test_on_behalf_and_about_keep_the_order(text: str) -> None:
    # "ho" after "ủng", "gửi" is hộ (for someone), not the question hở; tầm, khoảng: about
    assert _read(text)[0] is Intent.ORDER


@pytest.mark.parametrize(
    "text",
    [
        "Bơ sáp Đắk Lắk dẻo, béo. Đóng thùng 10kg. Giá 60k/kg. Ship toàn quốc.",  # pasted
        "đợi em chút em chốt",  # later
    ],
)
def test_a_shops_own_text_and_a_moment_later_are_no_order(text: str) -> None:
    assert _read(text)[0] is Intent.OTHER


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("chốt 1kg2 bơ", Decimal("1.2")),  # a kilo and tenths, glued
        ("lấy 2 cân 5 bơ", Decimal("2.5")),  # and spaced
        ("lấy 1 ký 2 lạng bơ", Decimal("1.2")),
        ("chốt 1 tá bơ", Decimal(12)),  # a dozen: "tá", not "tạ" (100 kg)
        ("chốt 1 tạ bơ", Decimal(100)),
    ],
)
def test_how_weights_and_dozens_are_said(text: str, qty: Decimal) -> None:
    assert _read(text) == (Intent.ORDER, [("BO", qty)])


@pytest.mark.parametrize(
    ("text", "intent", "items"),
    [
        ("em xin lỗi em đặt nhầm", Intent.CANCEL, []),  # ordered by mistake
        ("chốt lộn rồi shop ơi", Intent.CANCEL, []),
        ("bỏ giỏ hàng giúp em", Intent.CANCEL, []),
        ("em đặt nhầm, đổi sang 2 hộp chè", Intent.ORDER, [("CHE", Decimal(2))]),  # and a new one
        ("đổi sang 3kg nhé", Intent.ORDER, [("BO", Decimal(3))]),
    ],
)
def test_by_mistake_and_changed_to(
    text: str, intent: Intent, items: list[tuple[str, Decimal]]
) -> None:
    assert _read(text) == (intent, items)


def test_thanks_typed_without_accents_names_no_product() -> None:
    fruit = Parser(
        [
            ProductSpec("CAM", "Cam Cao Phong", 40000, "kg", None, ("cam",)),
            ProductSpec("BO", "Bơ sáp", 60000, "kg", None, ("bơ",)),
        ]
    )
    reading = fruit.parse("cam on shop 2kg nhe", "BO")  # cảm ơn: thanks, 2kg of the bơ
    assert [(i.code, i.qty) for i in reading.items] == [("BO", Decimal(2))]
    assert [i.code for i in fruit.parse("cam 2kg", "BO").items] == ["CAM"]
