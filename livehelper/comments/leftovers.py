"""Typing leftovers: Vietnamese typed on a phone keyboard whose Telex or VNI conversion
did not happen, and letters held down too long.

  "laays 2kg"  (Telex for "lấy")   "ddon" (đơn)   "huyr" (hủy)   "nhes" (nhé)
  "chotos"     (the circumflex typed after the final consonant, then the tone)
  "cho61t"     (VNI: the marks are digits, 1-5 tones, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ)
  "lấyyy 1kgg", "nhaaa", "chotsss" (stretched letters, a stretched tone key)

Only a word the reader does not know is mended, and only into a word of the lexicon that
names no product: a leftover is decoded, never guessed, and a product's name typed with a
slip stays the typo matcher's to judge. A letter held down is no slip: "nấmmm", "túiii"
(a unit in a product's name) are mended into the catalogue's words too. The mended word keeps its place in the text (the
rest of it is blanked), so positions still line up with the accented text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from livehelper.comments.folding import fold
from livehelper.comments.phrases import alternation

_WORD = re.compile(r"[a-z]+")
# a word with VNI's mark digits in it or after it ("cho61t", "hu3y"); digits alone,
# or before the letters ("2kg"), are no marks
_VNI_WORD = re.compile(r"(?<![a-z0-9])[a-z]+(?:[1-9]+[a-z]*)+(?![a-z0-9])")
# what a leftover shows: a letter twice, a Telex w, a tone key ending a word, a VNI digit
# after two letters ("x2" is an amount)
SUSPECT = re.compile(r"([a-z])\1|[aou]w|[a-z][sfrxj](?![a-z])|[a-z]{2}[1-9]")
CACHE = 20_000  # words remembered (buyers repeat the same few hundred)
VOWELS = frozenset("aeiouy")
TONE_KEYS = frozenset("sfrxj")  # Telex tone marks typed as letters
DOUBLED = frozenset({"aa", "ee", "oo", "dd"})  # Telex â ê ô đ
HORN = frozenset({"aw", "ow", "uw"})  # Telex ă ơ ư

Kept = tuple[int, ...]  # the positions of the word's letters that stay


def _stretched(word: str) -> Kept:
    """Each run of one letter kept once: "layyy" -> "lay"."""
    return tuple(i for i, ch in enumerate(word) if i == 0 or ch != word[i - 1])


def _telex(word: str) -> Kept:
    kept = list(range(len(word)))
    # â ê ô đ typed as a doubled letter, ă ơ ư as a letter and w
    out: list[int] = []
    for i in kept:
        if out and word[out[-1]] + word[i] in DOUBLED | HORN:
            continue
        out.append(i)
    # the tone, typed last: "nhes", "maanj"
    if len(out) >= 3 and word[out[-1]] in TONE_KEYS and any(word[i] in VOWELS for i in out[:-1]):
        out.pop()
    # the circumflex typed after the final consonant: "chot" + "o" -> "chôt"
    if len(out) >= 3 and word[out[-1]] in VOWELS and word[out[-2]] not in VOWELS:
        before = [word[i] for i in out[:-1]]
        if word[out[-1]] in before:
            out.pop()
    return tuple(out)


class Leftovers:
    def __init__(self, known: Iterable[str], left_alone: Iterable[str] = ()) -> None:
        """``known``: what a leftover may be mended into; ``left_alone``: words never
        touched (the catalogue's)."""
        self.known = frozenset(known)
        self.left_alone = frozenset(left_alone)
        self._seen: dict[str, Kept | None] = {}

    def mend_word(self, word: str) -> Kept | None:
        """The positions of ``word`` that spell a known word, or None."""
        if word in self.known or word in self.left_alone or len(word) < 3:
            return None
        if word in self._seen:
            return self._seen[word]
        if len(self._seen) >= CACHE:
            self._seen.clear()
        kept = self._seen[word] = self._decode(word)
        return kept

    def _decode(self, word: str) -> Kept | None:
        if not word.isalpha():  # VNI: the letters without the mark digits
            letters = tuple(i for i, ch in enumerate(word) if ch.isalpha())
            found = "".join(word[i] for i in letters)
            return letters if found in self.known and found not in self.left_alone else None
        telex = _telex(word)
        stretched = _stretched(word)
        both = tuple(telex[i] for i in _stretched("".join(word[j] for j in telex)))
        # a tone key held down: "chotsss" -> "chots" -> "chot"
        held = tuple(stretched[i] for i in _telex("".join(word[j] for j in stretched)))
        for kept in (telex, stretched, both, held):
            if len(kept) < len(word) and "".join(word[i] for i in kept) in self.known:
                return kept
        # a letter held down is no slip: "túiii", "nấmmm" are the catalogue's words too
        if len(stretched) < len(word) and "".join(word[i] for i in stretched) in self.left_alone:
            return stretched
        return None

    def mend(self, folded: str, written: str) -> tuple[str, str]:
        """Both texts (folded and as written, of equal length) with every leftover
        mended in place."""
        if SUSPECT.search(folded) is None:
            return folded, written  # most comments: nothing to look at
        pieces_f, pieces_w, last = [], [], 0
        words = sorted([*_WORD.finditer(folded), *_VNI_WORD.finditer(folded)], key=_span_order)
        for match in words:
            if match.start() < last:
                continue  # a VNI word's letters, mended with it
            kept = self.mend_word(match.group())
            if kept is None:
                continue
            start, end = match.span()
            width = end - start
            pieces_f += [folded[last:start], "".join(folded[start + i] for i in kept).ljust(width)]
            pieces_w += [
                written[last:start],
                "".join(written[start + i] for i in kept).ljust(width),
            ]
            last = end
        if last == 0:
            return folded, written
        pieces_f.append(folded[last:])
        pieces_w.append(written[last:])
        return "".join(pieces_f), "".join(pieces_w)


class Teencode:
    """Teencode read as the word it stands for ("thui" thôi, "rùi" rồi), in place: the
    word is no longer than its teencode, the rest blanked. Typed as listed only: "rủi"
    (risk) is no "rùi", and "rui" may be "rưỡi"."""

    def __init__(self, words: dict[str, str]) -> None:
        self._words: dict[str, tuple[str, str]] = {}
        self._spellings: dict[str, set[str]] = {}
        for typed, word in words.items():
            if len(word) <= len(typed):
                self._words[fold(typed)] = (fold(word), word)
                self._spellings.setdefault(fold(typed), set()).add(typed)
        self.words = frozenset(self._words)  # folded: a comment without any is left alone
        self._find = (
            re.compile(rf"(?<![a-z0-9])(?:{alternation(self._words)})(?![a-z0-9])")
            if self._words
            else None
        )

    def mend(self, folded: str, written: str) -> tuple[str, str]:
        if self._find is None:
            return folded, written
        for m in reversed(list(self._find.finditer(folded))):
            start, end = m.span()
            if written[start:end] not in self._spellings[m.group()]:
                continue
            plain, spelt = self._words[m.group()]
            width = end - start
            folded = folded[:start] + plain.ljust(width) + folded[end:]
            written = written[:start] + spelt.ljust(width) + written[end:]
        return folded, written


def _span_order(m: re.Match[str]) -> tuple[int, int]:
    return m.start(), -m.end()  # at one place, the longer (VNI) word first


# a run of letters and digits both: "chot2kg", "lay2hop", "2kgkhoai" (typed in a hurry)
_MIXED = re.compile(r"(?<![a-z0-9])(?=[a-z0-9]*[a-z]{2})(?=[a-z0-9]*\d)[a-z0-9]+")
_PARTS = re.compile(r"[a-z]+|\d+")


class Glued:
    """Words typed without the spaces between them, spaced again: an order word before
    an amount ("chot2kg", "lay2hop"), a product's word after an amount's unit
    ("2kgkhoai"). A product's code before a number ("ks2") stays as it is."""

    def __init__(self, known: Iterable[str], units: Iterable[str], names: Iterable[str]) -> None:
        self.known = frozenset(known)
        self.names = frozenset(names)
        self._unit_set = frozenset(units)
        self.units = sorted(self._unit_set, key=len, reverse=True)  # longest first

    def split(self, folded: str, written: str) -> tuple[str, str]:
        """Both texts with a space put where words were glued (the same places in both)."""
        cuts: list[int] = []
        for token in _MIXED.finditer(folded):
            parts = list(_PARTS.finditer(token.group()))
            for before, after in itertools.pairwise(parts):
                cut = self._cut(before.group(), after.group())
                if cut is not None:
                    cuts.append(token.start() + before.start() + cut)
        if not cuts:
            return folded, written
        for at in reversed(cuts):
            folded, written = folded[:at] + " " + folded[at:], written[:at] + " " + written[at:]
        return folded, written

    def _cut(self, before: str, after: str) -> int | None:
        """Where in ``before`` + ``after`` a space goes, as an offset from ``before``'s
        start, or None."""
        if before.isdigit():  # "2kgkhoai": the unit stays with the amount
            for unit in self.units:
                rest = after[len(unit) :]
                if after.startswith(unit) and rest and (rest in self.names or rest in self.known):
                    return len(before) + len(unit)
            return None
        if (
            len(before) >= 2
            and before in self.known
            and before not in self.names
            and before not in self._unit_set  # "1kg5" is 1.5 kg
        ):
            return len(before)  # "chot2kg": the order word, then the amount
        return None
