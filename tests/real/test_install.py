"""A bare laptop gets everything from `bash livehelper.sh`: the system packages the script
installs are the ones Qt really loads (this machine's own ldd and dpkg say which), so
the list cannot drift when PySide6 or a distribution changes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_part
from tests.helpers import REPO

BASE_SYSTEM = REPO / "tests" / "data" / "debian12-minbase-python3.txt"
# what the window loads: its Qt modules, the screen plugins (X11 and the tests'
# offscreen), OpenGL on X11, SVG/JPEG pictures and icons, and the input methods that
# Vietnamese typing goes through (IBus with Unikey / Bamboo, compose)
QT_PARTS = [
    "QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so",
    "Qt/plugins/platforms/libqxcb.so", "Qt/plugins/platforms/libqoffscreen.so",
    "Qt/plugins/xcbglintegrations/*.so", "Qt/plugins/imageformats/libqsvg.so",
    "Qt/plugins/imageformats/libqjpeg.so", "Qt/plugins/iconengines/*.so",
    "Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
]  # fmt: skip


def script_packages(variable: str = "APP_PACKAGES") -> list[list[str]]:
    """The groups of a package list in livehelper.sh ("a|b": either name)."""
    text = (REPO / "livehelper.sh").read_text(encoding="utf-8")
    match = re.search(rf'^{variable}="([^"]*)"', text, re.MULTILINE)
    assert match, f"{variable} is not in livehelper.sh"
    return [group.split("|") for group in match.group(1).split()]


def _dpkg(*args: str) -> str:
    return subprocess.run(["dpkg-query", *args], capture_output=True, text=True).stdout


def _installed() -> dict[str, str]:
    """installed package -> its Depends (and Pre-Depends), and every name it Provides."""
    out = _dpkg(
        "-W", "-f=${db:Status-Status}\t${Package}\t${Pre-Depends}, ${Depends}\t${Provides}\n"
    )
    packages, provides = {}, {}
    for line in out.splitlines():
        status, name, depends, provided = [*line.split("\t"), "", "", ""][:4]
        if status != "installed":
            continue
        packages[name] = depends
        for virtual in provided.split(","):
            if virtual.strip():
                provides.setdefault(virtual.split()[0], name)
    return {**{v: packages[p] for v, p in provides.items() if v not in packages}, **packages}


def _closure(roots: list[str], installed: dict[str, str]) -> set[str]:
    """The roots and every installed package they depend on, directly or not."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in installed:
            continue
        seen.add(name)
        for clause in installed[name].split(","):
            for alternative in clause.split("|"):
                dependency = alternative.strip().split(" ")[0].split(":")[0]
                if dependency in installed:
                    todo.append(dependency)
                    break
    return seen


def _owners(libraries: set[Path]) -> dict[Path, str]:
    """library -> the package that installed it (one dpkg-query for all of them)."""
    spellings: dict[str, Path] = {}
    for library in libraries:  # dpkg knows a file under one of its names (usr-merge)
        for path in (library, library.resolve(), Path("/usr" + str(library))):
            spellings.setdefault(str(path), library)
    done = subprocess.run(["dpkg-query", "-S", *spellings], capture_output=True, text=True)
    owners: dict[Path, str] = {}
    for line in done.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path in spellings:
            owners.setdefault(spellings[path], package.split(",")[0].split(":")[0].strip())
    return owners


def test_the_script_installs_every_library_qt_loads() -> None:
    if not (shutil.which("ldd") and shutil.which("dpkg-query")):
        require_part("ldd and dpkg-query", "a Debian/Ubuntu check")
    import PySide6

    installed = _installed()
    groups = script_packages()
    chosen = [next((n for n in group if n in installed), None) for group in groups]
    absent = ["|".join(g) for g, c in zip(groups, chosen, strict=True) if c is None]
    if absent:
        require_part("the window's system packages", f"not installed here: {absent}")
    provided = _closure([c for c in chosen if c], installed)
    base = set(BASE_SYSTEM.read_text(encoding="utf-8").split())
    base = _closure(sorted(base), installed) | base
    qt = Path(PySide6.__file__).parent
    parts = [p for pattern in QT_PARTS for p in sorted(qt.glob(pattern))]
    assert len(parts) >= len(QT_PARTS), "a Qt part this test checks is gone: update QT_PARTS"
    unaccounted: dict[str, str] = {}
    needed: dict[Path, str] = {}  # system library -> a part that loads it
    for part in parts:
        ldd = subprocess.run(["ldd", str(part)], capture_output=True, text=True).stdout
        for line in ldd.splitlines():
            name, _, where = line.strip().partition(" => ")
            if "not found" in where:
                unaccounted[name] = f"not found (needed by {part.name})"
            elif where.startswith("/"):
                path = Path(where.split(" (")[0])
                if not str(path).startswith(str(qt.parent)):  # not one the wheels ship
                    needed.setdefault(path, part.name)
    owners = _owners(set(needed))
    for path, part_name in needed.items():
        owner = owners.get(path)
        if owner is None:
            unaccounted[path.name] = f"{path} belongs to no package"
        elif owner not in provided and owner not in base:
            unaccounted[path.name] = f"{owner} (for {part_name})"
    assert not unaccounted, (
        "libraries Qt loads that livehelper.sh does not install (add the package to "
        f"APP_PACKAGES, with its Ubuntu name as 'new|old' if it differs): {unaccounted}"
    )


def test_the_test_packages_include_the_app_packages() -> None:
    text = (REPO / "livehelper.sh").read_text(encoding="utf-8")
    assert 'TEST_PACKAGES="$APP_PACKAGES ' in text
