"""An in-memory reader for tests: events given as Python records instead of a file.

`FakeReader` follows the same `Reader` protocol as the file readers, so code that takes a
reader (and tests of it) can run on a handful of hand-written events without writing a file:

    reader = FakeReader([
        {"event_id": "e1", "event_date": "2024-03-01", "source_country": "USA",
         "target_country": "CHN", "cameo_code": "042"},
    ])
    batches = list(reader.read(Source(Path("memory")), ReadContext(default_world())))

A record's keys are the staged columns of `accord.events.readers.normalise` (`event_id`,
`event_date`, `cameo_code`, `goldstein`, ...), with `source_country`, `target_country` and
`location_country` accepted for the raw country fields. Values may be text (as a file would
hold them) or typed Python values; a value that does not parse rejects its row, naming the key
as the field, and every row gets the source's name as `file` and its 1-based position as
`line` (unless the record gives `line`). A PLOVER type without a quad class gets PLOVER's own
(as the PLOVER reader does). Everything else (ISO3 mapping, Goldstein, quad class, PLOVER,
rejection of unknown codes) is the shared normalisation every reader uses.

The reader is not in `READERS`: it needs its records, and no file is ever detected as it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyarrow as pa

from accord.errors import InputError
from accord.events.ontology import PLOVER_QUAD
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.fields import BOUNDS, range_words
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Source
from accord.events.readers.staging import STAGED_SCHEMA, staged_table

#: Keys a record may use for the raw country fields, and the staged column each fills.
ALIASES: dict[str, str] = {
    "source_country": "source_country_raw",
    "target_country": "target_country_raw",
    "location_country": "location_raw",
}

#: Staged columns a record may not set: the reader fills them.
_RESERVED = frozenset({"file", "reject_reason", "reject_field"})

#: Every key a record may hold.
KEYS: frozenset[str] = frozenset(
    {*(n for n in STAGED_SCHEMA.names if n not in _RESERVED), *ALIASES}
)


def _convert(value: Any, kind: pa.DataType) -> Any:
    """`value` as the Python value of an Arrow type; ValueError or TypeError when it cannot be."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if pa.types.is_string(kind):
        return str(value).strip()
    if pa.types.is_date(kind):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value).strip())
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if pa.types.is_integer(kind):
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
        if not number.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(number)
    number = float(str(value).strip()) if isinstance(value, str) else float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _bounds(kind: pa.DataType) -> tuple[int, int] | None:
    if pa.types.is_int8(kind):
        return (-(1 << 7), (1 << 7) - 1)
    if pa.types.is_int32(kind):
        return (-(1 << 31), (1 << 31) - 1)
    if pa.types.is_int64(kind):
        return (-(1 << 63), (1 << 63) - 1)
    return None


def _outside(column: str, value: Any) -> str | None:
    """The words for the range of `column` (`fields.BOUNDS`) when `value` lies outside it."""
    if value is None or column not in BOUNDS:
        return None
    low, high = BOUNDS[column]
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    return range_words(low, high)


def _stage(record: Mapping[str, Any], number: int, file: str, dataset: str) -> dict[str, Any]:
    """The staged row of one record: typed values, or a rejection naming the bad key."""
    out: dict[str, Any] = {"dataset": dataset, "file": file, "line": number}
    for key, value in record.items():
        column = ALIASES.get(key, key)
        kind = STAGED_SCHEMA.field(column).type
        try:
            converted = _convert(value, kind)
            bounds = _bounds(kind)
            if converted is not None and bounds and not bounds[0] <= converted <= bounds[1]:
                raise ValueError(f"{value!r} is out of range")
        except (TypeError, ValueError):
            if "reject_reason" not in out:
                what = "date (YYYY-MM-DD)" if pa.types.is_date(kind) else str(kind)
                out["reject_reason"] = f"{key} is not a valid {what}: {value!r}"
                out["reject_field"] = key
            continue
        outside = _outside(column, converted)
        if outside is not None:
            if "reject_reason" not in out:
                out["reject_reason"] = f"{key} must be {outside}: {value!r}"
                out["reject_field"] = key
            continue
        if column == "line" and converted is None:
            continue
        if column == "dataset" and converted is None:
            continue
        out[column] = converted
    plover_type = out.get("plover_type")
    if out.get("quad_class") is None and plover_type in PLOVER_QUAD:
        out["quad_class"] = PLOVER_QUAD[plover_type]
    return out


class FakeReader:
    """A `Reader` over records held in memory (like an in-memory HTTP transport): every
    source it is asked to read yields the same records, named after that source."""

    format = "fake"

    def __init__(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        dataset: str = "curated",
        batch_rows: int = 50_000,
    ) -> None:
        """Keep `records` (checked: an unknown key raises `InputError` at its position);
        rows default to `dataset` and are yielded `batch_rows` at a time."""
        self.records: tuple[Mapping[str, Any], ...] = tuple(records)
        for number, record in enumerate(self.records, start=1):
            unknown = sorted(set(record) - KEYS)
            if unknown:
                raise InputError.at(
                    f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(KEYS))}",
                    file="<records>",
                    line=number,
                    field=unknown[0],
                )
        if batch_rows < 1:
            raise ValueError("batch_rows must be at least 1")
        self.dataset = dataset
        self.batch_rows = batch_rows

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        """The records as canonical batches, with `file` the source's name."""
        for start in range(0, len(self.records), self.batch_rows):
            chunk = self.records[start : start + self.batch_rows]
            staged = [
                _stage(record, start + offset, source.name, self.dataset)
                for offset, record in enumerate(chunk, start=1)
            ]
            yield Batch(normalise(context, staged_table(staged)), position=0)
