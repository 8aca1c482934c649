"""Secrets go to the OS keyring when there is one, else to the settings file."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError

from livehelper.secrets import keyring_available, load_secret, store_secret


class MemoryKeyring(KeyringBackend):
    """Stands in for Windows Credential Manager / macOS Keychain / Secret Service, none of
    which can run on this headless test machine; it implements keyring's own backend API."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


class LockedKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("locked")


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def test_with_an_os_keyring_nothing_lands_in_settings(restore_keyring) -> None:  # type: ignore[no-untyped-def]
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    settings = {"obs-password": "old plain copy"}
    assert keyring_available()
    assert store_secret("obs-password", "s3cret", settings) is True
    assert settings == {}  # the old plain-text copy is removed
    assert ring.items[("livehelper", "obs-password")] == "s3cret"
    assert load_secret("obs-password", settings) == "s3cret"


def test_without_a_keyring_the_settings_keep_it(restore_keyring) -> None:  # type: ignore[no-untyped-def]
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    settings: dict[str, str] = {}
    assert not keyring_available()
    assert store_secret("obs-password", "s3cret", settings) is False
    assert load_secret("obs-password", settings) == "s3cret"


def test_a_locked_keyring_does_not_lose_the_secret(restore_keyring) -> None:  # type: ignore[no-untyped-def]
    keyring.set_keyring(LockedKeyring())
    settings: dict[str, str] = {}
    assert store_secret("obs-password", "s3cret", settings) is False
    assert settings["obs-password"] == "s3cret"
    assert load_secret("obs-password", settings) == "s3cret"


def test_obs_settings_round_trip(qapp, restore_keyring) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from livehelper.overlays.obs import ObsSettings
    from livehelper.ui.obs_panel import save_obs_settings, saved_obs_settings

    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        assert save_obs_settings(ObsSettings("127.0.0.1", 4460, "pw1")) is True
        assert saved_obs_settings() == ObsSettings("127.0.0.1", 4460, "pw1")
        assert ("livehelper", "obs-password") in ring.items
    finally:
        QSettings("livehelper", "livehelper").remove("obs")  # later windows use the default
