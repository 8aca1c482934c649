"""Passwords and tokens: in the OS keyring when the machine has one.

Windows Credential Manager, macOS Keychain and the Secret Service on Linux desktops are
used through the ``keyring`` package. A machine without any (a bare Linux box) keeps the
secret in livehelper's own settings file instead, and says so, rather than failing.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SERVICE = "livehelper"


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    backend = keyring.get_keyring()
    # keyring's "fail" and "null" backends have priority <= 0: no real keyring here
    return keyring if getattr(backend, "priority", 0) > 0 else None


def keyring_available() -> bool:
    return _keyring() is not None


def store_secret(name: str, value: str, fallback: MutableMapping[str, str]) -> bool:
    """Keep ``value``; True when it went to the OS keyring, False when to ``fallback``."""
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(SERVICE, name, value)
            fallback.pop(name, None)
            return True
        except Exception as exc:  # a locked or broken keyring: keep the secret anyway
            log.warning(
                "the OS keyring refused to store %s (%s); keeping it in settings",
                name,
                type(exc).__name__,
            )
    fallback[name] = value
    return False


def load_secret(name: str, fallback: MutableMapping[str, str]) -> str:
    ring = _keyring()
    if ring is not None:
        try:
            value = ring.get_password(SERVICE, name)
        except Exception as exc:
            log.warning("the OS keyring could not be read (%s)", type(exc).__name__)
        else:
            if value is not None:
                return str(value)
    return str(fallback.get(name, ""))


class FileFallback(dict[str, str]):
    """Where secrets go on a machine without a keyring: a JSON file only its owner can
    read, in livehelper's config folder (the CLI's counterpart of the window's settings)."""

    def __init__(self, path: Path | None = None) -> None:
        import json

        import platformdirs

        self.path = path or Path(platformdirs.user_config_dir("livehelper", appauthor=False)) / (
            "secrets.json"
        )
        try:
            super().__init__(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            super().__init__()

    def __setitem__(self, key: str, value: str) -> None:
        super().__setitem__(key, value)
        self._save()

    def pop(self, key: str, default: Any = None) -> Any:
        value = super().pop(key, default)
        self._save()
        return value

    def _save(self) -> None:
        import json
        import os

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.touch(mode=0o600, exist_ok=True)
        os.chmod(self.path, 0o600)
        self.path.write_text(json.dumps(dict(self)), encoding="utf-8")
