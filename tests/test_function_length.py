"""Every function in `src/accord` fits on a screen: at most `LIMIT` lines, `def` to last line.

A longer function is a sign it does more than one thing; split it into named steps. Nested
functions and methods count on their own and inside the function that holds them.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"
#: The most lines a function may span (its decorators not counted).
LIMIT = 60


def long_functions(root: Path, limit: int = LIMIT) -> list[str]:
    """'file:line function (N lines)' for every function under `root` longer than `limit`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "node_modules" in path.parts:  # the dashboard's npm packages are not Accord's code
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    where = path.relative_to(root.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_is_longer_than_the_limit() -> None:
    too_long = long_functions(SRC)
    assert not too_long, f"functions over {LIMIT} lines (split them):\n" + "\n".join(too_long)


def test_the_check_finds_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text(
        f"def short():\n    return 1\n\n\nasync def long():\n{body}\n", encoding="utf-8"
    )
    assert long_functions(tmp_path / "pkg") == ["pkg/mod.py:5 long (61 lines)"]
    assert long_functions(tmp_path / "pkg", limit=61) == []
