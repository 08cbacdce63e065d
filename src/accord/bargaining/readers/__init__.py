"""Case readers, one module per file format behind one `read_case` entry point.

Every reader takes a path and returns a `Case`, raising `InputError` whose problems name the
file, line and field of every bad value.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from accord.bargaining.case import Case
from accord.bargaining.readers._common import read_text
from accord.bargaining.readers.bdm import read_bdm
from accord.bargaining.readers.decide import read_decide
from accord.bargaining.readers.deu import read_deu
from accord.bargaining.readers.ktab import read_ktab
from accord.bargaining.readers.yaml_case import read_yaml_case
from accord.errors import InputError, UnknownNameError

#: Old public names kept for one release, each with the name that replaces it.
_DEPRECATED = {"Reader": "CaseReader", "detect_format": "detect_case_format"}

#: A case reader: a path in, a `Case` out (raising `InputError`).
CaseReader = Callable[[Path], Case]

#: The row tags of decide's input format (its docs also spell the comment tag `#0`).
_DECIDE_TAGS = ("#O", "#/", "#0", "#A", "#P", "#M", "#D")

_READERS: dict[str, CaseReader] = {
    "bdm": read_bdm,
    "ktab": read_ktab,
    "decide": read_decide,
    "deu": read_deu,
    "yaml": read_yaml_case,
}

__all__ = [
    "CaseReader",
    "case_format_names",
    "check_case_format",
    "detect_case_format",
    "read_bdm",
    "read_case",
    "read_decide",
    "read_deu",
    "read_ktab",
    "read_yaml_case",
]


def case_format_names() -> list[str]:
    """Names of the case formats `read_case(fmt=...)` and `--format` accept."""
    return list(_READERS)


def check_case_format(name: str) -> None:
    """Raise UnknownNameError unless `name` is a case format."""
    if name not in _READERS:
        raise UnknownNameError("case format", name, _READERS)


def detect_case_format(path: Path) -> str:
    """Guess the format from the extension and the first lines: a decide file starts with
    one of its row tags (`#O`, `#/`, `#A`, `#P`, `#M` or `#D`), a DEU III table is separated
    by semicolons, a BDM table's header names Actor, Capability, Position and Salience (any
    order and case), a KTAB file names Power and Pstn<k> columns (or, as KTAB's own examples,
    Influence and '<Name> Position') in its first two lines."""
    if path.suffix.lower() in {".yaml", ".yml"}:
        return "yaml"
    lines = [ln.lstrip("\ufeff") for ln in read_text(path).splitlines() if ln.strip()][:2]
    first = lines[0] if lines else ""
    head = first.strip().strip("'\"")
    if head.upper().startswith(_DECIDE_TAGS):
        return "decide"
    bdm = {"actor", "capability", "position", "salience"}
    # KTAB first: its scenario line is free text and may hold a semicolon
    for line in lines:
        cells = [" ".join(c.split()).casefold() for c in line.split(",")]
        named = any(c.endswith(" position") for c in cells) and "influence" in cells
        if "power" in cells or {"pstn1", "pos1", "position1"} & set(cells) or named:
            return "ktab"
    if ";" in first:
        if bdm <= {c.strip().casefold() for c in first.split(";")}:
            raise InputError.at(
                "a BDM table separated by semicolons (a spreadsheet saved with decimal commas): "
                "save it as comma-separated values with decimal points",
                file=str(path),
                line=1,
            )
        return "deu"
    header = {c.strip().strip('"').casefold() for c in first.split(",")}
    if bdm <= header:
        return "bdm"
    if len(bdm & header) >= 2:  # a BDM table short of a column: say which
        missing = ", ".join(c.title() for c in sorted(bdm - header))
        message = (
            "a BDM table's header needs Actor, Capability, Position and Salience; "
            f"missing: {missing}"
        )
        raise InputError.at(message, file=str(path), line=1, field=missing.split(",")[0])
    raise InputError.at(
        "cannot tell the case format: a BDM table's header names Actor, Capability, Position "
        "and Salience; KTAB's second line Actor, Power, Pstn1, Sal1...; DEU III is separated "
        "by semicolons; decide rows start with #A, #P...; or YAML (.yaml): name it with "
        "--format",
        file=str(path),
        line=1,
    )


def read_case(path: str | Path, fmt: str | None = None) -> Case:
    """Read a case file in any supported format (detected unless `fmt` names one)."""
    path = Path(path)
    name = fmt or detect_case_format(path)
    check_case_format(name)
    try:
        return _READERS[name](path)
    except InputError as exc:  # a check of the case itself (an issue's bounds) names no file
        raise InputError(
            p if p.file is not None else replace(p, file=str(path)) for p in exc.problems
        ) from None


def __getattr__(name: str) -> object:
    """Resolve a deprecated name to its replacement, with a `DeprecationWarning`."""
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        warnings.warn(
            f"accord.bargaining.readers.{name} is deprecated; use {new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
