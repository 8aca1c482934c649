"""Which clauses of a comment speak of another time — a purchase before, buying later,
not being able to buy — when another clause orders now: "hôm qua mua 5kg rồi, nay lấy
thêm 5kg", "chốt 2 túi, gửi chung với mật ong lúc nãy". Only the clause that orders now
is read; a comment all about another time is left to the intent rules (not an order)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from livehelper.comments.lexicon import default_lexicon
from livehelper.comments.phrases import Phrases, longest_first

_WORDS = default_lexicon().sentence  # [sentence]: clause_words, done_verbs, done_after


# where a clause ends: a comma or a full stop that is not a decimal one ("1,5", "1.5"),
# "và", "với"…
CLAUSE = re.compile(
    rf"[;\n|]|(?<!\d),|,(?!\d)|\.(?!\d)|\s(?:{longest_first(_WORDS['clause_words'])})\s|\s-\s"
)
# an order word and, at the end of its clause, "rồi" (already): done before, not now —
# "anh mua lê rồi", "e đã đặt 2kg rồi", "lấy 3kg rồi" (whatever stands between)
_DONE = re.compile(
    rf"(?<![a-z0-9])(?:{longest_first(_WORDS['done_verbs'])})\s+(?:[a-z0-9]+\s+){{0,4}}?(?P<roi>roi)"
    rf"(?:\s+(?:{longest_first(_WORDS['done_after'])}))*[\s.!]*$"
)


class OtherTimes:
    def __init__(self, past: Phrases, plan: Phrases, order: Phrases) -> None:
        self._past, self._plan, self._order = past, plan, order

    @staticmethod
    def done(said: str, written: str, start: int = 0, end: int | None = None) -> bool:
        """The clause says it was ordered already ("mua lê rồi"); "rơi" (to fall) is not
        "rồi"."""
        found = _DONE.search(said, start, len(said) if end is None else end)
        return found is not None and written[found.start("roi") : found.end("roi")] in (
            "rồi",
            "roi",
        )

    def clauses(
        self,
        said: str,
        read: str,
        written: str,
        runs: frozenset[str],
        amounts: Sequence[int],
    ) -> list[tuple[int, int]]:
        """The spans of the clauses to leave out, or none. ``said``: the folded comment
        with its everyday phrases ("hồi nãy" still says "earlier"); ``read``: the same with
        products and phrases blanked; ``amounts``: where explicit quantities start."""
        past, plan = self._past, self._plan
        if (
            past.search(said, written, runs=runs) is None
            and plan.search(said, written, runs=runs) is None
            and "roi" not in runs
        ):
            return []  # most comments: one search each, no clauses cut
        cuts = [0, *(m.start() for m in CLAUSE.finditer(read)), len(read)]
        other, now = [], False
        for a, b in itertools.pairwise(cuts):
            if (
                self._past.search(said, written, a, b)
                or self._plan.search(said, written, a, b)
                or self.done(said, written, a, b)
            ):
                other.append((a, b))
            elif self._order.search(read, written, a, b) or any(a <= q < b for q in amounts):
                now = True
        return other if other and now else []
