"""Browser sources and Windows text sources, checked by their obs-websocket requests.

Debian's OBS (used by test_obs.py) has no browser source, so these run against
tests/fakes/obs_protocol.py: a server speaking obs-websocket 5 as documented, modelling the
OBS 31 that Windows users have. The requests livehelper sends are asserted by shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from livehelper.model import Product
from livehelper.overlays.controller import ObsController
from livehelper.overlays.obs import (
    OVERLAY_INPUT,
    OVERLAY_PAGES,
    TEXT_INPUTS,
    ObsConnection,
    ObsError,
    ObsProblem,
    ObsSettings,
)
from tests.fakes.obs_protocol import ProtocolObs, WindowsObs
from tests.helpers import wait_for
from tests.real.obs_studio import free_port

BASE = "http://127.0.0.1:8765"
KS = Product(1, "KS", "Khoai sâm Lai Châu", 35000, "kg", Decimal(80))
NA = Product(2, "NA", "Na Chi Lăng", 60000, "hộp", Decimal(0))


@pytest.fixture
def windows_obs() -> Iterator[ProtocolObs]:
    server = ProtocolObs(WindowsObs(), free_port()).start()
    yield server
    server.stop()


def connect(server: ProtocolObs, password: str | None = None) -> ObsConnection:
    settings = ObsSettings.from_url(server.url, password or server.model.password)
    return ObsConnection(settings, is_obs_running=lambda: True).open()


def test_setup_creates_gdiplus_texts_and_one_browser_source_per_page(windows_obs) -> None:  # type: ignore[no-untyped-def]
    obs = connect(windows_obs)
    try:
        result = obs.setup(BASE, scene="Sản phẩm")
        assert set(result.values()) == {"created"}
        created = {d["inputName"]: d for d in windows_obs.model.requested("CreateInput")}
        for name in TEXT_INPUTS.values():
            assert created[name]["inputKind"] == "text_gdiplus_v2"  # detected, not assumed
        for page in OVERLAY_PAGES:
            request = created[f"{OVERLAY_INPUT} {page}"]
            assert request["sceneName"] == "Sản phẩm"
            assert request["inputKind"] == "browser_source"
            settings = request["inputSettings"]
            assert settings["url"] == f"{BASE}/overlay/{page}"
            assert (settings["width"], settings["height"]) == (1920, 1080)
            assert settings["shutdown"] is False  # the page keeps its socket when hidden
        again = obs.setup(f"{BASE}/overlay/product")  # a page's address works as well
        assert set(again.values()) == {"exists"}
        assert len(windows_obs.model.requested("CreateInput")) == 3 + len(OVERLAY_PAGES)
    finally:
        obs.close()


def test_refresh_presses_refreshnocache_on_our_pages_only(windows_obs) -> None:  # type: ignore[no-untyped-def]
    model = windows_obs.model
    model.add_input("Scene A", "Chat", "browser_source", {"url": "https://example.invalid/chat"})
    model.add_input(
        "Scene A", "Old overlay", "browser_source", {"url": "http://localhost:8765/overlay/ticker"}
    )
    obs = connect(windows_obs)
    try:
        obs.setup(BASE)
        refreshed = obs.refresh_overlays(BASE)
    finally:
        obs.close()
    assert "Chat" not in refreshed
    assert set(refreshed) == {"Old overlay"} | {f"{OVERLAY_INPUT} {p}" for p in OVERLAY_PAGES}
    presses = model.requested("PressInputPropertiesButton")
    assert {p["propertyName"] for p in presses} == {"refreshnocache"}
    assert sorted(p["inputName"] for p in presses) == sorted(refreshed)


def test_product_scene_items_follow_the_featured_product(windows_obs) -> None:  # type: ignore[no-untyped-def]
    model = windows_obs.model
    model.add_input("Sản phẩm", "livehelper product KS", "image_source", {"file": "ks.jpg"})
    model.add_input("Sản phẩm", "livehelper product NA", "image_source", {"file": "na.jpg"})
    model.add_input("Scene A", "livehelper product NA", "image_source", {"file": "na.jpg"})
    obs = connect(windows_obs)
    try:
        obs.setup(BASE)
        obs.show_product(KS)
        enabled = {(s, i.source): i.enabled for s, items in model.scenes.items() for i in items}
        assert enabled[("Sản phẩm", "livehelper product KS")] is True
        assert enabled[("Sản phẩm", "livehelper product NA")] is False
        assert enabled[("Scene A", "livehelper product NA")] is False
        assert model.inputs[TEXT_INPUTS["name"]].settings["text"] == "Khoai sâm Lai Châu"
        changed = obs.show_product_items("NA")
        assert changed == {
            "Sản phẩm / livehelper product KS": False,
            "Sản phẩm / livehelper product NA": True,
            "Scene A / livehelper product NA": True,
        }
        assert obs.show_product_items("NA") == {}  # nothing to change: nothing sent
    finally:
        obs.close()


def test_products_items_alone_are_a_valid_setup(windows_obs) -> None:  # type: ignore[no-untyped-def]
    windows_obs.model.add_input("Scene A", "livehelper product KS", "image_source", {})
    obs = connect(windows_obs)
    try:
        assert obs.show_product(KS) == {}  # no text sources, but the photo switched: fine
    finally:
        obs.close()
    bare = ProtocolObs(WindowsObs(), free_port()).start()
    obs = connect(bare)
    try:
        with pytest.raises(ObsError) as caught:
            obs.show_product(KS)
        assert caught.value.problem is ObsProblem.NOT_SET_UP
    finally:
        obs.close()
        bare.stop()


def test_wrong_password_is_refused_by_the_handshake(windows_obs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ObsError) as caught:
        connect(windows_obs, password="wrong")
    assert caught.value.problem is ObsProblem.WRONG_PASSWORD


def test_controller_refreshes_overlays_when_obs_arrives_later() -> None:
    """The overlay server started before OBS: the pages are reloaded once OBS is there."""
    model = WindowsObs()
    model.add_input("Scene A", "livehelper overlay product", "browser_source", {
        "url": f"{BASE}/overlay/product"
    })  # fmt: skip
    port = free_port()
    settings = ObsSettings.from_url(f"ws://127.0.0.1:{port}", model.password)
    controller = ObsController(settings, poll_seconds=0.1, backoff=(0.05, 0.2)).start()
    try:
        controller.refresh_overlays(BASE)
        controller.feature(NA)
        assert controller.sync(5)
        assert not model.requested("PressInputPropertiesButton")  # OBS is not there yet
        server = ProtocolObs(model, port).start()
        try:
            assert wait_for(lambda: model.requested("PressInputPropertiesButton"), timeout=10)
            assert wait_for(lambda: controller.state.connected, timeout=5)
            controller.refresh_overlays(BASE)  # e.g. the overlay server restarted
            assert controller.sync(5)
            assert len(model.requested("PressInputPropertiesButton")) == 2
        finally:
            server.stop()
    finally:
        controller.stop()
