"""Writing runs to the store: simulated events into the canonical `events` table (so
`accord relations` answers about simulated worlds), and runs, metrics and tie timelines into
the `simulation_*` tables. A run replaces any earlier copy of the same run id. The runs of
one ensemble are written in one transaction (`writing_runs`): all of them are stored or none
(a run alone, `write_run`, is its own). Events go through `accord.events.write`, the path every
producer takes, so a run's events are validated, deduplicated and logged like a file's.

Simulated events carry dataset `simulation`, `simulated = true`, the run id and step, the
acting states as ISO3 codes (actor = country, sector `GOV`), and the CAMEO code, root, quad
class, Goldstein weight and PLOVER labels of their action from `accord.events.ontology`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import duckdb
import numpy as np
import pyarrow as pa

from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.events.write import EventWriter, Provenance, add_log_row, discard_events
from accord.simulation.actions import ACTIONS, action_table
from accord.simulation.results import METRICS, RunResult
from accord.simulation.scenario import SimulationScenario
from accord.store import Schema, Store
from accord.store.schema import Migration

# Released migrations are frozen: literal SQL, never built from METRICS, so a store made by any
# release upgrades the same way. tests/store/test_migrations.py pins each one and checks that
# `simulation_metrics` has a column per metric; a change of a table goes into a new migration
# (docs/store.md).
_V1_RUNS_METRICS_TIES = """
CREATE TABLE simulation_runs (
    run_id VARCHAR PRIMARY KEY,
    scenario VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    run INTEGER NOT NULL,
    steps INTEGER NOT NULL,
    start_date DATE NOT NULL,
    step_days INTEGER NOT NULL,
    events BIGINT NOT NULL,
    created TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE simulation_metrics (
    run_id VARCHAR NOT NULL,
    step INTEGER NOT NULL,
    date DATE NOT NULL,
    cooperation DOUBLE,
    goldstein_mean DOUBLE,
    events DOUBLE,
    active_crises DOUBLE,
    wars DOUBLE,
    polarisation DOUBLE,
    sanctions DOUBLE,
    alliances DOUBLE,
    PRIMARY KEY (run_id, step)
);
CREATE TABLE simulation_ties (
    run_id VARCHAR NOT NULL,
    step INTEGER NOT NULL,
    date DATE NOT NULL,
    kind VARCHAR NOT NULL,
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    change VARCHAR NOT NULL,
    detail VARCHAR
);
"""

SIMULATION_SCHEMA = Schema(
    "simulation",
    (Migration(1, "simulation runs, metrics and tie timelines", _V1_RUNS_METRICS_TIES),),
)

_FILLED = {
    "dataset",
    "event_id",
    "event_date",
    "source_actor",
    "source_country",
    "source_sector",
    "target_actor",
    "target_country",
    "target_sector",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "plover_context",
    "simulated",
    "run_id",
    "step",
}


def _action_rows() -> pa.Table:
    t = action_table()
    return pa.table(
        {
            "action": pa.array(range(len(ACTIONS)), pa.int32()),
            "cameo_code": pa.array(t.cameo),
            "cameo_root": pa.array(t.root),
            "quad_class": pa.array(t.quad.astype(np.int8)),
            "goldstein": pa.array(t.goldstein),
            "plover_type": pa.array(t.plover_type, pa.string()),
            "plover_mode": pa.array(t.plover_mode, pa.string()),
            "plover_context": pa.array(t.plover_context, pa.string()),
        }
    )


def _select_list() -> str:
    """The SELECT expressions producing `events` columns in table order (the run's id, start
    and step length come from the one-row `sim_run`)."""
    computed = {
        "dataset": "'simulation'",
        "event_id": "r.run_id || '-' || lpad(CAST(e.k AS VARCHAR), 8, '0')",
        "event_date": "r.start_date + CAST(e.step * r.step_days AS INTEGER)",
        "source_actor": "s.code",
        "source_country": "s.code",
        "source_sector": "'GOV'",
        "target_actor": "t.code",
        "target_country": "t.code",
        "target_sector": "'GOV'",
        "simulated": "true",
        "run_id": "r.run_id",
        "step": "e.step",
    }
    out = []
    for name in EVENT_COLUMN_NAMES:
        if name in computed:
            out.append(f"{computed[name]} AS {name}")
        elif name in _FILLED:
            out.append(f"a.{name}")
        else:
            out.append(f"NULL AS {name}")
    return ",\n    ".join(out)


#: The staged rows of a run for `accord.events.write` (events columns, then a verdict that
#: never rejects: every simulated event is well formed).
_STAGED = f"""(
SELECT {_select_list()},
    CAST(NULL AS VARCHAR) AS reject_reason,
    CAST(NULL AS VARCHAR) AS reject_field
FROM sim_rows e
JOIN sim_codes s ON s.idx = e.src
JOIN sim_codes t ON t.idx = e.tgt
JOIN sim_actions a ON a.action = e.action
CROSS JOIN sim_run r
)"""


def provenance(run_id: str) -> Provenance:
    """The provenance of a run's events: their `run_id`, producer 'simulation'."""
    return Provenance(run_id, "simulation", column="run_id")


def _event_tables(result: RunResult, scenario: SimulationScenario) -> dict[str, pa.Table]:
    """The Arrow tables `_STAGED` reads: the run, country codes, events and actions."""
    ev = result.events
    return {
        "sim_run": pa.table(
            {
                "run_id": pa.array([result.run_id], pa.string()),
                "start_date": pa.array([scenario.start], pa.date32()),
                "step_days": pa.array([scenario.step_days], pa.int32()),
            }
        ),
        "sim_codes": pa.table(
            {
                "idx": pa.array(range(len(result.codes)), pa.int32()),
                "code": pa.array(result.codes),
            }
        ),
        "sim_rows": pa.table(
            {
                "k": pa.array(np.arange(len(ev), dtype=np.int64)),
                "src": pa.array(ev.source),
                "tgt": pa.array(ev.target),
                "action": pa.array(ev.action),
                "step": pa.array(ev.step),
            }
        ),
        "sim_actions": _action_rows(),
    }


def _metric_table(result: RunResult, scenario: SimulationScenario) -> pa.Table:
    """One row per step: the run id, step, date and every metric (`simulation_metrics`)."""
    dates = [scenario.date_of(s) for s in range(result.metrics.shape[0])]
    return pa.table(
        {
            "run_id": pa.array([result.run_id] * len(dates)),
            "step": pa.array(range(len(dates)), pa.int32()),
            "date": pa.array(dates, pa.date32()),
            **{m: pa.array(result.metrics[:, k]) for k, m in enumerate(METRICS)},
        }
    )


def _tie_table(result: RunResult, scenario: SimulationScenario) -> pa.Table:
    """One row per tie change (`simulation_ties`)."""
    ties = result.ties
    return pa.table(
        {
            "run_id": pa.array([result.run_id] * len(ties), pa.string()),
            "step": pa.array([t.step for t in ties], pa.int32()),
            "date": pa.array([scenario.date_of(t.step) for t in ties], pa.date32()),
            "kind": pa.array([t.kind for t in ties], pa.string()),
            "a": pa.array([t.a for t in ties], pa.string()),
            "b": pa.array([t.b for t in ties], pa.string()),
            "change": pa.array([t.change for t in ties], pa.string()),
            "detail": pa.array([t.detail for t in ties], pa.string()),
        }
    )


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> Iterator[None]:
    """Register Arrow tables on `con` for the duration of the block."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


def _write_records(
    con: duckdb.DuckDBPyConnection, result: RunResult, scenario: SimulationScenario, n_events: int
) -> None:
    """Replace the run's rows in `simulation_runs`, `_metrics` and `_ties` (in the open
    transaction)."""
    for table in ("simulation_metrics", "simulation_ties", "simulation_runs"):
        con.execute(f"DELETE FROM {table} WHERE run_id = ?", [result.run_id])
    con.execute(
        "INSERT INTO simulation_runs (run_id, scenario, seed, run, steps, start_date, "
        "step_days, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.run_id,
            scenario.name,
            result.seed,
            result.run,
            int(result.metrics.shape[0]),
            scenario.start,
            scenario.step_days,
            n_events,
        ],
    )
    metrics, ties = _metric_table(result, scenario), _tie_table(result, scenario)
    with _registered(con, {"sim_metrics": metrics, "sim_ties": ties}):
        con.execute(f"INSERT INTO simulation_metrics ({_names(metrics)}) SELECT * FROM sim_metrics")
        con.execute(f"INSERT INTO simulation_ties ({_names(ties)}) SELECT * FROM sim_ties")


def _names(table: pa.Table) -> str:
    return ", ".join(table.column_names)


def write_run(
    store: Store, result: RunResult, scenario: SimulationScenario, events: bool = True
) -> int:
    """Write one run in one transaction, replacing an earlier copy of the same run id: its
    events (when `events`) through the one write path of `accord.events.write` (logged as
    ingest of format 'simulation'), and its run, metrics and tie rows; return the number of
    events written."""
    with writing_runs(store, scenario, events) as write:
        return write(result)


def write_runs(
    store: Store, results: Iterable[RunResult], scenario: SimulationScenario, events: bool = True
) -> int:
    """Write the runs of one ensemble in one transaction (`writing_runs`): all or none; return
    the number of events written."""
    with writing_runs(store, scenario, events) as write:
        return sum(write(result) for result in results)


@contextmanager
def writing_runs(
    store: Store, scenario: SimulationScenario, events: bool = True
) -> Iterator[Callable[[RunResult], int]]:
    """One transaction for the runs of an ensemble: the block gets `write(result)`, which
    writes a run into it as `write_run` does and returns its events written. The runs commit
    together when the block ends, or none does (an error, a cancelled job, a kill -9 in the
    middle: the store holds what it held before, never the first runs of an ensemble).

    Memory stays bounded by one run: each run is written as it comes (`simulate` writes a run
    as soon as it finishes), and the transaction's new rows are DuckDB's to keep, which writes
    full row groups of a large uncommitted insert to the database file and spills beyond its
    memory limit, not Python's. Chosen over a marker (each run committed on its own, the runs of
    an ensemble left unfinished deleted at the next start): no table to add, nothing to clean up
    at start, and no moment at which a reader sees half an ensemble."""
    store.ensure(EVENTS_SCHEMA)
    store.ensure(SIMULATION_SCHEMA)
    with store.transaction() as con:
        yield lambda result: _write_in(con, result, scenario, events)


def _write_in(
    con: duckdb.DuckDBPyConnection, result: RunResult, scenario: SimulationScenario, events: bool
) -> int:
    """Write one run inside the caller's open transaction, replacing an earlier copy of its run
    id (`write_transaction` with `replace`, in a transaction shared by the runs); return the
    number of events written."""
    source = provenance(result.run_id)
    discard_events(con, source)
    if not (events and len(result.events)):
        _write_records(con, result, scenario, 0)
        return 0
    add_log_row(con, source)  # a run rolled back leaves no row
    writer = EventWriter(con, source)
    with _registered(con, _event_tables(result, scenario)):
        writer.add(_STAGED)
    writer.settle()
    writer.finish()
    _write_records(con, result, scenario, len(result.events))
    return writer.result.stored
