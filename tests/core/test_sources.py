"""Comment sources against local servers that speak each platform's wire format
(tests/fakes/platform_servers.py says why they are stand-ins), and their pure parsers
against recorded payloads in tests/data/platforms/."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from livehelper.comments import facebook, youtube
from livehelper.comments.base import Backoff, FeatureChange, RawLog, SourceFailed
from livehelper.comments.relay import RelaySource, parse_frame
from livehelper.comments.runner import SourceRunner
from livehelper.model import IncomingComment
from livehelper.pipeline import Pipeline
from livehelper.store import Store
from tests.fakes.platform_servers import (
    FacebookBehaviour,
    FakeFacebook,
    FakeYouTube,
    RelayServer,
    YouTubeBehaviour,
)
from tests.helpers import REPO, run_cli, wait_for
from tests.real.obs_studio import free_port

DATA = REPO / "tests" / "data" / "platforms"


def fast_backoff() -> Backoff:
    return Backoff(first=0.05, cap=0.3)


class Live:
    """A session with the real pipeline and source runner, as the app runs them."""

    def __init__(self, store: Store, tmp: Path) -> None:
        self.store = store
        self.session = store.start_session("nguồn").id
        self.pipeline = Pipeline(store, self.session)
        self.runner = SourceRunner()
        self.runner.raw_log = RawLog(tmp / "raw.jsonl")
        self.errors: dict[str, BaseException | None] = {}

    def start(self, source) -> None:  # type: ignore[no-untyped-def]
        self.runner.start(source, self.pipeline.submit, on_done=self._done)

    def _done(self, name: str, error: BaseException | None) -> None:
        self.errors[name] = error

    def message_ids(self) -> list[str]:
        self.pipeline.drain(10)
        return [c.message_id for c in self.store.comments(self.session, limit=100_000)]

    def close(self) -> None:
        self.runner.close()
        self.pipeline.drain(10)
        self.pipeline.close()
        self.runner.raw_log.close()  # type: ignore[union-attr]


@pytest.fixture
def live(demo_store: Store, tmp_path: Path) -> Iterator[Live]:
    running = Live(demo_store, tmp_path)
    yield running
    running.close()


# ----------------------------------------------------------------- pure parsers
def test_facebook_payloads_recorded_in_the_documented_format() -> None:
    items = json.loads((DATA / "facebook_comments.json").read_text(encoding="utf-8"))["data"]
    comments = [facebook.comment_from_graph(item) for item in items]
    first, hidden, sticker, *_ = comments
    assert first is not None and first.text == "chốt 2kg khoai sâm 0912 345 678"
    assert (first.platform, first.user_name, first.user_id) == (
        "facebook",
        "Lò Thị Hoa",
        "1029384756",
    )
    assert first.received_at.isoformat() == "2026-11-24T12:31:05+00:00"
    assert hidden is not None and hidden.user_name == "Người xem Facebook"  # no "from"
    assert hidden.user_id == f"anonymous:{hidden.message_id}"
    assert sticker is None  # a sticker alone has no text
    with pytest.raises(ValueError):
        facebook.comment_from_graph({"message": "no id"})


def test_facebook_error_answers_are_told_plainly() -> None:
    expired = json.dumps({"error": {"message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190, "error_subcode": 463}}).encode()  # fmt: skip
    assert isinstance(facebook.error_from_answer(400, expired), SourceFailed)
    assert "access token" in str(facebook.error_from_answer(400, expired))
    unknown = json.dumps({"error": {"message": "Unsupported get request.", "code": 100}}).encode()
    assert "does not know this live" in str(facebook.error_from_answer(400, unknown))
    throttled = json.dumps({"error": {"message": "Application request limit reached", "code": 4}}).encode()  # fmt: skip
    assert isinstance(facebook.error_from_answer(400, throttled), facebook.GraphError)
    assert isinstance(facebook.error_from_answer(502, b"<html>"), facebook.GraphError)


def test_youtube_page_recorded_in_the_documented_format() -> None:
    page = youtube.parse_page(json.loads((DATA / "youtube_page.json").read_text(encoding="utf-8")))
    assert [c.text for c in page.comments] == ["chốt 2 hộp na", "lấy 1kg khoai sâm nhé shop"]
    assert page.comments[1].user_name == "Minh Anh"  # a super chat's own comment
    assert page.skipped == 3  # a deletion, a new member, an item without id
    assert (page.next_token, page.interval, page.ended) == ("GO8BCg0KDQ", 5.1, False)
    ended = youtube.parse_page({"items": [], "offlineAt": "2026-11-24T14:00:00Z"})
    assert ended.ended
    with pytest.raises(ValueError):
        youtube.parse_page({"error": {"code": 403}})


def test_youtube_errors() -> None:
    quota = {"error": {"code": 403, "message": "quota", "errors": [{"reason": "quotaExceeded"}]}}
    assert "quota is used up" in str(youtube.error_from_answer(403, quota))
    assert isinstance(youtube.error_from_answer(500, {}), youtube.RetryLater)


def test_relay_frames() -> None:
    events = parse_frame(
        '[{"id": "z1", "platform": "zalo", "user_name": "Chị Lan", "text": "chốt 2kg"},'
        ' {"type": "feature", "code": "NA"}, {"type": "ping"}]'
    )
    assert isinstance(events[0], IncomingComment) and events[0].platform == "zalo"
    assert events[1] == FeatureChange("NA") and len(events) == 2
    assert parse_frame('{"id": "r1", "text": "+1"}')[0].platform == "relay"
    with pytest.raises(ValueError):
        parse_frame("not json")


# ------------------------------------------------------------ Facebook, live
def facebook_source(server: FakeFacebook, **kw) -> facebook.FacebookSource:  # type: ignore[no-untyped-def]
    return facebook.FacebookSource(
        server.video,
        server.token,
        graph_url=server.url,
        streaming_url=server.url,
        backoff=fast_backoff(),
        **kw,
    )


@pytest.mark.parametrize(
    "behaviour",
    [
        FacebookBehaviour(drop_after=7, garbage_every=5),
        FacebookBehaviour(drop_after=9, event_ids=False),  # no ids: the catch-up poll fills gaps
    ],
    ids=["drops-and-garbage", "drops-without-event-ids"],
)
def test_facebook_stream_loses_and_doubles_nothing(
    live: Live, behaviour: FacebookBehaviour
) -> None:
    server = FakeFacebook("1234567890", "page-token", behaviour).start()
    try:
        source = facebook_source(server)
        live.start(source)
        assert wait_for(lambda: server.streams >= 1, timeout=5)
        for _ in range(6):  # comments keep coming while the stream drops and reopens
            server.post(10)
            threading.Event().wait(0.15)
        posted = [c["id"] for c in server.comments]
        assert wait_for(lambda: len(live.message_ids()) >= len(posted), timeout=15)
        threading.Event().wait(0.5)  # late duplicates would show now
        stored = live.message_ids()
        assert sorted(stored) == sorted(posted)  # every comment, once
        assert server.streams > 2 and source.health.reconnects >= 2
        if behaviour.garbage_every:
            assert source.health.malformed > 0  # skipped, logged, not fatal
            resumed = [
                hdr.get("Last-Event-ID")
                for path, _p, hdr in server.requests
                if path.endswith("live_comments")
            ]
            assert any(resumed[1:])  # reopened where it stopped
    finally:
        server.stop()


def test_facebook_stalled_stream_is_reopened(live: Live) -> None:
    server = FakeFacebook("42", "t", FacebookBehaviour(stall_after=3)).start()
    try:
        live.start(facebook_source(server, read_timeout=1.0))
        assert wait_for(lambda: server.streams >= 1, timeout=5)
        server.post(3)
        assert wait_for(lambda: server.streams >= 2, timeout=10)  # silence noticed, reopened
        server.post(5)
        assert wait_for(lambda: len(live.message_ids()) == 8, timeout=10)
    finally:
        server.stop()


def test_facebook_bad_token_stops_that_source_with_a_reason(live: Live) -> None:
    server = FakeFacebook("42", "right").start()
    try:
        source = facebook.FacebookSource(
            "42", "wrong", graph_url=server.url, streaming_url=server.url
        )
        live.start(source)
        assert wait_for(lambda: "facebook:42" in live.errors, timeout=5)
        assert isinstance(live.errors["facebook:42"], SourceFailed)
        assert source.health.state == "failed" and "access token" in source.health.detail
        assert "wrong" not in source.health.detail
    finally:
        server.stop()


def test_listen_and_reconcile_from_the_cli(tmp_path: Path) -> None:
    """Facebook leaves comments out of the stream above comment_rate; the after-live
    pass adds them and says how many."""
    db = str(tmp_path / "fb.sqlite3")
    run_cli("catalog", "import", str(REPO / "resources" / "demo" / "catalogue.csv"), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    server = FakeFacebook("98765", "tok", FacebookBehaviour(stream_skips_every=3)).start()
    try:

        def post_later() -> None:
            wait_for(lambda: server.streams >= 1, timeout=10)
            server.post(30)

        threading.Thread(target=post_later, daemon=True).start()
        env = {"LIVEHELPER_FACEBOOK_TOKEN": "tok"}
        listened = run_cli(
            "listen", "--session", session, "--source", "facebook:98765", "--for", "4",
            "--facebook-graph-url", server.url, "--facebook-streaming-url", server.url,
            db=db, env=env,
        )  # fmt: skip
        summary = json.loads(listened.stdout)
        assert summary["stored"] == 20 and summary["duplicates"] == 0  # 10 left out
        assert summary["sources"]["facebook:98765"]["comments"] == 20
        assert "tok" not in listened.stderr
        again = run_cli(
            "reconcile", "--session", session, "--facebook-graph-url", server.url, db=db, env=env
        )
        assert json.loads(again.stdout) == {"recovered": 10}
        twice = run_cli(
            "reconcile", "--session", session, "--facebook-graph-url", server.url, db=db, env=env
        )
        assert json.loads(twice.stdout) == {"recovered": 0}  # never doubles
        claims = json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)
        assert len(claims) == 30
        raw = (tmp_path / "raw" / f"session-{session}.jsonl").read_text(encoding="utf-8")
        assert raw.count('"source": "facebook:98765"') >= 20  # raw payloads kept
    finally:
        server.stop()


def test_an_endless_stream_line_is_dropped_not_held(live: Live) -> None:
    """One 8 MB event (a broken proxy, a hostile server) is skipped without being kept
    whole; the comments after it arrive."""
    server = FakeFacebook("777", "t", FacebookBehaviour(huge_line_after=5)).start()
    try:
        source = facebook_source(server)
        live.start(source)
        assert wait_for(lambda: server.streams >= 1, timeout=5)
        server.post(20)
        posted = [c["id"] for c in server.comments]
        assert wait_for(lambda: sorted(live.message_ids()) == sorted(posted), timeout=20)
        assert source.health.malformed == 1 and server.streams == 1  # the stream went on
    finally:
        server.stop()


# ------------------------------------------------------------- YouTube, live
def test_youtube_follows_page_tokens_through_failures(live: Live) -> None:
    server = FakeYouTube("Cg0KC2FiY2RlZmdoaWpr", "yt-key", YouTubeBehaviour(fail_every=4, drop_every=7, garbage_at={3})).start()  # fmt: skip
    try:
        source = youtube.YouTubeSource(
            server.chat, server.key, api_url=server.url, backoff=fast_backoff()
        )
        server.post(120)
        live.start(source)
        assert wait_for(lambda: len(live.message_ids()) >= 120, timeout=20)
        server.post(30)
        server.ended = True
        assert wait_for(lambda: source.health.state == "ended", timeout=20)
        ids = live.message_ids()
        assert len(ids) == len(set(ids)) == 150
        asked = server.tokens_asked
        assert asked[0] is None and None not in asked[1:]  # never from the start again
        assert source.health.extra["quota_units"] == source.calls * 5
        assert source.health.reconnects >= 2 and source.health.malformed == 1
    finally:
        server.stop()


def test_youtube_wrong_key_is_said(live: Live) -> None:
    server = FakeYouTube("chat", "good").start()
    try:
        source = youtube.YouTubeSource("chat", "bad", api_url=server.url)
        live.start(source)
        assert wait_for(lambda: source.health.state == "failed", timeout=5)
        assert "API key" in source.health.detail
    finally:
        server.stop()


# --------------------------------------------------------------- relay, live
def test_relay_resent_history_and_drops_double_nothing(live: Live) -> None:
    server = RelayServer()
    server.history = [
        json.dumps(
            {"id": f"z{n}", "platform": "zalo", "user_name": f"Khách {n}", "text": "chốt 1kg"}
        )
        for n in range(12)
    ]
    server.history.append(json.dumps({"type": "feature", "code": "NA"}))
    try:
        source = RelaySource(server.url, backoff=fast_backoff())
        live.start(source)
        assert wait_for(lambda: len(live.message_ids()) == 12, timeout=10)
        assert wait_for(lambda: live.store.session(live.session).featured_code == "NA", timeout=5)
        assert server.connections >= 3 and source.health.malformed >= 1
        threading.Event().wait(0.3)
        assert len(live.message_ids()) == 12
    finally:
        server.stop()


def test_relay_list_with_bad_items_keeps_the_good_ones(live: Live) -> None:
    """One unusable item in a bridge's catch-up list costs only itself; a comment the
    database would refuse as sent (a NUL on PostgreSQL) is stored cleaned."""
    good = [{"id": f"g{n}", "user_id": f"u{n}", "text": "chốt 1kg"} for n in range(3)]
    items = [
        good[0],
        "not an object",
        {"id": "no-text"},
        {"id": "bad-time", "text": "chốt 2kg", "ts": "Infinity"},
        good[1],
        {"id": "nul", "user_id": "u9", "text": "chốt 3kg\u0000"},
        good[2],
    ]
    server = RelayServer()
    server.history = [json.dumps(items)]
    try:
        source = RelaySource(server.url, backoff=fast_backoff())
        live.start(source)
        assert wait_for(lambda: len(live.message_ids()) == 4, timeout=10)
        assert sorted(live.message_ids()) == ["g0", "g1", "g2", "nul"]
        assert wait_for(lambda: source.health.malformed >= 3, timeout=5)
    finally:
        server.stop()


def test_several_sources_feed_one_session(live: Live) -> None:
    fb = FakeFacebook("555", "t").start()
    yt = FakeYouTube("c", "k").start()
    relay = RelayServer()
    relay.history = [json.dumps({"id": f"r{n}", "text": "lấy 2 hộp"}) for n in range(10)]
    try:
        live.start(facebook_source(fb))
        live.start(youtube.YouTubeSource("c", "k", api_url=yt.url, backoff=fast_backoff()))
        live.start(RelaySource(relay.url, backoff=fast_backoff()))
        yt.post(25)
        assert wait_for(lambda: fb.streams >= 1, timeout=5)
        fb.post(15)
        assert wait_for(lambda: len(live.message_ids()) == 50, timeout=15)
        platforms = {c.platform for c in live.store.comments(live.session, limit=100)}
        assert platforms == {"facebook", "youtube", "relay"}
        health = live.runner.health()
        assert {h.state for h in health.values()} == {"connected"}
    finally:
        fb.stop()
        yt.stop()
        relay.stop()


def test_a_failing_source_does_not_stop_the_others(live: Live) -> None:
    relay = RelayServer()
    relay.history = [json.dumps({"id": f"r{n}", "text": "+1"}) for n in range(5)]
    try:
        live.start(facebook.FacebookSource("x", "t", graph_url="http://127.0.0.1:9", streaming_url="http://127.0.0.1:9", backoff=fast_backoff()))  # fmt: skip
        live.start(youtube.YouTubeSource("c", "k", api_url=f"http://127.0.0.1:{free_port()}"))

        class Broken:
            name = "broken"
            health = live.runner.health  # any object; replaced below

            async def run(self, sink) -> None:  # type: ignore[no-untyped-def]
                raise RuntimeError("a bug in a source")

        from livehelper.comments.base import SourceHealth

        broken = Broken()
        broken.health = SourceHealth()  # type: ignore[assignment]
        live.start(broken)  # type: ignore[arg-type]
        live.start(RelaySource(relay.url, backoff=fast_backoff()))
        assert wait_for(lambda: len(live.message_ids()) == 5, timeout=10)
        assert wait_for(lambda: broken.health.state == "failed", timeout=5)  # type: ignore[attr-defined]
        assert live.runner.health()["facebook:x"].state in ("connecting", "reconnecting", "polling")
    finally:
        relay.stop()


def test_a_source_gone_silent_is_flagged() -> None:
    from livehelper.comments.base import SourceHealth

    health = SourceHealth()
    health.set("connected")
    health.event()
    assert not health.silent
    health.last_event = health.last_event - 120  # type: ignore[operator]
    assert health.silent and health.as_dict()["silent"]


def test_manual_entry_is_a_comment_like_any_other(live: Live) -> None:
    from livehelper.comments.manual import manual_comment

    live.pipeline.submit(
        manual_comment("Cô Ba (gọi điện)", "2kg khoai sâm", "0912 345 678", by="Mai")
    )
    assert wait_for(lambda: len(live.message_ids()) == 1, timeout=5)
    claims = live.store.claims(live.session)
    assert claims[0].phone == "0912345678" and claims[0].items[0].code == "KS"
    with pytest.raises(ValueError):
        manual_comment("", "2kg")


# ---------------------------------------------------------------------- TikTok
# The real TikTokLive package (pinned in pyproject.toml) runs in these tests; only
# TikTok's servers are local (tests/fakes/tiktok_server.py says why).
def tiktok_chat_message(**user: object):  # type: ignore[no-untyped-def]
    """A CommentEvent as TikTokLive makes it: parsed from WebcastChatMessage bytes."""
    from TikTokLive.events import CommentEvent
    from TikTokLive.proto import CommonMessageData, User, WebcastChatMessage

    fields = {
        "id": 6800000000000000001,
        "nickname": "Chị Lan 🌸",
        "display_id": "chilan.lc",
        **user,
    }
    message = WebcastChatMessage(
        common=CommonMessageData(method="WebcastChatMessage", msg_id=7301234567890123456, create_time=1764000000000),
        user=User(**fields),
        content="chốt 2kg khoai sâm",
    )  # fmt: skip
    return CommentEvent().parse(bytes(message))


def test_tiktok_comment_from_a_chat_message() -> None:
    from livehelper.comments.tiktok import comment_from_event

    comment = comment_from_event(tiktok_chat_message())
    assert comment is not None
    assert (comment.platform, comment.message_id) == ("tiktok", "7301234567890123456")
    assert (comment.user_id, comment.user_name) == ("6800000000000000001", "Chị Lan 🌸")
    assert comment.received_at.isoformat() == "2025-11-24T16:00:00+00:00"
    anonymous = comment_from_event(tiktok_chat_message(id=0, nickname="", display_id="x"))
    assert anonymous is not None and anonymous.user_name == "x"


def test_tiktok_failures_are_told_plainly() -> None:
    import httpx
    from TikTokLive.client import errors

    from livehelper.comments.tiktok import explain

    assert explain(errors.UserOfflineError())[0].startswith("the creator is not live")
    assert explain(errors.UserNotFoundError("shop"))[1] is None  # not retried
    assert "age-restricted" in explain(errors.AgeRestrictedError())[0]
    assert "blocked" in explain(errors.WebcastBlockedError("400"))[0]
    answer = httpx.Response(
        429, headers={"RateLimit-Remaining": "1551", "RateLimit-Reset": "1764000000"}
    )
    limited = errors.SignatureRateLimitError(
        "slow down", "try again in %s seconds", response=answer
    )
    message, wait = explain(limited)
    assert wait == 1551 and "try again in 1551 s" in message
    sign = errors.SignAPIError(errors.SignAPIError.ErrorReason.EMPTY_PAYLOAD, "empty")
    assert explain(sign) == ("the sign server failed (EMPTY_PAYLOAD)", 30.0)


def test_tiktok_without_the_optional_package_says_how_to_install(live: Live, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from livehelper.comments.tiktok import TikTokSource

    monkeypatch.setitem(sys.modules, "TikTokLive", None)  # as on a machine without it
    source = TikTokSource("@shopnongsan")
    live.start(source)
    assert wait_for(lambda: source.health.state == "failed", timeout=5)
    assert "pip install 'livehelper[tiktok]'" in source.health.detail


def test_listen_replay_and_relay_together_until_they_end(tmp_path: Path) -> None:
    db = str(tmp_path / "r.sqlite3")
    run_cli("catalog", "import", str(REPO / "resources" / "demo" / "catalogue.csv"), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    recording = tmp_path / "rec.jsonl"
    recording.write_text(
        "\n".join(
            [
                json.dumps({"at": 0, "feature": "NA"}),
                json.dumps({"at": 0.1, "id": "a", "user_name": "Lan", "text": "chốt 2 hộp"}),
                "{broken",
                json.dumps({"at": 0.2, "id": "b", "user_name": "Hoa", "text": "huỷ đơn"}),
            ]
        ),
        encoding="utf-8",
    )
    relay = RelayServer()
    relay.history = [json.dumps({"id": f"r{n}", "text": "+1"}) for n in range(4)]
    try:
        done = run_cli(
            "listen", "--session", session, "--source", f"replay:{recording}",
            "--source", relay.url.replace("ws://", "relay:ws://"), "--for", "3", db=db,
        )  # fmt: skip
    finally:
        relay.stop()
    summary = json.loads(done.stdout)
    assert summary["stored"] == 6 and summary["orders"] >= 1 and summary["cancels"] == 1
    assert summary["sources"][f"replay:{recording.name}"]["state"] == "ended"
    assert summary["sources"][f"relay:{relay.url}"]["comments"] == 4
    bad = run_cli("listen", "--session", session, "--source", "myspace:me", db=db, check=False)
    assert bad.returncode == 2 and "facebook:LIVE_VIDEO_ID" in bad.stderr


def test_facebook_without_a_comment_list_still_streams(live: Live) -> None:
    """A server (or token) that streams but refuses /comments: the gaps cannot be
    filled, but the stream goes on after every drop."""
    server = FakeFacebook("31", "t", FacebookBehaviour(drop_after=4)).start()
    original = server.handle

    def no_list(h, path, params):  # type: ignore[no-untyped-def]
        if path.endswith("/comments"):
            server.send_json(h, 400, {"error": {"message": "(#10) Permission", "code": 10}})
        else:
            original(h, path, params)

    server.handle = no_list  # type: ignore[method-assign]
    try:
        source = facebook_source(server)
        live.start(source)
        assert wait_for(lambda: server.streams >= 1, timeout=5)
        server.post(4)
        assert wait_for(lambda: server.streams >= 2, timeout=5)
        server.post(4)
        assert wait_for(lambda: len(live.message_ids()) == 8, timeout=10)
        assert source.health.state != "failed"
    finally:
        server.stop()


def test_tiktok_source_reconnects_and_reads_comments(live: Live, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The real TikTokLive client, with a sessionid: the sign server first refuses
    (rate limit), then a live sends two comments and hangs up, and the next connection
    sends them again with a new one — each is stored once."""
    from TikTokLive.client.web.web_settings import WebDefaults

    from livehelper.comments.tiktok import TikTokSource
    from tests.fakes.tiktok_server import Chat, Connection, TikTokServers

    lan = Chat(7301234567890123456, 6800000000000000001, "Chị Lan 🌸", "chilan.lc", "chốt 2kg")
    tuan = Chat(42, 7, "Anh Tuấn", "tuan", "lấy 1 hộp na 0912 345 678")
    hoa = Chat(43, 8, "Cô Hoa", "hoa", "chốt 1kg")
    servers = TikTokServers(
        "shopnongsan",
        plan=[429, Connection([lan, tuan]), Connection([lan, tuan, hoa], hang_up=False)],
    ).start()
    monkeypatch.setattr(WebDefaults, "tiktok_app_url", servers.url)  # the package's own
    monkeypatch.setattr(WebDefaults, "tiktok_webcast_url", servers.url + "/webcast")  # overrides
    monkeypatch.setattr(
        WebDefaults, "tiktok_sign_url", WebDefaults.tiktok_sign_url
    )  # restored after
    try:
        source = TikTokSource(
            "@shopnongsan", session_id="sid-abc", target_idc="alisg", sign_url=servers.url,
            backoff=fast_backoff(),
        )  # fmt: skip
        live.start(source)
        assert wait_for(lambda: len(live.message_ids()) == 3, timeout=30)
        assert sorted(live.message_ids()) == ["42", "43", "7301234567890123456"]  # no double
        assert wait_for(lambda: source.health.state == "connected", timeout=10)
        assert servers.connections == 2 and source.health.reconnects >= 2
        # the session cookie reached the sign server as TikTokLive 7 sends it
        assert servers.sign_requests[-1]["session_id"] == "sid-abc"
        assert servers.sign_requests[-1]["tt_target_idc"] == "alisg"
        assert {"im_enter_room", "ack"} <= set(servers.client_frames)
        assert "[số điện thoại]" not in live.store.comments(live.session)[1].text  # kept as sent
    finally:
        live.runner.close()
        servers.stop()


