"""The contract every event reader passes (GDELT 1.0 / 2.0, ICEWS, PLOVER, mapped CSV and the
in-memory `FakeReader`): canonical columns, file and line on every row, rejections that name
file, line and field, nothing from an empty file, and the same rows after ingest.

A new format must be added to `tests.events.formats.FORMATS` (with a writer there), or
`test_every_format_is_covered` fails.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from accord.errors import InputError
from accord.events import FORMATS as FILE_FORMATS
from accord.events import ingest, query
from accord.events.readers import FakeReader, ReadContext, Reader, Source, reader_for
from accord.events.readers.normalise import BATCH_COLUMNS
from accord.store import Store
from accord.world import default_world
from tests.events.formats import (
    FORMATS,
    MALFORMED,
    SAMPLE,
    Event,
    first_line,
    line_of,
    mapping_file,
    record_of,
    write,
)

#: The module, not the function `accord.events.ingest` re-exports under the same name.
ingest_module = importlib.import_module("accord.events.ingest")

#: The columns a round trip compares (the values every format carries).
COMPARED = (
    "event_id",
    "event_date",
    "source_country",
    "target_country",
    "cameo_code",
    "quad_class",
    "goldstein",
)


class Fixture:
    """One format's fixture: a reader, the source it reads, and what ingest needs."""

    def __init__(self, fmt: str, directory: Path, events: list[Event], bad: bool = False):
        self.fmt = fmt
        self.events = events
        self.mapping: Path | None = mapping_file(directory) if fmt == "csv" else None
        if fmt == "fake":
            records = [record_of(e) for e in events]
            if bad:
                records.append({**record_of(events[0]), "event_id": "bad", "goldstein": "strong"})
            self.reader: Reader = FakeReader(records)
            self.path = directory / "in-memory"
            # ingest needs a file to name (not blank: a blank file is no event file in any
            # format); the fake ignores what it holds
            self.path.write_bytes(b"in memory\n")
        else:
            lines = [line_of(fmt, e) for e in events]
            if bad:
                lines.append(MALFORMED[fmt][0])
            self.reader = reader_for(fmt, mapping=self.mapping)
            self.path = write(fmt, directory, lines)
        self.source = Source(self.path)

    @property
    def bad_field(self) -> str:
        return "goldstein" if self.fmt == "fake" else MALFORMED[self.fmt][1]


@pytest.fixture(scope="module")
def context() -> Iterator[ReadContext]:
    ctx = ReadContext(default_world())
    yield ctx
    ctx.close()


def read_table(fixture: Fixture, context: ReadContext) -> pa.Table:
    """Every batch the reader yields for the fixture, as one table in line order."""
    tables = [b.table for b in fixture.reader.read(fixture.source, context)]
    if not tables:
        return pa.table({name: pa.array([], pa.null()) for name in BATCH_COLUMNS})
    return pa.concat_tables(tables).sort_by("line")


def values(row: dict[str, Any]) -> dict[str, Any]:
    out = {name: row[name] for name in COMPARED}
    if isinstance(out["event_date"], dt.datetime):
        out["event_date"] = out["event_date"].date()
    out["goldstein"] = round(float(out["goldstein"]), 6)
    return out


def expected(fmt: str, events: list[Event]) -> list[dict[str, Any]]:
    return [values(e.expected(fmt)) for e in events]


def test_every_format_is_covered() -> None:
    assert set(FORMATS) == {*FILE_FORMATS, "fake"}


