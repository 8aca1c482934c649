"""Modules over 600 lines, classes over 400, functions over 120 (issue: the house)."""

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
            kind = "class" if isinstance(node, ast.ClassDef) else (
                "function" if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None
            )
            if kind:
                size = node.end_lineno - node.lineno + 1
                if size > LIMITS[kind]:
                    found.append(f"{path}:{node.lineno}: {kind} {node.name} {size} lines")
    return found


if __name__ == "__main__":
    problems = oversized(Path(sys.argv[1] if len(sys.argv) > 1 else "livehelper"))
    print("\n".join(problems) or "within the limits")
    sys.exit(1 if problems else 0)
