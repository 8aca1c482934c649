"""``SPEC`` strings -> comment sources: ``tiktok:@user``, ``facebook:LIVE_VIDEO_ID``,
``youtube:LIVE_CHAT_ID``, ``relay:ws://HOST:PORT/PATH``, ``replay:FILE``.

Credentials and base URLs come from ``SourceOptions`` (options or environment), so
every network source can run behind a proxy or against a local test server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from livehelper import config
from livehelper.comments import facebook, youtube
from livehelper.comments.base import CommentSource, SourceFailed

KINDS = ("tiktok", "facebook", "youtube", "relay", "replay")


@dataclass(frozen=True)
class SourceOptions:
    facebook_token: str = ""
    youtube_key: str = ""
    facebook_graph_url: str = facebook.GRAPH_URL
    facebook_streaming_url: str = facebook.STREAMING_URL
    comment_rate: str = "ten_per_second"
    youtube_api_url: str = youtube.API_URL
    tiktok_session_id: str = ""
    tiktok_target_idc: str = ""
    tiktok_sign_url: str = ""

    @classmethod
    def from_env(cls, **given: str | None) -> SourceOptions:
        """Options given win; else LIVEHELPER_FACEBOOK_TOKEN, LIVEHELPER_YOUTUBE_KEY,
        LIVEHELPER_TIKTOK_SESSIONID, LIVEHELPER_TIKTOK_TARGET_IDC; else the defaults."""
        env = {
            "facebook_token": config.env("LIVEHELPER_FACEBOOK_TOKEN"),
            "youtube_key": config.env("LIVEHELPER_YOUTUBE_KEY"),
            "tiktok_session_id": config.env("LIVEHELPER_TIKTOK_SESSIONID"),
            "tiktok_target_idc": config.env("LIVEHELPER_TIKTOK_TARGET_IDC"),
        }
        values = {k: v for k, v in env.items() if v}
        values.update({k: v for k, v in given.items() if v})
        return cls(**values)

    def __repr__(self) -> str:  # tokens never reach a log or a traceback
        return "SourceOptions(…)"


def parse_spec(spec: str) -> tuple[str, str]:
    kind, sep, value = spec.strip().partition(":")
    kind = kind.lower()
    if not sep or kind not in KINDS or not value.strip():
        raise SourceFailed(
            f"a source looks like tiktok:@user, facebook:LIVE_VIDEO_ID, youtube:LIVE_CHAT_ID, "
            f"relay:ws://HOST:PORT/PATH or replay:FILE — not {spec!r}"
        )
    return kind, value.strip()


def source_from_spec(spec: str, options: SourceOptions) -> CommentSource:
    kind, value = parse_spec(spec)
    if kind == "facebook":
        return facebook.FacebookSource(
            value,
            options.facebook_token,
            graph_url=options.facebook_graph_url,
            streaming_url=options.facebook_streaming_url,
            comment_rate=options.comment_rate,
        )
    if kind == "youtube":
        return youtube.YouTubeSource(value, options.youtube_key, api_url=options.youtube_api_url)
    if kind == "relay":
        from livehelper.comments.relay import RelaySource

        return RelaySource(value)
    if kind == "tiktok":
        from livehelper.comments.tiktok import TikTokSource

        return TikTokSource(
            value,
            session_id=options.tiktok_session_id or None,
            target_idc=options.tiktok_target_idc or None,
            sign_url=options.tiktok_sign_url or None,
        )
    from livehelper.comments.replay import ReplaySource

    path = Path(value).expanduser()
    if not path.is_file():
        raise SourceFailed(f"no replay file {value!r}")
    return ReplaySource.from_file(path)
