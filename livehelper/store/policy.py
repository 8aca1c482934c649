"""The duplicate-order rules, pure: what a buyer's new order means next to the claims
they still have waiting from the last ``repeat_minutes``.

* "thêm 1kg nữa" (the reader says *adds*) is always a new claim;
* the same goods again ("chốt 2kg" twice) is a repeat: one claim is enough;
* a new quantity of goods already waiting asks the assistant: replace that claim (R),
  or add to it (M)? The new claim names the latest such claim;
* anything else is a new claim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Goods = Mapping[str, int]  # product code -> thousandths


@dataclass(frozen=True, slots=True)
class Verdict:
    repeat: bool = False  # said again: make no claim
    replaces: int | None = None  # the waiting claim this new quantity may replace


NEW = Verdict()
REPEAT = Verdict(repeat=True)


def judge(said: Goods, waiting: Sequence[tuple[int, Goods]], adds: bool) -> Verdict:
    """``waiting``: the buyer's waiting claims, oldest first, as (reference, goods)."""
    if adds:
        return NEW
    if any(goods == said for _ref, goods in waiting):
        return REPEAT
    overlapping = [ref for ref, goods in waiting if set(goods) & set(said)]
    return Verdict(replaces=overlapping[-1]) if overlapping else NEW
