"""An address a buyer writes in a comment ("chốt 2kg, gửi về thôn Nà Pàn, xã Chi Lăng,
Lạng Sơn"): found by its words (the lexicon's ``[addresses]``: số nhà, ngõ, đường,
thôn/bản/xóm, xã/phường, huyện/quận, tỉnh…) and kept only when the one address reader
(``export/addresses.split_address``: the 34 provinces, old names too) recognises its
province."""

from __future__ import annotations

import re
from functools import lru_cache

from livehelper import phones
from livehelper.comments.folding import fold
from livehelper.comments.lexicon import default_lexicon
from livehelper.comments.phrases import longest_first
from livehelper.export.addresses import split_address


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The lexicon's ``[addresses]`` words as: where an address starts (a marker, or the
    first of its own words), a word that makes it precise, a marker, and the words a
    comment ends with after it."""
    w = default_lexicon().addresses
    markers, own = [*w["sent_to"], *w["after_word"]], [*w["starts"], *w["precise"]]
    start = re.compile(
        rf"(?<![a-z0-9])(?:{longest_first(markers)})\s*:?\s+"
        rf"|(?<![a-z0-9])(?=(?:{longest_first(own)})\s)"
    )
    precise = re.compile(rf"(?<![a-z0-9])(?:{longest_first(w['precise'])})(?![a-z0-9])")
    sent_to = re.compile(rf"(?<![a-z0-9])(?:{longest_first(w['sent_to'])})(?![a-z0-9])")
    tail = re.compile(
        rf"(?:[\s,.;:!?-]*(?<![a-z0-9])(?:{longest_first(w['tail'])})(?![a-z0-9]))*[\s,.;:!?-]*$"
    )
    return start, precise, sent_to, tail


def address_in(text: str) -> str | None:
    """The address written in ``text``, as written (its phone taken out), or None."""
    start_at, precise_word, sent_to, tail_words = _patterns()
    said = fold(text)
    if precise_word.search(said) is None and sent_to.search(said) is None:
        return None  # most comments (the writer asks of each): no address word at all
    written = phones.PHONE.sub(" ", text)
    folded = fold(written)
    for start in start_at.finditer(folded):
        rest = written[start.end() :]
        tail = tail_words.search(fold(rest))  # folding keeps positions: cut the written text
        candidate = rest[: tail.start() if tail else len(rest)].strip(" ,.;:-")
        # a place to deliver to, not just a city: a house number or a village, ward…
        precise = any(ch.isdigit() for ch in candidate) or precise_word.search(fold(candidate))
        if precise and split_address(candidate).recognised:
            return re.sub(r"\s+", " ", candidate)
    return None
