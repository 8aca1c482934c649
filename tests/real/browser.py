"""Real headless Chromium for the overlay tests, driven over the Chrome DevTools Protocol."""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

from tests.real.obs_studio import free_port


class Chromium:
    def __init__(self) -> None:
        self.port = free_port()
        self.profile = Path(tempfile.mkdtemp(prefix="livehelper-chromium-"))
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={self.port}",
                "--remote-allow-origins=*",
                "--window-size=1920,1080",
                "--hide-scrollbars",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("chromium did not open its DevTools port")

    def open(self, url: str) -> Page:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/json/new?{url}", method="PUT"
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            target = json.load(reply)
        return Page(target["webSocketDebuggerUrl"])

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, ws_url: str) -> None:
        self.ws = connect(ws_url, max_size=None, open_timeout=10).__enter__()
        self._ids = itertools.count(1)

    def call(self, method: str, **params: Any) -> Any:
        message_id = next(self._ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv(timeout=15))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")

    def screenshot(self, path: Path, backdrop: tuple[int, int, int] | None = None) -> None:
        """A PNG of the page; ``backdrop`` paints behind a transparent page (as a
        camera picture would be in OBS), else the transparency is kept."""
        color = {"r": 0, "g": 0, "b": 0, "a": 0}
        if backdrop:
            color = {"r": backdrop[0], "g": backdrop[1], "b": backdrop[2], "a": 1}
        self.call("Emulation.setDefaultBackgroundColorOverride", color=color)
        # the OBS browser-source canvas, whatever the headless window's size
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=1920,
            height=1080,
            deviceScaleFactor=1,
            mobile=False,
        )
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self.ws.close()
