"""Every import between Accord's packages follows the arrows of the intended architecture.

The arrows (`ARCHITECTURE.md`, "Which way the arrows go"), read as layers: a package may import
the packages listed for it, itself, and the root `accord` (which holds only `__version__`).

    cli, api  ->  exercises  ->  simulation  ->  bargaining
                                   |
                                   v
                               relations -> events -> world -> store, errors

| package      | may import                                                                |
|--------------|---------------------------------------------------------------------------|
| `errors`     | nothing                                                                   |
| `jsonable`   | nothing (the one JSON form of results; a leaf every layer may import)     |
| `safe_yaml`  | errors (the one YAML loader; a leaf every layer may import)               |
| `store`      | errors                                                                    |
| `world`      | store, errors (knows nothing of events)                                   |
| `events`     | world, store, errors (knows nothing of relations or simulation)           |
| `relations`  | events, world, store, errors                                              |
| `bargaining` | store, errors (stands alone; links a world actor by code only)           |
| `simulation` | bargaining, relations, events, world, store, errors                       |
| `exercises`  | simulation and everything it may import                                   |
| `api`        | exercises and everything below it                                         |
| `cli`        | exercises and everything below it; `api` only from `accord.cli.serve`     |
| `web`        | static files: no Python module, imported by none                          |

Nothing imports `cli`; only `accord serve` (`accord.cli.serve`) imports `api`. The core (every
package but `cli` and `api`) never parses argv, prints through a console or knows HTTP: it imports
none of typer, click, rich, fastapi, starlette, uvicorn.

Every import counts: module-level ones, those inside functions (lazy imports), those under
`if TYPE_CHECKING:`, `import accord.x`, `from accord.x import y` and relative imports
(`from . import y`, `from ..x import y`), resolved against the importing module's package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import accord

SOURCE = Path(accord.__file__).resolve().parent

_BASE = frozenset({"errors", "files", "jsonable", "safe_yaml", "store"})
_BELOW_SIMULATION = frozenset({"bargaining", "relations", "events", "world"}) | _BASE
_BELOW_FACES = frozenset({"exercises", "simulation"}) | _BELOW_SIMULATION

#: For each package of `accord`, the other packages it may import.
ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "files": frozenset({"errors"}),
    "jsonable": frozenset(),
    "safe_yaml": frozenset({"errors", "files"}),
    "store": frozenset({"errors"}),
    "world": _BASE,
    "events": frozenset({"world"}) | _BASE,
    "relations": frozenset({"events", "world"}) | _BASE,
    "bargaining": _BASE,
    "simulation": _BELOW_SIMULATION,
    "exercises": frozenset({"simulation"}) | _BELOW_SIMULATION,
    "api": _BELOW_FACES,
    "cli": _BELOW_FACES,
    "web": frozenset(),
}

#: Single modules allowed an import their package may not make: `accord serve` starts the api.
EXCEPTIONS: dict[str, frozenset[str]] = {"accord.cli.serve": frozenset({"api"})}

#: Third-party packages of the faces (argv, console, HTTP), which the core must not import.
FACE_LIBRARIES = frozenset({"typer", "click", "rich", "fastapi", "starlette", "uvicorn"})
FACES = frozenset({"cli", "api"})


@dataclass(frozen=True, slots=True)
class Violation:
    """One import that breaks an arrow: where it is and what it imports."""

    module: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}"


def module_name(path: Path, root: Path = SOURCE) -> str:
    """The dotted name of the module at `path` under the package directory `root`."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(tree: ast.AST, module: str, *, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every absolute module name `tree` imports, anywhere in it, with its line."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                parts = package.split(".")
                if node.level - 1 >= len(parts):
                    raise ValueError(f"{module}:{node.lineno}: relative import beyond the top")
                anchor = ".".join(parts[: len(parts) - (node.level - 1)])
                base = f"{anchor}.{node.module}" if node.module else anchor
            if node.module is None or base == "accord":
                # `from . import x`, `from accord import x`: each name may be a module
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"
            else:
                yield node.lineno, base


def _layer(name: str) -> str | None:
    """The accord package a dotted name belongs to (None for the root and for other libraries)."""
    parts = name.split(".")
    if parts[0] != "accord" or len(parts) == 1 or parts[1].startswith("__"):
        return None
    return parts[1]


def check_module(source: str, module: str, *, is_package: bool = False) -> list[Violation]:
    """The imports of one module's `source` that break the arrows."""
    own = _layer(module)
    if own is None:
        raise ValueError(f"not a module of an accord package: {module}")
    allowed = ALLOWED.get(own)
    if allowed is None:
        raise ValueError(f"package {own!r} has no row in ALLOWED: add one")
    allowed = allowed | EXCEPTIONS.get(module, frozenset()) | {own}
    found: list[Violation] = []
    for line, name in imported_names(ast.parse(source), module, is_package=is_package):
        target = _layer(name)
        wrong_arrow = target is not None and target not in allowed
        face_library = own not in FACES and name.split(".")[0] in FACE_LIBRARIES
        if wrong_arrow or face_library:
            found.append(Violation(module, line, name))
    return found