def test_tiktok_source_stops_for_what_retrying_cannot_fix(live: Live, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from TikTokLive.client.web.web_settings import WebDefaults

    from livehelper.comments.tiktok import TikTokSource
    from tests.fakes.tiktok_server import TikTokServers

    servers = TikTokServers("shopnongsan").start()
    monkeypatch.setattr(WebDefaults, "tiktok_app_url", servers.url)
    monkeypatch.setattr(WebDefaults, "tiktok_webcast_url", servers.url + "/webcast")
    monkeypatch.setattr(WebDefaults, "tiktok_sign_url", WebDefaults.tiktok_sign_url)
    try:
        source = TikTokSource("@nobody", sign_url=servers.url, backoff=fast_backoff())
        live.start(source)
        assert wait_for(lambda: source.health.state == "failed", timeout=10)
        assert "no live account" in source.health.detail
        assert servers.sign_requests == []  # it never got as far as connecting
    finally:
        servers.stop()


def test_capped_lines_split_every_line_ending_and_drop_long_lines() -> None:

    from livehelper.comments.limits import Event, TooLong, capped_lines, sse_events

    async def chunks(*parts: bytes):  # type: ignore[no-untyped-def]
        for part in parts:
            yield part

    async def lines(*parts: bytes, limit: int = 10) -> list[object]:
        return [x async for x in capped_lines(chunks(*parts), limit)]

    got = asyncio.run(lines(b"ab\ncd\r", b"\nef\rg", b"h\n", b"0123456789ABC\nok"))
    assert got[:4] == ["ab", "cd", "ef", "gh"]
    assert isinstance(got[4], TooLong) and got[4].size == 13 and got[5] == "ok"
    split = asyncio.run(lines(b"01234", b"56789", b"X", b"YZ\nafter\n"))
    assert isinstance(split[0], TooLong) and split[1] == "after"

    async def events(*parts: bytes) -> list[object]:
        return [e async for e in sse_events(chunks(*parts), 12)]

    got = asyncio.run(
        events(b": hi\nid: 1\ndata: a\ndata: b\n\n", b"data: 0123456789xyz\n\nid: 2\ndata: c\n\n")
    )
    assert (
        got[0] == Event("a\nb", "1") and isinstance(got[1], TooLong) and got[2] == Event("c", "2")
    )


def test_closing_the_runner_leaves_no_library_task_unrun() -> None:
    """A library's task group (anyio's happy-eyeballs connect inside httpx) spawns
    children; closing must cancel them through their group, not from outside before
    they ever ran, which leaves a coroutine never awaited (a CI run failed on it)."""
    import gc
    import warnings

    import anyio

    from livehelper.comments.base import SourceHealth

    class Spawning:
        def __init__(self, name: str) -> None:
            self.name = name
            self.health = SourceHealth()
            self.spawned = 0

        async def run(self, sink) -> None:  # type: ignore[no-untyped-def]
            async def attempt() -> None:
                await anyio.sleep(0)

            async with anyio.create_task_group() as group:
                while True:  # always one child created and not yet run
                    group.start_soon(attempt)
                    self.spawned += 1
                    await asyncio.sleep(0)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for round_ in range(6):
            runner = SourceRunner()
            sources = [Spawning(f"s{round_}-{n}") for n in range(3)]
            for source in sources:
                runner.start(source, lambda comment: None)  # type: ignore[arg-type]
            assert wait_for(
                lambda sources=sources: all(s.spawned > 50 for s in sources), timeout=10
            )
            runner.close()
            assert all(s.health.state == "stopped" for s in sources)
        gc.collect()
    assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []
