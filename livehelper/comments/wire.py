"""The documented JSON shape of one comment, shared by every door comments come in by:
`livehelper ingest` and `parse` lines, replay files, and the WebSocket relay.

    {"id": "c1", "platform": "zalo", "user_id": "u1", "user_name": "Chị Lan",
     "text": "chốt 2kg", "ts": "2026-11-24T20:15:00+07:00", "featured": "KS"}

Only ``text`` is required. ``ts`` is ISO 8601 or Unix seconds/milliseconds. Without an
``id`` the line itself identifies the comment, so the same line fed twice is stored once.
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime, timedelta
from typing import Any

from livehelper.errors import MalformedInput
from livehelper.model import IncomingComment


def comment_from_json(obj: Any, raw_line: str) -> IncomingComment:
    """An input line of the documented comment JSONL; raises ValueError if unusable."""
    if not isinstance(obj, dict):
        raise MalformedInput("a line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise MalformedInput("'text' is missing or not a string")
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


# A comment's time is believed between these: before is a clock at zero or a typo,
# after is a clock running ahead (a day of slack for wrong time zones).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
AHEAD = timedelta(days=1)


def parse_timestamp(value: Any) -> datetime:
    """ISO 8601 or Unix seconds/milliseconds; empty means now. Raises ValueError for
    anything else, and for a time no live could have (NaN, 1e20, year 9999, 1970)."""
    if value is None or value == "":
        return datetime.now(UTC)
    if isinstance(value, bool):
        raise MalformedInput(f"'ts' {value!r} is not a time")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise MalformedInput(f"'ts' {value!r} is not a time")
        seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds or seconds
        try:
            moment = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            raise MalformedInput(f"'ts' {value!r} is out of range") from None
        return _believable(moment, value)
    text = str(value).strip()
    if text.replace(".", "", 1).isdigit():
        return parse_timestamp(float(text))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedInput(f"'ts' {text[:40]!r} is not an ISO 8601 time") from None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        moment = parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-01:00 is past the calendar's end
        raise MalformedInput(f"'ts' {text[:40]!r} is out of range") from None
    return _believable(moment, text)


def _believable(moment: datetime, said: Any) -> datetime:
    if not EARLIEST <= moment <= datetime.now(UTC) + AHEAD:
        raise MalformedInput(f"'ts' {str(said)[:40]!r} is not a time a live could have")
    return moment


def timestamp_or_now(value: Any) -> datetime:
    """A platform's timestamp, or now when it is missing, zero or unreadable: a comment
    is never dropped for its clock."""
    try:
        return parse_timestamp(value)
    except (ValueError, TypeError):
        return datetime.now(UTC)
