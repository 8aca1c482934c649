"""The compiled comment reader reads every comment of every corpus exactly as plain
Python does, is used only for the sources it was built from, and is really in use
where it was built (livehelper.sh builds it before the tests)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from livehelper.comments import compiled
from livehelper.comments.compiled import PURE_PYTHON, READER, stamp
from livehelper.comments.lexicon import default_lexicon
from tests.conftest import require_part

_PROBE = (
    "from livehelper.comments import compile_reader, compiled\n"
    "print(compiled.in_use())\n"
    "print('\\n'.join(compile_reader.readings()))\n"
)


def _readings(pure: bool) -> tuple[str, list[str]]:
    env = {**os.environ, PURE_PYTHON: "1" if pure else "0"}
    run = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True
    )
    way, *lines = run.stdout.splitlines()
    return way, lines


def test_compiled_and_plain_python_read_every_corpus_alike() -> None:
    python_way, python_lines = _readings(pure=True)
    compiled_way, compiled_lines = _readings(pure=False)
    assert python_way == "python"
    if compiled_way != "compiled":
        require_part(
            "the compiled comment reader",
            "not built for these sources (python -m livehelper.comments.compile_reader)",
        )
    # a synthetic flood, every labelled corpus in tests/data and word salads, each
    # on two catalogues
    corpora = Path(__file__).parents[1] / "data"
    labelled = sum(
        1
        for corpus in corpora.glob("comments_*.jsonl")
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    assert labelled > 400
    assert len(python_lines) == 2 * (2000 + labelled + 2000)
    assert compiled_lines == python_lines


def test_a_build_serves_only_the_sources_it_was_made_from(tmp_path: Path) -> None:
    here = Path(compiled.__file__).parent
    copy = tmp_path / "comments"
    copy.mkdir()
    for name in READER:
        shutil.copy2(here / f"{name}.py", copy / f"{name}.py")
    assert stamp(copy) == stamp(here)
    # one character of one source changed: another build, so this one is not used
    path = copy / "quantities.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert stamp(copy) != stamp(here)
    root = tmp_path / "cache"
    (root / stamp(here)).mkdir(parents=True)
    assert compiled.built(root, stamp(here)) is None  # no files, not checked: not a build


def test_plain_python_is_asked_for_by_the_environment() -> None:
    env = {**os.environ, PURE_PYTHON: "1"}
    code = "from livehelper.comments import compiled; print(compiled.in_use())"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert run.stdout.strip() == "python"


def test_not_quantity_patterns_start_with_a_digit_or_never_at_one() -> None:
    """quantities._first_digit_apart tries the patterns that start with a digit before
    the others at a digit: only right if no other pattern can start at one."""
    from re import _parser  # type: ignore[attr-defined]

    lexicon = default_lexicon()
    for pattern in lexicon.not_quantity:
        if pattern.startswith("\\d"):
            continue
        firsts = _first_characters(_parser.parse(pattern))
        assert firsts is not None, f"cannot tell how {pattern!r} starts"
        assert not any(ch.isdigit() for ch in firsts), pattern
        assert re.match(pattern, "0") is None


def _first_characters(tree: object) -> set[str] | None:
    """The characters a parsed pattern can start with (literals and branches of them),
    or None when it starts otherwise."""
    from re import _constants  # type: ignore[attr-defined]

    op, av = next(iter(tree))  # type: ignore[call-overload]
    if op is _constants.LITERAL:
        return {chr(av)}
    if op is _constants.SUBPATTERN:
        return _first_characters(av[-1])
    if op is _constants.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            part = _first_characters(branch)
            if part is None:
                return None
            found |= part
        return found
    return None
