"""`accord simulate SCENARIO`: run an ensemble of a scenario with a progress bar."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from accord.cli.common import (
    console,
    db_option,
    deprecated,
    examples,
    hidden_alias,
    json_option,
    output_option,
    print_json,
    progress_bar,
    reports_errors,
)
from accord.errors import InputError, UnknownNameError, writing
from accord.simulation import SimulationSummary, load_scenario, make_executor, prepare, simulate
from accord.simulation.executors import ENGINES
from accord.simulation.limits import (
    MAX_RUNS,
    MAX_SEED,
    MAX_WORKERS,
    check_ensemble,
    check_range,
)
from accord.simulation.scenario import EVENT_OUTPUTS, scenario_file
from accord.store import Store


@reports_errors
def simulate_command(
    scenario: Path = typer.Argument(
        ..., help="Scenario YAML file, or the name of a shipped one (baseline...).", dir_okay=False
    ),
    runs: int | None = typer.Option(
        None, "--runs", help=f"Runs, 1 to {MAX_RUNS:,} (default: scenario's)."
    ),
    seed: int | None = typer.Option(
        None, "--seed", help="Master seed, 0 to 2**63 - 1 (default: scenario's)."
    ),
    workers: int = typer.Option(1, "--workers", help=f"Worker processes, 1 to {MAX_WORKERS}."),
    executor: str = typer.Option(
        "local", "--executor", help=f"Executor running the runs: {' or '.join(ENGINES)}."
    ),
    output: Path | None = output_option("Directory to write metrics, bands, ties and plots to."),
    events: str | None = typer.Option(
        None, "--events", help=f"Which runs store their events: {', '.join(EVENT_OUTPUTS)}."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
    engine: str | None = hidden_alias("--engine"),
    out: Path | None = hidden_alias("--out"),
) -> None:
    """Run SCENARIO as an ensemble; store its events and print the final metrics."""
    executor = deprecated(executor, engine, "--engine", "--executor")
    output = deprecated(output, out, "--out", "--output")
    if executor not in ENGINES:
        raise UnknownNameError("executor", executor, ENGINES)
    if events is not None and events not in EVENT_OUTPUTS:
        raise InputError.at(f"expected one of {', '.join(EVENT_OUTPUTS)}", field="--events")
    _check_bounds(runs, seed, workers)
    _make_folder(output)
    spec = load_scenario(scenario_file(scenario))
    n_runs = runs or spec.runs
    problems = check_ensemble(steps=spec.steps, runs=n_runs, seed=seed or 0)
    if problems:  # --runs with the scenario's steps: checked before the world is built
        raise InputError(replace(p, field=f"--{p.field}") for p in problems)
    with Store(db) as store:
        prepared = prepare(spec, store=store)
        with make_executor(executor, workers) as pool, _bar(as_json) as bar:
            task = bar.add_task(f"{spec.name} ({executor})", total=n_runs)
            ensemble = simulate(
                spec,
                runs=n_runs,
                seed=seed,
                executor=pool,
                store=store,
                events=events,
                prepared=prepared,
                on_result=lambda _: bar.advance(task),
            )
    summary = ensemble.summary()
    if output is not None:
        with writing(output, "simulation outputs"):
            written = ensemble.write(output)
        summary = replace(summary, files=tuple(str(p) for p in written))
    if as_json:
        print_json(summary.as_dict())
        return
    _print_summary(summary, output)


def _check_bounds(runs: int | None, seed: int | None, workers: int) -> None:
    """--runs, --seed and --workers within `accord.simulation.limits` (exit 1 naming the
    option), before the scenario is read."""
    problems = [
        p
        for p in (
            check_range(runs, 1, MAX_RUNS, "--runs") if runs is not None else None,
            check_range(seed, 0, MAX_SEED, "--seed") if seed is not None else None,
            check_range(workers, 1, MAX_WORKERS, "--workers"),
        )
        if p is not None
    ]
    if problems:
        raise InputError(problems)


def _bar(hidden: bool) -> Progress:
    """A progress bar of runs done (nothing shown when the output is JSON)."""
    return progress_bar(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        stdout=True,
        disable=hidden,
        transient=hidden,
    )


def _figure(value: float) -> str:
    """A metric as people read it: counts (100 and more) to one decimal at most, shares and
    indices to three."""
    if abs(value) >= 100:
        return f"{value:,.1f}".removesuffix(".0")
    return f"{value:.3f}"


def _make_folder(output: Path | None) -> None:
    """Make the outputs folder before the runs (a path that cannot be one fails at once)."""
    if output is not None:
        with writing(output, "simulation outputs folder"):
            output.mkdir(parents=True, exist_ok=True)


def _print_summary(summary: SimulationSummary, output: Path | None) -> None:
    """The summary for people: runs, events stored, each metric's final median and band."""
    console.print(
        f"{summary.scenario}: {summary.runs} runs x {summary.steps} steps, seed {summary.seed}, "
        f"{summary.events:,} events stored"
    )
    console.print(
        f"each metric at the last step ({summary.steps}) across the {summary.runs} runs: "
        "median and 90% band (5% and 95% quantiles, interpolated between runs: a count may "
        "show a fraction)",
        highlight=False,
    )
    for metric, stats in summary.final.items():
        q05, q50, q95 = (_figure(v) for v in (stats.q05, stats.q50, stats.q95))
        console.print(f"  {metric:<15} median {q50:>10}   90% band [{q05}, {q95}]")
    console.print(METRICS_NOTE, style="dim")
    if summary.run_ids and summary.events:
        last = f" .. {summary.run_ids[-1]}" if len(summary.run_ids) > 1 else ""
        kept = summary.event_runs
        if len(kept) < len(summary.run_ids):
            listed = ", ".join(kept[:3]) + (", ..." if len(kept) > 3 else "")
            console.print(
                f"events kept for {len(kept)} of the {len(summary.run_ids)} runs ({listed}): "
                "the scenario's output.events; --events all keeps every run's",
                highlight=False,
            )
        console.print(
            f"run ids {summary.run_ids[0]}{last}; the events of a stored run: "
            f"accord relations dyad A B --run {kept[0] if kept else summary.run_ids[0]}",
            highlight=False,
        )
    if output is not None:
        console.print(f"outputs in {output}")


#: What each printed metric measures (`accord.simulation.metrics`, docs/simulation.md).
METRICS_NOTE = (
    "cooperation: (cooperative - conflictual events) / events of the step, -1 to 1; "
    "goldstein_mean: mean Goldstein score of the step's events (-10 to 10); events: events of "
    "the step; active_crises: dyads in crisis; wars: directed wars under way; polarisation: "
    "two-bloc split of relations, 0 to 1; sanctions: sanctioning pairs; alliances: allied pairs"
)


def register(app: typer.Typer) -> None:
    """Add the top-level `simulate` command to the `accord` app."""
    app.command(
        "simulate",
        epilog=examples(
            "accord simulate scenarios/baseline.yaml --runs 5",
            "accord simulate scenarios/sanctions-coalition.yaml --workers 2 -o out/",
            "accord relations dyad VEN GUY --run sanctions-coalition-s2024-r0000",
        ),
    )(simulate_command)
