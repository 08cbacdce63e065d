"""Writing runs to the store: simulated events into the canonical `events` table (so
`accord relations` answers about simulated worlds), and runs, metrics and tie timelines into
the `simulation_*` tables. Each run is written in one transaction and replaces any earlier
copy of the same run id.

Simulated events carry dataset `simulation`, `simulated = true`, the run id and step, the
acting states as ISO3 codes (actor = country, sector `GOV`), and the CAMEO code, root, quad
class, Goldstein weight and PLOVER labels of their action from `accord.events.ontology`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.simulation.actions import ACTIONS, action_table
from accord.simulation.results import METRICS, RunResult
from accord.simulation.scenario import SimulationScenario as Scenario
from accord.store import Schema, Store
from accord.store.schema import Migration

_RUNS = """
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
    {metrics},
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
""".replace("{metrics}", ",\n    ".join(f"{m} DOUBLE" for m in METRICS))

SIMULATION_SCHEMA = Schema(
    "simulation", (Migration(1, "simulation runs, metrics and tie timelines", _RUNS),)
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
    """The SELECT expressions producing `events` columns in table order."""
    computed = {
        "dataset": "'simulation'",
        "event_id": "? || '-' || lpad(CAST(e.k AS VARCHAR), 8, '0')",
        "event_date": "CAST(? AS DATE) + CAST(e.step * ? AS INTEGER)",
        "source_actor": "s.code",
        "source_country": "s.code",
        "source_sector": "'GOV'",
        "target_actor": "t.code",
        "target_country": "t.code",
        "target_sector": "'GOV'",
        "simulated": "true",
        "run_id": "?",
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


def write_run(store: Store, result: RunResult, scenario: Scenario, events: bool = True) -> int:
    """Write one run (its events when `events`); return the number of events written."""
    store.ensure(EVENTS_SCHEMA)
    store.ensure(SIMULATION_SCHEMA)
    ev = result.events
    n_events = len(ev) if events else 0
    codes = pa.table(
        {"idx": pa.array(range(len(result.codes)), pa.int32()), "code": pa.array(result.codes)}
    )
    rows = pa.table(
        {
            "k": pa.array(np.arange(len(ev), dtype=np.int64)),
            "src": pa.array(ev.source),
            "tgt": pa.array(ev.target),
            "action": pa.array(ev.action),
            "step": pa.array(ev.step),
        }
    )
    dates = [scenario.date_of(s) for s in range(result.metrics.shape[0])]
    metric_rows = pa.table(
        {
            "run_id": pa.array([result.run_id] * len(dates)),
            "step": pa.array(range(len(dates)), pa.int32()),
            "date": pa.array(dates, pa.date32()),
            **{m: pa.array(result.metrics[:, k]) for k, m in enumerate(METRICS)},
        }
    )
    ties = pa.table(
        {
            "run_id": pa.array([result.run_id] * len(result.ties), pa.string()),
            "step": pa.array([t.step for t in result.ties], pa.int32()),
            "date": pa.array([scenario.date_of(t.step) for t in result.ties], pa.date32()),
            "kind": pa.array([t.kind for t in result.ties], pa.string()),
            "a": pa.array([t.a for t in result.ties], pa.string()),
            "b": pa.array([t.b for t in result.ties], pa.string()),
            "change": pa.array([t.change for t in result.ties], pa.string()),
            "detail": pa.array([t.detail for t in result.ties], pa.string()),
        }
    )
    actions = _action_rows()
    with store.transaction() as con:
        for table in ("events", "simulation_metrics", "simulation_ties", "simulation_runs"):
            con.execute(f"DELETE FROM {table} WHERE run_id = ?", [result.run_id])
        con.register("sim_codes", codes)
        con.register("sim_rows", rows)
        con.register("sim_actions", actions)
        con.register("sim_metrics", metric_rows)
        con.register("sim_ties", ties)
        try:
            if events and n_events:
                con.execute(
                    f"""
                    INSERT INTO events ({", ".join(EVENT_COLUMN_NAMES)})
                    SELECT {_select_list()}
                    FROM sim_rows e
                    JOIN sim_codes s ON s.idx = e.src
                    JOIN sim_codes t ON t.idx = e.tgt
                    JOIN sim_actions a ON a.action = e.action
                    """,
                    [result.run_id, scenario.start, scenario.step_days, result.run_id],
                )
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
            con.execute("INSERT INTO simulation_metrics SELECT * FROM sim_metrics")
            con.execute("INSERT INTO simulation_ties SELECT * FROM sim_ties")
        finally:
            for name in ("sim_codes", "sim_rows", "sim_actions", "sim_metrics", "sim_ties"):
                con.unregister(name)
    return n_events
