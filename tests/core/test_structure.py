"""House rules made executable: the core has no Qt, resources ship, translations are complete."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import livehelper
from livehelper.resources_path import resource, resource_text
from tests.helpers import REPO

CORE_FREE_OF_QT = [
    m.name
    for m in pkgutil.walk_packages(livehelper.__path__, "livehelper.")
    if not m.name.startswith("livehelper.ui") and m.name != "livehelper.__main__"  # runs the app
]


def test_core_modules_never_load_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_FREE_OF_QT!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "livehelper.store" in CORE_FREE_OF_QT and "livehelper.comments.parser" in CORE_FREE_OF_QT
    assert done.stdout.strip() == "", f"core modules loaded Qt: {done.stdout}"


def test_resources_load_through_importlib() -> None:
    assert "code,name,price,unit,stock,aliases" in resource_text("demo/catalogue.csv")
    assert "[intent]" in resource_text("lexicon/vi.toml")
    assert resource("i18n/livehelper_vi.qm").read_bytes()[:4] == b"\x3c\xb8\x64\x18"  # Qt .qm magic
    assert resource("icons/livehelper.svg").is_file()


def test_built_wheel_contains_code_and_resources(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("livehelper-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "livehelper/cli/__init__.py",
        "livehelper/ui/main_window.py",
        "livehelper/comments/parser.py",
        "livehelper/overlays/__init__.py",
        "livehelper/export/csv_file.py",
        "livehelper/resources/demo/catalogue.csv",
        "livehelper/resources/demo/comments.jsonl",
        "livehelper/resources/lexicon/vi.toml",
        "livehelper/resources/lexicon/rules.toml",
        "livehelper/resources/lexicon/second_opinion.json",
        "livehelper/resources/i18n/livehelper_vi.qm",
        "livehelper/resources/icons/livehelper.svg",
        "livehelper/resources/overlays/product.html",
        "livehelper/resources/overlays/ticker.html",
        "livehelper/resources/overlays/live.js",
    ):
        assert needed in names, needed
    # every module of the tree, so a package left out of pyproject.toml cannot slip by
    for module in sorted((REPO / "livehelper").rglob("*.py")):
        assert module.relative_to(REPO).as_posix() in names, module
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "livehelper = livehelper.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_version_is_single_sourced() -> None:
    from importlib.metadata import version

    assert version("livehelper") == livehelper.__version__


def _lupdate() -> str:
    tool = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.fail("pyside6-lupdate is missing from the environment (it ships with PySide6)")
    return tool


def test_every_window_text_has_a_vietnamese_translation(tmp_path: Path) -> None:
    """Re-extract the strings: nothing new, nothing unfinished (run `bash livehelper.sh i18n` to update)."""
    ts = tmp_path / "check.ts"
    shutil.copy(REPO / "resources" / "i18n" / "livehelper_vi.ts", ts)
    sources = sorted(str(p) for p in (REPO / "livehelper" / "ui").glob("*.py"))
    subprocess.run(
        [_lupdate(), *sources, "-ts", str(ts), "-no-obsolete"], check=True, capture_output=True
    )
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).iter("message")
        if (
            m.find("translation") is None
            or m.find("translation").get("type") == "unfinished"
            or not (m.findtext("translation") or "").strip()
        )
    ]
    assert unfinished == []


@pytest.mark.parametrize("name", ["livehelper_vi", "qt_vi"])
def test_compiled_translation_matches_its_source(tmp_path: Path, name: str) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None
    out = tmp_path / "vi.qm"
    subprocess.run(
        [lrelease, str(REPO / "resources" / "i18n" / f"{name}.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (REPO / "resources" / "i18n" / f"{name}.qm").read_bytes(), (
        f"{name}.qm is stale: run `bash livehelper.sh i18n`"
    )


def test_code_passes_the_linter() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff is not None, "ruff is part of the [test] extra"
    done = subprocess.run(
        [ruff, "check", "livehelper", "tests", "benchmarks", "tools"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_every_catalogue_problem_has_the_windows_words() -> None:
    """The window shows its own (translated) text for each catalogue problem; a problem
    the core adds without one would reach a Vietnamese window in English."""
    from livehelper.errors import ROW_MESSAGES

    texts = (REPO / "livehelper" / "ui" / "texts.py").read_text(encoding="utf-8")
    missing = [key for key in ROW_MESSAGES if f'"{key}": QCoreApplication.translate(' not in texts]
    assert missing == []


def test_no_import_cycle_between_modules() -> None:
    from tests.house import cycles, graph

    assert cycles(graph(REPO / "livehelper")) == []


def test_no_module_class_or_function_outgrows_the_house() -> None:
    """600 lines a module, 400 a class, 120 a function (tests/house.py)."""
    from tests.house import oversized

    assert oversized(REPO / "livehelper") == []


def test_the_house_check_sees_an_oversized_class(tmp_path: Path) -> None:
    from tests.house import oversized

    body = "\n".join(f"    x{n} = {n}" for n in range(420))
    (tmp_path / "big.py").write_text(f"class Big:\n{body}\n", encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in oversized(tmp_path)] == ["class Big 421 lines"]


def test_the_code_type_checks_strictly() -> None:
    """mypy --strict over livehelper/ (configured in pyproject.toml)."""
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy is not None, "mypy is part of the [test] extra"
    done = subprocess.run(
        [mypy, "--cache-dir", str(Path(tempfile.gettempdir()) / "livehelper-mypy")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:]
