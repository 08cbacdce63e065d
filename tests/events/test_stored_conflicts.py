"""A row whose key (dataset, event id, date) an earlier ingest stored with other content is a
rejection naming the stored event, on every path, as within one file; an exact repeat stays a
duplicate. A file cut short inside its last field, ingested again whole, lands here."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.events import ingest
from accord.store import Store
from tests.events.formats import SAMPLE, first_line, line_of, mapping_file, write

CASES = [("gdelt1", "plain"), ("gdelt1", "zip"), ("gdelt2", "gzip"), ("icews", "plain")]
CASES += [("csv", "plain"), ("polecat", "plain")]


def _packed(path: Path, how: str) -> Path:
    """`path` as written (`plain`: the bulk path for GDELT) or in a zip (the batch path)."""
    if how == "plain":
        return path
    if how == "gzip":
        import gzip

        packed = path.with_name(path.name + ".gz")
        packed.write_bytes(gzip.compress(path.read_bytes()))
        return packed
    packed = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(packed, "w") as archive:
        archive.write(path, path.name)
    return packed


@pytest.mark.parametrize(("fmt", "how"), CASES)
def test_a_stored_key_with_other_content_is_rejected(
    fmt: str, how: str, tmp_path: Path, db_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _packed(write(fmt, tmp_path / "a", [line_of(fmt, e) for e in SAMPLE]), how)
    other = [dataclasses.replace(e, goldstein=-4.0) if e.event_id == "e3" else e for e in SAMPLE]
    second = _packed(write(fmt, tmp_path / "b", [line_of(fmt, e) for e in other]), how)
    options: dict[str, Any] = (
        {"mapping": mapping_file(tmp_path), "format": "csv"} if fmt == "csv" else {}
    )
    with Store(db_path) as store:
        ingest(store, [first], **options)
        again = ingest(store, [first], **options).files[0]
        changed = ingest(store, [second], **options).files[0]
        stored = store.con.execute("SELECT goldstein FROM events WHERE event_id = 'e3'").fetchall()
    assert (again.stored, again.duplicate, again.rejected) == (0, 4, 0)  # exact: duplicates
    assert (changed.stored, changed.duplicate, changed.rejected) == (0, 3, 1)
    line = first_line(fmt) + 2
    problem = changed.rejections[0]
    assert (problem.line, problem.field) == (line, "(row)")
    assert problem.message.startswith("event e3 of 2020-02-03 repeats the id and date of an event")
    assert (
        f"{first.name}" in problem.message and f"line {line} with other content" in problem.message
    )
    assert stored == [(-10.0,)]  # the stored event is kept


@pytest.mark.parametrize("how", ["plain", "zip"])
def test_a_file_cut_short_then_ingested_whole_says_so(
    how: str, tmp_path: Path, db_path: Path
) -> None:
    """A download cut inside its last field (the URL) was stored as if whole; the whole file
    ingested after counted that row a duplicate, and the cut value stayed unremarked."""
    whole = "".join(line_of("gdelt1", e) + "\n" for e in SAMPLE)
    path = tmp_path / "events.export.CSV"
    path.write_text(whole[:-4])  # "https://example.org/e" of e4's URL, no line end
    with Store(db_path) as store:
        cut = ingest(store, [_packed(path, how)]).files[0]
        path.write_text(whole)
        again = ingest(store, [_packed(path, how)]).files[0]
    assert (cut.stored, cut.rejected) == (4, 0)
    assert (again.stored, again.duplicate, again.rejected) == (0, 3, 1)
    assert (
        again.rejections[0].line == 4 and "line 4 with other content" in again.rejections[0].message
    )


def test_a_publishers_file_ending_without_a_line_end_is_noted(
    tmp_path: Path, db_path: Path
) -> None:
    """A plain GDELT or ICEWS file cut inside its last field reads as whole rows: the ingest
    says the file may be cut short (a CSV of one's own often ends so: no note)."""
    whole = "".join(line_of("gdelt1", e) + "\n" for e in SAMPLE)
    path = tmp_path / "events.export.CSV"
    path.write_text(whole[:-4])
    own = write("csv", tmp_path, [line_of("csv", e) for e in SAMPLE])
    own.write_text(own.read_text().rstrip("\n"))
    with Store(db_path) as store:
        cut = ingest(store, [path]).files[0]
        mine = ingest(store, [own], format="csv", mapping=mapping_file(tmp_path)).files[0]
        logged = store.con.execute(
            "SELECT message FROM ingest_log WHERE ingest_id = ?", [cut.ingest_id]
        ).fetchall()
    assert [(n.file, n.line) for n in cut.notes] == [(str(path), 4)]
    assert "ends without a line end" in cut.notes[0].message and "cut short" in cut.notes[0].message
    assert logged == [(str(cut.notes[0]),)] and mine.notes == [] and mine.stored == 4
    path.write_text(whole)
    with Store(db_path) as store:
        assert ingest(store, [path]).files[0].notes == []
    path.write_text(whole[:-4])
    shown = CliRunner().invoke(app, ["events", "ingest", str(path), "--db", str(db_path)])
    assert shown.exit_code == 0 and "note " in shown.output and "cut short" in shown.output
