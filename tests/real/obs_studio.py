"""A real OBS Studio for tests: Xvfb + obs with a throwaway HOME, scenes and a free port.

Facts from ../shared/docs/obs-headless.md: OBS 29 reads the websocket settings from
global.ini [OBSWebSocket] (newer versions from plugin_config/obs-websocket/config.json:
both are written); FirstRun=true skips the wizard; SIGINT stops it cleanly.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SCENES = ("Scene A", "Scene B", "Sản phẩm")  # top to bottom, as OBS's dock shows them


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Xvfb:
    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = ""

    def start(self) -> None:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = ":" + pipe.readline().strip()

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)


class ObsStudio:
    def __init__(self, display: str) -> None:
        self.display = display
        self.home = Path(tempfile.mkdtemp(prefix="livehelper-obs-"))
        self.port = free_port()
        self.password = "lh-test-secret"
        self.proc: subprocess.Popen[bytes] | None = None
        self._write_config()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def _write_config(self) -> None:
        config = self.home / ".config" / "obs-studio"
        (config / "basic" / "profiles" / "lh").mkdir(parents=True)
        (config / "basic" / "scenes").mkdir(parents=True)
        (config / "global.ini").write_text(
            "[General]\nFirstRun=true\nLastVersion=486539266\n"
            "[Basic]\nProfile=lh\nProfileDir=lh\nSceneCollection=lh\nSceneCollectionFile=lh\n"
            f"[OBSWebSocket]\nServerEnabled=true\nServerPort={self.port}\nAuthRequired=true\n"
            f"ServerPassword={self.password}\n",
            encoding="utf-8",
        )
        ws = config / "plugin_config" / "obs-websocket"
        ws.mkdir(parents=True)
        (ws / "config.json").write_text(
            json.dumps(
                {
                    "server_enabled": True,
                    "server_port": self.port,
                    "auth_required": True,
                    "server_password": self.password,
                }
            ),
            encoding="utf-8",
        )
        (config / "basic" / "profiles" / "lh" / "basic.ini").write_text(
            "[General]\nName=lh\n[Video]\nBaseCX=640\nBaseCY=360\nOutputCX=640\nOutputCY=360\n"
            "FPSCommon=10\n",
            encoding="utf-8",
        )
        collection = {
            "name": "lh",
            "current_scene": SCENES[0],
            "current_program_scene": SCENES[0],
            "scene_order": [{"name": n} for n in SCENES],
            "sources": [
                {
                    "id": "scene",
                    "versioned_id": "scene",
                    "name": n,
                    "enabled": True,
                    "settings": {"items": [], "id_counter": 0, "custom_size": False},
                }
                for n in SCENES
            ],
            "transitions": [],
            "current_transition": "Fade",
            "transition_duration": 300,
            "groups": [],
            "quick_transitions": [],
            "saved_projectors": [],
            "modules": {},
        }
        (config / "basic" / "scenes" / "lh.json").write_text(
            json.dumps(collection, ensure_ascii=False), encoding="utf-8"
        )

    def start(self, timeout: float = 30) -> None:
        env = {
            **os.environ,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "DISPLAY": self.display,
            "QT_QPA_PLATFORM": "xcb",
            "LIBGL_ALWAYS_SOFTWARE": "1",
        }
        self.proc = subprocess.Popen(
            [
                "obs",
                "--multi",
                "--disable-missing-files-check",
                "--collection",
                "lh",
                "--profile",
                "lh",
                "--scene",
                SCENES[0],
                "--websocket_port",
                str(self.port),
                "--websocket_password",
                self.password,
                "--websocket_ipv4_only",
            ],
            env=env,
            cwd=self.home,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"obs exited with {self.proc.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("obs-websocket did not start listening")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # clean exit; SIGTERM kills OBS 29 at once
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)
