"""The curated public API of each package: `__all__` lists exactly what is exported."""

from __future__ import annotations

import importlib

import pytest

from accord import __version__
from accord.cli.main import app


@pytest.mark.parametrize("package", ["accord.world", "accord.store"])
def test_all_is_sorted_and_importable(package: str) -> None:
    module = importlib.import_module(package)
    names = module.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(module, name), name
    public = {n for n in vars(module) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(names)


def test_version_flag() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"accord {__version__}"
