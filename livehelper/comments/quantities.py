"""Which numbers in a comment are amounts ("2kg", "5 lạng", "x3", "hai hộp", "nửa ký",
"1 chục") and which are something else: a price, a time, a date, an address (blanked
first), a bag's size ("1 túi 5kg"). Used by the parser on folded text, its products'
names already blanked."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

from livehelper.comments.folding import RUN, fold, lower
from livehelper.comments.lexicon import Lexicon
from livehelper.comments.phrases import alternation, spaces

if TYPE_CHECKING:
    from livehelper.comments.sentence import Sentence


class Spanned(Protocol):
    """A product found in the text: where it starts and ends."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: str | None  # folded unit word, None for a bare number
    explicit: bool  # x2, sl 2, or a number with a unit
    sized: bool = False  # a container with its size after it: "1 túi 500g"
    size_kg: Decimal | None = None  # that size, when a weight: "1 thùng 10kg" holds 10
    per: int = 1  # counted in tens ("2 chục": 10) or dozens ("2 tá": 12); value is in ones


def _first_digit_apart(patterns: Sequence[str]) -> str:
    """One regex of ``patterns`` (each at a word's start), those that start with a digit
    behind one test of the first character: at a letter they cost one check, not one
    each (a match's first character is a digit for both groups or for neither, so the
    first pattern that matches is still the one listed first)."""
    digit = [p for p in patterns if p.startswith("\\d")]
    other = [p for p in patterns if not p.startswith("\\d")]
    groups = []
    if digit:
        groups.append("(?=\\d)(?:" + "|".join(f"(?:{p})" for p in digit) + ")")
    if other:
        groups.append("(?:" + "|".join(f"(?:{p})" for p in other) + ")")
    return "(?<![a-z0-9])(?:" + ("|".join(groups) or "(?!)") + ")"


_NAME_NUMBER = re.compile(r"(?<![a-z0-9])(\d+)\s+([a-z]+)")  # "29 do" in a name
_UNIT_WORDS = re.compile(r"[a-z]+(?: [a-z]+)?")  # a unit as a word or two, no size in it
_LETTERS = re.compile(r"[^\W\d_]+")
_TWO_WORDS = re.compile(r"\s+([a-z]+)\s+([a-z]+)")


