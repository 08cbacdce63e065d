"""Every producer of events (files, feeds, simulations, exercises) writes through
`accord.events.write`: no other module of `src/accord` inserts, updates or deletes `events` rows.

A new producer stages its rows in the canonical batch layout and calls `write_events` (or
`writing`) with its `Provenance`; that one path rejects, de-duplicates, counts unmapped
countries and logs every write alike.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "accord"
#: The module that owns every write into `events`.
WRITE_PATH = Path("events/write.py")
#: SQL that changes rows of `events` (not of `events_v2` or other tables).
WRITES = re.compile(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+events\b(?!_)", re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes of a module, its classes and functions (prose, not SQL)."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            found.add(id(body[0].value))
    return found


def event_writers(root: Path) -> list[str]:
    """'file:line' of every string in code under `root` (docstrings aside) that writes `events`
    rows, outside the write path."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root) == WRITE_PATH or "node_modules" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        prose = _docstrings(tree)
        lines = sorted(
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in prose
            and WRITES.search(node.value)
        )
        found += [f"{path.relative_to(root)}:{line}" for line in lines]
    return found


def test_only_the_write_path_writes_events() -> None:
    assert event_writers(SRC) == [], "write events through accord.events.write.write_events"


def test_the_check_finds_a_direct_insert(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "write.py").write_text('SQL = "INSERT INTO events VALUES (1)"\n')
    (tmp_path / "feed.py").write_text(
        '"""Writes INSERT INTO events rows? No: this is prose."""\n'
        'A = "INSERT INTO events_v2 SELECT 1"\n'
        'B = f"DELETE FROM events WHERE run_id = {1}"\n'
        'C = "update  EVENTS set x = 1"\n'
    )
    assert event_writers(tmp_path) == ["feed.py:3", "feed.py:4"]
