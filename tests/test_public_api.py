"""The curated public API of each package: `__all__` lists exactly what is exported."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import accord
from accord import __version__
from accord.cli.main import app


def _packages() -> list[str]:
    """`accord` and every package under it (every folder with an `__init__`)."""
    found = [m.name for m in pkgutil.walk_packages(accord.__path__, "accord.") if m.ispkg]
    return ["accord", *sorted(found)]


PACKAGES = _packages()


def _ruff_order(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: constants, then classes, then functions, each alphabetical."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def _defined_here(module: ModuleType, value: object) -> bool:
    """A class or function defined in a public module of this package (helpers of its private
    `_modules` that the `__init__` uses are not part of its API)."""
    origin = getattr(value, "__module__", None) or ""
    inside = origin == module.__name__ or origin.startswith(module.__name__ + ".")
    private = any(part.startswith("_") for part in origin.split("."))
    return (inspect.isclass(value) or inspect.isfunction(value)) and inside and not private


def test_every_package_is_covered() -> None:
    assert {
        "accord.world",
        "accord.events",
        "accord.relations",
        "accord.bargaining",
        "accord.simulation",
        "accord.store",
        "accord.api",
        "accord.cli",
    } <= set(PACKAGES)
    assert len(PACKAGES) >= 17


@pytest.mark.parametrize("package", PACKAGES)
def test_all_is_sorted_and_importable(package: str) -> None:
    module = importlib.import_module(package)
    assert hasattr(module, "__all__"), f"{package} has no __all__"
    names = list(module.__all__)
    assert names == sorted(names, key=_ruff_order), package
    assert len(set(names)) == len(names), package
    for name in names:
        assert hasattr(module, name), f"{package}.{name} is listed but missing"


@pytest.mark.parametrize("package", PACKAGES)
def test_public_names_are_exported(package: str) -> None:
    """A public class or function of the package that its `__init__` holds is in `__all__`."""
    module = importlib.import_module(package)
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and _defined_here(module, value)
    }
    assert public <= set(module.__all__), f"{package}: {sorted(public - set(module.__all__))}"


@pytest.mark.parametrize("package", PACKAGES)
def test_public_names_are_documented(package: str) -> None:
    module = importlib.import_module(package)
    assert (module.__doc__ or "").strip(), f"{package} has no docstring"
    for name in module.__all__:
        value = getattr(module, name)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue  # constants and type aliases carry no docstring of their own
        doc = (value.__doc__ or "").strip()
        # a dataclass without a docstring gets its signature as one
        assert doc and not doc.startswith(f"{value.__name__}("), f"{package}.{name} has no doc"


def test_version_flag() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"accord {__version__}"
