"""After the live: add the comments the live streams dropped.

Facebook streams at most ``comment_rate`` comments and drops the rest by design; the
full list stays readable through the Graph API. This pass reads it for every Facebook
live the session listened to and stores what is missing. Comments are unique per
platform and message id, so running it again (or after a stream that lost nothing)
adds nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from livehelper.comments import facebook
from livehelper.comments.base import SourceFailed
from livehelper.comments.sources import SourceOptions, parse_spec
from livehelper.model import IncomingComment
from livehelper.pipeline import ParserCache
from livehelper.store import Store

BATCH = 500


@dataclass(frozen=True)
class Reconciled:
    lives: int
    read: int
    recovered: int


def reconcile(store: Store, session_id: int, options: SourceOptions) -> Reconciled:
    videos = [v for kind, v in map(parse_spec, store.sources(session_id)) if kind == "facebook"]
    if videos and not options.facebook_token:
        raise SourceFailed("Facebook needs --facebook-token or LIVEHELPER_FACEBOOK_TOKEN")
    parsers = ParserCache(store)
    read = recovered = 0

    def store_batch(batch: list[IncomingComment]) -> int:
        return len(store.ingest(session_id, batch, parsers.current().parse).comments)

    async def one(video: str) -> None:
        nonlocal read, recovered
        batch: list[IncomingComment] = []
        async for comment in facebook.all_comments(
            video, options.facebook_token, options.facebook_graph_url
        ):
            batch.append(comment)
            if len(batch) >= BATCH:
                recovered += store_batch(batch)
                read += len(batch)
                batch = []
        if batch:
            recovered += store_batch(batch)
            read += len(batch)

    for video in videos:
        asyncio.run(one(video))
    return Reconciled(lives=len(videos), read=read, recovered=recovered)
