"""YAML loading that remembers where every field was written (line numbers for errors).

The text goes through `accord.safe_yaml` (plain data, bounded depth, aliases and size) with
dates left as text: the scenario parser checks them itself, so a bad date becomes a located
problem rather than a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from accord.safe_yaml import compose_yaml, construct_yaml


def line_of(lines: Mapping[str, int], path: str) -> int | None:
    """The line of field `path` (`a.b[2].c`) in `lines` (from `load_located`), else of its
    nearest located parent (None for a top-level field that is not in the file; the empty
    path, the document or a top-level key '', has the line where it starts)."""
    if path in lines:
        return lines[path]
    while path:
        if path in lines:
            return lines[path]
        parent = path.rsplit(".", 1)[0] if "." in path else path.rsplit("[", 1)[0]
        path = "" if parent == path else parent
    return None


def _walk(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            sub = f"{path}.{name}" if path else name
            lines[sub] = key.start_mark.line + 1
            _walk(value, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for k, item in enumerate(node.value):
            sub = f"{path}[{k}]"
            lines[sub] = item.start_mark.line + 1
            _walk(item, sub, lines)


def load_located(text: str, file: str | None) -> tuple[Any, dict[str, int]]:
    """Parse YAML; return the data and a map from field path (`shocks[0].target`) to line."""
    node = compose_yaml(text, file, dates=False)
    data = construct_yaml(node, file)
    lines: dict[str, int] = {}
    if node is not None:
        _walk(node, "", lines)
    return data, lines
