"""Logging that never keeps a buyer's phone number: every record is redacted on its way
to any handler (the log file a user sends to the developers, the console) — its
message, its arguments and its traceback, since an exception's text can quote a comment."""

from __future__ import annotations

import logging

from livehelper.phones import redact

__all__ = ["RedactingFormatter", "redact", "redact_all_handlers"]


class RedactingFormatter(logging.Formatter):
    """Formats as the handler's own formatter would, then redacts the whole output."""

    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record))


def redact_all_handlers() -> None:
    """Wrap the formatter of every handler of the root logger (call after basicConfig)."""
    for handler in logging.getLogger().handlers:
        if not isinstance(handler.formatter, RedactingFormatter):
            handler.setFormatter(RedactingFormatter(handler.formatter))
