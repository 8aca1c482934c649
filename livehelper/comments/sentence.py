"""Words by their place in a comment (the lexicon's ``[sentence]``), compiled once: how
a question ends ("… không ạ", "có … không", "… hay … vậy"), a negated order and what is
ordered instead ("k lấy khoai, lấy cam"), an order on a condition ("nếu … thì chốt"),
advice ("… mua đi", "nên mua"), talk in general ("mua về biếu đều được"), "never" ("chưa … bao giờ"), "of each" ("mỗi loại"),
amounts that add up ("thêm 1kg", "1kg cho mẹ"), and the small words that leave a
comment "only a product and an amount"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from livehelper.comments.clauses import CLAUSE
from livehelper.comments.folding import fold
from livehelper.comments.phrases import alternation, blank

_LEFT, _RIGHT = r"(?<![a-z0-9])", r"(?![a-z0-9])"
_LAST_WORD = re.compile(r"([a-z]+)\s+$")


def _either(words: Iterable[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in words)


def _firsts(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(p).split()[0] for p in phrases if p.strip())


def _tail(words: Iterable[str]) -> str:
    """Any run of these words, spaced: the softeners after a question's end."""
    return rf"(?:\s+(?:{_either(words)}))*"


class Sentence:
    def __init__(
        self,
        words: dict[str, tuple[str, ...]],
        negation: Iterable[str] = (),
        suggestion_tail: Iterable[str] = (),
    ) -> None:
        w = words
        pronouns, order_core = _either(w["pronouns"]), _either(w["order_core"])
        negated = rf"{_LEFT}(?:{alternation(fold(n) for n in negation)})\s+(?:(?:{pronouns})\s+)?"
        self.negated_order = re.compile(rf"{negated}(?:{order_core}){_RIGHT}")
        # the words a pattern starts with: a comment without any is not scanned for it
        self._negation_words = _firsts(negation)
        self._order_words = frozenset(fold(x) for x in w["order_core"])
        # "k huỷ đâu", "đừng hủy nhé": a negated cancel keeps the order
        self.negation_before = re.compile(rf"{negated}$")
        self.advice_after = re.compile(
            rf"{_LEFT}(?:{order_core})\s+(?:{alternation(fold(t) for t in suggestion_tail)}){_RIGHT}"
        )
        # "e không lấy khoai mà lấy 2kg cam": after the negated order, another
        self._instead = re.compile(
            rf"(?:{CLAUSE.pattern}|\s(?:{_either(w['instead'])})\s)\s*(?:(?:{pronouns})\s+)?"
            rf"(?:{order_core}){_RIGHT}"
        )
        self._no_more = re.compile(rf"{_LEFT}(?:{_either(w['more_after'])}){_RIGHT}")
        self.adds_words = frozenset(fold(x) for x in w["adds"])
        # written as listed or without any accent: "thèm" (to crave) is not "thêm"
        self.adds_spellings = frozenset([*w["adds"], *self.adds_words])
        self.adds = re.compile(rf"{_LEFT}(?:{_either(w['adds'])}){_RIGHT}")
        self.question_end_words = frozenset(fold(x) for x in w["question_end"])
        self.question_end = re.compile(
            rf"{_LEFT}(?:{_either(w['question_end'])}){_tail(w['question_end_after'])}[\s?!.]*$"
        )
        self._places = {fold(x): x for x in w["question_end_places"]}
        self._not_after = frozenset(fold(x) for x in w["question_end_not_after"])
        self.yes_no_words = frozenset(fold(x) for x in w["yes_no_start"])
        either = _either(w["or_word"])
        self.or_words = frozenset(fold(x) for x in w["or_word"])
        self.yes_no = re.compile(
            rf"{_LEFT}(?:{_either(w['yes_no_start'])})\s+(?:[a-z0-9]+\s+){{0,3}}?"
            rf"(?:{_either(w['yes_no_end'])})"
            rf"(?:{_tail(w['yes_no_after'])}[\s?!.]*$|\s+(?:{either})\s)"
        )
        self.either_or = re.compile(
            rf"{_LEFT}(?:{either})\s+(?!(?:{_either(w['or_not_after'])}){_RIGHT})"
            rf"[a-z]+(?:\s+[a-z]+){{0,4}}?\s+(?:{_either(w['or_end'])})[\s?!.]*$"
        )
        self.advice_end_words = frozenset(fold(x) for x in w["advice_end"])
        self.advice_end = re.compile(
            rf"{_LEFT}(?:{_either(w['advice_end'])})"
            rf"(?:\s+(?:{_either(w['advice_end_after'])}))*[\s!.]*$"
        )
        self.never_words = [frozenset(fold(x).split()) for x in w["never"]]
        self.never_first = frozenset(fold(x).split()[0] for x in w["never"])
        self.never = re.compile(
            rf"{_LEFT}(?:{_either(w['never_before'])})\s+(?:[a-z]+\s+){{0,3}}?"
            rf"(?P<when>{_either(w['never'])})(?![a-z])"
        )
        self._condition = re.compile(rf"{_LEFT}(?:{_either(w['condition'])}){_RIGHT}")
        self._then = re.compile(
            rf"(?:(?<![a-z0-9])(?P<before>[a-z]+)\s+)?(?:{_either(w['then'])})"
            rf"\s+(?:(?:{pronouns})\s+)?$"
        )
        self._so = frozenset(fold(x) for x in w["then_so"])
        self._condition_words = _firsts([*w["condition"], *w["then"]])
        self._advice_before_words = _firsts(w["advice_before"])
        self.advice_before = re.compile(
            rf"{_LEFT}(?:{_either(w['advice_before'])})\s+(?:(?:{pronouns})\s+)?"
            rf"(?:{order_core}){_RIGHT}"
        )
        self._judgement_words = _firsts(w["judgement_end"])
        self.general = re.compile(
            rf"{_LEFT}(?:{order_core})\s+(?:{_either(w['general_after'])})\s+[a-z]+"
            rf"(?:\s+[a-z]+)*?\s+(?:{_either(w['judgement_end'])})"
            rf"{_tail(w['judgement_after'])}[\s!.]*$"
        )
        self._for_someone = re.compile(
            rf"\s*(?:{_either(w['for_someone'])})\s+(?P<who>[a-z]+(?:\s+[a-z]+)?)"
        )
        self._more_before = re.compile(rf"{_LEFT}(?:{_either(w['more_before'])})\s*$")
        self._more_after = re.compile(rf"\s*(?:{_either(w['more_after'])}){_RIGHT}")
        self.to_viewers_words = frozenset(fold(x) for x in w["to_viewers_first"])
        self.to_viewers = re.compile(rf"^\s*(?:{_either(w['to_viewers_first'])})\s")
        self.each_words = frozenset(fold(x) for x in w["each"])
        self.each = re.compile(
            rf"{_LEFT}(?:{_either(w['each'])})\s+(?:{_either(w['each_kind'])}){_RIGHT}"
        )
        self._filler = re.compile(rf"{_LEFT}(?:{_either(w['filler'])}){_RIGHT}")
        self.drop_words = frozenset(fold(x) for x in w["drop"])
        self._drop_spellings = frozenset([*w["drop"], *self.drop_words])
        self._drop_before = re.compile(rf"{_LEFT}(?:{_either(w['drop'])})\s+$")
        self._drop_not_after = re.compile(rf"\s*(?:{_either(w['drop_not_after'])}){_RIGHT}")
        self._drop = re.compile(rf"{_LEFT}(?:{_either(w['drop'])}){_RIGHT}")
        self._into_cart = re.compile(rf"{_LEFT}(?:{_either(w['into_cart'])}){_RIGHT}")

    def drops(self, s: str, written: str, names: Sequence[tuple[int, int]]) -> bool:
        """A product dropped: "bỏ bơ nhé", "xoá cam giúp e" (its name right after the
        word, not "bỏ cam vào giỏ")."""
        for start, end in names:
            word = self._drop_before.search(s, 0, start)
            if (
                word is not None
                and self._spelt_drop(
                    written, word.start(), word.start() + len(word.group().rstrip())
                )
                and self._drop_not_after.match(s, end) is None
            ):
                return True
        return False

    def question(
        self, s: str, named: str, written: str, runs: frozenset[str]
    ) -> re.Match[str] | None:
        """Where ``s`` asks, by how it ends: "… không ạ", "có … không", "… hay … vậy"."""
        end = None
        if not runs.isdisjoint(self.question_end_words):
            end = self.ends_question(s, named, written)
        if end is None and not runs.isdisjoint(self.yes_no_words):
            end = self.yes_no.search(s)
        if end is None and not runs.isdisjoint(self.or_words):
            end = self.either_or.search(s)
        return end

    def ends_question(self, s: str, named: str, written: str) -> re.Match[str] | None:
        """How ``s`` ends a question, if it does. A place-like end ("hả", also Hà) is
        one only as the question is typed ("hả"), or typed without accents when it also
        ends ``named``, ``s`` with the products' names still in: "gui ve Ha Nam" ends
        in "ha" only once a product "nấm" is taken out."""
        end = self.question_end.search(s)
        if end is None:
            return None
        word = end.group().split()[0]
        if word not in self._places:
            return end
        typed = written[end.start() : end.start() + len(word)]
        if typed.isascii():
            before = _LAST_WORD.search(s, 0, end.start())
            if before is not None and before.group(1) in self._not_after:
                return None  # "ủng hộ shop", "gửi hộ": on someone's behalf
            return end if self.question_end.match(named, end.start()) else None
        return end if typed == self._places[word] else None

    def on_condition(self, s: str, at: int, runs: frozenset[str]) -> bool:
        """Whether the order word at ``at`` is said on a condition: "nếu" before it, or
        "thì" right before it (a pronoun between) that is not "so" ("vậy thì")."""
        if runs.isdisjoint(self._condition_words):
            return False
        if self._condition.search(s, 0, at):
            return True
        then = self._then.search(s, 0, at)
        return then is not None and then["before"] is not None and then["before"] not in self._so

    def for_whom(self, s: str, end: int) -> str | None:
        """Who the amount ending at ``end`` is for ("1kg cho mẹ em" -> "me em")."""
        found = self._for_someone.match(s, end)
        return found["who"] if found else None

    def one_more(self, s: str, start: int, end: int) -> bool:
        """The amount at ``start``–``end`` comes on top: "thêm 1kg", "1kg nữa"."""
        return bool(self._more_before.search(s, 0, start) or self._more_after.match(s, end))

    def advises_before(self, s: str, runs: frozenset[str]) -> bool:
        """ "nên mua", "mọi người nên lấy": advice said before an order word."""
        return not runs.isdisjoint(self._advice_before_words) and bool(self.advice_before.search(s))

    def in_general(self, s: str, runs: frozenset[str]) -> bool:
        """ "mua về biếu đều được": buying spoken of in general, judged at the end."""
        return not runs.isdisjoint(self._judgement_words) and bool(self.general.search(s))

    def instead(self, s: str, written: str, runs: frozenset[str]) -> tuple[int, bool] | None:
        """Where the order after a negated or dropped one starts ("e k lấy khoai, lấy
        cam", "bỏ bò khô đi, lấy cam thôi"), and whether an earlier claim is undone: the
        negated one said "no more" ("nữa"), or something was dropped."""
        if runs.isdisjoint(self._order_words):
            return None
        start, dropped = None, False
        if not runs.isdisjoint(self._negation_words):
            negated = self.negated_order.search(s)
            start = None if negated is None else negated.end()
        if start is None and not runs.isdisjoint(self.drop_words):
            word = next(
                (m for m in self._drop.finditer(s) if self._spelt_drop(written, *m.span())),
                None,
            )
            start, dropped = (None, False) if word is None else (word.end(), True)
        if start is None:
            return None
        then = self._instead.search(s, start)
        if then is None:
            return None
        cut = then.end() - len(then.group().split()[-1])  # the order word
        return cut, dropped or self._no_more.search(s, start, then.start()) is not None

    def _spelt_drop(self, written: str, start: int, end: int) -> bool:
        """The drop word typed as listed or without accents ("bỏ", "bo"; not "bò")."""
        return written[start:end] in self._drop_spellings

    def into_cart(self, s: str, start: int) -> bool:
        """ "bỏ giùm e 1 túi bò vào giỏ": put into the cart after ``start``, an order."""
        return self._into_cart.search(s, start) is not None

    def may_say_never(self, runs: frozenset[str]) -> bool:
        """ "chưa … bao giờ" may be there (the caller checked ``never_first`` first)."""
        return any(words <= runs for words in self.never_words)

    def adds_on_top(self, s: str, written: str, quantities: Sequence[Any]) -> bool:
        """ "thêm 1kg nữa" adds to an earlier order ("thèm", to crave, does not); after
        an amount of this comment it adds to that one ("2kg, thêm 1kg": 3kg, counted)."""
        first = min((q.start for q in quantities if q.explicit), default=len(s))
        return any(
            m.start() < first and written[m.start() : m.end()] in self.adds_spellings
            for m in self.adds.finditer(s)
        )

    def only(self, s: str, spans: Sequence[Any]) -> bool:
        """True when nothing but the given spans and small filler words is left."""
        leftover = self._filler.sub(" ", blank(s, [(span.start, span.end) for span in spans]))
        return not re.search(r"[a-z0-9]", leftover)
