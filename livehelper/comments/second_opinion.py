"""A small statistical second opinion on a comment's intent (order, cancel, other).

A linear model over the comment's words, word pairs and letter runs (3 and 4), with
each product named replaced by "§" and every number by "0", so that it knows no
catalogue. ``tools/train_second_opinion.py`` trains it, reproducibly, from the
repository's labelled corpora into ``resources/lexicon/second_opinion.json``. The rules
decide; where the model disagrees with them, and is sure, the reading is put to the
assistant (parser.py): a missed order or cancel becomes an unsure one, an order or a
cancel the model doubts goes to "Not sure".
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from livehelper.resources_path import resource_text

INTENTS = ("order", "cancel", "other")
NAME = "§"  # a product named
_NUMBER = re.compile(r"\d+")
CACHE = 4096  # masked comments remembered: buyers repeat the same few hundred


def masked(said: str, names: Iterable[tuple[int, int]], digits: bool = True) -> str:
    """The folded comment with each name (start, end) as "§" and numbers as "0"
    (``digits``: whether it has any)."""
    parts, at = [], 0
    for start, end in names:
        parts += [said[at:start], NAME]
        at = end
    parts.append(said[at:])
    text = " ".join(" ".join(parts).split())
    return _NUMBER.sub("0", text) if digits else text


def features(text: str) -> list[str]:
    """What the model weighs: words, neighbouring word pairs, runs of 3 and 4 letters."""
    words = text.split()
    out = ["w:" + w for w in words]
    out += ["b:" + a + "_" + b for a, b in itertools.pairwise(words)]
    padded = " " + text + " "
    for n in (3, 4):
        out += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return out


class SecondOpinion:
    def __init__(self, weights: dict[str, Sequence[float]], threshold: float) -> None:
        self._weights = {f: (float(w[0]), float(w[1]), float(w[2])) for f, w in weights.items()}
        self.threshold = threshold
        self._seen: dict[str, tuple[str, float]] = {}

    @classmethod
    def from_json(cls, text: str) -> SecondOpinion:
        data = json.loads(text)
        return cls(data["weights"], float(data["threshold"]))

    def probabilities(self, text: str) -> tuple[float, float, float]:
        """How likely each of INTENTS is for a masked comment."""
        order = cancel = other = 0.0
        weights = self._weights
        for feature in features(text):
            w = weights.get(feature)
            if w is not None:
                order += w[0]
                cancel += w[1]
                other += w[2]
        top = max(order, cancel, other)
        a, b, c = math.exp(order - top), math.exp(cancel - top), math.exp(other - top)
        total = a + b + c
        return a / total, b / total, c / total

    def intent(self, text: str) -> tuple[str, float]:
        """The likeliest intent of a masked comment and how likely it is."""
        found = self._seen.get(text)
        if found is None:
            found = self._judge(text)
        return found

    def doubts(self, text: str, intent: str) -> str | None:
        """The intent the model is sure of (at least ``threshold``) where the rules read
        ``intent``, or None when it agrees or is not sure."""
        return self.against(self.intent(text), intent)

    def against(self, opinion: tuple[str, float], intent: str) -> str | None:
        """``doubts`` for an opinion already had (``intent``'s answer)."""
        said, chance = opinion
        return said if said != intent and chance >= self.threshold else None

    def _judge(self, text: str) -> tuple[str, float]:
        chances = self.probabilities(text)
        best = max(range(3), key=chances.__getitem__)
        if len(self._seen) >= CACHE:
            self._seen.clear()
        found = self._seen[text] = (INTENTS[best], chances[best])
        return found


@lru_cache(maxsize=1)
def default_second_opinion() -> SecondOpinion:
    return SecondOpinion.from_json(resource_text("lexicon/second_opinion.json"))
