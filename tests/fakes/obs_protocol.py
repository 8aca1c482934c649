"""A protocol-level obs-websocket 5 server, for what the real OBS here cannot do.

Why a fake: Debian's OBS has no browser source (obs-browser is not packaged), and
Windows users' OBS 30-31 has one plus the GDI+ text source. This server speaks the
documented obs-websocket 5 protocol byte for byte (Hello/Identify/Identified with the
SHA-256 challenge, Request/RequestResponse with requestStatus codes) and keeps a small
model of scenes, inputs and scene items, so the request *shapes* livehelper sends for
browser sources can be checked. Everything else is tested against the real OBS.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from websockets.sync.server import ServerConnection, serve

SUCCESS = 100
UNKNOWN_REQUEST = 204
RESOURCE_NOT_FOUND = 600
RESOURCE_ALREADY_EXISTS = 601
AUTH_FAILED = 4009


@dataclass
class Input:
    kind: str
    settings: dict[str, Any]


@dataclass
class SceneItem:
    id: int
    source: str
    enabled: bool = True


@dataclass
class WindowsObs:
    """What an OBS 31 on Windows has: browser and GDI+ text sources."""

    password: str = "protocol-test"
    scenes: dict[str, list[SceneItem]] = field(
        default_factory=lambda: {"Scene A": [], "Sản phẩm": []}
    )
    program: str = "Scene A"
    inputs: dict[str, Input] = field(default_factory=dict)
    kinds: tuple[str, ...] = ("browser_source", "text_gdiplus_v2", "image_source", "dshow_input")
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _next_item: int = 1

    def add_input(self, scene: str, name: str, kind: str, settings: dict[str, Any]) -> None:
        self.inputs[name] = Input(kind, dict(settings))
        self.scenes[scene].append(SceneItem(self._next_item, name))
        self._next_item += 1

    def requested(self, request_type: str) -> list[dict[str, Any]]:
        return [data for kind, data in self.requests if kind == request_type]

    # ------------------------------------------------------------ requests
    def handle(self, kind: str, data: dict[str, Any]) -> tuple[int, dict[str, Any] | None, str]:
        self.requests.append((kind, data))
        handler = getattr(self, f"_{kind}", None)
        if handler is None:
            return UNKNOWN_REQUEST, None, f"Your request type `{kind}` is not valid."
        try:
            return SUCCESS, handler(data), ""
        except LookupError as exc:
            return RESOURCE_NOT_FOUND, None, str(exc)
        except FileExistsError as exc:
            return RESOURCE_ALREADY_EXISTS, None, str(exc)

    def _GetVersion(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {
            "obsVersion": "31.0.0",
            "obsWebSocketVersion": "5.5.4",
            "rpcVersion": 1,
            "availableRequests": [],
            "supportedImageFormats": ["png"],
            "platform": "windows",
            "platformDescription": "Windows 11",
        }

    def _GetInputKindList(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {"inputKinds": list(self.kinds)}

    def _GetInputList(self, d: dict[str, Any]) -> dict[str, Any]:
        wanted = d.get("inputKind")
        return {
            "inputs": [
                {"inputName": n, "inputKind": i.kind, "unversionedInputKind": i.kind}
                for n, i in self.inputs.items()
                if wanted in (None, i.kind)
            ]
        }

    def _GetCurrentProgramScene(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {"currentProgramSceneName": self.program, "sceneName": self.program}

    def _GetSceneList(self, _d: dict[str, Any]) -> dict[str, Any]:
        names = list(self.scenes)
        return {
            "currentProgramSceneName": self.program,
            "currentPreviewSceneName": None,
            # obs-websocket lists scenes bottom-to-top: index 0 is the last in the dock
            "scenes": [
                {"sceneName": n, "sceneIndex": len(names) - 1 - i} for i, n in enumerate(names)
            ][::-1],
        }

    def _scene(self, d: dict[str, Any]) -> list[SceneItem]:
        name = d["sceneName"]
        if name not in self.scenes:
            raise LookupError(f"No source was found by the name of `{name}`.")
        return self.scenes[name]

    def _input(self, d: dict[str, Any]) -> Input:
        name = d["inputName"]
        if name not in self.inputs:
            raise LookupError(f"No source was found by the name of `{name}`.")
        return self.inputs[name]

    def _CreateInput(self, d: dict[str, Any]) -> dict[str, Any]:
        self._scene(d)
        if d["inputName"] in self.inputs:
            raise FileExistsError("A source already exists by that input name.")
        self.add_input(d["sceneName"], d["inputName"], d["inputKind"], d.get("inputSettings", {}))
        return {"sceneItemId": self._next_item - 1, "inputUuid": secrets.token_hex(8)}

    def _GetSceneItemId(self, d: dict[str, Any]) -> dict[str, Any]:
        for item in self._scene(d):
            if item.source == d["sourceName"]:
                return {"sceneItemId": item.id}
        raise LookupError("No scene items were found in the specified scene by that name.")

    def _SetSceneItemTransform(self, d: dict[str, Any]) -> None:
        self._item(d)

    def _item(self, d: dict[str, Any]) -> SceneItem:
        for item in self._scene(d):
            if item.id == d["sceneItemId"]:
                return item
        raise LookupError("No scene items were found in the specified scene by that ID.")

    def _GetSceneItemList(self, d: dict[str, Any]) -> dict[str, Any]:
        return {
            "sceneItems": [
                {
                    "sceneItemId": item.id,
                    "sceneItemIndex": index,
                    "sourceName": item.source,
                    "sceneItemEnabled": item.enabled,
                    "inputKind": self.inputs[item.source].kind,
                    "isGroup": None,
                }
                for index, item in enumerate(self._scene(d))
            ]
        }

    def _SetSceneItemEnabled(self, d: dict[str, Any]) -> None:
        self._item(d).enabled = bool(d["sceneItemEnabled"])

    def _GetInputSettings(self, d: dict[str, Any]) -> dict[str, Any]:
        found = self._input(d)
        return {"inputSettings": found.settings, "inputKind": found.kind}

    def _SetInputSettings(self, d: dict[str, Any]) -> None:
        found = self._input(d)
        if d.get("overlay", True):
            found.settings.update(d["inputSettings"])
        else:
            found.settings = dict(d["inputSettings"])

    def _PressInputPropertiesButton(self, d: dict[str, Any]) -> None:
        found = self._input(d)
        if found.kind != "browser_source" or d["propertyName"] not in ("refreshnocache",):
            raise LookupError("Unable to find a property by that name.")


class ProtocolObs:
    """Runs a WindowsObs behind a real websocket on 127.0.0.1."""

    def __init__(self, model: WindowsObs, port: int) -> None:
        self.model = model
        self.port = port
        self.url = f"ws://127.0.0.1:{port}"
        self.connections = 0
        self._lock = threading.Lock()
        self._server = serve(self._session, "127.0.0.1", port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> ProtocolObs:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(5)

    def _session(self, ws: ServerConnection) -> None:
        challenge, salt = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        ws.send(
            json.dumps(
                {
                    "op": 0,
                    "d": {
                        "obsWebSocketVersion": "5.5.4",
                        "rpcVersion": 1,
                        "authentication": {"challenge": challenge, "salt": salt},
                    },
                }
            )
        )
        identify = json.loads(ws.recv())
        secret = base64.b64encode(hashlib.sha256((self.model.password + salt).encode()).digest())
        expected = base64.b64encode(hashlib.sha256(secret + challenge.encode()).digest()).decode()
        if identify.get("op") != 1 or identify["d"].get("authentication") != expected:
            ws.close(AUTH_FAILED, "Authentication failed.")
            return
        ws.send(json.dumps({"op": 2, "d": {"negotiatedRpcVersion": 1}}))
        self.connections += 1
        for message in ws:
            frame = json.loads(message)
            if frame.get("op") != 6:
                continue
            d = frame["d"]
            with self._lock:
                code, data, comment = self.model.handle(d["requestType"], d.get("requestData", {}))
            status: dict[str, Any] = {"result": code == SUCCESS, "code": code}
            if comment:
                status["comment"] = comment
            reply: dict[str, Any] = {
                "requestType": d["requestType"],
                "requestId": d["requestId"],
                "requestStatus": status,
            }
            if data is not None:
                reply["responseData"] = data
            ws.send(json.dumps({"op": 7, "d": reply}, ensure_ascii=False))
