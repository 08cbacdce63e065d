"""Compaction: the same rows, now in date order; relations unchanged; atomic when killed."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks.events.generate import generate_gdelt1
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from accord.cli.main import app
from accord.events import EVENT_COLUMN_NAMES, EVENTS_SCHEMA, compact, ingest
from accord.events.compact import SORT_KEY, out_of_order
from accord.relations.alerts import pair_series_table
from accord.relations.engine import duckdb_events
from accord.store import Store

runner = CliRunner()
_ALL = ", ".join(EVENT_COLUMN_NAMES)


def _rows(store: Store) -> list[tuple[Any, ...]]:
    """Every stored row, in storage (rowid) order."""
    return store.con.execute(f"SELECT {_ALL} FROM events ORDER BY rowid").fetchall()


def _scattered(tmp_path: Path, rows: int, seed: int) -> Path:
    """Generated GDELT rows (dates in no order) in a zip archive (read by batches)."""
    data = generate_gdelt1(tmp_path / "scattered.tsv", rows, seed=seed)
    packed = tmp_path / "scattered.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.write(data, "scattered.tsv")
    return packed


def _scramble(store: Store) -> None:
    """Rewrite the stored events in an order of no meaning (by a hash of their id): every
    ingest stores a file's rows in date order, but a store filled file by file, or by
    simulations, is out of order across them."""
    con = store.con
    con.execute("CREATE TEMP TABLE _shuffled AS SELECT * FROM events")
    con.execute("DELETE FROM events")
    con.execute("INSERT INTO events SELECT * FROM _shuffled ORDER BY hash(event_id)")
    con.execute("DROP TABLE _shuffled")


def _descents(dates: list[dt.date]) -> int:
    return sum(1 for before, after in pairwise(dates) if after < before)


def test_compaction_keeps_every_row_and_stores_them_in_date_order(
    tmp_path: Path, db_path: Path
) -> None:
    data = _scattered(tmp_path, 3_000, seed=5)  # dates in no order
    with Store(db_path) as store:
        ingest(store, data)
        _scramble(store)
        before = _rows(store)
        log_before = store.con.execute("SELECT * FROM ingest_log").fetchall()
        date_at = EVENT_COLUMN_NAMES.index("event_date")
        expected_descents = _descents([row[date_at] for row in before])
        assert expected_descents > 1_000  # the generator scatters dates
        assert out_of_order(store.con) == expected_descents

        seen: list[float] = []
        report = compact(store, progress=seen.append)
        after = _rows(store)
        assert (report.rows, report.events, report.out_of_order) == (
            3_000,
            3_000,
            expected_descents,
        )
        assert sorted(after, key=repr) == sorted(before, key=repr)
        keys = [tuple(r[EVENT_COLUMN_NAMES.index(c)] for c in SORT_KEY) for r in after]
        assert keys == sorted(keys, key=lambda k: [(v is None, v or "") for v in k])
        assert out_of_order(store.con) == 0
        assert store.con.execute("SELECT * FROM ingest_log").fetchall() == log_before
        assert seen and seen[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in seen)

        # already in order: nothing rewritten; --force rewrites the same rows again
        again = compact(store)
        assert (again.rewritten, again.events, again.out_of_order) == (False, 3_000, 0)
        forced = compact(store, force=True)
        assert (forced.rows, forced.out_of_order) == (3_000, 0)
        assert _rows(store) == after

        # ingest stays idempotent over a compacted table
        assert ingest(store, data).stored == 0
        assert len(_rows(store)) == 3_000


def _rounded(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: round(v, 9) if isinstance(v, float) else v for k, v in r.items()} for r in rows]


def test_relations_are_the_same_after_compaction(shared_data: Path, db_path: Path) -> None:
    icews = shared_data / "icews" / "events.2018.sample.tab"
    gdelt = shared_data / "gdelt" / "gdelt1-events.sample.tsv"
    with Store(db_path) as store:
        ingest(store, [gdelt, icews])  # two datasets, two date ranges, interleaved
        for by in ("day", "month"):
            series = pair_series_table(duckdb_events(store.con), by)
            assert series.num_rows > 100
            before = _rounded(series.to_pylist())
            if by == "day":
                compact(store)
            after = _rounded(pair_series_table(duckdb_events(store.con), by).to_pylist())
            assert after == before  # sums in another order: equal to the last bits only


_KILLABLE = textwrap.dedent(
    """
    import sys
    import time
    from contextlib import contextmanager
    from accord.events import compact
    from accord.store import Store

    plain = Store.transaction

    @contextmanager
    def held_open(self):
        with plain(self) as con:
            yield con
            # the old table is dropped and the new one renamed: the kill lands before COMMIT
            print("rewritten", flush=True)
            time.sleep(60)

    Store.transaction = held_open
    with Store(sys.argv[1]) as store:
        compact(store)
    print("finished", flush=True)
    """
)


def test_killed_compaction_leaves_the_table_as_it_was(tmp_path: Path, db_path: Path) -> None:
    data = _scattered(tmp_path, 2_000, seed=9)
    with Store(db_path) as store:
        ingest(store, data)
        _scramble(store)
        before = _rows(store)
    script = tmp_path / "compact_script.py"
    script.write_text(_KILLABLE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "rewritten"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()  # else an unclosed-pipe ResourceWarning
    assert proc.returncode == -signal.SIGKILL
    with Store(db_path) as store:
        assert _rows(store) == before  # same rows, same (scattered) order
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        assert "events_compacting" not in tables
        assert compact(store).rows == 2_000


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.sampled_from(["gdelt1", "icews", "curated"])),
        min_size=1,
        max_size=60,
    )
)
def test_any_table_comes_out_sorted_with_the_same_rows(
    events: list[tuple[int, str]],
) -> None:
    with Store(":memory:") as store:
        store.ensure(EVENTS_SCHEMA)
        for i, (day, dataset) in enumerate(events):
            store.con.execute(
                "INSERT INTO events (dataset, event_id, event_date, goldstein) VALUES (?, ?, ?, ?)",
                [dataset, f"e{i}", dt.date(2020, 1, 1) + dt.timedelta(days=day), float(i)],
            )
        before = _rows(store)
        report = compact(store)
        after = _rows(store)
    dates = [dt.date(2020, 1, 1) + dt.timedelta(days=day) for day, _ in events]
    assert report.out_of_order == _descents(dates)
    assert report.rows == (len(events) if _descents(dates) else 0)
    assert sorted(after, key=repr) == sorted(before, key=repr)
    assert [r[2] for r in after] == sorted(dates)


def test_cli_compact_and_ingest_then_compact(tmp_path: Path, db_path: Path) -> None:
    # three files over the same days: each is stored in date order, one after the other
    folder = tmp_path / "weeks"
    folder.mkdir()
    for seed in (3, 4, 5):
        generate_gdelt1(folder / f"part{seed}.export.CSV", 500, seed=seed)
    result = runner.invoke(
        app, ["events", "ingest", str(folder), "--compact", "--json", "--db", str(db_path)]
    )
    assert result.exit_code == 0, result.output
    done = json.loads(result.stdout)
    stored = done["stored"]  # the seeds share a few event ids: repeats are stored once
    assert 1_490 <= stored <= 1_500
    assert done["compact"]["events"] == done["compact"]["rewritten"] == stored
    assert done["compact"]["out_of_order_before"] == 2  # where the second and third begin

    result = runner.invoke(app, ["events", "compact", "--json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    again = json.loads(result.stdout)
    assert (again["events"], again["rewritten"], again["out_of_order_before"]) == (stored, 0, 0)

    result = runner.invoke(app, ["events", "compact", "--force", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert f"rewrote {stored:,} events in date order" in result.stdout


def _progress_settings(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name LIKE '%progress%' "
        "OR name IN ('memory_limit', 'preserve_insertion_order') ORDER BY name"
    ).fetchall()


def test_compaction_prints_nothing_and_gives_the_connection_back_as_it_was(
    tmp_path: Path, db_path: Path, capfd: Any
) -> None:
    data = _scattered(tmp_path, 300, seed=4)
    with Store(db_path) as store:
        ingest(store, data)
        _scramble(store)
        store.con.execute("SET enable_progress_bar = false")  # as a service's store has it
        before = _progress_settings(store)
        capfd.readouterr()
        compact(store, force=True, progress=lambda _: None)
        compact(store, force=True)
        assert _progress_settings(store) == before
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