@pytest.mark.parametrize("fmt", FORMATS)
class TestReaderContract:
    def test_follows_the_protocol(self, fmt: str, tmp_path: Path) -> None:
        fixture = Fixture(fmt, tmp_path, list(SAMPLE))
        assert isinstance(fixture.reader, Reader)
        assert fixture.reader.format == fmt

    def test_reads_the_canonical_columns(
        self, fmt: str, tmp_path: Path, context: ReadContext
    ) -> None:
        fixture = Fixture(fmt, tmp_path, list(SAMPLE))
        table = read_table(fixture, context)
        assert tuple(table.column_names) == BATCH_COLUMNS
        rows = table.to_pylist()
        assert [r["reject_reason"] for r in rows] == [None] * len(SAMPLE)
        assert [values(r) for r in rows] == expected(fmt, list(SAMPLE))
        assert {r["simulated"] for r in rows} == {False}

    def test_every_row_has_file_and_line(
        self, fmt: str, tmp_path: Path, context: ReadContext
    ) -> None:
        fixture = Fixture(fmt, tmp_path, list(SAMPLE), bad=True)
        rows = read_table(fixture, context).to_pylist()
        assert {r["file"] for r in rows} == {str(fixture.path)}
        start = first_line(fmt) if fmt != "fake" else 1
        assert [r["line"] for r in rows] == list(range(start, start + len(SAMPLE) + 1))

    def test_rejects_a_malformed_row_with_file_line_and_field(
        self, fmt: str, tmp_path: Path, context: ReadContext
    ) -> None:
        fixture = Fixture(fmt, tmp_path, list(SAMPLE), bad=True)
        rows = read_table(fixture, context).to_pylist()
        rejected = [r for r in rows if r["reject_reason"] is not None]
        assert len(rejected) == 1
        bad = rejected[0]
        start = first_line(fmt) if fmt != "fake" else 1
        assert (bad["file"], bad["line"]) == (str(fixture.path), start + len(SAMPLE))
        assert bad["reject_field"] == fixture.bad_field
        assert bad["event_id"] == "bad"

    def test_strict_ingest_names_file_line_and_field(
        self, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fixture = Fixture(fmt, tmp_path, list(SAMPLE), bad=True)
        if fmt == "fake":
            monkeypatch.setattr(ingest_module, "reader_for", lambda *a, **k: fixture.reader)
        with Store(tmp_path / "store.duckdb") as store, pytest.raises(InputError) as caught:
            ingest(store, fixture.path, format=fmt, strict=True, mapping=fixture.mapping)
        problem = caught.value.first
        start = first_line(fmt) if fmt != "fake" else 1
        assert (problem.file, problem.line, problem.field) == (
            str(fixture.path),
            start + len(SAMPLE),
            fixture.bad_field,
        )

    def test_an_empty_file_gives_nothing(
        self, fmt: str, tmp_path: Path, context: ReadContext
    ) -> None:
        fixture = Fixture(fmt, tmp_path, [])
        if fmt != "fake":
            fixture.path.write_bytes(b"")
        assert read_table(fixture, context).num_rows == 0

    def test_round_trips_through_ingest(
        self, fmt: str, tmp_path: Path, context: ReadContext, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fixture = Fixture(fmt, tmp_path, list(SAMPLE), bad=True)
        read = [r for r in read_table(fixture, context).to_pylist() if r["reject_reason"] is None]
        if fmt == "fake":
            monkeypatch.setattr(ingest_module, "reader_for", lambda *a, **k: fixture.reader)
        with Store(tmp_path / "store.duckdb") as store:
            report = ingest(store, fixture.path, format=fmt, mapping=fixture.mapping)
            again = ingest(store, fixture.path, format=fmt, mapping=fixture.mapping)
            stored = query(store).sort_values("line").to_dict("records")
        assert (report.rows_read, report.stored, report.rejected) == (5, 4, 1)
        assert (again.stored, again.duplicate) == (0, 4)
        assert [values(r) for r in stored] == [values(r) for r in read]
        assert [(r["file"], r["line"]) for r in stored] == [(r["file"], r["line"]) for r in read]


def test_fake_reader_rejects_an_unknown_key() -> None:
    with pytest.raises(InputError) as caught:
        FakeReader([{"event_id": "a"}, {"event_id": "b", "colour": "red"}])
    assert (caught.value.first.line, caught.value.first.field) == (2, "colour")


def test_fake_reader_batches_and_types(context: ReadContext) -> None:
    reader = FakeReader(
        [
            {"event_id": "a", "event_date": dt.date(2021, 5, 1), "cameo_code": "190",
             "source_country": "Russia", "target_country": "UKR", "goldstein": -10},
            {"event_id": "b", "event_date": "2021-05-02", "plover_type": "AID", "line": 40},
            {"event_id": "c", "event_date": "2021-05-03", "cameo_code": "999"},
        ],
        dataset="csv",
        batch_rows=2,
    )  # fmt: skip
    batches = list(reader.read(Source(Path("memory")), context))
    assert [b.rows for b in batches] == [2, 1]
    rows = [r for b in batches for r in b.table.to_pylist()]
    assert [r["dataset"] for r in rows] == ["csv"] * 3
    assert (rows[0]["source_country"], rows[0]["quad_class"], rows[0]["goldstein"]) == (
        "RUS",
        4,
        -10.0,
    )
    assert (rows[1]["line"], rows[1]["plover_type"], rows[1]["quad_class"]) == (40, "AID", 2)
    assert (rows[2]["reject_reason"], rows[2]["reject_field"]) == (
        "unknown CAMEO event code 999",
        "cameo_code",
    )
