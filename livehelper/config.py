"""Every environment variable livehelper reads, declared once: its name, what it sets and
its default. The shop's shared settings are declared in ``shop_settings.py`` (stored in
the database, so every laptop of a team sees them); the window's own settings (language,
OBS address, base URLs, voice) in ``ui/window_settings.py``."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Variable:
    name: str
    help: str
    default: str = ""


VARIABLES = {
    v.name: v
    for v in (
        Variable("LIVEHELPER_DB", "the database URL or SQLite path (default: livehelper.sqlite3 in the data folder)"),
        Variable("LIVEHELPER_OVERLAY_PORT", "the overlay server's port", "8765"),
        Variable("LIVEHELPER_OBS_URL", "OBS WebSocket address", "ws://127.0.0.1:4455"),
        Variable("LIVEHELPER_OBS_PASSWORD", "OBS WebSocket password"),
        Variable("LIVEHELPER_FACEBOOK_TOKEN", "Facebook Page access token for facebook: sources"),
        Variable("LIVEHELPER_YOUTUBE_KEY", "YouTube Data API key for youtube: sources"),
        Variable("LIVEHELPER_TIKTOK_SESSIONID", "TikTok sessionid cookie (age-restricted lives)"),
        Variable("LIVEHELPER_TIKTOK_TARGET_IDC", "TikTok tt-target-idc cookie, with the sessionid"),
        Variable("LIVEHELPER_SHOP_TOKEN", "token for export --to shopify/woocommerce"),
    )
}  # fmt: skip


def env(name: str) -> str:
    """The variable's value, else its default ("" when it has none)."""
    return os.environ.get(name) or VARIABLES[name].default
