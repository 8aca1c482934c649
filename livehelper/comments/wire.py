"""The documented JSON shape of one comment, shared by every door comments come in by:
`livehelper ingest` and `parse` lines, replay files, and the WebSocket relay.

    {"id": "c1", "platform": "zalo", "user_id": "u1", "user_name": "Chị Lan",
     "text": "chốt 2kg", "ts": "2026-11-24T20:15:00+07:00", "featured": "KS"}

Only ``text`` is required. ``ts`` is ISO 8601 or Unix seconds/milliseconds. Without an
``id`` the line itself identifies the comment, so the same line fed twice is stored once.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from livehelper.model import IncomingComment


def comment_from_json(obj: Any, raw_line: str) -> IncomingComment:
    """An input line of the documented comment JSONL; raises ValueError if unusable."""
    if not isinstance(obj, dict):
        raise ValueError("a line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' is missing or not a string")
    platform = str(obj.get("platform") or "manual")
    user_name = str(obj.get("user_name") or obj.get("user_id") or "?")
    user_id = str(obj.get("user_id") or user_name)
    message_id = obj.get("id")
    if message_id is None or message_id == "":
        # no id: the line itself identifies it, so feeding the same file twice stores it once
        message_id = "sha1:" + hashlib.sha1(raw_line.encode("utf-8")).hexdigest()
    featured = obj.get("featured")
    return IncomingComment(
        platform=platform,
        message_id=str(message_id),
        user_id=user_id,
        user_name=user_name,
        text=text,
        received_at=parse_timestamp(obj.get("ts")),
        raw=raw_line,
        featured=str(featured) if featured else None,
    )


def parse_timestamp(value: Any) -> datetime:
    if value is None or value == "":
        return datetime.now(UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds or seconds
        return datetime.fromtimestamp(seconds, UTC)
    text = str(value).strip()
    if text.replace(".", "", 1).isdigit():
        return parse_timestamp(float(text))
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def timestamp_or_now(value: Any) -> datetime:
    """A platform's timestamp, or now when it is missing, zero or unreadable: a comment
    is never dropped for its clock."""
    try:
        moment = parse_timestamp(value)
    except (ValueError, TypeError, OverflowError, OSError):
        return datetime.now(UTC)
    return moment if moment.timestamp() > 0 else datetime.now(UTC)
