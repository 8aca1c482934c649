"""Orders an assistant types in: taken by phone, Zalo or in person.

Each entry becomes a comment like any other (platform ``manual``), so it is stored,
parsed and confirmed the same way, and appears in the feed and the export.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from livehelper.errors import MalformedInput
from livehelper.model import IncomingComment


def manual_comment(buyer: str, text: str, phone: str = "", by: str = "") -> IncomingComment:
    buyer = buyer.strip()
    if not buyer or not text.strip():
        raise MalformedInput("a typed-in order needs the buyer's name and what they want")
    # the phone is part of the text so the reader records it like a buyer's own
    full = f"{text.strip()} {phone.strip()}".strip()
    return IncomingComment(
        platform="manual",
        message_id=f"manual:{uuid.uuid4()}",
        user_id=f"manual:{buyer.casefold()}:{''.join(c for c in phone if c.isdigit())}",
        user_name=buyer,
        text=full,
        received_at=datetime.now(UTC),
        raw={"buyer": buyer, "text": text, "phone": phone, "entered_by": by},
    )
