"""Logging that never keeps a buyer's phone number: every record is redacted on its way
to any handler (the log file a user sends to the developers, the console) — its
message, its arguments and its traceback, since an exception's text can quote a comment."""

from __future__ import annotations

import logging
from pathlib import Path

from livehelper.phones import redact

__all__ = [
    "RedactingFormatter",
    "log_file",
    "quiet_libraries",
    "redact",
    "redact_all_handlers",
    "to_file",
]

# Libraries whose own logging livehelper replaces with its words: obsws-python logs
# the OBS password at INFO and a traceback for every failed (re)connect; httpx logs
# every URL, tokens included; TikTokLive logs cookies.
LIBRARY_LEVELS = {
    "obsws_python": logging.CRITICAL,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "TikTokLive": logging.WARNING,
}


def quiet_libraries() -> None:
    """Set the libraries' loggers to LIBRARY_LEVELS (call after basicConfig, which
    would otherwise leave them at the root's level)."""
    for name, level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)


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


def log_file() -> Path:
    """The window's log file, in the user's log folder."""
    import platformdirs

    folder = Path(platformdirs.user_log_dir("livehelper", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "livehelper.log"


def to_file(path: str) -> None:
    """The window's logging: everything from INFO into ``path``, redacted, with the
    libraries at their LIBRARY_LEVELS."""
    logging.basicConfig(
        level=logging.INFO,
        filename=path,
        encoding="utf-8",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )
    quiet_libraries()
    redact_all_handlers()  # a buyer's phone never reaches the log file