def check_tree(root: Path = SOURCE) -> list[Violation]:
    """Every import of every module under `root` that breaks the arrows."""
    found: list[Violation] = []
    for path in sorted(root.rglob("*.py")):
        if "node_modules" in path.parts:
            continue  # npm packages of the dashboard's tooling
        if path.parent == root:
            continue  # accord/__init__.py and the root leaves: checked below
        module = module_name(path, root)
        found += check_module(
            path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py"
        )
    for path in sorted(root.glob("*.py")):
        # accord/__init__.py and the leaves (errors, files, jsonable, safe_yaml): their ALLOWED row
        module = module_name(path, root)
        own = _layer(module)
        allowed = ALLOWED[own] | {own} if own is not None else frozenset()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        found += [
            Violation(module, line, name)
            for line, name in imported_names(tree, module, is_package=is_package)
            if name.split(".")[0] == "accord" and _layer(name) not in allowed
        ]
    return found


def test_every_import_follows_the_arrows() -> None:
    violations = check_tree()
    assert not violations, "imports against ARCHITECTURE.md:\n" + "\n".join(map(str, violations))


def test_every_package_has_a_row() -> None:
    packages = {p.name for p in SOURCE.iterdir() if (p / "__init__.py").is_file()}
    assert packages <= set(ALLOWED), packages - set(ALLOWED)
    assert "errors" in ALLOWED
    assert "web" not in packages  # static files only
    python = [p for p in (SOURCE / "web").rglob("*.py") if "node_modules" not in p.parts]
    assert not python


def test_the_checker_reads_every_accord_module() -> None:
    modules = {module_name(p) for p in SOURCE.rglob("*.py") if "node_modules" not in p.parts}
    assert {"accord", "accord.errors", "accord.cli.serve", "accord.simulation.rules"} <= modules
    assert len(modules) > 100


SYNTHETIC = '''
"""A world module that reaches up into events lazily, and a core module that prints."""
from __future__ import annotations
from typing import TYPE_CHECKING
from accord.store import Store
from . import dates
if TYPE_CHECKING:
    from accord.relations import dyad
def lazy() -> None:
    from ..events import ingest
    import accord.simulation.runner
    from .. import cli
    import typer
'''


def test_the_checker_catches_every_kind_of_import() -> None:
    violations = check_module(SYNTHETIC, "accord.world.sample")
    assert [(v.line, v.imported) for v in violations] == [
        (8, "accord.relations"),
        (10, "accord.events"),
        (11, "accord.simulation.runner"),
        (12, "accord.cli"),
        (13, "typer"),
    ]


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        ("accord.events.ingest", "from accord.relations import dyad_series", "accord.relations"),
        ("accord.events.ingest", "from accord.simulation import simulate", "accord.simulation"),
        ("accord.bargaining.case", "from accord.world import World", "accord.world"),
        ("accord.bargaining.case", "from ..events import ontology", "accord.events"),
        ("accord.simulation.runner", "import accord.api", "accord.api"),
        ("accord.simulation.runner", "from accord.exercises import run", "accord.exercises"),
        ("accord.api.app", "from accord.cli import main", "accord.cli"),
        ("accord.cli.world", "from accord.api import create_app", "accord.api"),
        ("accord.relations.dyad", "from fastapi import Depends", "fastapi"),
        ("accord.safe_yaml", "from accord.world import World", "accord.world"),
    ],
)
def test_the_checker_rejects_an_arrow_the_wrong_way(
    module: str, source: str, imported: str
) -> None:
    assert [v.imported for v in check_module(source, module)] == [imported]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("accord.cli.serve", "from accord.api import create_app"),
        ("accord.simulation.rules.negotiation", "from accord.bargaining.case import Case"),
        ("accord.simulation.rules", "from . import crises"),
        ("accord.relations.dyad", "from ..errors import InputError"),
        ("accord.api.app", "from accord import __version__"),
        ("accord.cli.main", "import typer"),
        ("accord.bargaining.readers.yaml_case", "from accord.safe_yaml import compose_yaml"),
        ("accord.safe_yaml", "from accord.errors import InputError"),
    ],
)
def test_the_checker_accepts_the_arrows(module: str, source: str) -> None:
    assert check_module(source, module, is_package=module.endswith("rules")) == []


def test_relative_imports_resolve_against_the_package() -> None:
    tree = ast.parse("from . import a\nfrom .b import c\nfrom ..d import e\n")
    names = [n for _, n in imported_names(tree, "accord.x.y", is_package=True)]
    assert names == ["accord.x.y.a", "accord.x.y.b", "accord.x.d"]
    names = [n for _, n in imported_names(tree, "accord.x.y", is_package=False)]
    assert names == ["accord.x.a", "accord.x.b", "accord.d"]


def test_names_imported_from_the_root_count_as_packages() -> None:
    tree = ast.parse("from accord import __version__, cli\n")
    assert [n for _, n in imported_names(tree, "accord.world.x", is_package=False)] == [
        "accord.__version__",
        "accord.cli",
    ]
    assert [v.imported for v in check_module("from accord import cli", "accord.world.x")] == [
        "accord.cli"
    ]
