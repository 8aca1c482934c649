"""Folding: the form every comment and phrase is matched in. Lower case, accents
removed, look-alike spaces made plain; one character per character, so a position
in the folded text is the same position in what the buyer wrote."""

from __future__ import annotations

import re
import unicodedata

RUN = re.compile(r"[a-z0-9]+")  # a word or a number of folded text


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x2000):
        ch = chr(cp)
        base = "".join(
            c for c in unicodedata.normalize("NFD", ch.lower()) if not unicodedata.combining(c)
        )
        if base != ch and len(base) == 1 and base.isascii():
            table[cp] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    # look-alike punctuation buyers paste from phones
    for ch in "\u00a0\u2007\u202f\u200b\u3000\t\r":
        table[ord(ch)] = " "
    return table


FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower case without Vietnamese accents: ``'Chốt ĐƠN'`` -> ``'chot don'``."""
    return lower(text).translate(FOLD)


def lower(text: str) -> str:
    """NFC lower case; ``fold`` of it has the same length, so positions line up."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lowered = text.lower()
    # a few characters grow when lowered (İ -> i̇); keep one character per character
    return lowered if len(lowered) == len(text) else "".join(c.lower()[:1] for c in text)
