"""The reader's words (resources/lexicon/vi.toml): order, cancel, question and past
words, number words, units, everyday phrases and patterns of numbers that are not
quantities. Loaded once; the parser compiles its tables from it."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from livehelper.comments.folding import RUN, fold, lower
from livehelper.resources_path import resource_text


@dataclass(frozen=True)
class Lexicon:
    order: tuple[str, ...]
    firm_order: tuple[str, ...]
    permission_question: tuple[str, ...]
    cancel: tuple[str, ...]
    negation: tuple[str, ...]
    question: tuple[str, ...]
    past: tuple[str, ...]
    suggestion: tuple[str, ...]
    suggestion_tail: tuple[str, ...]
    everyday_phrases: tuple[str, ...]
    number_words: dict[str, int]
    number_spellings: frozenset[str]  # as written, accents kept: "ba" is 3, "bà" is a person
    half: tuple[str, ...]
    half_of: tuple[str, ...]
    dozen: tuple[str, ...]
    weight_units: dict[str, Decimal]
    count_units: tuple[str, ...]
    containers: tuple[str, ...]
    not_quantity: tuple[str, ...]
    prices: tuple[str, ...] = ()  # money amounts, also in not_quantity
    never_typos: tuple[str, ...] = ()
    everyday_words: dict[str, str] = field(default_factory=dict)  # folded word -> meaning
    everyday_codes: dict[str, str] = field(default_factory=dict)  # "mk" -> mình
    teencode: dict[str, str] = field(default_factory=dict)  # "thui" -> "thôi", as typed
    no_more: tuple[str, ...] = ()
    plan: tuple[str, ...] = ()
    show_request: tuple[str, ...] = ()
    asks_info: tuple[str, ...] = ()  # "xin giá", "xin stk": information, not goods
    take_all: tuple[str, ...] = ()  # "lấy hết": all there is, an amount nobody said
    sentence: dict[str, tuple[str, ...]] = field(default_factory=dict)  # [sentence]
    places: tuple[str, ...] = ()  # a product's name inside one is the place
    addresses: dict[str, tuple[str, ...]] = field(default_factory=dict)  # [addresses]
    volume_units: tuple[str, ...] = ()  # after a container: its size ("1 chai 500ml")
    twelve: tuple[str, ...] = ()  # "tá", written so: a dozen
    # a not-quantity pattern's first word -> its spellings when typed with accents
    not_quantity_spelt: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def order_core(self) -> tuple[str, ...]:
        """The order verbs the sentence patterns are built around, folded."""
        return tuple(fold(w) for w in self.sentence.get("order_core", ()))

    @property
    def pronouns(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in self.sentence.get("pronouns", ()))

    def vocabulary(self) -> frozenset[str]:
        """Every word the lexicon knows: none of them is a misspelt product name."""
        phrases = [
            *self.order, *self.firm_order, *self.permission_question, *self.cancel,
            *self.negation, *self.question, *self.past, *self.suggestion,
            *self.suggestion_tail, *self.everyday_phrases, *self.number_words, *self.half,
            *self.half_of, *self.dozen, *self.weight_units, *self.count_units,
            *self.containers, *self.never_typos, *self.no_more, *self.plan, *self.show_request,
            *self.asks_info, *self.take_all,
            *(word for words in self.sentence.values() for word in words),
            "sl",  # the amount marker ("sl 3"), read by quantities.py
            *map(fold, self.teencode),
        ]  # fmt: skip
        return frozenset(word for phrase in phrases for word in RUN.findall(fold(phrase)))

    @classmethod
    def from_toml(cls, text: str) -> Lexicon:
        data = tomllib.loads(text)
        intent, numbers, units = data["intent"], data["numbers"], data["units"]

        def folded(items: Iterable[str]) -> tuple[str, ...]:
            # spellings as written (lower case, accents kept); matching folds them itself
            return tuple(dict.fromkeys(lower(i).strip() for i in items if i.strip()))

        return cls(
            order=folded(intent["order"]),
            firm_order=folded(intent["firm_order"]),
            permission_question=folded(intent["permission_question"]),
            cancel=folded(intent["cancel"]),
            negation=folded(intent["negation"]),
            question=folded(intent["question"]),
            past=folded(intent["past"]),
            suggestion=folded(intent["suggestion"]),
            suggestion_tail=folded(intent["suggestion_tail"]),
            everyday_phrases=folded(intent["everyday_phrases"]),
            number_words={fold(k): int(v) for k, v in numbers["words"].items()},
            number_spellings=frozenset(lower(k) for k in numbers["words"]),
            half=folded(numbers["half"]),
            half_of=folded(numbers["half_of"]),
            dozen=folded(numbers["dozen"]),
            weight_units={fold(k): Decimal(str(v)) for k, v in units["weight"].items()},
            count_units=tuple(dict.fromkeys(fold(u) for u in units["count"])),
            containers=tuple(dict.fromkeys(fold(u) for u in units["containers"])),
            volume_units=tuple(fold(u) for u in units.get("volume", [])),
            twelve=tuple(lower(u) for u in units.get("twelve", [])),
            not_quantity=tuple(
                p.replace("{unit}", _any_unit(units))
                for p in data["not_quantity"]["prices"] + data["not_quantity"]["patterns"]
            ),
            not_quantity_spelt={
                fold(k): frozenset(lower(w) for w in v)
                for k, v in data["not_quantity"].get("spelt", {}).items()
            },
            prices=tuple(data["not_quantity"]["prices"]),
            never_typos=folded(data.get("typos", {}).get("never", [])),
            everyday_words={
                fold(k): str(v) for k, v in data.get("everyday", {}).get("words", {}).items()
            },
            everyday_codes={
                fold(k): str(v) for k, v in data.get("everyday", {}).get("codes", {}).items()
            },
            teencode={lower(k): lower(v) for k, v in data.get("teencode", {}).items()},
            no_more=folded(intent.get("no_more", [])),
            plan=folded(intent.get("plan", [])),
            show_request=folded(intent.get("show_request", [])),
            asks_info=folded(intent.get("asks_info", [])),
            take_all=folded(intent.get("take_all", [])),
            sentence={k: tuple(v) for k, v in data["sentence"].items()},
            places=folded(data["places"]["provinces"]),
            addresses={k: tuple(v) for k, v in data.get("addresses", {}).items()},
        )


def _any_unit(units: dict[str, Any]) -> str:
    """``{unit}`` in a not-quantity pattern: any weight, count unit or container."""
    from livehelper.comments.phrases import alternation

    every = [*units["weight"], *units["count"], *units["containers"]]
    return "(?:" + alternation(fold(u) for u in every) + ")"


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.from_toml(resource_text("lexicon/vi.toml"))


@dataclass(frozen=True)
class EverydayName:
    """A product's name that, typed without its accents, is an everyday word."""

    code: str
    name: str  # as the catalogue writes it ("măng")
    plain: str  # as typed without accents ("mang")
    meaning: str  # what else it says ("mang (to bring)")


def everyday_names(products: Iterable[Any], lexicon: Lexicon) -> dict[str, EverydayName]:
    """Each name word (name or alias, written with accents) whose unaccented form is in
    the lexicon's everyday words, and each code that is one or that buyers also type as
    shorthand, by that unaccented form."""
    found: dict[str, EverydayName] = {}
    for p in products:
        code = fold(p.code)
        # "MK": how buyers write mình; "LA": là
        meaning = lexicon.everyday_codes.get(code) or lexicon.everyday_words.get(code)
        if meaning:
            found.setdefault(code, EverydayName(p.code, p.code, code, meaning))
        for label in (p.name, *p.aliases):
            words = lower(label).split()
            if len(words) != 1:  # a longer name ("măng khô") is no everyday word
                continue
            word = words[0]
            plain = fold(word)
            if plain != word and plain in lexicon.everyday_words:
                found.setdefault(
                    plain, EverydayName(p.code, word, plain, lexicon.everyday_words[plain])
                )
    return found
