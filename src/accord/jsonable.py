"""One serialisable form per result: a result dataclass turned into JSON-ready values.

The CLI's `--json`, the Python API's `as_dict()` and the HTTP API (FastAPI serialises the same
dataclasses) all show a result by its dataclass fields, so a field added to a result appears in
every face at once. Dates become ISO strings, enums their values, tuples and sets lists, and
non-finite floats `None` (JSON has no NaN).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

__all__ = ["AsDict", "jsonable"]


def jsonable(value: Any) -> Any:
    """`value` with every dataclass, date, enum, path and collection made plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    return value


class AsDict:
    """Mixin for result dataclasses: `as_dict()` is the one JSON form of the result."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """The result's fields as JSON-ready values (see `jsonable`)."""
        out: dict[str, Any] = jsonable(self)
        return out
