"""Finding phrases (order words, product names, units) in folded text, fast, and
checking them against the accents the buyer typed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from livehelper.comments.folding import FOLD, RUN, fold, lower


def alternation(phrases: Iterable[str]) -> str:
    """One regex for many phrases, as a trie: shared prefixes are tried once, which
    is several times faster than a flat alternation, and the longest phrase still
    wins (greedy optional tails). Spaces between words match any run of spaces."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in set(phrases):
        node = trie
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def longest_first(words: Iterable[str]) -> str:
    """A plain alternation of the words, folded and escaped, the longest first (so that
    "em" is tried before "e"); spaces match as written."""
    return "|".join(sorted({re.escape(fold(w)) for w in words}, key=len, reverse=True))


def _trie_regex(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_WORD = re.compile(r"\S+")


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build, and these never change
class Found:
    """A phrase found in the text (the parts of ``re.Match`` the parser uses)."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def group(self, _index: int = 0) -> str:
        return self.text


class Phrases:
    """Finds phrases in folded text, then checks the accents the buyer actually typed.

    Accents are optional, but when typed they must agree: "hoi" matches both "hỏi"
    (ask) and "hồi" (anise), while "hỏi" never matches "hồi", and "cảm ơn" never
    matches the product "cam". The check is per word, so half-accented teencode
    ("chot đơn") still matches "chốt đơn".
    """

    def __init__(
        self,
        spellings: Iterable[str],
        left: str = "a-z0-9",
        right: str = "a-z0-9",
        glued_x: bool = False,
    ) -> None:
        # glued_x: "KSx2" - a letter may follow only when it is the x of a quantity
        right_edge = rf"(?!(?!x\d)[{right}])" if glued_x else rf"(?![{right}])"
        self.spellings: dict[str, list[tuple[str, ...]]] = {}
        for spelling in spellings:
            written = tuple(lower(spelling).split())
            if not written:
                continue
            key = " ".join(w.translate(FOLD) for w in written)
            self.spellings.setdefault(key, []).append(written)
        self._exact = {" ".join(w) for options in self.spellings.values() for w in options}
        # the first letters-or-digits run of every phrase: a text containing none of them
        # as a word cannot match, and is not scanned ("+1" -> "1")
        firsts = {RUN.search(key) for key in self.spellings}
        self._first_runs = frozenset(f.group(0) for f in firsts if f is not None)
        self._always_scan = any(f is None for f in firsts) or glued_x
        body = alternation(self.spellings) if self.spellings else "(?!)"
        self.regex = re.compile(rf"(?<![{left}])(?:{body}){right_edge}")

    def accepts(self, folded: str, written: str) -> bool:
        if written.isascii():
            return True  # nothing typed that could disagree
        typed = written.split()
        if " ".join(typed) in self._exact:
            return True
        for option in self.spellings.get(" ".join(folded.split()), ()):
            if len(option) == len(typed) and all(
                t.isascii() or t == o for t, o in zip(typed, option, strict=True)
            ):
                return True
        return False

    def could_match(self, runs: frozenset[str]) -> bool:
        return self._always_scan or not self._first_runs.isdisjoint(runs)

    def finditer(
        self,
        s: str,
        written: str,
        start: int = 0,
        end: int | None = None,
        runs: frozenset[str] | None = None,
    ) -> list[Found]:
        if runs is not None and not self.could_match(runs):
            return []
        stop = len(s) if end is None else end
        out = []
        for m in self.regex.finditer(s, start, stop):
            found = self._accepted(m, written)
            if found is not None:
                out.append(found)
        return out

    def search(
        self,
        s: str,
        written: str,
        start: int = 0,
        end: int | None = None,
        runs: frozenset[str] | None = None,
    ) -> Found | None:
        if runs is not None and not self.could_match(runs):
            return None
        stop = len(s) if end is None else end
        m = self.regex.search(s, start, stop)
        while m is not None:
            found = self._accepted(m, written)
            if found is not None:
                return found
            m = self.regex.search(s, m.end(), stop)
        return None

    def _accepted(self, m: re.Match[str], written: str) -> Found | None:
        """The match, or the longest shorter phrase at the same place whose accents agree
        (the regex tries only the longest alternative at each position)."""
        begin, finish = m.span()
        text = m.group(0)
        typed = written[begin:finish]
        if typed.isascii() or self.accepts(text, typed):
            return Found(begin, finish, text)
        words = list(_WORD.finditer(text))
        for count in range(len(words) - 1, 0, -1):
            end = begin + words[count - 1].end()
            key = " ".join(w.group(0) for w in words[:count])
            if key in self.spellings and self.accepts(key, written[begin:end]):
                return Found(begin, end, key)
        return None

    def blank(self, s: str, written: str, runs: frozenset[str] | None = None) -> str:
        return blank(s, [m.span() for m in self.finditer(s, written, runs=runs)])


def blank(s: str, spans: Iterable[tuple[int, int]]) -> str:
    """``s`` with each span replaced by spaces (positions stay where they were)."""
    for a, b in spans:
        s = s[:a] + " " * (b - a) + s[b:]
    return s


def spaces(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())
