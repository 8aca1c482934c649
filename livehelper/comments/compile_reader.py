"""Builds the compiled comment reader (compiled.py says how it is used):
``python -m livehelper.comments.compile_reader``. Needs mypyc (the ``fast`` extra)
and a C compiler; without them the reader runs as plain Python, correct and slower."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from livehelper.comments.compiled import (
    GROUP,
    PURE_PYTHON,
    READER,
    SUFFIX,
    built,
    cache_root,
    stamp,
)

_PACKAGE = Path(__file__).resolve().parent.parent
# mypyc type-checks what it compiles; libraries without type information are Any
_MYPY_INI = "[mypy]\nignore_missing_imports = True\n"


def why_not() -> str | None:
    """Why this machine cannot build the reader, or None if it can."""
    if importlib.util.find_spec("mypyc") is None:
        return "mypyc is not installed (pip install 'livehelper[fast]')"
    from sysconfig import get_config_var

    compiler = (get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None and shutil.which("cc") is None:
        return "no C compiler (on Debian/Ubuntu: apt install gcc)"
    from sysconfig import get_paths

    if not (Path(get_paths()["include"]) / "Python.h").is_file():
        return "Python's headers are missing (on Debian/Ubuntu: apt install python3-dev)"
    return None


_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
setup(
    name="livehelper-reader",
    ext_modules=mypycify(sys.argv[1:], group_name={group!r}, opt_level="3"),
    script_args=["build_ext", "--inplace", "--quiet"],
)
"""


def build(root: Path | None = None) -> Path:
    """Compile the reader into ``root`` (the user's cache); the folder of the build.

    Raises RuntimeError with the reason when it cannot, or when the build reads a
    comment differently from plain Python (it is then not kept)."""
    root = root or cache_root()
    key = stamp()
    done = built(root, key)
    if done:
        return done
    reason = why_not()
    if reason:
        raise RuntimeError(reason)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="livehelper-reader-") as tmp:
        work = Path(tmp)
        # the whole package, so that mypyc sees the types the reader imports
        shutil.copytree(
            _PACKAGE,
            work / "livehelper",
            ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "resources"),
        )
        (work / "mypy.ini").write_text(_MYPY_INI, encoding="utf-8")
        sources = [f"livehelper/comments/{name}.py" for name in READER]
        made = subprocess.run(
            [sys.executable, "-c", _SETUP.format(group=GROUP), *sources],
            cwd=work,
            capture_output=True,
            text=True,
            env={**os.environ, PURE_PYTHON: "1"},
        )
        if made.returncode != 0:
            raise RuntimeError("mypyc failed:\n" + (made.stderr or made.stdout)[-3000:])
        staging = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=root))
        for name in [*READER, "reader__mypyc"]:
            shutil.copy2(work / "livehelper" / "comments" / f"{name}{SUFFIX}", staging)
    different = _compare(staging)
    if different:
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError(f"the compiled reader reads differently: {different}")
    (staging / "checked").write_text(key + "\n", encoding="utf-8")
    target = root / key
    try:
        staging.rename(target)
    except OSError:  # another process built it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    _prune(root, keep=target)
    return target


def _prune(root: Path, keep: Path, builds: int = 3) -> None:
    """Only the newest few builds stay (one per version a checkout has run lately)."""
    others = sorted(
        (p for p in root.iterdir() if p.is_dir() and p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in others[builds - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def readings() -> list[str]:
    """What the two ways must agree on, one reading a line: a synthetic flood and, in a
    source checkout, every labelled test corpus and word salads made of its words (odd
    comments), each on the demo catalogue and on the corpora's."""
    import random

    from livehelper.bench import synthetic_comments
    from livehelper.catalogue import read_catalogue
    from livehelper.comments.parser import Parser
    from livehelper.resources_path import resource_file

    with resource_file("demo/catalogue.csv") as path:
        parsers = [(Parser(read_catalogue(path)), "KS")]
    texts = [c.text for c in synthetic_comments(2000)]
    corpora = _PACKAGE.parent / "tests" / "data"
    if (corpora / "corpus_catalogue.csv").is_file():
        parsers.append((Parser(read_catalogue(corpora / "corpus_catalogue.csv")), "KS"))
        for corpus in sorted(corpora.glob("comments_*.jsonl")):
            lines = corpus.read_text("utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
        words = [w for text in texts for w in text.split()]
        pick = random.Random(3)
        texts += [" ".join(pick.choices(words, k=pick.randint(1, 9))) for _ in range(2000)]
    return [
        f"{parser.parse(t, featured)!r} {parser.read_items(t)!r}"
        for parser, featured in parsers
        for t in texts
    ]


def _compare(folder: Path) -> str | None:
    """The first reading on which the build at ``folder`` and plain Python disagree."""
    probe = (
        "import sys\n"
        "import livehelper.comments as c\n"
        "if sys.argv[1]: c.__path__.insert(0, sys.argv[1])\n"
        "from livehelper.comments import compile_reader, compiled\n"
        "assert (compiled.in_use() == 'compiled') == bool(sys.argv[1]), compiled.in_use()\n"
        "print('\\n'.join(compile_reader.readings()))\n"
    )
    outputs = []
    for where in (str(folder), ""):
        run = subprocess.run(
            [sys.executable, "-c", probe, where],
            capture_output=True,
            text=True,
            env={**os.environ, PURE_PYTHON: "1"},
        )
        if run.returncode != 0:
            return run.stderr[-2000:]
        outputs.append(run.stdout.splitlines())
    compiled_lines, python_lines = outputs
    for a, b in zip(compiled_lines, python_lines, strict=False):
        if a != b:
            return f"{a} != {b}"
    return None if len(compiled_lines) == len(python_lines) else "a different count"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        if why_not() is None and built(cache_root(), stamp()) is None:
            print(
                "livehelper: compiling the comment reader (once, about a minute)", file=sys.stderr
            )
        try:
            folder = build()
        except RuntimeError as error:
            print(f"livehelper: the comment reader runs as plain Python: {error}", file=sys.stderr)
            return 1
        print(folder)
        return 0
    print("usage: python -m livehelper.comments.compile_reader", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
