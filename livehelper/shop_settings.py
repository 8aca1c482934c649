"""The shop's shared settings: kept in the database, so every laptop of a team
follows the same rules. The CLI (`livehelper settings`) and the window's settings
page both show them from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from livehelper.errors import UsageError


class SettingsStore(Protocol):
    def setting(self, key: str, default: str | None = None) -> str | None: ...


def _minutes(text: str) -> str:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise UsageError(f"not a number of minutes: {text!r}") from None
    if not 0 <= value <= 24 * 60:
        raise UsageError(f"minutes must be between 0 and 1440, not {text!r}")
    return f"{value:g}"


def _grams(text: str) -> str:
    text = text.strip()
    if not text:
        return ""  # unset: an export asks again
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise UsageError(f"a weight in whole grams between 1 and 100000, not {text!r}")
    return str(int(text))


@dataclass(frozen=True)
class Setting:
    default: str
    help: str
    check: Callable[[str], str]


SETTINGS = {
    "reserve_minutes": Setting(
        "10",
        "how long a waiting claim holds its goods before they go back on offer",
        _minutes,
    ),
    "repeat_minutes": Setting(
        "10",
        "a buyer repeating the same order within this many minutes still has one claim",
        _minutes,
    ),
    "default_weight_g": Setting(
        "",
        "shipping files: the weight in grams of one item of a product the catalogue "
        "gives no weight_kg (empty: the export asks)",
        _grams,
    ),
}

# The duplicate policy, in words (the window shows its translation of these).
DUPLICATE_POLICY = (
    "The same buyer repeating the same order within repeat_minutes: one claim, not two.",
    "The same buyer giving a new quantity for a product still waiting: the new claim "
    "asks the assistant: R replaces the earlier claim, M keeps both.",
    '"thêm … nữa" (add … more) is always a new claim on top.',
    "A buyer's cancel comment marks all their open claims red and names them in the window.",
)


def value(store: SettingsStore, key: str) -> str:
    return store.setting(key) or SETTINGS[key].default


def minutes(store: SettingsStore, key: str) -> float:
    try:
        return float(value(store, key))
    except ValueError:
        return float(SETTINGS[key].default)


def describe(store: SettingsStore) -> list[dict[str, Any]]:
    return [
        {"key": key, "value": value(store, key), "default": s.default, "help": s.help}
        for key, s in SETTINGS.items()
    ] + [{"key": "duplicate_policy", "value": list(DUPLICATE_POLICY), "help": "fixed rules"}]
