"""Vietnamese phone numbers: the one pattern the comment reader finds them with and the
log redactor hides them with (if the two differed, a phone the reader keeps could slip
past the redactor)."""

from __future__ import annotations

import re

# mobiles as buyers write them: 0912345678, 0912 345 678, +84 912.345.678, 84912345678,
# (+84) 912 345 678; group 1 is the subscriber part after the leading 0 / +84
PHONE = re.compile(r"(?<!\d)(?:\(?\+\s?84\)?|\(?84\)?|0)[\s.\-]?([1-9](?:[\s.\-]?\d){8})(?!\d)")
_NOT_DIGIT = re.compile(r"\D")

REDACTED = "[số điện thoại]"


def normalise(match: re.Match[str]) -> str:
    """The number as 0XXXXXXXXX."""
    return "0" + _NOT_DIGIT.sub("", match.group(1))


def redact(text: str) -> str:
    return PHONE.sub(REDACTED, text)


def mask(text: str) -> str:
    """Each phone in ``text`` as 0912•••678: enough for an assistant to recognise, not
    enough to misuse on a screen others see (the stream, a shared laptop)."""
    return PHONE.sub(_masked, text)


def _masked(match: re.Match[str]) -> str:
    number = normalise(match)
    return number[:4] + "•••" + number[-3:]
