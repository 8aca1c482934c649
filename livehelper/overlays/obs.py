"""OBS Studio control through obs-websocket v5 (obsws-python), without Qt.

One ``ObsConnection`` is one websocket; obsws-python does not match replies to
requests, so a connection must be used from one thread only (the window gives it
its own worker). Failures become an ``ObsError`` whose ``problem`` says, in words a
seller understands, what to do: start OBS, turn its WebSocket server on, fix the
password, or wait for a busy OBS.

obs-websocket 5.1 (OBS 29, Debian) and 5.4–5.5 (OBS 30–31, Windows) both work: only
requests present in 5.0 are used, and names rather than UUIDs identify things.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from livehelper.errors import LivehelperError, UsageError
from livehelper.model import Product, format_qty, format_vnd

# obsws-python's own logging is silenced by livehelper.logs.quiet_libraries: livehelper
# reports OBS problems itself, one line per change (controller.py).

DEFAULT_URL = "ws://127.0.0.1:4455"
TEXT_KINDS = ("text_ft2_source_v2", "text_gdiplus_v2")  # Linux/macOS, Windows
BROWSER_KIND = "browser_source"
TEXT_INPUTS = {"name": "livehelper name", "price": "livehelper price", "stock": "livehelper stock"}
OVERLAY_INPUT = "livehelper overlay"  # + " <page>": one browser source per overlay page
OVERLAY_PAGES = ("product", "ticker", "qr", "countdown")
DEFAULT_OVERLAY_BASE = "http://127.0.0.1:8765"
# A scene item whose source is named "livehelper product KS" is shown while KS is
# featured and hidden otherwise: a photo, a video or a price board per product.
PRODUCT_ITEM_PREFIX = "livehelper product "


class ObsProblem(enum.StrEnum):
    NOT_RUNNING = "not_running"
    SERVER_OFF = "server_off"
    WRONG_PASSWORD = "wrong_password"
    TIMEOUT = "timeout"
    REQUEST_FAILED = "request_failed"
    NOT_SET_UP = "not_set_up"


MESSAGES = {
    ObsProblem.NOT_RUNNING: "OBS is not running (nothing answers at {where}). Start OBS Studio.",
    ObsProblem.SERVER_OFF: (
        "OBS is running but its WebSocket server is off. In OBS open Tools → WebSocket "
        "Server Settings, tick 'Enable WebSocket server', and check the port is {port}."
    ),
    ObsProblem.WRONG_PASSWORD: (
        "OBS refused the password. Copy it from OBS: Tools → WebSocket Server Settings → "
        "Show Connect Info."
    ),
    ObsProblem.TIMEOUT: "OBS did not answer within {timeout:g} s (busy or frozen?).",
    ObsProblem.REQUEST_FAILED: "OBS could not do that: {detail}",
    ObsProblem.NOT_SET_UP: (
        "OBS has no livehelper text sources yet: run 'livehelper obs setup' (or the "
        "'Set up my OBS' button)."
    ),
}


class ObsError(LivehelperError):
    code = "obs"

    def __init__(self, problem: ObsProblem, **details: Any) -> None:
        self.problem = problem
        self.details = details
        super().__init__(MESSAGES[problem].format(**details))


@dataclass(frozen=True)
class ObsSettings:
    host: str = "127.0.0.1"
    port: int = 4455
    password: str = ""

    @classmethod
    def from_url(cls, url: str | None, password: str | None = None) -> ObsSettings:
        parts = urlsplit(url or DEFAULT_URL)
        if parts.scheme not in ("ws", "") or not parts.hostname:
            raise UsageError(f"an OBS address looks like ws://127.0.0.1:4455, not {url!r}")
        return cls(parts.hostname, parts.port or 4455, password or parts.password or "")

    def __repr__(self) -> str:  # never show the password, not even in a traceback
        return f"ObsSettings(host={self.host!r}, port={self.port}, password=***)"


@dataclass(frozen=True)
class ObsStatus:
    obs_version: str
    websocket_version: str
    program_scene: str
    scenes: tuple[str, ...]  # OBS's own top-to-bottom order
    text_kind: str | None


def product_texts(product: Product) -> dict[str, str]:
    """What the three text sources show for a featured product (Vietnamese, on stream)."""
    if product.available is None:
        stock = ""
    elif product.sold_out:
        stock = "HẾT HÀNG"
    else:
        stock = f"Còn {format_qty(product.available)} {product.unit}"
    return {
        "name": product.name,
        "price": f"{format_vnd(product.price)}/{product.unit}",
        "stock": stock,
    }


def browser_input(scene: str, name: str, overlay_base: str, page: str) -> dict[str, Any]:
    """The CreateInput request for one overlay page as a full-canvas browser source."""
    return {
        "sceneName": scene,
        "inputName": name,
        "inputKind": BROWSER_KIND,
        "inputSettings": {
            "url": f"{overlay_base.rstrip('/')}/overlay/{page}",
            "width": 1920,
            "height": 1080,
            "reroute_audio": False,
            # keep the page (and its websocket) alive while the scene is not live
            "shutdown": False,
            "restart_when_active": False,
        },
        "sceneItemEnabled": True,
    }


def obs_process_running() -> bool:
    import psutil

    for proc in psutil.process_iter(["name"]):
        name = (proc.info.get("name") or "").lower()
        if name in ("obs", "obs64.exe", "obs32.exe", "obs.exe") or name.startswith("obs-studio"):
            return True
    return False


class ObsConnection:
    def __init__(
        self,
        settings: ObsSettings,
        timeout: float = 3.0,
        is_obs_running: Callable[[], bool] = obs_process_running,
    ) -> None:
        self.settings = settings
        self.timeout = timeout
        self._is_obs_running = is_obs_running  # tells "OBS closed" from "server off"
        self._client: Any = None

    # ----------------------------------------------------------------- session
    def open(self) -> ObsConnection:
        import obsws_python
        from obsws_python.error import OBSSDKError
        from websocket import WebSocketException

        class Client(obsws_python.ReqClient):  # type: ignore[misc]
            def __init__(self, **kwargs: Any) -> None:
                try:
                    super().__init__(**kwargs)
                except Exception:
                    # obsws-python leaves its socket open when identifying fails
                    base = getattr(self, "base_client", None)
                    if base is not None:
                        base.ws.shutdown()
                    raise

        s = self.settings
        try:
            self._client = Client(
                host=s.host, port=s.port, password=s.password, timeout=self.timeout
            )
        except ConnectionRefusedError as exc:
            local = s.host in ("127.0.0.1", "localhost", "::1")
            problem = (
                ObsProblem.SERVER_OFF
                if local and self._is_obs_running()
                else ObsProblem.NOT_RUNNING
            )
            raise ObsError(problem, where=f"{s.host}:{s.port}", port=s.port) from exc
        except TimeoutError as exc:
            raise ObsError(ObsProblem.TIMEOUT, timeout=self.timeout) from exc
        except OBSSDKError as exc:
            raise ObsError(ObsProblem.WRONG_PASSWORD) from exc
        except (OSError, WebSocketException) as exc:  # unreachable, not a websocket
            raise ObsError(ObsProblem.NOT_RUNNING, where=f"{s.host}:{s.port}") from exc
        return self

    def close(self) -> None:
        if self._client is not None:
            ws = self._client.base_client.ws
            with contextlib.suppress(Exception):
                ws.close(timeout=0.5)  # a polite close frame, when OBS is still there
            ws.shutdown()  # and the socket itself, which close() skips once OBS hung up
            self._client = None

    def __enter__(self) -> ObsConnection:
        return self.open()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def request(self, name: str, data: dict[str, Any] | None = None) -> Any:
        from obsws_python.error import OBSSDKRequestError
        from websocket import WebSocketException  # websocket-client, under obsws-python

        if self._client is None:
            self.open()
        try:
            return self._client.send(name, data)
        except OBSSDKRequestError as exc:
            raise ObsError(
                ObsProblem.REQUEST_FAILED, detail=exc.args[0] if exc.args else exc
            ) from exc
        except TimeoutError as exc:
            self.close()
            raise ObsError(ObsProblem.TIMEOUT, timeout=self.timeout) from exc
        except (OSError, ValueError, WebSocketException) as exc:
            # OBS went away: a closed socket, or JSONDecodeError (a ValueError) mid-reply
            self.close()
            s = self.settings
            raise ObsError(ObsProblem.NOT_RUNNING, where=f"{s.host}:{s.port}") from exc

    # ------------------------------------------------------------------ scenes
    def scenes(self) -> list[str]:
        """Scene names top to bottom, as OBS's Scenes dock shows them."""
        reply = self.request("GetSceneList")
        # obs-websocket lists scenes bottom-to-top (by index): reverse for people
        ordered = sorted(reply.scenes, key=lambda scene: scene["sceneIndex"], reverse=True)
        return [scene["sceneName"] for scene in ordered]

    def program_scene(self) -> str:
        return str(self.request("GetCurrentProgramScene").current_program_scene_name)

    def switch(self, scene: str) -> None:
        if scene not in self.scenes():
            raise ObsError(ObsProblem.REQUEST_FAILED, detail=f"there is no scene named {scene!r}")
        self.request("SetCurrentProgramScene", {"sceneName": scene})

    def status(self) -> ObsStatus:
        version = self.request("GetVersion")
        return ObsStatus(
            obs_version=version.obs_version,
            websocket_version=version.obs_web_socket_version,
            program_scene=self.program_scene(),
            scenes=tuple(self.scenes()),
            text_kind=self.text_kind(),
        )

    # ------------------------------------------------------------------ inputs
    def input_kinds(self) -> list[str]:
        return list(self.request("GetInputKindList", {"unversioned": False}).input_kinds)

    def text_kind(self) -> str | None:
        """The text source this OBS has (FreeType on Linux/macOS, GDI+ on Windows)."""
        kinds = self.input_kinds()
        return next((k for k in TEXT_KINDS if k in kinds), None)

    def input_names(self) -> set[str]:
        return {i["inputName"] for i in self.request("GetInputList").inputs}

    def setup(
        self, overlay_base: str | None = DEFAULT_OVERLAY_BASE, scene: str | None = None
    ) -> dict[str, str]:
        """Create the livehelper inputs that are missing, in ``scene`` (default: the
        live scene): three text sources and, where OBS has a browser source, one per
        overlay page of the server at ``overlay_base``.
        Returns name -> "created" | "exists" | "unavailable: why"."""
        scene = scene or self.program_scene()
        if overlay_base:  # a page's address given for the server's: keep the server part
            overlay_base = overlay_base.split("/overlay/", 1)[0].rstrip("/")
        existing = self.input_names()
        kinds = self.input_kinds()
        text_kind = next((k for k in TEXT_KINDS if k in kinds), None)
        result: dict[str, str] = {}
        for index, name in enumerate(TEXT_INPUTS.values()):
            if name in existing:
                result[name] = "exists"
            elif text_kind is None:
                result[name] = "unavailable: this OBS has no text source"
            else:
                # white with a dark outline stays readable on any camera picture
                settings = {
                    "text": name,
                    "font": {"face": "DejaVu Sans", "size": 48, "style": "Bold"},
                    "outline": True,
                    "drop_shadow": True,
                }
                self.request(
                    "CreateInput",
                    {
                        "sceneName": scene,
                        "inputName": name,
                        "inputKind": text_kind,
                        "inputSettings": settings,
                        "sceneItemEnabled": True,
                    },
                )
                item = self.request("GetSceneItemId", {"sceneName": scene, "sourceName": name})
                self.request(
                    "SetSceneItemTransform",
                    {
                        "sceneName": scene,
                        "sceneItemId": item.scene_item_id,
                        "sceneItemTransform": {"positionX": 40.0, "positionY": 40.0 + 70 * index},
                    },
                )
                result[name] = "created"
        if overlay_base:
            for page in OVERLAY_PAGES:
                name = f"{OVERLAY_INPUT} {page}"
                if name in existing:
                    result[name] = "exists"
                elif BROWSER_KIND not in kinds:
                    result[name] = "unavailable: this OBS has no browser source"
                else:
                    self.request("CreateInput", browser_input(scene, name, overlay_base, page))
                    result[name] = "created"
        return result

    def refresh_overlays(self, overlay_base: str = DEFAULT_OVERLAY_BASE) -> list[str]:
        """Reload every browser source showing a page of the overlay server at
        ``overlay_base``: OBS never retries a page that failed to load while the
        server was down. Returns the inputs refreshed."""
        base = overlay_base.rstrip("/")
        hosts = {
            base,
            base.replace("127.0.0.1", "localhost"),
            base.replace("localhost", "127.0.0.1"),
        }
        refreshed = []
        listed = self.request("GetInputList", {"inputKind": BROWSER_KIND}).inputs
        for name in sorted(i["inputName"] for i in listed):
            url = str(
                self.request("GetInputSettings", {"inputName": name}).input_settings.get("url", "")
            )
            if any(url.startswith(f"{host}/overlay/") for host in hosts):
                self.request(
                    "PressInputPropertiesButton",
                    {"inputName": name, "propertyName": "refreshnocache"},
                )
                refreshed.append(name)
        return refreshed

    def show_product_items(self, code: str) -> dict[str, bool]:
        """Show the "livehelper product <code>" scene items, hide the other products'.
        Returns "scene / source" -> now enabled, for the items that changed."""
        changed: dict[str, bool] = {}
        for scene in self.scenes():
            items = self.request("GetSceneItemList", {"sceneName": scene}).scene_items
            for item in items:
                source = str(item["sourceName"])
                if not source.lower().startswith(PRODUCT_ITEM_PREFIX):
                    continue
                wanted = source[len(PRODUCT_ITEM_PREFIX) :].strip().upper() == code.upper()
                if bool(item["sceneItemEnabled"]) != wanted:
                    self.request(
                        "SetSceneItemEnabled",
                        {
                            "sceneName": scene,
                            "sceneItemId": item["sceneItemId"],
                            "sceneItemEnabled": wanted,
                        },
                    )
                    changed[f"{scene} / {source}"] = wanted
        return changed

    def show_product(self, product: Product) -> dict[str, str]:
        """Put a product's name, price and stock into the livehelper text sources and
        show its own scene items. NOT_SET_UP when OBS has neither."""
        items = self.show_product_items(product.code)
        if not set(TEXT_INPUTS.values()) <= self.input_names():
            if items or self._has_product_items():
                return {}
            raise ObsError(ObsProblem.NOT_SET_UP)
        texts = product_texts(product)
        for key, name in TEXT_INPUTS.items():
            self.request(
                "SetInputSettings",
                {
                    "inputName": name,
                    "inputSettings": {"text": texts[key]},
                    "overlay": True,
                },
            )
        return texts

    def _has_product_items(self) -> bool:
        return any(name.lower().startswith(PRODUCT_ITEM_PREFIX) for name in self.input_names())

    def text_of(self, input_name: str) -> str:
        reply = self.request("GetInputSettings", {"inputName": input_name})
        return str(reply.input_settings.get("text", ""))

    def screenshot_png(self, source: str, width: int = 640) -> bytes:
        import base64

        reply = self.request(
            "GetSourceScreenshot",
            {
                "sourceName": source,
                "imageFormat": "png",
                "imageWidth": width,
            },
        )
        data = reply.image_data
        return base64.b64decode(data.split(",", 1)[1])
