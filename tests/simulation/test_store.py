"""Runs are stored as canonical events that `accord relations` can read."""

from __future__ import annotations

import csv
from pathlib import Path

from accord.events.schema import EVENT_COLUMN_NAMES
from accord.simulation import parse_scenario, simulate, write_run
from accord.store import Store

SCENARIO = """\
name: stored
steps: 6
seed: 3
world: {start: 2024-03-04}
shocks:
  - {step: 1, kind: invasion, attacker: RUS, target: EST}
"""


def test_events_are_canonical_rows(db_path: Path, shared_data: Path) -> None:
    sc = parse_scenario(SCENARIO)
    with Store(db_path) as store:
        ensemble = simulate(sc, runs=2, store=store, events="all")
        con = store.con
        cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
        assert tuple(cols) == EVENT_COLUMN_NAMES
        total = sum(len(r.events) for r in ensemble.results)
        row = con.execute(
            "SELECT count(*), count(DISTINCT run_id), bool_and(simulated), "
            "min(event_date), max(event_date), count(DISTINCT dataset) FROM events"
        ).fetchone()
        assert row is not None
        assert row[0] == total
        assert row[1] == 2 and row[2] is True and row[5] == 1
        assert str(row[3]) == "2024-03-04" and str(row[4]) == "2024-04-08"
        # Goldstein and quad class agree with GDELT's published table and root convention
        gold = {}
        with (shared_data / "cameo" / "CAMEO.goldsteinscale.txt").open(newline="") as f:
            for rec in csv.DictReader(f, delimiter="\t"):
                gold[rec["CAMEOEVENTCODE"]] = float(rec["GOLDSTEINSCALE"])
        for code, g, quad in con.execute(
            "SELECT DISTINCT cameo_code, goldstein, quad_class FROM events"
        ).fetchall():
            assert g == gold[code]
            root = int(code[:2])
            assert quad == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4)
        # the invasion is there as CAMEO 190 from RUS to EST on the date of step 1
        assaults = con.execute(
            "SELECT count(*) FROM events WHERE cameo_code = '190' AND source_country = 'RUS' "
            "AND target_country = 'EST' AND step = 1 AND event_date = DATE '2024-03-11'"
        ).fetchone()
        assert assaults is not None and assaults[0] >= 3
        metrics = con.execute("SELECT count(*) FROM simulation_metrics").fetchone()
        assert metrics == (12,)
        ties = con.execute(
            "SELECT kind, a, b, change FROM simulation_ties WHERE kind = 'war'"
        ).fetchall()
        assert ("war", "RUS", "EST", "start") in ties


def test_rerunning_replaces_the_run(db_path: Path) -> None:
    sc = parse_scenario(SCENARIO)
    with Store(db_path) as store:
        simulate(sc, runs=1, store=store)
        first = store.con.execute("SELECT count(*) FROM events").fetchone()
        simulate(sc, runs=1, store=store)
        again = store.con.execute("SELECT count(*) FROM events").fetchone()
        assert first == again
        runs = store.con.execute("SELECT count(*) FROM simulation_runs").fetchone()
        assert runs == (1,)


def test_run_events_take_the_one_write_path(db_path: Path) -> None:
    sc = parse_scenario(SCENARIO)
    with Store(db_path) as store:
        ensemble = simulate(sc, runs=1, store=store, events="all")
        result = ensemble.results[0]
        before = store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        assert write_run(store, result, sc) == len(result.events)  # written again: replaced
        after = store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        log = store.con.execute(
            "SELECT file, format, dataset, status, rows_read, stored, duplicate, rejected "
            "FROM ingest_log ORDER BY started"
        ).fetchall()
    n = len(result.events)
    assert n > 0 and len(before) == n and after == before
    logged = (result.run_id, "simulation", "simulation", "ok", n, n, 0, 0)
    assert log == [logged, logged]
