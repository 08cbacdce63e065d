"""`accord simulate`: JSON summary, output files, and events `accord relations` can query."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app

SCENARIO = """\
name: cli
steps: 8
seed: 9
runs: 2
shocks:
  - {step: 1, kind: incident, a: CHN, b: PHL, level: 4}
"""


def test_simulate_json_and_outputs(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "cli.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["simulate", str(path), "--runs", "2", "--db", str(db_path), "-o", str(out), "--json"],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["runs"] == 2 and summary["steps"] == 8
    assert summary["run_ids"] == ["cli-s9-r0000", "cli-s9-r0001"]
    for name in ("metrics.csv", "bands.csv", "ties.csv", "summary.json", "bands.png"):
        assert (out / name).stat().st_size > 0
    lines = (out / "metrics.csv").read_text().splitlines()
    assert len(lines) == 1 + 2 * 8

    dyad = CliRunner().invoke(
        app,
        [
            "relations",
            "dyad",
            "CHN",
            "PHL",
            "--run",
            "cli-s9-r0000",
            "--by",
            "year",
            "--db",
            str(db_path),
            "--json",
        ],
    )
    assert dyad.exit_code == 0, dyad.output
    rows = json.loads(dyad.output)["points"]
    assert rows and rows[0]["events"] > 0
    assert rows[0]["material_conflict"] >= 1


def test_runs_without_kept_events_are_said_so(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "cli.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    base = ["simulate", str(path), "--db", str(db_path), "--events", "first"]
    summary = json.loads(CliRunner().invoke(app, [*base, "--json"]).output)
    assert summary["event_runs"] == ["cli-s9-r0000"] and len(summary["run_ids"]) == 2
    text = " ".join(CliRunner().invoke(app, base).output.split())
    assert "events kept for 1 of the 2 runs (cli-s9-r0000)" in text
    other = ["relations", "dyad", "CHN", "PHL", "--run", "cli-s9-r0001", "--db", str(db_path)]
    missing = CliRunner().invoke(app, other)
    assert missing.exit_code == 1
    assert "its ensemble kept the events of the runs listed only" in " ".join(
        missing.output.split()
    )


def test_an_output_that_cannot_be_written_fails_before_the_runs(
    tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "cli.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    in_the_way = tmp_path / "afile"
    in_the_way.write_text("x", encoding="utf-8")
    args = ["simulate", str(path), "--db", str(db_path), "-o", str(in_the_way)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    flat = " ".join(result.output.split())
    assert f"cannot write the simulation outputs folder {in_the_way}: a file is in the way" in flat
    assert "runs x" not in flat  # nothing ran


def test_a_store_that_cannot_be_created_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    db = tmp_path / "afile" / "x.duckdb"
    result = CliRunner().invoke(app, ["world", "summary", "--db", str(db)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "error: cannot" in result.output and "Traceback" not in result.output


def test_simulate_reports_scenario_errors(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: bad\nsteps: 5\nshocks:\n  - {step: 9, kind: summit}\n")
    result = CliRunner().invoke(app, ["simulate", str(path), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "bad.yaml:4" in result.output and "shocks[0].step" in result.output


def test_a_shipped_scenario_runs_by_name_and_a_missing_one_lists_them(
    tmp_path: Path, db_path: Path
) -> None:
    from accord.simulation.scenario import scenario_file

    assert scenario_file("baseline").name == "baseline.yaml"
    own = tmp_path / "baseline"  # a file of that name wins over the shipped scenario
    own.write_text(SCENARIO, encoding="utf-8")
    assert scenario_file(own) == own
    missing = CliRunner().invoke(app, ["simulate", "no-such-scenario", "--db", str(db_path)])
    assert missing.exit_code == 1
    flat = " ".join(missing.output.split())
    assert "no-such-scenario: no such scenario file (shipped scenarios, by name or file:" in flat
    assert "baseline, climate-round" in flat and "Traceback" not in flat
    typo = CliRunner().invoke(app, ["simulate", "basline", "--db", str(db_path)])
    assert "basline: no such scenario file (did you mean 'baseline'?)" in typo.output


def test_a_start_before_any_state_is_a_clear_error(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "early.yaml"
    path.write_text(
        "name: early\nsteps: 4\nseed: 1\nworld:\n  source: default\n  start: 0100-01-01\n",
        encoding="utf-8",
    )
    shown = CliRunner().invoke(app, ["simulate", str(path), "--db", str(db_path)])
    assert shown.exit_code == 1, shown.output
    flat = " ".join(shown.output.split())
    assert "0 state(s) of the world exist on 0100-01-01: a simulation needs at least two" in flat
    assert f"{path}:6 [world.start]:" in flat  # the file and line of the start (it named neither)
