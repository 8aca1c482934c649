"""Read a Vietnamese live-selling comment as an order, a cancel, or something else.

Pure and deterministic: no I/O after the lexicon is loaded, no network models. A
``Parser`` is built once per catalogue version (all matching tables are compiled
then) and ``parse`` is called for every comment.

How a comment is read, in order:
 1. fold: lower case, accents removed (``Chốt`` -> ``chot``), so both spellings match;
 2. phone numbers are taken out and normalised (``+84 912 345 678`` -> ``0912345678``);
 3. everyday phrases that contain a product alias (``hồi nãy``) are blanked;
 4. numbers that are not quantities (prices, times, dates, sizes, addresses) are blanked;
 5. product mentions and quantities are found with their positions;
 6. the intent is decided (cancel, past purchase, negation, advice to others,
    question, order word, or a product with a quantity);
 7. each quantity is given to the nearest product in its clause; none named means
    the featured product; units are converted to the catalogue unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from livehelper import phones
from livehelper.comments.clauses import OtherTimes
from livehelper.comments.confidence import Measured, measured_rules
from livehelper.comments.everyday import PlainNames, beside
from livehelper.comments.folding import FOLD, RUN, fold, lower
from livehelper.comments.items import order_items
from livehelper.comments.leftovers import Glued, Leftovers, Teencode
from livehelper.comments.lexicon import Lexicon, default_lexicon, everyday_names
from livehelper.comments.names import product_keys, telling_words
from livehelper.comments.phrases import Found, Phrases, blank, spaces
from livehelper.comments.quantities import ProductUnits, Quantities, Quantity
from livehelper.comments.second_opinion import SecondOpinion, default_second_opinion, masked
from livehelper.comments.sentence import Sentence
from livehelper.comments.typos import Name, TypoMatcher
from livehelper.model import Intent, ParsedItem, ParseResult

JUDGED_KEPT = 4096  # second opinions remembered: buyers repeat the same few hundred
MAX_CHARS = 1000  # longer comments are read from their first 1000 characters only
RESULTS_KEPT = 10_000  # distinct readings kept (phones make most of them)


class ProductLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_TAG_AT_END = re.compile(r"(?<!\S)@\S[^@]*$")  # "@Hùng Cường" closing the comment


class _Others:
    """Readings that are not orders, one object for every equal reading: most comments
    read alike, and building a frozen result costs more than finding the one made
    before. (An order is built anew: an equal one may write its amount otherwise.)"""

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], ParseResult] = {}

    def reading(
        self,
        intent: Intent,
        phone: str | None,
        confidence: float,
        order_like: bool,
        rule: str,
        ambiguous: bool = False,
    ) -> ParseResult:
        key = (intent, phone, confidence, order_like, rule, ambiguous)
        made = self._made.get(key)
        if made is None:
            if len(self._made) >= RESULTS_KEPT:
                self._made.clear()
            made = self._made[key] = ParseResult(
                intent,
                phone=phone,
                ambiguous=ambiguous,
                confidence=confidence,
                order_like=order_like,
                rule=rule,
            )
        return made


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    code: str
    by_code: bool  # matched the catalogue code rather than a name or alias


# a comment as the reader prepares it (Parser._prepare), each text of the same length:
# written (lower case, accents kept, leftovers mended); said (folded, before everyday
# phrases are blanked); s (everyday phrases, "never", "each" and numbers that are no
# amounts blanked); t (and the products' names); the words present; the phone; whether
# it has a digit, "mỗi loại", a price beside an amount; the names; whether read from a
# slip. A tuple: the compiled reader builds it for every comment.
_Text = tuple[
    str, str, str, str, frozenset[str], str | None, bool, bool, bool, list[_Mention], bool
]


class Parser:
    """A comment reader for one catalogue. Build once, call ``parse`` many times."""

    def __init__(
        self,
        products: Sequence[ProductLike],
        lexicon: Lexicon | None = None,
        measured: Measured | None = None,
        second: SecondOpinion | None = None,
    ) -> None:
        """``second``: the statistical second opinion (second_opinion.py), the trained
        one unless given."""
        lx = lexicon or default_lexicon()
        self.lexicon = lx
        self._measured = measured or measured_rules()
        self._second = second or default_second_opinion()
        self._judged: dict[str, tuple[str, float]] = {}  # comment as written -> its opinion
        self._others = _Others()
        self._codes = {p.code.upper() for p in products}

        keys, spellings = product_keys(products)
        units = [*lx.weight_units, *lx.count_units, *lx.containers]
        # "1 rừng 1 nuôi": the word telling apart two honeys, read with an amount beside
        self._telling = telling_words(products, [*lx.number_words, *units])
        for folded, (code, written) in self._telling.items():
            keys.setdefault(folded, (code, False))
            spellings += written
        self._keys = keys
        # names that, typed without their accents, are everyday words ("măng" -> "mang",
        # to bring): read, but put to the assistant
        self._plain_names = PlainNames(everyday_names(products, lx), lx.pronouns)
        self._numbers = Quantities(lx, products)
        self._in_units = ProductUnits(products, lx)
        # leftovers are mended into the lexicon's words only: a product's name typed with
        # a slip is the typo matcher's to judge (it knows when not to guess)
        product_words = {w for key in keys for w in RUN.findall(key)}
        known = lx.vocabulary() - product_words
        self._leftovers = Leftovers(known, product_words)
        self._teencode = Teencode(lx.teencode)
        self._glued = Glued(known, units, product_words)
        self._typos = TypoMatcher(
            (
                Name(tuple(fold(w) for w in written), tuple(written), p.code)
                for p in products
                for written in {tuple(lower(label).split()) for label in (p.name, *p.aliases)}
                if written
            ),
            lx.vocabulary(),
        )
        # digits may touch a product ("ks2", "2ks"), letters may not
        self._products = Phrases(spellings, left="a-z", right="a-z", glued_x=True) if keys else None

        self._order = Phrases(lx.order)
        self._firm_order = Phrases(lx.firm_order)
        self._permission = Phrases(lx.permission_question)
        self._cancel = Phrases(lx.cancel)
        self._question = Phrases(lx.question)
        self._past = Phrases(lx.past)
        self._plan = Phrases(lx.plan)
        self._no_more = Phrases(lx.no_more)
        self._show = Phrases(lx.show_request)
        self._asks_info = Phrases(lx.asks_info)
        self._take_all = Phrases(lx.take_all)
        self._other_times = OtherTimes(self._past, self._plan, self._order)
        self._everyday = Phrases(lx.everyday_phrases)
        self._sentence = Sentence(lx.sentence, lx.negation, lx.suggestion_tail)
        self._order_core, self._pronouns = frozenset(lx.order_core), frozenset(lx.pronouns)
        self._places = Phrases(lx.places)
        self._suggestion = Phrases(lx.suggestion)

    # ------------------------------------------------------------------ parse
    def parse(self, text: str, featured: str | None = None) -> ParseResult:
        return self._read(text, featured, as_order=False)

    def read_items(self, text: str, featured: str | None = None) -> tuple[ParsedItem, ...]:
        """The products and quantities in ``text`` as if it were an order, whatever
        its intent (an assistant is making a claim of it)."""
        return self._read(text, featured, as_order=True).items

    def _prepare(self, text: str) -> _Text:
        """The comment folded, mended and blanked, and the products it names."""
        written = lower(text[:MAX_CHARS])
        s = written.translate(FOLD)
        phone: str | None = None
        has_digit = _DIGIT.search(s) is not None
        if has_digit:
            first = phones.PHONE.search(s)
            if first is not None:  # the first number is the buyer's; every one is blanked
                phone = phones.normalise(first)
                s = phones.PHONE.sub(spaces, s)
        s, written = self._leftovers.mend(s, written)  # "laays", "chốttt": typing leftovers
        s, written = self._glued.split(s, written)  # "chot2kg", "2kgkhoai"
        # the words present: phrase lists that cannot match are not scanned
        runs = frozenset(RUN.findall(s))
        if not runs.isdisjoint(self._teencode.words):  # "thui", "rùi"
            s, written = self._teencode.mend(s, written)
            runs = frozenset(RUN.findall(s))
        if not runs:  # emoji, punctuation: no word, no number, nothing to order
            return written, s, s, s, runs, phone, has_digit, False, False, [], False
        said = s  # before everyday phrases go: "hồi nãy" still says "earlier"
        s = self._everyday.blank(s, written, runs)
        words = self._sentence
        if not runs.isdisjoint(words.never_first) and words.may_say_never(runs):  # never
            s = words.never.sub(
                lambda m: m.group()[: m.start("when") - m.start()] + " " * len(m["when"]), s
            )
        each = not runs.isdisjoint(words.each_words) and words.each.search(s) is not None
        if each:  # blanked, so that "loại 1" is not read as a type number
            s = words.each.sub(spaces, s)
        priced = False
        if has_digit and _DIGIT.search(s):  # every non-quantity number pattern has a digit
            priced = self._numbers.priced(s)
            s = self._numbers.blank_not_quantities(s, written)
        mentions = self._mentions(s, written, runs)
        if any(m.by_code for m in mentions):
            # a code that is also teencode inside an order phrase ("cho mk") or a pronoun
            # before one ("mk lấy 2kg") is not a product
            order_spans = [(f.begin, f.finish) for f in self._order.finditer(s, written, runs=runs)]
            mentions = [
                m
                for m in mentions
                if not (m.by_code and _teencode(m, s, order_spans, self._pronouns))
            ]
        # products are read; their words must not count as quantities or intent words
        t = blank(s, [(m.start, m.end) for m in mentions])
        guessed = False
        # an order naming no product goes to the featured one, unless its name is misspelt
        # (a slip beside a well-spelt name is not looked for: rare, and costly to look for)
        if not mentions and (has_digit or self._order.could_match(runs)):
            slips = self._typos.find(s, written, runs)
            if slips:
                mentions = [_Mention(a, b, code, False) for a, b, code in slips]
                t = blank(s, [(a, b) for a, b, _code in slips])
                guessed = True
        return written, said, s, t, runs, phone, has_digit, each, priced, mentions, guessed

    def masked(self, text: str) -> str:
        """The comment as the second opinion reads it: products as "§", numbers "0"."""
        _written, said, _s, _t, _runs, _phone, has_digit, _each, _priced, mentions, _guessed = (
            self._prepare(text)
        )
        return _masked(said, mentions, has_digit)

    def _doubt(
        self, written: str, said: str, mentions: list[_Mention], has_digit: bool, intent: str
    ) -> str | None:
        """The intent the second opinion is sure of where the rules read ``intent``.
        Remembered by the comment as written (its accents decide its names, and so its
        mask: "hồi" is a product where "hỏi" is not)."""
        found = self._judged.get(written)
        if found is None:
            if len(self._judged) >= JUDGED_KEPT:
                self._judged.clear()
            opinion = self._second.intent(_masked(said, mentions, has_digit))
            found = self._judged[written] = opinion
        return self._second.against(found, intent)

    def _read(self, text: str, featured: str | None, as_order: bool) -> ParseResult:
        prepared = self._prepare(text)
        written, said, s, t, runs, phone, has_digit, each, priced, mentions, guessed = prepared
        named = mentions  # as found, for the second opinion
        if not runs:  # emoji, punctuation: no word, no number, nothing to order
            confidence = self._measured.of("other.no_words")
            return self._others.reading(Intent.OTHER, phone, confidence, False, "other.no_words")
        words = self._sentence
        featured = featured.upper() if featured and featured.upper() in self._codes else None
        quantities = self._numbers.find(t, written, mentions)
        amounts = [q.start for q in quantities if q.explicit]
        # a product's own words say no time: "ô mai" is not "mai" (tomorrow)
        timed = blank(said, [(m.start, m.end) for m in mentions]) if mentions else said
        context = self._other_times.clauses(timed, t, written, runs, amounts)
        carried = False
        if context:  # "hôm qua mua 5kg rồi, nay lấy thêm 5kg": only the new part counts
            t = blank(t, context)
            earlier = [m for m in mentions if _inside(m.start, context)]
            mentions = [m for m in mentions if not _inside(m.start, context)]
            quantities = [q for q in quantities if not _inside(q.start, context)]
            if earlier and not mentions:  # "lần trước mua thạch, nay lấy 4 hộp": thạch
                featured, carried = _carried(earlier, quantities, featured, self._in_units.fits)
        instead = words.instead(t, written, runs)
        if instead is not None:  # "e k lấy khoai, lấy cam thôi": the order is the cam
            cut, no_more = instead
            t = blank(t, [(0, cut)])
            mentions = [m for m in mentions if m.start >= cut]
            quantities = [q for q in quantities if q.start >= cut]
            carried = carried or no_more  # "k lấy khoai nữa": and its claim? ask
        order = self._order.search(t, written, runs=runs)
        intent, ambiguous, rule = self._intent(
            t, written, mentions, quantities, runs, order, priced, named=s, unblanked=said
        )
        if as_order:
            intent = Intent.ORDER
        doubt = None if as_order else self._doubt(written, said, named, has_digit, intent)
        ambiguous = ambiguous or doubt is not None  # the second opinion is sure: ask
        if intent is not Intent.ORDER:
            # a missed order or cancel is shown among those that may be orders ("Có thể
            # là đơn"), for the assistant to decide; never made one unasked
            order_like = bool(mentions or quantities or order) or doubt is not None
            confidence = self._measured.of(rule)
            return self._others.reading(intent, phone, confidence, order_like, rule, ambiguous)
        mentions, doubted = self._doubted(s, t, written, runs, mentions, quantities, featured)
        items, unsure = order_items(
            self._in_units, self._sentence, t, mentions, quantities, featured
        )
        unsure = unsure or carried or doubted
        of_each = [q for q in quantities if q.explicit] or quantities
        if each and len(items) > 1 and len(of_each) == 1:
            converted = [(i.code, *self._in_units.convert(i.code, of_each[0])) for i in items]
            items = [ParsedItem(code, qty) for code, qty, _guess in converted]
            unsure = unsure or any(guess for _code, _qty, guess in converted)
        ambiguous = ambiguous or unsure or not items
        if guessed:  # a misspelt name: its own rule, measured apart
            rule += ".misspelt"
        confidence = self._measured.of(rule)
        # a rule that is seldom right (or seldom seen) puts its orders to the assistant
        ambiguous = ambiguous or self._measured.too_unsure(confidence)
        # "thêm 1kg nữa" adds to an earlier order ("thèm", to crave, does not); after an
        # amount of this comment it adds to that one ("2kg, thêm 1kg": 3kg, counted)
        adds = not runs.isdisjoint(words.adds_words) and words.adds_on_top(s, written, quantities)
        return ParseResult(
            Intent.ORDER, tuple(items), phone, ambiguous, confidence, adds, rule=rule
        )

    def _doubted(
        self,
        s: str,
        t: str,
        written: str,
        runs: frozenset[str],
        mentions: list[_Mention],
        quantities: list[Quantity],
        featured: str | None,
    ) -> tuple[list[_Mention], bool]:
        """The mentions to read an order's items from, and whether the assistant should
        decide: a name that may be an everyday word, a telling word alone."""
        doubted = False
        plain = self._plain_names
        if plain and any(plain.typed_plain(m, written) for m in mentions):
            ends = [f.finish for f in self._order.finditer(t, written, runs=runs)]
            loose = plain.loose(mentions, t, written, quantities, ends)
            if loose and (featured or len(loose) < len(mentions)):
                # "c oi để e 2kg": ơi, not the ổi; the featured product, put to the assistant
                mentions = [m for m in mentions if m not in loose]
            # "mang 2kg bơ ra": măng, or "bring"? the assistant decides
            doubted = bool(loose) or any(
                plain.doubtful(m, t, written, mentions, quantities) for m in mentions
            )
        if self._telling and any(
            s[m.start : m.end] in self._telling and not beside(m, t, quantities) for m in mentions
        ):  # "mật ong xanh quá": a telling word without its amount, the assistant decides
            doubted = True
        return mentions, doubted

    def _mentions(self, s: str, written: str, runs: frozenset[str]) -> list[_Mention]:
        if self._products is None:
            return []
        out: list[_Mention] = []
        keys = self._keys
        for m in self._products.finditer(s, written):
            found = keys.get(m.text) or keys[_SPACES.sub(" ", m.text)]  # "khoai  sâm"
            if m.text in self._telling and out and not s[out[-1].end : m.begin].strip():
                continue  # "hồi khô": a word right after another name describes it
            out.append(_Mention(m.begin, m.finish, found[0], found[1]))
        if out and self._places.could_match(runs):
            out = _outside(out, [p.span() for p in self._places.finditer(s, written)])
        return out

    def _drops(self, s: str, written: str, runs: frozenset[str], mentions: list[_Mention]) -> bool:
        """A product dropped ("bỏ bơ nhé"), not a name that is an everyday word ("bò là
        chuẩn")."""
        words = self._sentence
        return not runs.isdisjoint(words.drop_words) and words.drops(
            s,
            written,
            [(m.start, m.end) for m in mentions if not self._plain_names.typed_plain(m, written)],
        )

    def _intent(
        self,
        s: str,
        written: str,
        mentions: list[_Mention],
        quantities: list[Quantity],
        runs: frozenset[str],
        order: Found | None,
        priced: bool = False,
        named: str = "",
        unblanked: str = "",
    ) -> tuple[Intent, bool, str]:
        """The intent, whether to ask the assistant, and the rule that decided (a short
        stable name: ``livehelper parse`` prints it, the feed shows it; how sure it is
        was measured, confidence.py)."""
        words = self._sentence
        explicit = [q for q in quantities if q.explicit]
        firm = self._firm_order.search(s, written, runs=runs)
        cancel = next(
            (
                c
                for c in self._cancel.finditer(s, written, runs=runs)
                if not words.negation_before.search(s, 0, c.begin)
            ),
            None,
        )
        if cancel and words.into_cart(s, cancel.end()):
            cancel = None  # "bỏ giùm e 1 túi vào giỏ": into the cart
        if cancel:
            reorder = self._firm_order.search(s, written, cancel.end(), runs=runs)
            if reorder and any(q.start >= cancel.end() for q in quantities):
                return Intent.ORDER, True, "order.after_cancel"  # "hủy đơn cũ, chốt 3kg"
            return Intent.CANCEL, False, "cancel.word"
        if mentions and self._drops(s, written, runs, mentions):
            return Intent.CANCEL, False, "cancel.drop_product"  # "bỏ bơ nhé shop"
        if self._past.search(s, written, runs=runs) or (
            "roi" in runs and OtherTimes.done(s, written)
        ):
            return Intent.OTHER, False, "other.past"
        # the regexes below need one of these words standing alone: skip them if absent
        order_core = not runs.isdisjoint(self._order_core)
        negated = words.negated_order.search(s) if order_core else None
        if negated:
            # "k lấy cam nữa", "thôi e không lấy thạch nữa nhé": no more of it, a cancel
            more = self._no_more.search(s, written, negated.end(), runs=runs)
            if more and written[more.begin : more.end()] != "nửa":  # "nửa" is half
                return Intent.CANCEL, False, "cancel.not_any_more"
            return Intent.OTHER, False, "other.negated"
        if order_core and self._plan.search(s, written, runs=runs):
            # "mai e mua nha", "k có tiền mua": buying later, or not at all
            if firm and explicit:
                return Intent.ORDER, True, "order.later_with_amount"
            return Intent.OTHER, False, "other.later"
        # a viewer tagged at the start or the end ("… mua chung đi @Hùng"): said to them
        tagged = _TAG_AT_END.search(s) if "@" in s else None
        said_before = s[: tagged.start()] if tagged else s
        to_others = (
            s.lstrip().startswith("@")
            or tagged
            or (not runs.isdisjoint(words.to_viewers_words) and words.to_viewers.search(s))
            or self._suggestion.search(s, written, runs=runs)
        )
        advice = order_core and (words.advice_after.search(s) or words.advises_before(s, runs))
        if (advice and (to_others or not quantities)) or (
            to_others
            and not runs.isdisjoint(words.advice_end_words)
            and words.advice_end.search(said_before)
        ):
            return Intent.OTHER, False, "other.advice"
        if not explicit and order_core and words.in_general(s, runs):
            return Intent.OTHER, False, "other.general"  # "mua về biếu đều được"
        if to_others and not firm and not explicit:
            return Intent.OTHER, False, "other.to_viewers"  # "mn ủng hộ bà con nhé"
        if not explicit and self._take_all.search(s, written, runs=runs):
            # "còn bao nhiêu e lấy hết": how much is the assistant's to say
            return Intent.ORDER, True, "order.take_all"
        end = words.question(s, named, written, runs)
        if end or "?" in s or self._question.search(s, written, runs=runs):
            if not (firm and quantities):
                return Intent.OTHER, False, "other.question"
            questions = [m.span() for m in self._question.finditer(s, written, runs=runs)]
            if end:
                questions.append(end.span())
            permitted = [m.span() for m in self._permission.finditer(s, written, runs=runs)]
            asks_permission = all(
                any(a <= qa and qb <= b + 8 for a, b in permitted) for qa, qb in questions
            )
            if asks_permission and all(q[0] > firm.start() for q in questions):
                return Intent.ORDER, True, "order.asks_permission"  # "lấy 2kg được không"
            if _asked_then_ordered(s, questions, firm, quantities):
                return Intent.ORDER, True, "order.after_question"  # put to the assistant
            return Intent.OTHER, False, "other.question"
        # "cho e xin giá chè", "xin link mua chè"; "chốt đơn, cho e xin stk" orders. Read
        # in the text before everyday phrases and names go: "giá" may be a name
        asks = None if explicit else self._asks_info.search(unblanked, written, runs=runs)
        if asks and not (firm and firm.begin < asks.begin):
            return Intent.OTHER, False, "other.asks_info"
        if self._show.search(s, written, runs=runs) and not (firm and explicit):
            return Intent.OTHER, False, "other.show_me"  # "cho e xem quả bổ đôi"
        if priced and not order:
            # "hoa hồi 120k 1 túi ạ", "60k 1kg na à": a price beside an amount and no order
            # word checks the price; a buyer ordering says so ("chốt 1 túi 120k")
            return Intent.OTHER, False, "other.price_check"
        if firm or (order and (quantities or mentions)):
            said = firm or order  # "ship được thì lấy": the firm word is the order
            if said and words.on_condition(s, said.begin, runs):  # "nếu còn hàng thì chốt": ask
                return Intent.ORDER, True, "order.if"
            return Intent.ORDER, False, "order.verb"
        if mentions and explicit:
            return Intent.ORDER, False, "order.product_amount"
        if explicit and words.only(s, explicit):
            return Intent.ORDER, False, "order.amount_only"
        if mentions and quantities and words.only(s, [*mentions, *quantities]):
            return Intent.ORDER, False, "order.product_number"  # "KS 2", "2 na"
        if mentions and words.only(s, mentions) and any(m.by_code for m in mentions):
            return Intent.ORDER, True, "order.code_only"  # just "KS"
        if quantities and words.only(s, quantities) and not mentions:
            return Intent.ORDER, True, "order.number_only"  # just "2"
        return Intent.OTHER, False, "other.no_order"


def _masked(said: str, mentions: list[_Mention], has_digit: bool) -> str:
    return masked(said, [(m.start, m.end) for m in mentions], has_digit)


def _asked_then_ordered(
    s: str, questions: list[tuple[int, int]], firm: Found, quantities: list[Quantity]
) -> bool:
    """ "có ship đi xa k, e ở Cà Mau lấy 5 chai": every question before the firm order
    word, an amount after it."""
    asked = [*questions, *((i, i + 1) for i, ch in enumerate(s) if ch == "?")]
    return all(end <= firm.begin for _start, end in asked) and any(
        q.explicit and q.start > firm.begin for q in quantities
    )


def _carried(
    earlier: list[_Mention],
    quantities: list[Quantity],
    featured: str | None,
    fits: Callable[[str, Quantity], bool],
) -> tuple[str | None, bool]:
    """The product an order naming none means when another clause named one: that one,
    if the amounts fit it; unsure when the product on screen would fit them too."""
    code = earlier[-1].code
    if len({m.code for m in earlier}) > 1 or not all(fits(code, q) for q in quantities):
        return featured, False
    return code, featured is not None and featured != code and all(
        fits(featured, q) for q in quantities
    )


def _teencode(
    m: _Mention, s: str, order_spans: Sequence[tuple[int, int]], pronouns: frozenset[str]
) -> bool:
    inside = any(a <= m.start and m.end <= b for a, b in order_spans)
    subject = s[m.start : m.end] in pronouns and any(
        a >= m.end and not s[m.end : a].strip() for a, _b in order_spans
    )
    return inside or subject


def _outside(mentions: list[_Mention], places: Sequence[tuple[int, int]]) -> list[_Mention]:
    """The mentions not inside a longer place's name: "gửi về Hà Nam" names no "nấm"."""
    return [
        m
        for m in mentions
        if not any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in places)
    ]


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


# ------------------------------------------------------------------ conveniences
_cache: dict[tuple[Any, ...], Parser] = {}


def parser_for(products: Sequence[ProductLike]) -> Parser:
    """A cached parser for this exact catalogue (rebuilt when any product changes)."""
    key = tuple((p.code, p.name, p.unit, tuple(p.aliases)) for p in products)
    parser = _cache.get(key)
    if parser is None:
        if len(_cache) > 8:
            _cache.clear()
        parser = _cache[key] = Parser(products)
    return parser