class Quantities:
    """The amount patterns of one lexicon and catalogue, compiled once."""

    def __init__(self, lx: Lexicon, products: Sequence[Any]) -> None:
        self._lexicon = lx
        # a product's first word as written with its accents ("nấm"): a number after it is
        # the product's amount, not a "năm 1" (year) or "lễ 2" the number patterns blank
        self._accented_words = {
            word
            for label in (q for p in products for q in (p.name, *p.aliases))
            for word in lower(label).split()[:1]
            if fold(word) != word
        }
        self._not_qty_re = re.compile(_first_digit_apart(lx.not_quantity))
        # a number in a product's name with the word after it, not a unit ("Rượu ngô 29
        # độ", "Gạo 5 sao"): "lấy 2 chai rượu 29 độ" is 2, the 29 is the name's
        units = {*lx.weight_units, *lx.count_units, *lx.containers}
        named = {
            f"{n.group(1)} {n.group(2)}"
            for label in (q for p in products for q in (p.name, *p.aliases))
            for n in _NAME_NUMBER.finditer(fold(lower(label)))
            if n.group(2) not in units  # "Gạo (túi 5 kg)": 5 kg is still an amount
        }
        self._name_number = re.compile(alternation(named) + "(?![a-z0-9])") if named else None
        weight = alternation(lx.weight_units)
        # the catalogue's own units count too ("10 bắp ngô": bắp, the lexicon has none)
        own = {fold(p.unit).strip() for p in products if getattr(p, "unit", None)}
        own = {u for u in own if _UNIT_WORDS.fullmatch(u)} - set(lx.weight_units)
        count = alternation([*lx.count_units, *sorted(own)])
        numword = alternation(lx.number_words)
        half = alternation(fold(h) for h in lx.half)
        half_of = alternation(fold(h) for h in lx.half_of)
        dozen = alternation(fold(d) for d in lx.dozen)
        unit = f"(?:{weight}|{count})"
        self.weight_set = set(lx.weight_units)
        self._volume = set(lx.volume_units)
        self.pattern = re.compile(
            rf"""
            (?<![a-z0-9.,])
            (?:
                (?P<marker>x|sl|so\s+luong)\s*:?\s*(?P<mnum>\d{{1,3}}(?:[.,]\d+)?)
              | (?P<halfof>{half_of})\s+(?P<hunit>{weight}|{count})
              | (?:(?P<num>\d{{1,4}}(?:[.,]\d{{1,3}})?)|(?P<word>{numword}))
                (?:\s*(?P<dozen>{dozen}))?
                (?:\s*(?P<unit>{unit}))?
                (?:(?<=[a-z])(?P<tenths>[1-9]))?
                (?:\s+(?P<half>{half}))?
            )
            (?![a-z0-9])
            """,
            re.VERBOSE,
        )
        containers = alternation(lx.containers)
        self._pack_before_re = re.compile(rf"(?<![a-z])(?:{containers})\s*$")
        # an order phrase ending in a container ("cho vào giỏ 2kg") holds no bag of 2kg
        carts = [fold(o) for o in lx.order if fold(o).split()[-1] in set(lx.containers)]
        self._cart_before_re = re.compile(
            rf"(?<![a-z])(?:{alternation(carts) if carts else '(?!)'})\s*$"
        )
        self._after_order_re = re.compile(
            rf"(?:{'|'.join(lx.order_core)}|cho)\s+(?:(?:{'|'.join(lx.pronouns)})\s+)?$"
        )
        self._units = units | own
        self._known = (
            dataclasses.replace(lx, never_typos=()).vocabulary()  # not names and streets
            | {w for words in lx.sentence.values() for x in words for w in fold(x).split()}
            | set(lx.everyday_words)
            | set(lx.pronouns)
            | set(lx.order_core)
        )
        self._price_re = re.compile(_first_digit_apart(lx.prices))

    def _street_after(self, s: str, end: int) -> bool:
        """Two words follow that the reader does not know (not its words, a unit, a
        pronoun or a product, whose names are blanked): a street's name."""
        after = _TWO_WORDS.match(s, end)
        if after is None:
            return False
        first, second = after.groups()  # "45 Nguyễn Trãi": "trãi" folds to a unit, "trái"
        return first not in self._known and second not in self._known - self._units

    def priced(self, s: str) -> bool:
        return self._price_re.search(s) is not None

    def find(self, s: str, written: str, mentions: Sequence[Spanned]) -> list[Quantity]:
        """The quantities in ``s`` (folded, products blanked), in order."""
        taken = [(m.start, m.end) for m in mentions]
        out: list[Quantity] = []
        for m in self.pattern.finditer(s):
            start, end = m.span()
            if start == end or m.group(0).isspace():
                continue
            if taken and any(a < end and start < b for a, b in taken):
                continue  # the number is part of a product name
            if self._name_number is not None and self._name_number.match(s, start):
                continue  # "rượu 29 độ": a product's name said in part
            marker, mnum, halfof, hunit, num, word, dozen, unit, half = m.group(
                "marker", "mnum", "halfof", "hunit", "num", "word", "dozen", "unit", "half"
            )
            if marker:
                value = _decimal(mnum)
                if value is not None:
                    out.append(Quantity(start, end, value, None, True))
                continue
            if halfof:
                out.append(Quantity(start, end, Decimal("0.5"), hunit, True))
                continue
            if num:
                value = _decimal(num)
            else:
                if written[m.start("word") : m.end("word")] not in self._lexicon.number_spellings:
                    continue  # "bà" (grandma) folds to "ba" but is not three
                if word == "nam" and not unit:  # "năm" is a year or "nam" (south) without a unit
                    continue
                value = Decimal(self._lexicon.number_words[word])
                if not unit and not dozen and not self._word_number_in_context(s, m, mentions):
                    continue
            if value is None or value <= 0:
                continue
            per = 1
            if dozen:
                value, per = value * 10, 10
            if half:
                value += Decimal("0.5")
            tenths, explicit = m.group("tenths"), bool(unit)
            if tenths and unit and self._lexicon.weight_units.get(unit) == 1:
                value += Decimal(tenths) / 10  # "1kg2", "2kg5": 1.2 and 2.5 kg
            if unit and written[m.start("unit") : m.end("unit")] in self._lexicon.twelve:
                value, unit, per = value * 12, None, 12  # "1 tá" is a dozen, not a tạ (100 kg)
            if (
                unit
                and (unit in self.weight_set or unit in self._volume)
                and self._is_pack_size(s, start, end, out, mentions)
            ):
                if out:
                    out[-1].sized = True
                    weight = self._lexicon.weight_units.get(unit)
                    out[-1].size_kg = None if weight is None else value * weight
                continue  # "1 túi 5kg": 5kg is the size of the bag
            if not unit and value > 100:
                continue  # a bare 250 is grams, a price or a code, not 250 items
            if not unit and value >= 10 and self._street_after(s, end):
                continue  # "ship 45 Nguyễn Trãi": a house number
            out.append(Quantity(start, end, value, unit, explicit, per=per))
        return joined_weights(out, s, self._lexicon.weight_units)

    def blank_not_quantities(self, s: str, written: str) -> str:
        """Prices, times, dates, sizes and addresses blanked, save a product's amount."""

        def keep_product(m: re.Match[str]) -> str:
            word = written[m.start() : m.end()].split()[0] if m.group().strip() else ""
            if word in self._accented_words:
                return m.group()
            # "chốt lẹ 2", "2 nấm": a word typed with other accents than the pattern
            # means ("lễ 2", "2 năm") says the number is an amount after all
            spelt = self._lexicon.not_quantity_spelt
            for typed in _LETTERS.findall(written, m.start(), m.end()):
                meant = None if typed.isascii() else spelt.get(fold(typed))
                if meant is not None and typed not in meant:
                    return m.group()
            return spaces(m)

        return self._not_qty_re.sub(keep_product, s)

    def _is_pack_size(
        self, s: str, start: int, end: int, found: list[Quantity], mentions: Sequence[Spanned]
    ) -> bool:
        """A weight right after a container word is the container's size ("1 túi 5kg"),
        unless the container is an order phrase's ("cho vào giỏ 2kg"), the weight goes on
        a weight ("2 cân 5 lạng": "cân" folds like a can), or it starts the next product
        ("1 túi hồi 2kg khoai": 2kg of khoai, the hồi's name blanked between)."""
        if not self._pack_before_re.search(s, 0, start) or self._cart_before_re.search(s, 0, start):
            return False
        prev = found[-1] if found else None
        if prev and prev.unit in self.weight_set and not s[prev.end : start].strip():
            return False
        named_between = any(start > m.start >= prev.end for m in mentions) if prev else False
        next_named = any(m.start >= end and not s[end : m.start].strip() for m in mentions)
        return not (named_between and next_named)

    def _word_number_in_context(
        self, s: str, m: re.Match[str], mentions: Sequence[Spanned]
    ) -> bool:
        """A number word without a unit counts only right after an order word or
        right before a product: "lấy hai", "hai khoai sâm"."""
        if self._after_order_re.search(s[max(0, m.start() - 16) : m.start()]):
            return True
        rest = s[m.end() : m.end() + 40]
        start = m.end() + len(rest) - len(rest.lstrip())
        return any(mention.start == start for mention in mentions)


