"""The curated public API of the bargaining packages."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    "package",
    [
        "accord.bargaining",
        "accord.bargaining.models",
        "accord.bargaining.readers",
        "accord.bargaining.protocols",
        "accord.bargaining.strategies",
    ],
)
def test_all_is_sorted_and_importable(package: str) -> None:
    module = importlib.import_module(package)
    names = module.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(module, name), name


def test_bargaining_imports_only_errors_from_accord() -> None:
    import pathlib
    import re

    root = pathlib.Path(importlib.import_module("accord.bargaining").__file__ or "").parent
    for path in root.rglob("*.py"):
        for line in path.read_text().splitlines():
            m = re.match(r"\s*(?:from|import) (accord\.\w+)", line)
            if m:
                # accord.jsonable, accord.safe_yaml and accord.files are leaves (the one JSON
                # form, the one YAML loader, the one bounded file read), importing nothing of
                # accord but its errors (tests/test_layers.py)
                leaves = {"accord.errors", "accord.files", "accord.jsonable", "accord.safe_yaml"}
                assert m.group(1) in {"accord.bargaining", *leaves}, (
                    path,
                    line,
                )
