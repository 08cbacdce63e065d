"""The one write path into `events`: bulk and batch ingest of the same file agree row for row.

Files are generated GDELT 1.0 rows, mutated by Hypothesis: fields made bad (dates, codes, quad
classes, ids, numbers), country names instead of codes, rows repeated. The batch path is forced
by hiding the reader's native scan; everything stored, rejected and logged must be identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.events import ingest
from accord.events.readers import Gdelt1Reader
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.sources import Source
from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.events.write import Provenance, write_events, writing
from accord.store import Store

ROWS = 40
#: (column, value) mutations a row may get: each is rejected, trimmed or mapped by ingest.
MUTATIONS = [
    (1, "2015-13-45"),
    (1, ""),
    (0, ""),
    (26, "X42"),
    (26, "9999"),
    (29, "7"),
    (30, "strong"),
    (31, "  "),
    (34, " -1.5 "),
    (5, " USA "),
    (7, "United States"),
    (7, "Atlantis"),
    (7, "NA"),  # R's missing value
    (53, "NA"),
    (5, '"USA"'),  # R's write.table quotes text
    (50, '"Paris, France"'),
    (57, '""'),
    (12, 'say "hi"'),  # a quote inside a field is kept
]
_COMPARED = ", ".join(EVENT_COLUMN_NAMES)
_LOGGED = "rows_read, stored, duplicate, rejected, status, unmapped, dataset, format"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = generate_gdelt1(tmp_path_factory.mktemp("gen") / "g.tsv", ROWS, seed=5)
    return path.read_text(encoding="utf-8").splitlines()


def _snapshot(db: Path, path: Path) -> tuple[object, ...]:
    with Store(db) as store:
        report = ingest(store, path)
        con = store.con
        rows = con.execute(f"SELECT {_COMPARED} FROM events ORDER BY line").fetchall()
        rejected = con.execute(
            "SELECT file, line, reason, field FROM ingest_rejections ORDER BY line"
        ).fetchall()
        log = con.execute(f"SELECT {_LOGGED} FROM ingest_log").fetchall()
    counts = (report.rows_read, report.stored, report.duplicate, report.rejected)
    return rows, rejected, log, counts, dict(report.unmapped)


def _refuse(self: Gdelt1Reader, source: Source, context: ReadContext) -> Iterator[Batch]:
    raise AssertionError(f"{source.name} was read by batches")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(st.tuples(st.integers(0, ROWS - 1), st.sampled_from(MUTATIONS)), max_size=8),
    repeats=st.lists(st.integers(0, ROWS - 1), max_size=4),
)
def test_bulk_and_batch_ingest_store_the_same(
    generated: list[str],
    tmp_path_factory: pytest.TempPathFactory,
    changes: list[tuple[int, tuple[int, str]]],
    repeats: list[int],
) -> None:
    lines = list(generated)
    for number, (column, value) in changes:
        cells = lines[number].split("\t")
        cells[column] = value
        lines[number] = "\t".join(cells)
    lines += [lines[n] for n in repeats]
    work = tmp_path_factory.mktemp("case")
    path = work / "events.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Gdelt1Reader, "read", _refuse)  # bulk ran, no fallback to batches
        bulk = _snapshot(work / "bulk.duckdb", path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Gdelt1Reader, "native", lambda self, source, parts=(), quoted=True: None)
        batch = _snapshot(work / "batch.duckdb", path)
    assert bulk == batch
    assert bulk[3][0] == len(lines)  # every line read, once


def _staged(rows: list[tuple[str, int, str | None]]) -> str:
    """Staged rows (`BATCH_COLUMNS`) of file x.csv: (event id, line, reject reason)."""
    given = {"dataset": "'csv'", "event_date": "DATE '2020-01-02'", "file": "'x.csv'"}
    given |= {"event_id": "v.id", "line": "v.line", "simulated": "false"}
    columns = ", ".join(f"{given.get(c, 'NULL')} AS {c}" for c in EVENT_COLUMN_NAMES)
    values = ", ".join(f"('{i}', {n}, {'NULL' if r is None else repr(r)})" for i, n, r in rows)
    return (
        f"(SELECT {columns}, v.reason AS reject_reason, "
        "CASE WHEN v.reason IS NULL THEN NULL ELSE 'code' END AS reject_field "
        f"FROM (VALUES {values}) AS v(id, line, reason))"
    )


def test_one_rule_for_repeats_and_stored_keys(tmp_path: Path) -> None:
    rows = _staged([("a", 2, None), ("a", 1, None), ("b", 3, None), ("c", 4, "bad code")])
    with Store(tmp_path / "s.duckdb") as store:
        store.ensure(EVENTS_SCHEMA)
        first = write_events(store, rows, Provenance("x.csv", "csv"))
        again = write_events(store, rows, Provenance("x.csv", "csv"))
        kept = store.con.execute("SELECT event_id, line FROM events ORDER BY 1").fetchall()
        log = store.con.execute(
            "SELECT rows_read, stored, duplicate, rejected, status, dataset FROM ingest_log "
            "ORDER BY stored DESC"
        ).fetchall()
        rejected = store.con.execute(
            "SELECT file, line, reason, field FROM ingest_rejections"
        ).fetchall()
    assert kept == [("a", 1), ("b", 3)]  # the first of a repeated key by line wins
    assert (first.stored, first.duplicate, first.rejected) == (2, 1, 1)
    assert (again.stored, again.duplicate, again.rejected) == (0, 3, 1)
    assert log == [(4, 2, 1, 1, "ok", "csv"), (4, 0, 3, 1, "ok", "csv")]
    assert rejected == [("x.csv", 4, "bad code", "code")] * 2


def test_a_failed_write_stores_nothing_and_logs_the_error(tmp_path: Path) -> None:
    rows = _staged([("a", 1, None)]).replace("DATE '2020-01-02'", "NULL")  # NOT NULL broken
    with Store(tmp_path / "s.duckdb") as store:
        store.ensure(EVENTS_SCHEMA)
        with pytest.raises(duckdb.ConstraintException):
            write_events(store, rows, Provenance("x.csv", "csv"))
        count = store.con.execute("SELECT count(*) FROM events").fetchone()
        status = store.con.execute("SELECT status FROM ingest_log").fetchall()
    assert count == (0,) and status == [("failed",)]


def test_columns_after_the_sort(tmp_path: Path) -> None:
    """`insert` with `order` and `after`: rows stored in order, the `after` columns holding the
    given values (literals, or computed from the sorted row `s`, not taken from the rows),
    the other columns from the rows."""
    rows = _staged([("c", 3, None), ("a", 1, None), ("b", 2, None), ("d", 4, "bad code")])
    with Store(tmp_path / "s.duckdb") as store:
        store.ensure(EVENTS_SCHEMA)
        with writing(store, Provenance("x.csv", "csv")) as writer:
            after = {
                "file": "'y.csv'",
                "step": "CAST(7 AS INTEGER)",
                "cameo_root": "upper(s.event_id)",
            }
            stored = writer.insert(rows, order=["event_id"], after=after)
        kept = store.con.execute(
            "SELECT event_id, line, file, step, simulated, cameo_root FROM events ORDER BY rowid"
        ).fetchall()
    assert stored == 3
    assert kept == [
        ("a", 1, "y.csv", 7, False, "A"),
        ("b", 2, "y.csv", 7, False, "B"),
        ("c", 3, "y.csv", 7, False, "C"),
    ]
