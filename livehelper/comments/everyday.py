"""Product names that, typed without accents, are everyday words: "mang" is măng or to
bring, "oi" ổi or ơi, a code "LA" is là (the lexicon's ``[everyday]``). Such a name is
the product in an order's context only: an amount of its own beside it ("le 2kg", "buoi
2kg cam 3kg"), or an order word right before it ("lấy oi nhé"). Elsewhere its claim is
put to the assistant, and a product named otherwise (or the featured one) is read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class Named(Spanned, Protocol):
    @property
    def code(self) -> str: ...


class PlainNames:
    def __init__(self, plain: Iterable[str], pronouns: Iterable[str]) -> None:
        """``plain``: the names as typed without accents ("mang"); ``pronouns``: what may
        stand between an order word and a name ("lấy e oi")."""
        self.plain = frozenset(plain)
        self._between = frozenset(pronouns) | {""}

    def __bool__(self) -> bool:
        return bool(self.plain)

    def typed_plain(self, m: Spanned, written: str) -> bool:
        return written[m.start : m.end] in self.plain

    def doubtful(
        self,
        m: Named,
        t: str,
        written: str,
        mentions: Sequence[Named],
        quantities: Sequence[Spanned],
    ) -> bool:
        """Typed as the everyday word, without an amount of its own beside it."""
        return self.typed_plain(m, written) and not own_amount(m, t, mentions, quantities)

    def loose(
        self,
        mentions: Sequence[Named],
        t: str,
        written: str,
        quantities: Sequence[Spanned],
        order_ends: Iterable[int],
    ) -> list[Named]:
        """The doubtful names with no order word right before them ("c oi để e 2kg"):
        not to be read as products."""
        if not self.plain:
            return []
        doubtful = [m for m in mentions if self.doubtful(m, t, written, mentions, quantities)]
        if not doubtful:
            return []
        ends = list(order_ends)
        return [
            m
            for m in doubtful
            if not any(end <= m.start and t[end : m.start].strip() in self._between for end in ends)
        ]


def own_amount(m: Named, t: str, mentions: Sequence[Named], quantities: Sequence[Spanned]) -> bool:
    """An amount beside the name that is not only another product's: in "mang 2kg bơ
    ra" the 2kg is the bơ's; in "buoi 2kg cam 3kg" the bưởi's."""
    others = [o for o in mentions if o.code != m.code]
    return any(
        beside(m, t, [q])
        and not any(
            beside(o, t, [q]) and not any(beside(o, t, [r]) for r in quantities if r is not q)
            for o in others
        )
        for q in quantities
    )


def beside(m: Spanned, t: str, quantities: Sequence[Spanned]) -> bool:
    """An amount right before or after the mention, nothing between."""
    return any(
        (q.end <= m.start and not t[q.end : m.start].strip())
        or (q.start >= m.end and not t[m.end : q.start].strip())
        for q in quantities
    )
