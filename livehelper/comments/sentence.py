"""Words by their place in a comment (the lexicon's ``[sentence]``), compiled once: how
a question ends ("… không ạ"), a yes/no question ("có … không"), advice that ends in
"đi", "never" ("chưa … bao giờ"), "of each" ("mỗi loại"), "on top" ("thêm"), and the
small words that leave a comment "only a product and an amount"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from livehelper.comments.folding import fold
from livehelper.comments.phrases import blank

_LEFT, _RIGHT = r"(?<![a-z0-9])", r"(?![a-z0-9])"


def _either(words: Iterable[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in words)


def _tail(words: Iterable[str]) -> str:
    """Any run of these words, spaced: the softeners after a question's end."""
    return rf"(?:\s+(?:{_either(words)}))*"


class Sentence:
    def __init__(self, words: dict[str, tuple[str, ...]]) -> None:
        w = words
        self.adds_words = frozenset(fold(x) for x in w["adds"])
        # written as listed or without any accent: "thèm" (to crave) is not "thêm"
        self.adds_spellings = frozenset([*w["adds"], *self.adds_words])
        self.adds = re.compile(rf"{_LEFT}(?:{_either(w['adds'])}){_RIGHT}")
        self.question_end_words = frozenset(fold(x) for x in w["question_end"])
        self.question_end = re.compile(
            rf"{_LEFT}(?:{_either(w['question_end'])}){_tail(w['question_end_after'])}[\s?!.]*$"
        )
        self.yes_no_words = frozenset(fold(x) for x in w["yes_no_start"])
        self.yes_no = re.compile(
            rf"{_LEFT}(?:{_either(w['yes_no_start'])})\s+(?:[a-z0-9]+\s+){{0,3}}?"
            rf"(?:{_either(w['yes_no_end'])}){_tail(w['yes_no_after'])}[\s?!.]*$"
        )
        self.advice_end_words = frozenset(fold(x) for x in w["advice_end"])
        self.advice_end = re.compile(
            rf"{_LEFT}(?:{_either(w['advice_end'])})"
            rf"(?:\s+(?:{_either(w['advice_end_after'])}))*[\s!.]*$"
        )
        self.never_words = [frozenset(fold(x).split()) for x in w["never"]]
        self.never = re.compile(
            rf"{_LEFT}(?:{_either(w['never_before'])})\s+(?:[a-z]+\s+){{0,3}}?"
            rf"(?P<when>{_either(w['never'])})(?![a-z])"
        )
        self.each_words = frozenset(fold(x) for x in w["each"])
        self.each = re.compile(
            rf"{_LEFT}(?:{_either(w['each'])})\s+(?:{_either(w['each_kind'])}){_RIGHT}"
        )
        self._filler = re.compile(rf"{_LEFT}(?:{_either(w['filler'])}){_RIGHT}")

    def may_say_never(self, runs: frozenset[str]) -> bool:
        return any(words <= runs for words in self.never_words)

    def only(self, s: str, spans: Sequence[Any]) -> bool:
        """True when nothing but the given spans and small filler words is left."""
        leftover = self._filler.sub(" ", blank(s, [(span.start, span.end) for span in spans]))
        return not re.search(r"[a-z0-9]", leftover)
