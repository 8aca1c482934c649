"""The shop's answers for partners' files, kept with the shop's settings so every laptop
of a team writes the same: each template's coded values (``ghn.goi_cuoc = 2``, chosen
once, with ``livehelper settings`` or in the export dialog) and the default weight of
one item of a product the catalogue gives no weight (``default_weight_g``)."""

from __future__ import annotations

from typing import Any, Protocol

from livehelper.errors import UsageError
from livehelper.export import templates
from livehelper.export.fields import Filling
from livehelper.export.templates import Choice, Template

WEIGHT_KEY = "default_weight_g"


class SettingsReader(Protocol):
    def setting(self, key: str, default: str | None = None) -> str | None: ...


class ChoiceStore(SettingsReader, Protocol):
    def set_setting(self, key: str, value: str | None) -> None: ...


def setting_key(template: Template, choice: Choice) -> str:
    return f"{template.name}.{choice.key}"


def check(template: Template, choice: Choice, code: str) -> str:
    """``code`` if the partner allows it ("" leaves an optional one empty); else refused."""
    code = code.strip()
    if code in choice.codes or (not code and not choice.required):
        return code
    raise UsageError(
        f"{setting_key(template, choice)} ({choice.label}) cannot be {code!r}: "
        f"{template.name} allows {choice.listed()}"
    )


def filling(store: SettingsReader, template: Template) -> Filling:
    """What the shop chose for ``template``; a saved code the template no longer allows
    is refused, not silently replaced."""
    chosen: dict[str, str] = {}
    for choice in template.choices:
        saved = store.setting(setting_key(template, choice))
        if saved is not None:
            chosen[choice.key] = check(template, choice, saved)
    return Filling(chosen, unit_weight_g(store))


def unit_weight_g(store: SettingsReader) -> int | None:
    saved = store.setting(WEIGHT_KEY)
    return int(saved) if saved and saved.isdigit() else None


def choose(store: ChoiceStore, template: Template, answers: dict[str, str]) -> None:
    """Remember the shop's codes for ``template`` (each checked first)."""
    checked = {key: check(template, template.choice(key), code) for key, code in answers.items()}
    for key, code in checked.items():
        store.set_setting(setting_key(template, template.choice(key)), code)


def set_from_setting(store: ChoiceStore, key: str, code: str) -> None:
    """``livehelper settings ghn.goi_cuoc=2``."""
    name, _, choice_key = key.partition(".")
    template = templates.load(name)
    if choice_key not in {c.key for c in template.choices}:
        keys = ", ".join(setting_key(template, c) for c in template.choices) or "none"
        raise UsageError(f"the {name} template has no choice {choice_key!r}; its choices: {keys}")
    choose(store, template, {choice_key: code})


def describe(store: SettingsReader) -> list[dict[str, Any]]:
    """Every template's choices with the shop's code (``livehelper settings``)."""
    out: list[dict[str, Any]] = []
    for template in templates.available():
        for choice in template.choices:
            saved = store.setting(setting_key(template, choice))
            out.append(
                {
                    "key": setting_key(template, choice),
                    "value": choice.default if saved is None else saved,
                    "default": choice.default,
                    "help": f"{template.name}: {choice.label}"
                    + ("" if choice.required else " (may stay empty)"),
                    "codes": choice.codes,
                }
            )
    return out
