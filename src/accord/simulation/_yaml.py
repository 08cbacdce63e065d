"""YAML loading that remembers where every field was written (line numbers for errors)."""

from __future__ import annotations

from typing import Any

import yaml

from accord.errors import InputError


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings (the scenario parser checks them itself, so a
    bad date becomes a located problem rather than a crash)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError.at(f"invalid YAML: {exc.problem or exc}", file=file, line=line) from None
    lines: dict[str, int] = {}
    if node is not None:
        _walk(node, "", lines)
    return data, lines
