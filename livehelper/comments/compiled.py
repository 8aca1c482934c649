"""The comment reader compiled to C with mypyc, plain Python the fallback.

The reader's modules (``READER``) are ordinary typed Python. Where a C compiler and
mypyc are installed, ``python -m livehelper.comments.compile_reader`` (run by
``livehelper.sh``) compiles them into a folder of the user's cache named after a hash
of their sources and the Python, and keeps the build only once it has read a synthetic
flood and (in a source checkout) every labelled corpus exactly as plain Python does.
``search_path`` puts that folder before the sources in the package's ``__path__``, so
a build is used only for the very sources it was made from: an edited, upgraded or
half-copied reader runs as plain Python until it is built again. Nothing else
changes: the same readings, 1.2 to 1.9 times faster on one core (bench parse).

``LIVEHELPER_PURE_PYTHON=1`` skips the build (the tests compare both ways).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import sys
from pathlib import Path

READER = (
    "folding",
    "phrases",
    "leftovers",
    "sentence",
    "clauses",
    "quantities",
    "typos",
    "names",
    "everyday",
    "items",
    "second_opinion",
    "parser",
)
GROUP = "livehelper.comments.reader"  # mypyc's shared library: reader__mypyc
PURE_PYTHON = "LIVEHELPER_PURE_PYTHON"
_HERE = Path(__file__).resolve().parent
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def stamp(folder: Path = _HERE) -> str:
    """A hash of what a build depends on: the reader's sources and this Python (a build
    carries mypyc's runtime inside it, so mypyc's own version does not matter)."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{SUFFIX}".encode())
    for name in READER:
        digest.update(name.encode() + b"\0" + (folder / f"{name}.py").read_bytes())
    return digest.hexdigest()[:20]


def cache_root() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("livehelper", appauthor=False)) / "reader"


def built(root: Path, key: str) -> Path | None:
    folder = root / key
    wanted = [f"{name}{SUFFIX}" for name in READER] + [f"reader__mypyc{SUFFIX}"]
    if all((folder / name).is_file() for name in wanted) and (folder / "checked").is_file():
        return folder
    return None


def search_path(package_path: list[str]) -> list[str]:
    """The package's ``__path__``, with the build for these sources first if there is
    one (and the environment does not ask for plain Python)."""
    if os.environ.get(PURE_PYTHON) == "1":
        return package_path
    try:
        root = cache_root()
        folder = built(root, stamp()) if root.is_dir() else None
    except OSError:  # an unreadable cache or source: plain Python
        return package_path
    return [str(folder), *package_path] if folder else package_path


def in_use() -> str:
    """``"compiled"`` when this process reads comments with the build, else ``"python"``."""
    from livehelper.comments import parser

    return "compiled" if parser.__file__ and parser.__file__.endswith(SUFFIX) else "python"
