"""Product names typed with a small slip: "khoi sam" for khoai sâm, "mat ongg" for mật ong.

A name or alias matches with a typo when every word is the catalogue's word except one,
which is one edit away (a letter missing, extra, wrong, or two letters swapped). Only
what can be trusted is tried: the slipped word has at least four letters, was typed
without accents (someone typing accents types carefully); a one-word name needs five
letters, and the slipped word must not be a word buyers use for something else (the
lexicon's words, its ``[typos] never`` list, or any well-formed syllable: "trang" is
a page, not "trung" slipped) — in a longer name the other, exact words vouch for it. Candidates are found through one-letter-deletion
keys (the SymSpell idea), so a comment costs a few dictionary look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_WORD = 3  # "na", "ba": too short to guess at
MIN_SINGLE = 5  # a one-word name must be at least this long
_TOKEN = re.compile(r"[a-z0-9]+")
# a well-formed Vietnamese syllable without its accents (onset, vowels, final): one typed
# so is most likely the word it spells, not a one-word name slipped into another word
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|iu|ie|oa|oe|oi|oo"
    r"|ua|ue|ui|uo|uu|uy|ye|[aeiouy])(?:ch|ng|nh|[cmnpt])?$"
)


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]  # folded
    written: tuple[str, ...]  # as the catalogue writes them (accents kept)
    code: str


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion,
    substitution or swap of neighbouring letters."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one letter more in b


def _deletions(word: str) -> set[str]:
    return {word} | {word[:k] + word[k + 1 :] for k in range(len(word))}


class TypoMatcher:
    def __init__(self, names: Iterable[Name], never: Iterable[str]) -> None:
        self.never = frozenset(never)
        self.names = [n for n in dict.fromkeys(names) if self._guessable(n)]
        # a word of a longer name, exactly -> (name index, word position): the anchor
        self._exact: dict[str, set[tuple[int, int]]] = {}
        # a one-letter deletion of a one-word name -> (name index, 0)
        self._single: dict[str, set[tuple[int, int]]] = {}
        for i, name in enumerate(self.names):
            if len(name.words) == 1:
                for key in _deletions(name.words[0]):
                    self._single.setdefault(key, set()).add((i, 0))
            else:
                for pos, word in enumerate(name.words):
                    self._exact.setdefault(word, set()).add((i, pos))
        self._cache: dict[str, frozenset[tuple[int, int]]] = {}

    @staticmethod
    def _guessable(name: Name) -> bool:
        if len(name.words) == 1:
            return len(name.words[0]) >= MIN_SINGLE
        return True

    def find(
        self, s: str, written: str, words: frozenset[str] | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, code) of each misspelt name in the folded text ``s``
        (``words``: the words of ``s``, when the caller has them already)."""
        if words is not None and not any(map(self._hits, words)):
            return []  # the usual case, from remembered words only
        tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(s)]
        starts: dict[int, set[int]] = {}  # token index where a name would begin -> names
        for index, (_, _, word) in enumerate(tokens):
            for name_index, pos in self._hits(word):
                if index - pos >= 0:
                    starts.setdefault(index - pos, set()).add(name_index)
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, starts.get(i, ()), i, s, written)
            if match is None:
                i += 1
                continue
            count, code = match
            found.append((tokens[i][0], tokens[i + count - 1][1], code))
            i += count
        return found

    def _hits(self, word: str) -> frozenset[tuple[int, int]]:
        """(name, word position) pairs ``word`` may be part of; remembered, since
        buyers write the same words all evening."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            hits = set(self._exact.get(word, ()))
            if len(word) >= MIN_SINGLE - 1 and word not in self.never:
                for key in _deletions(word):
                    hits.update(self._single.get(key, ()))
            cached = self._cache[word] = frozenset(hits)
        return cached

    def _match_at(
        self,
        tokens: list[tuple[int, int, str]],
        candidates: Iterable[int],
        i: int,
        s: str,
        written: str,
    ) -> tuple[int, str] | None:
        """The longest name starting at token ``i`` with exactly one slipped word."""
        best: tuple[int, set[str]] | None = None
        for name_index in candidates:
            name = self.names[name_index]
            if self._fits(name, tokens, i, s, written):
                length = len(name.words)
                if best is None or length > best[0]:
                    best = (length, {name.code})
                elif length == best[0]:
                    best[1].add(name.code)
        if best is None or len(best[1]) != 1:
            return None  # nothing, or two products equally likely: do not guess
        return best[0], next(iter(best[1]))

    def _fits(
        self, name: Name, tokens: list[tuple[int, int, str]], i: int, s: str, written: str
    ) -> bool:
        if i + len(name.words) > len(tokens):
            return False
        single = len(name.words) == 1
        slips = 0
        for pos, want in enumerate(name.words):
            start, end, word = tokens[i + pos]
            if pos and s[tokens[i + pos - 1][1] : start].strip():
                return False  # the words of a name stand side by side
            typed = written[start:end]
            accents_agree = typed.isascii() or typed == name.written[pos]
            if word == want and accents_agree:
                continue
            if single and (word in self.never or not typed.isascii() or SYLLABLE.match(word)):
                return False  # "trang", "truong" are words of their own, not "trung" slipped
            if word == want:
                if single:
                    return False  # "hỏi" is not "hồi"
            elif (
                not typed.isascii()  # "thấy" was typed with care: it is not "thảo"
                or len(want) < MIN_WORD
                or len(word) < MIN_WORD
                or not one_edit_apart(word, want)
            ):
                return False
            slips += 1
        return slips == 1
