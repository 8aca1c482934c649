"""The window's own settings, declared once: kept by Qt (QSettings) on this laptop only.
What every laptop of a team shares lives in the database (shop_settings.py); the
environment variables are in config.py; tokens and passwords go to the OS keyring."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGE = "language"  # "vi" or "en"
WINDOW_GEOMETRY = "window/geometry"  # where and how big the assistant left the window
OBS_HOST = "obs/host"
OBS_PORT = "obs/port"
SPEECH_ON = "speech/on"  # read confirmed orders aloud
SPEECH_RATE = "speech/rate"  # index in the speed list
SPEECH_VOICE = "speech/voice"  # index in the voice list
FACEBOOK_GRAPH_URL = "sources/facebook_graph_url"  # base URLs, for a proxy or a test server
FACEBOOK_STREAMING_URL = "sources/facebook_streaming_url"
YOUTUBE_API_URL = "sources/youtube_api_url"
OLD_SECRETS = "secrets"  # where an older livehelper kept secrets without a keyring


def stored() -> QSettings:
    return QSettings("livehelper", "livehelper")
