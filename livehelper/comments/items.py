"""Which product each amount of an order belongs to: every amount to the one product
named, or, with several, each to the nearest product in its clause whose unit fits and
that has none yet; none named, the featured product's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from livehelper.comments.clauses import CLAUSE
from livehelper.comments.everyday import Named
from livehelper.comments.quantities import ProductUnits, Quantity, total_or_last
from livehelper.comments.sentence import Sentence
from livehelper.model import ParsedItem

_SPACES = re.compile(r"\s+")


def order_items(
    units: ProductUnits,
    words: Sentence,
    s: str,
    mentions: Sequence[Named],
    quantities: list[Quantity],
    featured: str | None,
) -> tuple[list[ParsedItem], bool]:
    """The items of an order: each product named with its amount, or the featured
    product; and whether a unit did not fit (the assistant decides)."""
    unsure = False
    if not mentions:
        if featured is None:
            return [], True
        explicit = units.own_first(featured, [q for q in quantities if q.explicit], s)
        q = (
            total_or_last(explicit, s, words)
            if explicit
            else (quantities[0] if quantities else None)
        )
        qty, bad_unit = units.convert(featured, q)
        return [ParsedItem(featured, qty)], bad_unit

    codes = {m.code for m in mentions}
    if len(codes) == 1:  # one product: every quantity is its, the last one wins
        code = mentions[0].code
        own = units.own_first(code, quantities, s)
        qty, bad_unit = units.convert(code, total_or_last(own, s, words) if own else None)
        return [ParsedItem(code, qty)], bad_unit

    bounds = [m.start() for m in CLAUSE.finditer(s)]

    def clause(pos: int) -> int:
        return sum(1 for b in bounds if b < pos)

    chosen: dict[str, Quantity | None] = {}
    for mention in mentions:
        chosen.setdefault(mention.code, None)
    for q in quantities:
        same = [m for m in mentions if clause(m.start) == clause(q.start)]
        pool = same or mentions
        if not same:
            before = [m for m in mentions if m.end <= q.start]
            pool = before[-1:] or pool

        def cost(m: Named, q: Quantity = q) -> int:
            # the nearest product whose unit fits and that has no quantity yet
            fits = units.fits(m.code, q)
            return _gap(m, q, s) + (0 if fits else 1000) + (0 if chosen[m.code] is None else 50)

        target = min(pool, key=cost)
        chosen[target.code] = q  # a later quantity for the same product wins
    items = []
    for code, q in chosen.items():
        qty, bad_unit = units.convert(code, q)
        unsure = unsure or bad_unit
        items.append(ParsedItem(code, qty))
    return items, unsure


def _gap(m: Named, q: Quantity, s: str) -> int:
    """How far apart, spaces counted once (a mended "naaa" is "na" and blanks); a
    quantity right after its product ("KS 2kg") reads most naturally, before it next."""
    if q.start >= m.end:
        return len(_SPACES.sub(" ", s[m.end : q.start]))
    return len(_SPACES.sub(" ", s[q.end : m.start])) + 1
