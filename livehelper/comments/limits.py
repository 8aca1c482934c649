"""How much a platform may send at once before it is refused: a stream line, an event, a
page of answers. Without a cap, one endless line (a broken proxy, a hostile server) is
held in memory whole — 196 MB were seen — and the laptop's live goes down with it.

``capped_lines`` splits a byte stream into lines, replacing one longer than the cap by
``TOO_LONG`` and skipping the rest of it; ``sse_events`` reads Server-Sent Events
(the WHATWG event-stream format) on top of it; ``read_body`` reads an answer whole, up to
a cap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from livehelper.errors import MalformedInput

MAX_LINE = 1 << 20  # 1 MiB: a comment event is a few kilobytes
MAX_BODY = 16 << 20  # 16 MiB: a page of 100 comments is about 100 kB


class TooLong:
    """Stands for a line (or event) that was longer than allowed and was dropped."""

    def __init__(self, size: int) -> None:
        self.size = size  # bytes seen before it was given up on

    def __repr__(self) -> str:
        return f"TooLong({self.size})"


class BodyTooLarge(MalformedInput):
    pass


async def capped_lines(
    chunks: AsyncIterator[bytes], limit: int = MAX_LINE
) -> AsyncIterator[str | TooLong]:
    """The lines of a byte stream (LF, CRLF or CR), decoded as UTF-8."""
    buffer = bytearray()
    dropping = 0  # > 0: inside a line that is too long, this many bytes so far
    pending_cr = False
    async for chunk in chunks:
        start = 0
        if pending_cr and chunk[:1] == b"\n":
            start = 1  # the LF of a CRLF split across two chunks
        pending_cr = False
        while start < len(chunk):
            ends = [i for i in (chunk.find(b"\n", start), chunk.find(b"\r", start)) if i >= 0]
            end = min(ends) if ends else -1
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if dropping:
                dropping += len(piece)
            elif len(buffer) + len(piece) > limit:
                dropping = len(buffer) + len(piece)
                buffer.clear()
            else:
                buffer += piece
            if end < 0:
                break
            if dropping:
                yield TooLong(dropping)
                dropping = 0
            else:
                yield buffer.decode("utf-8", errors="replace")
                buffer.clear()
            if chunk[end : end + 1] == b"\r":
                if end + 1 == len(chunk):
                    pending_cr = True
                elif chunk[end + 1 : end + 2] == b"\n":
                    end += 1
            start = end + 1
    if dropping:
        yield TooLong(dropping)
    elif buffer:
        yield buffer.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Event:
    data: str
    id: str | None  # the last event id seen so far (it carries over, as the format says)


async def sse_events(
    chunks: AsyncIterator[bytes], limit: int = MAX_LINE
) -> AsyncIterator[Event | TooLong]:
    """Server-Sent Events of a stream; an event whose data passes ``limit`` is TooLong."""
    data: list[str] = []
    size = 0
    broken: TooLong | None = None
    last_id: str | None = None
    async for line in capped_lines(chunks, limit):
        if isinstance(line, TooLong):
            broken = line
            continue
        if line == "":  # a blank line ends an event
            if broken is not None:
                yield broken
            elif data:
                yield Event("\n".join(data), last_id)
            data, size, broken = [], 0, None
            continue
        if line.startswith(":"):
            continue  # a comment: keep-alive
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data" and broken is None:
            size += len(value)
            if size > limit:
                broken, data = TooLong(size), []
            else:
                data.append(value)
        elif name == "id" and "\0" not in value:
            last_id = value


async def read_body(response: httpx.Response, limit: int = MAX_BODY) -> bytes:
    """The body of a streamed answer, refused past ``limit`` bytes."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(f"the answer is larger than {limit // (1 << 20)} MB")
    return bytes(body)
