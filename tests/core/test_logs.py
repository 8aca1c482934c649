"""A buyer's phone number never reaches a log, whatever logs it."""

from __future__ import annotations

import io
import logging

from livehelper.comments.relay import RelaySource
from livehelper.logs import RedactingFormatter, redact


def test_phones_are_redacted_in_every_spelling() -> None:
    for phone in ("0912345678", "0912 345 678", "0912.345.678", "+84 912 345 678", "84912345678"):
        assert redact(f"Lan {phone} chốt") == "Lan [số điện thoại] chốt"
    assert redact("chốt 2kg, 350.000đ, đơn #12345") == "chốt 2kg, 350.000đ, đơn #12345"


def test_a_malformed_payload_with_a_phone_is_logged_without_it() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(None))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        source = RelaySource("ws://127.0.0.1:9/x")
        source.deliver('{"text": "chốt 2kg 0912 345 678", broken', lambda _e: None)
    finally:
        root.removeHandler(handler)
    logged = stream.getvalue()
    assert "skipped a payload" in logged and "[số điện thoại]" in logged
    assert "345 678" not in logged and "0912" not in logged


def test_a_phone_inside_a_traceback_is_redacted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An exception's text can quote a comment: the formatted record, traceback and
    all, is what gets redacted, in the log file the app writes."""
    import subprocess
    import sys

    log_file = tmp_path / "app.log"
    script = f"""
import logging
from livehelper.logs import redact_all_handlers
logging.basicConfig(filename={str(log_file)!r}, format="%(levelname)s %(message)s")
redact_all_handlers()
try:
    raise ValueError("could not store 'chốt 2kg 0912 345 678'")
except ValueError:
    logging.getLogger("x").exception("failed for +84 987 654 321")
logging.getLogger("x").error("stack", stack_info=True, extra={{}})
"""
    subprocess.run([sys.executable, "-c", script], check=True)
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ValueError" in logged
    assert "345 678" not in logged and "654 321" not in logged
    assert logged.count("[số điện thoại]") == 2
