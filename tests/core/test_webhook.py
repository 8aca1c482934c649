"""The webhook exporter against a local HTTP server that checks what a shop's system
would check (signature, idempotency key, JSON shape) and fails on purpose."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from livehelper.export.webhook import send_orders
from livehelper.model import ClaimStatus, IncomingComment
from livehelper.store import Store
from tests.helpers import DEMO_CATALOGUE, run_cli

SECRET = "bí mật của shop"


class Receiver:
    """A shop's order endpoint. ``plan`` maps an order id to the answers it gives, in
    turn (500, 400, 409, "slow", 200); once the plan runs out it answers 201."""

    def __init__(self) -> None:
        self.plan: dict[int, list[Any]] = {}
        self.seen: list[tuple[int, str]] = []  # (order id, idempotency key) of each request
        self.accepted: dict[str, int] = {}  # idempotency key -> times accepted
        self.bad_signatures = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_a: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                want = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                if self.headers.get("X-Livehelper-Signature") != want:
                    outer.bad_signatures += 1
                    return self._answer(401, {"error": "bad signature"})
                order = json.loads(body)
                assert order["items"] and "total" in order and "session_id" in order
                key = self.headers["Idempotency-Key"]
                outer.seen.append((order["id"], key))
                answers = outer.plan.get(order["id"], [])
                answer = answers.pop(0) if answers else 201
                if answer == "slow":
                    time.sleep(1.5)
                    answer = 201
                if answer in (200, 201):
                    outer.accepted[key] = outer.accepted.get(key, 0) + 1
                    return self._answer(answer, {"id": f"SO-{order['id']}"})
                return self._answer(answer, {"error": "as planned"})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/orders"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.stop()


def show_with_orders(store: Store, buyers: int) -> tuple[int, list[int]]:
    from livehelper.comments.parser import parser_for

    session = store.start_session("webhook")
    store.feature(session.id, "KS")
    comments = [
        IncomingComment("facebook", f"w{n}", f"b{n}", f"Khách {n}", "chốt 1kg", store.session(session.id).started_at)
        for n in range(buyers)
    ]  # fmt: skip
    result = store.ingest(session.id, comments, parser_for(store.products()).parse)
    store.decide([c.id for c in result.claims], ClaimStatus.CONFIRMED)
    return session.id, [o.id for o in store.orders(session.id)]


def test_each_order_once_signed_with_a_stable_key(demo_store: Store, receiver: Receiver) -> None:
    session, orders = show_with_orders(demo_store, 6)
    a, b, c, d = orders[:4]
    receiver.plan = {a: [500, 502], b: [400], c: [409], d: ["slow"]}
    first = send_orders(
        demo_store, session, receiver.url, SECRET, timeout=0.5, pause=lambda _s: None
    )
    # a: two 500s, then accepted; b: refused, not retried; c: the receiver had it (409);
    # d: the first try timed out, the retry was accepted
    assert first.as_dict() == {"sent": 4, "skipped": 1, "failed": 1}
    assert [o for o, _k in receiver.seen].count(b) == 1  # a 4xx is not retried
    assert any("HTTP 400" in p for p in first.problems)
    assert receiver.bad_signatures == 0
    keys = {o: k for o, k in receiver.seen}
    assert keys[a] == f"livehelper-{session}-{a}"

    receiver.plan = {}
    again = send_orders(demo_store, session, receiver.url, SECRET, timeout=5, pause=lambda _s: None)
    assert again.as_dict() == {"sent": 1, "skipped": 5, "failed": 0}  # only what was left
    time.sleep(1.6)  # the slow answer to the first try of d has come back by now
    # each order accepted by the receiver exactly once, except d: its first, timed-out try
    # reached the receiver too, which is what the Idempotency-Key is for
    assert {k: n for k, n in receiver.accepted.items() if n > 1} == {f"livehelper-{session}-{d}": 2}
    third = send_orders(demo_store, session, receiver.url, SECRET, pause=lambda _s: None)
    assert third.as_dict() == {"sent": 0, "skipped": 6, "failed": 0}
    assert demo_store.exported(f"webhook:{receiver.url}", [a])[a] == f"SO-{a}"


def test_export_to_webhook_from_the_cli(receiver: Receiver, tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite3")
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    run_cli("feature", "KS", "--session", session, db=db)
    lines = "\n".join(json.dumps({"id": f"c{n}", "user_id": f"u{n}", "user_name": f"K{n}", "text": "chốt 2kg"}) for n in range(3))  # fmt: skip
    run_cli("ingest", "--session", session, input_text=lines, db=db)
    ids = [str(c["id"]) for c in json.loads(run_cli("queue", "list", "--session", session, "--json", db=db).stdout)]  # fmt: skip
    run_cli("queue", "confirm", *ids, db=db)
    args = (
        "export",
        "--session",
        session,
        "--to",
        "webhook",
        "--url",
        receiver.url,
        "--secret",
        SECRET,
    )
    assert json.loads(run_cli(*args, db=db).stdout) == {"sent": 3, "skipped": 0, "failed": 0}
    assert json.loads(run_cli(*args, db=db).stdout) == {"sent": 0, "skipped": 3, "failed": 0}
    wrong = run_cli(*args[:-1], "wrong secret", db=db, check=False)
    assert wrong.returncode == 0  # nothing left to send: the wrong secret never went out
    missing = run_cli("export", "--session", session, "--to", "webhook", db=db, check=False)
    assert missing.returncode == 2 and "--url and --secret" in missing.stderr