_DIGITS = frozenset(Decimal(d) for d in range(1, 10))


def joined_weights(found: list[Quantity], s: str, weights: dict[str, Decimal]) -> list[Quantity]:
    """ "1kg 2 lạng", "2 cân 5 lạng", "1 ký 2": one weight, the larger unit first,
    nothing between."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        big = weights.get(last.unit or "") if last is not None else None
        if last is None or big is None or s[last.end : q.start].strip():
            out.append(q)
            continue
        small = weights.get(q.unit or "")
        if small is not None and small < big:
            total = last.value * big + q.value * small
            out[-1] = Quantity(last.start, q.end, total / big, last.unit, True)
        elif q.unit is None and not q.explicit and q.value in _DIGITS and big == 1:
            # "1 ký 2", "2 cân 5": a kilo and tenths
            out[-1] = Quantity(last.start, q.end, last.value + q.value / 10, last.unit, True)
        else:
            out.append(q)
    return out


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def total_or_last(quantities: list[Quantity], s: str, words: Sentence) -> Quantity:
    """The amount of one product said several times: the last ("2kg, à 3kg"), unless
    the later ones add up to the first, its parts ("2kg, 1kg gửi mẹ, 1kg gửi chị"), are
    some of it for someone ("2 hộp, 1 hộp gửi nội"), say
    how big one is ("2 túi, 1 túi 500g"), or come on top: each for someone else ("2kg
    cho mẹ, 1kg cho em") or one more ("2kg, thêm 1kg nữa"): then their sum."""
    first = quantities[0]
    rest = [
        q
        for q in quantities[1:]
        if not (q.sized and q.value == 1 and q.unit == first.unit and first.value > 1)
    ]
    if not rest:
        return first
    if all(q.unit == first.unit for q in rest):
        whom = [words.for_whom(s, q.end) for q in (first, *rest)]
        apart = None not in whom and len(set(whom)) == len(whom)
        if apart or all(words.one_more(s, q.start, q.end) for q in rest):
            total = first.value + sum((q.value for q in rest), Decimal(0))
            return Quantity(first.start, rest[-1].end, total, first.unit, first.explicit)
        parts = sum((q.value for q in rest), Decimal(0))
        if len(rest) >= 2 and parts == first.value:
            return first
        if whom[0] is None and None not in whom[1:] and parts < first.value:
            return first  # "đặt 2 hộp, 1 hộp gửi nội": one of the two goes to her
    return rest[-1]


class ProductUnits:
    """An amount in each product's own unit: kilograms and the other weights ("500g" of
    tea sold by the lạng is 5), tens and dozens ("2 chục trứng" of eggs sold by the chục
    is 2), the size of a container ("1 thùng 10kg")."""

    def __init__(self, products: Sequence[Any], lx: Lexicon) -> None:
        self._lexicon = lx
        self._weights = set(lx.weight_units)
        self._tens = frozenset(fold(d) for d in lx.dozen)  # a unit of ten ("chục")
        # between a count and a weight that says how big one is ("tầm", "loại", "nặng")
        self._about = frozenset(
            w for x in lx.sentence.get("size_of_one", ()) for w in fold(x).split()
        )
        self._units: dict[str, str] = {}
        self._per: dict[str, int] = {}  # ones in one: 10 for the chục, 12 for the tá
        self._unit_kg: dict[str, Decimal] = {}  # 1 for kg, 0.1 for lạng, 10 for yến
        for p in products:
            code, written, unit = p.code.upper(), lower(p.unit).strip(), fold(p.unit).strip()
            self._units[code] = unit
            if written in lx.twelve:  # "tá" folds like "tạ", 100 kg
                self._per[code] = 12
            elif unit in self._tens:
                self._per[code] = 10
            elif unit in lx.weight_units:
                self._unit_kg[code] = lx.weight_units[unit]

    def sold_by_weight(self, code: str) -> bool:
        return code in self._unit_kg

    def fits(self, code: str, q: Quantity) -> bool:
        if q.unit is None:
            return True
        if q.unit in self._weights:
            return self.sold_by_weight(code)
        return q.unit == self._units.get(code) or not self.sold_by_weight(code)

    def own_first(self, code: str, quantities: list[Quantity], s: str) -> list[Quantity]:
        """Of a product sold by the piece, said in its own unit and then by weight with
        only its name or small words between ("1 con gà 2kg", "1 quả dưa tầm 3 cân"):
        the weight is how big one is, not how many ("1 chai mật với 2kg nếp" stays)."""
        unit = self._units.get(code)
        if self.sold_by_weight(code) or not any(q.unit == unit for q in quantities):
            return quantities
        out, last_own = [], None
        for q in quantities:
            if q.unit == unit:
                last_own = q
            elif q.unit in self._weights and last_own is not None:
                between = RUN.findall(s, last_own.end, q.start)
                if all(w in self._about for w in between):
                    continue  # the size of the one just counted ("… gà tầm 2 cân")
            out.append(q)
        return out

    def convert(self, code: str, q: Quantity | None) -> tuple[Decimal, bool]:
        """The quantity in the product's own unit, and whether that was a guess."""
        if q is None:
            return Decimal(1), False
        product_unit = self._units.get(code, "")
        unit_kg = self._unit_kg.get(code)
        if q.unit and q.unit in self._weights:
            if unit_kg is not None:  # "500g" of tea sold by the lạng: 5
                return _clean(q.value * self._lexicon.weight_units[q.unit] / unit_kg), False
            return q.value, True  # "2kg" of a product sold by the box
        if q.unit and unit_kg is not None:
            if q.size_kg is not None:  # "1 thùng mận 10kg" of a product sold by the kg
                return _clean(q.value * q.size_kg / unit_kg), False
            return q.value, q.unit != product_unit
        per = self._per.get(code, 1)
        if per > 1 and (q.per > 1 or q.unit):
            # sold by the chục or the tá: "2 chục trứng" is 2, "nửa chục" 0.5; "30 quả"
            # is 3, a reckoning to ask about
            if q.per == per:
                return _clean(q.value / per), False
            if q.unit in self._tens and per == 10:
                return q.value, False
            return _clean(q.value / per), True
        return q.value, False


def _clean(value: Decimal) -> Decimal:
    return value.normalize() if value != value.to_integral_value() else Decimal(int(value))
