"""How buyers name a catalogue's products: every name, alias and code folded, the
spellings to match with, and the words that tell apart products named alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from livehelper.comments.folding import fold, lower


def product_keys(products: Sequence[Any]) -> tuple[dict[str, tuple[str, bool]], list[str]]:
    """Each folded name, alias and code of the catalogue -> (code, whether it is the code),
    and every spelling as written (accents kept) to match with."""
    keys: dict[str, tuple[str, bool]] = {}
    spellings: list[str] = []
    for p in products:
        keys.setdefault(fold(p.code), (p.code, True))
        spellings.append(p.code)
        for label in (p.name, *p.aliases):
            written = " ".join(lower(label).split())
            f = fold(written)
            if len(f) < 2:
                continue
            keys.setdefault(f, (p.code, False))
            spellings.append(written)
            joined = written.replace(" ", "")
            if joined != written and len(joined) >= 4:
                keys.setdefault(fold(joined), (p.code, False))
                spellings.append(joined)
    return keys, spellings


def telling_words(
    products: Sequence[Any], ordinary: Iterable[str]
) -> dict[str, tuple[str, list[str]]]:
    """The last word of names that start alike in two products or more ("Mật ong rừng",
    "Mật ong nuôi"; "trà xanh", "trà đen"), said alone by buyers ("1 rừng 1 nuôi",
    "3 gói xanh"): folded word -> (the product's code, its spellings). Not a word
    that is already a name or a code, nor one of ``ordinary`` (numbers, units)."""
    by_start: dict[str, dict[str, str]] = {}  # the words before -> {code: last word}
    taken: set[str] = set()
    for p in products:
        taken.add(fold(p.code))
        for label in (p.name, *p.aliases):
            words = lower(label).split()
            taken.add(fold(" ".join(words)))
            if len(words) >= 2:  # alike as written: "mãng cầu" and "măng khô" are not
                by_start.setdefault(" ".join(words[:-1]), {})[p.code] = words[-1]
    skip = {fold(w) for w in ordinary}
    found: dict[str, set[tuple[str, str]]] = {}
    for lasts in by_start.values():
        if len(lasts) >= 2:
            for code, word in lasts.items():
                found.setdefault(fold(word), set()).add((code, word))
    return {
        f: (next(iter(choices))[0], sorted({w for _code, w in choices}))
        for f, choices in found.items()
        if len({code for code, _w in choices}) == 1
        and len(f) >= 2
        and f not in taken
        and f not in skip
    }
