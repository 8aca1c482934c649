"""The house rules a newcomer relies on, as checks (issue: the house): no module over
600 lines, no class over 400, no function over 120; no import cycle between
livehelper's modules (imports inside functions count too). ``python -m tests.house``
prints what breaks them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LIMITS = {"module": 600, "class": 400, "function": 120}


def oversized(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > LIMITS["module"]:
            found.append(f"{path}: module {lines} lines")
        for node in ast.walk(ast.parse(text)):
            kind = (
                "class"
                if isinstance(node, ast.ClassDef)
                else (
                    "function" if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None
                )
            )
            if kind:
                size = node.end_lineno - node.lineno + 1
                if size > LIMITS[kind]:
                    found.append(f"{path}:{node.lineno}: {kind} {node.name} {size} lines")
    return found


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph(root: Path) -> dict[str, set[str]]:
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(
                        package.split(".")[: len(package.split(".")) - node.level + 1]
                        + ([base] if base else [])
                    )
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                if target in modules and target != name and not name.startswith(target + "."):
                    edges[name].add(target)  # a module using its own package is no cycle
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, seen = [], set()
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges[node]):
                if nxt == start:
                    key = frozenset(path)
                    if key not in seen:
                        seen.add(key)
                        found.append([*path, start])
                elif nxt not in path and len(path) < 8:
                    stack.append((nxt, [*path, nxt]))
    return found


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "livehelper")
    problems = oversized(root) + [" -> ".join(c) for c in cycles(graph(root))]
    print("\n".join(problems) or "within the house rules")
    sys.exit(1 if problems else 0)
