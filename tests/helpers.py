"""Helpers the tests import (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO_CATALOGUE = REPO / "resources" / "demo" / "catalogue.csv"


def run_cli(
    *args: str,
    db: str | None = None,
    input_text: str | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m livehelper`` exactly as a user or a check would."""
    cmd = [sys.executable, "-m", "livehelper", *args]
    if db:
        cmd += ["--db", db]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    done = subprocess.run(
        cmd,
        input=input_text,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        encoding="utf-8",
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"{cmd} exited {done.returncode}\nstdout:{done.stdout}\nstderr:{done.stderr}"
        )
    return done


def tool_is_current(name: str) -> None:
    """``tools/NAME --check`` says the file it writes is what it would write today."""
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / name), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.02) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
