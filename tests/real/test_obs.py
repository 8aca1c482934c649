"""OBS control against a real OBS Studio 29 (obs-websocket 5.1) under Xvfb."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from livehelper.model import Product
from livehelper.overlays.obs import (
    OVERLAY_INPUT,
    OVERLAY_PAGES,
    TEXT_INPUTS,
    ObsConnection,
    ObsError,
    ObsProblem,
    ObsSettings,
    product_texts,
)
from tests.helpers import DEMO_CATALOGUE, run_cli, wait_for
from tests.real.obs_studio import SCENES, free_port


@pytest.fixture
def obs(obs_studio):  # type: ignore[no-untyped-def]
    with ObsConnection(ObsSettings.from_url(obs_studio.url, obs_studio.password)) as connection:
        yield connection


def cli(obs_studio, *args: str, **kw):  # type: ignore[no-untyped-def]
    return run_cli(
        "obs", *args, "--obs-url", obs_studio.url, "--obs-password", obs_studio.password, **kw
    )


def test_status_and_scenes_in_obs_order(obs_studio) -> None:  # type: ignore[no-untyped-def]
    status = json.loads(cli(obs_studio, "status", "--json").stdout)
    assert status["connected"] and status["websocket_version"].startswith("5.")
    assert status["text_kind"] == "text_ft2_source_v2"  # Linux; text_gdiplus_v2 on Windows
    assert cli(obs_studio, "scenes").stdout.splitlines() == list(SCENES)


def test_switch_scene_is_live_in_obs(obs_studio, obs: ObsConnection) -> None:  # type: ignore[no-untyped-def]
    assert cli(obs_studio, "switch", "Sản phẩm").stdout.strip() == "Sản phẩm"
    assert obs.program_scene() == "Sản phẩm"
    cli(obs_studio, "switch", "Scene A")
    assert obs.program_scene() == "Scene A"
    missing = cli(obs_studio, "switch", "Nope", check=False)
    assert missing.returncode == 2 and "no scene named 'Nope'" in missing.stderr


def test_setup_creates_inputs_once(obs_studio, obs: ObsConnection) -> None:  # type: ignore[no-untyped-def]
    first = cli(obs_studio, "setup", "--overlay-url", "http://127.0.0.1:8765").stdout
    for name in TEXT_INPUTS.values():
        assert f"{name}: created" in first
    # Debian's OBS has no browser source: said plainly, not an error (the request shapes
    # are tested against a protocol-level OBS in test_obs_protocol.py)
    for page in OVERLAY_PAGES:
        assert f"{OVERLAY_INPUT} {page}: unavailable: this OBS has no browser source" in first
    assert set(TEXT_INPUTS.values()) <= obs.input_names()
    again = cli(obs_studio, "setup").stdout
    assert all(f"{name}: exists" in again for name in TEXT_INPUTS.values())


def test_feature_updates_obs_texts_and_picture(
    obs_studio, obs: ObsConnection, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    obs.setup()
    db = str(tmp_path / "obs.sqlite3")
    run_cli("catalog", "import", str(DEMO_CATALOGUE), db=db)
    session = run_cli("session", "start", db=db).stdout.strip()
    before = obs.screenshot_png("Scene A")
    out = cli(obs_studio, "feature", "KS", "--session", session, "--db", db).stdout
    assert "Khoai sâm Lai Châu" in out
    assert obs.text_of(TEXT_INPUTS["name"]) == "Khoai sâm Lai Châu"
    assert obs.text_of(TEXT_INPUTS["price"]) == "35.000₫/kg"
    assert obs.text_of(TEXT_INPUTS["stock"]) == "Còn 80 kg"
    # OBS renders the new text on its next frame (the test canvas runs at 10 fps)
    assert wait_for(lambda: obs.screenshot_png("Scene A") != before, timeout=5)
    assert obs.screenshot_png("Scene A")[:8] == b"\x89PNG\r\n\x1a\n"
    session_info = json.loads(run_cli("session", "list", "--json", db=db).stdout)[0]
    assert session_info["featured"] == "KS"


def test_feature_before_setup_says_what_to_do(obs_studio, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with ObsConnection(ObsSettings.from_url(obs_studio.url, obs_studio.password)) as obs:
        for name in TEXT_INPUTS.values():
            if name in obs.input_names():
                obs.request("RemoveInput", {"inputName": name})
        # OBS destroys removed inputs a moment later
        assert wait_for(lambda: not set(TEXT_INPUTS.values()) & obs.input_names(), timeout=5)
        with pytest.raises(ObsError) as caught:
            obs.show_product(Product(1, "KS", "Khoai", 1, "kg", None))
    assert caught.value.problem is ObsProblem.NOT_SET_UP and "obs setup" in str(caught.value)


def test_wrong_password(obs_studio) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(
        "obs", "status", "--obs-url", obs_studio.url, "--obs-password", "nope", check=False
    )
    assert done.returncode == 2 and "OBS refused the password" in done.stderr
    assert "nope" not in done.stderr and "Traceback" not in done.stderr


def test_server_off_and_not_running_are_told_apart() -> None:
    closed = ObsSettings.from_url(f"ws://127.0.0.1:{free_port()}", "x")
    with pytest.raises(ObsError) as off:
        ObsConnection(closed, is_obs_running=lambda: True).open()
    assert off.value.problem is ObsProblem.SERVER_OFF and "Tools → WebSocket" in str(off.value)
    with pytest.raises(ObsError) as gone:
        ObsConnection(closed, is_obs_running=lambda: False).open()
    assert gone.value.problem is ObsProblem.NOT_RUNNING and "Start OBS" in str(gone.value)


def test_obs_killed_then_restarted(xvfb) -> None:  # type: ignore[no-untyped-def]
    """A dead OBS is an ObsError (not a crash); once it is back, a new connection works."""
    from tests.real.obs_studio import ObsStudio

    studio = ObsStudio(xvfb.display)
    try:
        studio.start()
        settings = ObsSettings.from_url(studio.url, studio.password)
        obs = ObsConnection(settings, is_obs_running=lambda: False).open()
        assert obs.scenes() == list(SCENES)
        studio.kill()
        with pytest.raises(ObsError) as caught:
            obs.scenes()
        assert caught.value.problem is ObsProblem.NOT_RUNNING
        studio.start()
        with ObsConnection(settings) as again:
            assert again.scenes() == list(SCENES)
    finally:
        studio.cleanup()


def test_settings_never_show_the_password() -> None:
    settings = ObsSettings.from_url("ws://obs-laptop.local:4460", "hunter2")  # parsed only
    assert (settings.host, settings.port) == ("obs-laptop.local", 4460)
    assert "hunter2" not in repr(settings)
    with pytest.raises(ValueError, match=r"ws://127\.0\.0\.1:4455"):
        ObsSettings.from_url("http://x", None)


def test_product_texts() -> None:
    ks = Product(1, "KS", "Khoai sâm", 35000, "kg", Decimal("2.5"))
    assert product_texts(ks) == {"name": "Khoai sâm", "price": "35.000₫/kg", "stock": "Còn 2,5 kg"}
    assert product_texts(Product(1, "NA", "Na", 1, "hộp", Decimal(0)))["stock"] == "HẾT HÀNG"
    assert product_texts(Product(1, "MO", "Mật", 1, "chai", None))["stock"] == ""
    # what buyers can still have: holds for waiting claims and the show's cap count
    held = Product(1, "KS", "Khoai sâm", 1, "kg", Decimal(5), reserved=Decimal(3))
    assert product_texts(held)["stock"] == "Còn 2 kg"
    all_held = Product(1, "KS", "Khoai sâm", 1, "kg", Decimal(5), reserved=Decimal(5))
    assert product_texts(all_held)["stock"] == "HẾT HÀNG"
    capped = Product(1, "KS", "Khoai sâm", 1, "kg", None, cap_left=Decimal(0))
    assert product_texts(capped)["stock"] == "HẾT HÀNG"


def test_product_scene_items_are_shown_and_hidden_in_obs(obs_studio, obs: ObsConnection) -> None:  # type: ignore[no-untyped-def]
    """A seller's own picture per product ("livehelper product KS") follows featuring."""
    for code, color in (("KS", 0xFF3366CC), ("NA", 0xFF33CC66)):
        name = f"livehelper product {code}"
        if name not in obs.input_names():
            obs.request(
                "CreateInput",
                {
                    "sceneName": "Sản phẩm",
                    "inputName": name,
                    "inputKind": "color_source_v3",
                    "inputSettings": {"color": color, "width": 64, "height": 64},
                },
            )

    def enabled(code: str) -> bool:
        item = obs.request(
            "GetSceneItemId", {"sceneName": "Sản phẩm", "sourceName": f"livehelper product {code}"}
        ).scene_item_id
        return bool(
            obs.request(
                "GetSceneItemEnabled", {"sceneName": "Sản phẩm", "sceneItemId": item}
            ).scene_item_enabled
        )

    obs.setup()
    obs.show_product(Product(1, "KS", "Khoai sâm", 35000, "kg", None))
    assert enabled("KS") and not enabled("NA")
    obs.show_product(Product(2, "NA", "Na", 60000, "hộp", None))
    assert enabled("NA") and not enabled("KS")
