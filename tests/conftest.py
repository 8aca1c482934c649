"""Shared fixtures: real databases, Qt offscreen, and the rule for missing real parts.

A test that needs a real part (PostgreSQL here) calls ``require_part``: on a developer
laptop without it the test skips; with ``CI`` set it fails, so CI never passes by
skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.real.pg_server import PostgresServer, find_pg_bin

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the app must never touch the developer's real data folder during tests
_HOME = tempfile.mkdtemp(prefix="livehelper-test-home-")
os.environ["XDG_DATA_HOME"] = str(Path(_HOME) / "data")
os.environ["XDG_CONFIG_HOME"] = str(Path(_HOME) / "config")
os.environ.pop("LIVEHELPER_DB", None)
# windows under test serve their overlays on a free port, never the fixed 8765 a real
# livehelper on this machine may be using
os.environ["LIVEHELPER_OVERLAY_PORT"] = "0"

REPO = Path(__file__).resolve().parent.parent
DEMO_CATALOGUE = REPO / "resources" / "demo" / "catalogue.csv"


def require_part(name: str, why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but missing: {why}")
    pytest.skip(f"{name} not available: {why}")


# ------------------------------------------------------------------ PostgreSQL
@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | str]:
    external = os.environ.get("LIVEHELPER_TEST_PG")
    if external:
        yield external
        return
    bindir = find_pg_bin()
    if bindir is None:
        require_part("PostgreSQL", "no initdb found (apt-get install postgresql)")
    assert bindir is not None
    server = PostgresServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        require_part("PostgreSQL", str(exc))
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer | str) -> Iterator[str]:
    """A fresh, empty database on the real server for one test."""
    import sqlalchemy as sa

    admin_url = postgres_server if isinstance(postgres_server, str) else postgres_server.url()
    name = f"lh_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    url = sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on a real SQLite file and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def db(db_url: str) -> str:
    """The database as a user types it on the command line (``postgresql://…``)."""
    return db_url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def store(db_url: str) -> Iterator[object]:
    from livehelper.store import Store

    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture
def demo_store(store: object) -> object:
    """A store with the demo catalogue and a session featuring KS."""
    from livehelper.catalogue import read_catalogue

    store.import_products(read_catalogue(DEMO_CATALOGUE))  # type: ignore[attr-defined]
    return store


# --------------------------------------------------------------------- OBS Studio
@pytest.fixture(scope="session")
def xvfb() -> Iterator[object]:
    from tests.real.obs_studio import Xvfb

    if not shutil.which("Xvfb"):
        require_part("Xvfb", "apt-get install xvfb")
    server = Xvfb()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def obs_studio(xvfb) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A real OBS Studio (Debian's obs-studio, obs-websocket 5) for one test module."""
    from tests.real.obs_studio import ObsStudio

    if not shutil.which("obs"):
        require_part("OBS Studio", "apt-get install obs-studio")
    studio = ObsStudio(xvfb.display)
    try:
        studio.start()
    except RuntimeError as exc:
        studio.cleanup()
        require_part("OBS Studio", str(exc))
    yield studio
    studio.cleanup()


# ------------------------------------------------------------------------ Chromium
@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Real headless Chromium (Debian's package), driven over DevTools."""
    from tests.real.browser import Chromium

    if not shutil.which("chromium"):
        require_part("Chromium", "apt-get install chromium")
    browser = Chromium()
    try:
        browser.start()
    except RuntimeError as exc:
        browser.stop()
        require_part("Chromium", str(exc))
    yield browser
    browser.stop()
