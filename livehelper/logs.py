"""Logging that never keeps a buyer's phone number: every record is redacted on its way
to any handler (the log file a user sends to the developers, the console)."""

from __future__ import annotations

import logging
import re

# Vietnamese mobiles as buyers write them: 0912345678, 0912 345 678, +84 912.345.678
_PHONE = re.compile(r"(?<!\d)(?:\+\s?84|84|0)[\s.\-]?[1-9](?:[\s.\-]?\d){8}(?!\d)")


def redact(text: str) -> str:
    return _PHONE.sub("[số điện thoại]", text)


class RedactPhones(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def redact_all_handlers() -> None:
    """Install the filter on every handler of the root logger (call after basicConfig)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactPhones) for f in handler.filters):
            handler.addFilter(RedactPhones())
