"""How sure the reader is of a reading: how often the rule that decided it reads right,
measured on labelled comments, never set by hand.

``resources/lexicon/rules.toml`` holds, per rule, how many labelled comments it read
and how many of those right; ``tools/measure_rules.py`` writes it from the repository's
corpora (and any show exported with ``evaluate --session ID --export``), and a test
checks that it is what the reader measures today. The confidence is
(right + 1) / (seen + 2): a rule seldom seen is
not trusted on its few successes, one never seen is an even bet. An order read by a
rule less sure than ``unsure_below`` goes to the assistant (*Not sure*).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from livehelper.resources_path import resource_text

RULES_FILE = "lexicon/rules.toml"


def smoothed(seen: int, right: int) -> float:
    return (right + 1) / (seen + 2)


@dataclass(frozen=True)
class Measured:
    tallies: Mapping[str, tuple[int, int]]  # rule -> (seen, right)
    unsure_below: float
    _confidences: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # every parse asks: worked out once
        confidences = {rule: smoothed(*counts) for rule, counts in self.tallies.items()}
        object.__setattr__(self, "_confidences", confidences)

    def of(self, rule: str) -> float:
        found = self._confidences.get(rule)
        return smoothed(0, 0) if found is None else found

    def too_unsure(self, confidence: float) -> bool:
        return confidence < self.unsure_below

    @classmethod
    def from_toml(cls, text: str) -> Measured:
        data = tomllib.loads(text)
        return cls(
            {name: (int(r["seen"]), int(r["right"])) for name, r in data["rules"].items()},
            float(data["unsure_below"]),
        )


@lru_cache(maxsize=1)
def measured_rules() -> Measured:
    return Measured.from_toml(resource_text(RULES_FILE))


def to_toml(tallies: Mapping[str, tuple[int, int]], unsure_below: float, sources: str) -> str:
    lines = [
        "# How often each of the reader's rules reads right (livehelper/comments/confidence.py).",
        "# Written by tools/measure_rules.py; do not edit by hand: run it again.",
        f"# Measured on: {sources}",
        "",
        f"unsure_below = {unsure_below}",
        "",
    ]
    for name in sorted(tallies):
        seen, right = tallies[name]
        lines += [
            f'[rules."{name}"]',
            f"seen = {seen}",
            f"right = {right}",
            f"confidence = {smoothed(seen, right):.3f}",
            "",
        ]
    return "\n".join(lines)
