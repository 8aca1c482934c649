"""The OBS controller against a real OBS: follow, switch, survive OBS going away."""

from __future__ import annotations

from decimal import Decimal

from livehelper.model import Product
from livehelper.overlays.controller import ObsController, ObsState
from livehelper.overlays.obs import TEXT_INPUTS, ObsConnection, ObsProblem, ObsSettings
from tests.helpers import wait_for
from tests.real.obs_studio import SCENES, ObsStudio

KS = Product(1, "KS", "Khoai sâm Lai Châu", 35000, "kg", Decimal(80))
NA = Product(2, "NA", "Na Chi Lăng", 120000, "hộp", Decimal(40))


def connection(settings: ObsSettings) -> ObsConnection:
    return ObsConnection(settings, is_obs_running=lambda: False)


def test_controller_follows_switches_and_survives_restarts(xvfb) -> None:  # type: ignore[no-untyped-def]
    studio = ObsStudio(xvfb.display)
    states: list[ObsState] = []
    try:
        studio.start()
        settings = ObsSettings.from_url(studio.url, studio.password)
        with ObsConnection(settings) as setup:
            setup.setup()
        controller = ObsController(
            settings,
            states.append,
            poll_seconds=0.2,
            backoff=(0.1, 0.5),
            connection_factory=connection,
        ).start()
        try:
            assert wait_for(lambda: controller.state.connected, timeout=10)
            assert controller.state.scenes == SCENES and controller.state.texts_ready

            controller.feature(KS)
            controller.switch("Scene B")
            assert controller.sync()
            with ObsConnection(settings) as obs:
                assert obs.text_of(TEXT_INPUTS["name"]) == "Khoai sâm Lai Châu"
                assert obs.program_scene() == "Scene B"
                obs.switch("Sản phẩm")  # someone clicks a scene in OBS itself
            assert wait_for(lambda: controller.state.program_scene == "Sản phẩm", timeout=5)

            studio.stop()  # OBS closes mid-show (saving its scenes)
            assert wait_for(lambda: not controller.state.connected, timeout=10)
            assert controller.state.problem is ObsProblem.NOT_RUNNING
            controller.feature(NA)  # the assistant carries on while OBS is away
            assert controller.sync()

            studio.start()
            assert wait_for(lambda: controller.state.connected, timeout=20)
            assert controller.sync()
            with ObsConnection(settings) as obs:  # state re-applied after reconnecting
                assert obs.text_of(TEXT_INPUTS["name"]) == "Na Chi Lăng"
                assert obs.text_of(TEXT_INPUTS["stock"]) == "Còn 40 hộp"

            studio.kill()  # and a crash rather than a clean exit
            assert wait_for(lambda: not controller.state.connected, timeout=10)
            studio.start()
            assert wait_for(lambda: controller.state.connected, timeout=20)
        finally:
            controller.stop()
        disconnected = [s for s in states if not s.connected]
        assert disconnected and all(s.message for s in disconnected)
    finally:
        studio.cleanup()


def test_controller_reports_a_wrong_password_and_backs_off(obs_studio) -> None:  # type: ignore[no-untyped-def]
    states: list[ObsState] = []
    settings = ObsSettings.from_url(obs_studio.url, "wrong")
    controller = ObsController(
        settings, states.append, backoff=(0.05, 0.2), connection_factory=connection
    ).start()
    try:
        assert wait_for(lambda: controller.state.problem is ObsProblem.WRONG_PASSWORD, timeout=10)
        assert "password" in controller.state.message
        controller.feature(KS)  # remembered, no crash, no waiting on OBS
        assert controller.sync(timeout=5)
    finally:
        controller.stop()


def test_obs_not_running_is_one_log_line_not_a_traceback_per_attempt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window's own logging set-up, the real obsws-python, nothing listening on the
    port: many reconnect attempts, one line in the log file for the state change."""
    import os
    import subprocess
    import sys

    from tests.helpers import REPO
    from tests.real.obs_studio import free_port

    log_file = tmp_path / "livehelper.log"
    script = f"""
from livehelper import logs
logs.to_file({str(log_file)!r})
from livehelper.overlays.controller import ObsController
from livehelper.overlays.obs import ObsSettings
from tests.helpers import wait_for
settings = ObsSettings("127.0.0.1", {free_port()}, "")
controller = ObsController(settings, backoff=(0.01, 0.02)).start()
assert wait_for(lambda: controller.state.attempts >= 8, timeout=20), controller.state
controller.stop()
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=60)
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" not in logged, logged
    assert logged.count("\n") == 1 and "OBS:" in logged, logged
