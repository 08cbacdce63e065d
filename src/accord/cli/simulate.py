"""`accord simulate SCENARIO`: run an ensemble of a scenario with a progress bar."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from accord.cli.common import console, db_option, json_option, print_json, reports_errors
from accord.errors import InputError
from accord.simulation import load_scenario, make_executor, prepare, simulate
from accord.simulation.executors import ENGINES
from accord.simulation.scenario import EVENT_OUTPUTS
from accord.store import Store


@reports_errors
def simulate_command(
    scenario: Path = typer.Argument(..., help="Scenario YAML file.", dir_okay=False),
    runs: int | None = typer.Option(None, "--runs", min=1, help="Runs (default: scenario's)."),
    seed: int | None = typer.Option(None, "--seed", help="Master seed (default: scenario's)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
    engine: str = typer.Option("local", "--engine", help="Executor: local or dask."),
    out: Path | None = typer.Option(
        None, "--out", file_okay=False, help="Write metrics, bands, ties and plots here."
    ),
    events: str | None = typer.Option(
        None, "--events", help="Which runs store their events: all, first or none."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Run SCENARIO as an ensemble; store its events and print the final metrics."""
    if engine not in ENGINES:
        raise InputError.at(
            f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}", field="--engine"
        )
    if events is not None and events not in EVENT_OUTPUTS:
        raise InputError.at(f"expected one of {', '.join(EVENT_OUTPUTS)}", field="--events")
    spec = load_scenario(scenario)
    n_runs = runs or spec.runs
    with Store(db) as store:
        prepared = prepare(spec, store=store)
        with (
            make_executor(engine, workers) as executor,
            Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                disable=as_json,
                transient=as_json,
            ) as progress,
        ):
            task = progress.add_task(f"{spec.name} ({engine})", total=n_runs)
            ensemble = simulate(
                spec,
                runs=n_runs,
                seed=seed,
                executor=executor,
                store=store,
                events=events,
                prepared=prepared,
                on_result=lambda _: progress.advance(task),
            )
    summary = ensemble.summary()
    if out is not None:
        summary["files"] = [str(p) for p in ensemble.write(out)]
    if as_json:
        print_json(summary)
        return
    console.print(
        f"{spec.name}: {summary['runs']} runs x {spec.steps} steps, seed {summary['seed']}, "
        f"{summary['events']:,} events stored"
    )
    for metric, stats in summary["final"].items():
        console.print(
            f"  {metric:<15} median {stats['q50']:10.3f}   90% band "
            f"[{stats['q05']:.3f}, {stats['q95']:.3f}]"
        )
    if out is not None:
        console.print(f"outputs in {out}")


def register(app: typer.Typer) -> None:
    """Add the top-level `simulate` command to the `accord` app."""
    app.command("simulate")(simulate_command)
