"""`accord forecast`, `accord negotiate` and `accord backtest`: the bargaining commands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import typer

from accord.bargaining.backtest import (
    NO_OUTCOME,
    IssueResult,
    ModelScore,
    backtest_issues,
    load_readable_cases,
)
from accord.bargaining.backtest import scores as backtest_scores
from accord.bargaining.case import Case
from accord.bargaining.case_forecast import forecast_case
from accord.bargaining.limits import MAX_ROUNDS, check_count, raise_if
from accord.bargaining.models import Forecast, make_model, model_names
from accord.bargaining.models.base import IssueForecast
from accord.bargaining.protocols.report import NegotiationReport
from accord.bargaining.protocols.report import negotiate as run_negotiation
from accord.bargaining.protocols.scenario import read_scenario
from accord.bargaining.readers import case_format_names, check_case_format, read_case
from accord.cli.common import (
    code_column,
    console,
    deprecated,
    examples,
    hidden_alias,
    json_option,
    new_table,
    number_column,
    output_option,
    print_json,
    reports_errors,
    text_column,
)
from accord.errors import InputError, writing

MODEL_CHOICES = [*model_names(), "all"]


def _format_option() -> Any:
    """`--format`: read the case file(s) in this format instead of detecting it."""
    return typer.Option(
        None,
        "--format",
        "-f",
        help=f"Case format, instead of detecting it: {', '.join(case_format_names())}.",
    )


@reports_errors
def forecast(
    case_file: Path = typer.Argument(..., help="Case file (BDM, KTAB, decide, DEU III or YAML)."),
    model: str = typer.Option("all", "--model", "-m", help=f"One of {', '.join(MODEL_CHOICES)}."),
    rounds: int | None = typer.Option(
        None,
        "--rounds",
        help=(
            f"Rounds of the path shown (eum, exchange), 1 to {MAX_ROUNDS} (default: eum 8, "
            "exchange 10); the forecast itself runs until the positions settle or cycle "
            "(docs/bargaining.md)."
        ),
    ),
    q: float | None = typer.Option(
        None,
        "--q",
        min=0.0,
        max=1.0,
        help="EUM: probability the status quo holds when an actor does not challenge (default 1).",
    ),
    fmt: str | None = _format_option(),
    as_json: bool = json_option(),
    output: Path | None = output_option(
        "Write positions over rounds to this PNG file.", dir_okay=False
    ),
    plot: Path | None = hidden_alias("--plot"),
) -> None:
    """Forecast where a negotiation lands, with one model or all of them."""
    output = deprecated(output, plot, "--plot", "--output")
    if rounds is not None:
        raise_if(check_count(rounds, MAX_ROUNDS, "--rounds", what="rounds"))
    names = model_names() if model == "all" else [model]
    for name in names:
        make_model(name, rounds=rounds, q=q)  # unknown names fail before the file is read
    if fmt is not None:
        check_case_format(fmt)
    case = read_case(case_file, fmt)
    # with every model, one refused for its work is reported and the others kept
    found = forecast_case(case, names, rounds=rounds, q=q, keep_going=len(names) > 1)
    results = [r for r in found.results if r.error is None]
    if output is not None and results:
        _plot(case, results, output)
    if as_json:
        print_json(found.as_dict())
        return
    if results:
        _forecast_table(case, results)
    for failed in found.results:
        if failed.error is not None:
            console.print(f"{failed.model}: not run: {failed.error}", highlight=False)
    if output is not None and results:
        console.print(f"wrote {output}", highlight=False)


def _forecast_table(case: Case, results: list[Forecast]) -> None:
    table = new_table(f"Forecast: {case.name}")
    text_column(table, "issue")
    for r in results:
        number_column(table, r.model)
    for issue in case.issues:
        cells = []
        for r in results:
            v = r.value(issue.name)
            cells.append(f"{v:.2f}" + (f" ({issue.label(v)})" if issue.discrete else ""))
        table.add_row(issue.name, *cells)
    console.print(table)
    console.print(_models_note(r.model for r in results), style="dim", highlight=False)
    _absent(case)
    for r in results:
        for f in r.issues:
            if not f.rounds:
                continue
            rt = new_table(f"{r.model} rounds: {f.issue}")
            for col in ("round", "median", "mean"):
                number_column(rt, col)
            text_column(rt, "moves")
            for rd in f.rounds:
                moves = "; ".join(f"{m.actor} {m.kind} -> {m.toward}" for m in rd.moves)
                rt.add_row(str(rd.round), f"{rd.median:.2f}", f"{rd.mean:.2f}", moves)
            console.print(rt)
        if any(f.rounds for f in r.issues):
            console.print(ROUNDS_NOTE, style="dim", highlight=False)
        _convergence(r)


#: What each model's column is (docs/bargaining.md, Models).
MODEL_NOTES = {
    "median": "capability x salience weighted median position",
    "compromise": "weighted mean position",
    "nbs": "Nash bargaining solution",
    "ks": "Kalai-Smorodinsky solution",
    "eum": "Bueno de Mesquita's expected utility model",
    "exchange": "Stokman-Van Oosten exchange model",
}
#: What the columns of a model's rounds table are.
ROUNDS_NOTE = (
    "median, mean: of the positions after each round, weighted by capability x salience; "
    "moves: who moved, how (challenge, compromise, capitulation, exchange) -> toward whom"
)


def _models_note(models: Iterable[str]) -> str:
    """The legend under the forecast table: each model column, and the scale of the values."""
    named = "; ".join(f"{m}: {MODEL_NOTES[m]}" for m in models if m in MODEL_NOTES)
    return f"{named} (forecasts on each issue's own scale)"


def _absent(case: Case) -> None:
    """Say which stakeholders take no part in which issues (no position in the file)."""
    for s in case.stakeholders:
        absent = [i for i in case.issue_names if i not in s.positions]
        if absent:
            console.print(f"{s.name} takes no part in: {', '.join(absent)} (no position given)")


def _convergence(r: Forecast) -> None:
    """Say how an iterative model's rounds ended, and the model's notes."""
    for f in r.issues:
        c = f.convergence
        if c is None:
            continue
        rounds = f"{c.rounds_run} round" + ("" if c.rounds_run == 1 else "s")
        line = f"{r.model} on {f.issue}: {c.status} after {rounds}"
        if c.status != "converged":
            line += f", band {c.low:.2f}-{c.high:.2f}"
        if c.period > 1:
            line += f", cycle of period {c.period} from round {c.start}"
        console.print(f"{line}; forecast = {c.rule}")
    for note in r.notes:
        console.print(f"{r.model}: {note}")


def _run_note(f: IssueForecast) -> str:
    """Where the forecast line comes from when the model ran past the rounds drawn."""
    c = f.convergence
    if c is None or c.rounds_run <= len(f.rounds):
        return ""
    how = f"mean of a cycle of period {c.period} from round {c.start}" if c.period > 1 else c.status
    return f"\nforecast: {how}, after {c.rounds_run} rounds ({len(f.rounds)} drawn)"


def _plot(case: Case, results: list[Forecast], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = next((r for r in results if r.iterative), results[0])
    fig, axes = plt.subplots(
        len(case.issues), 1, figsize=(10, 3.2 * len(case.issues)), squeeze=False
    )
    for ax, f in zip(axes[:, 0], shown.issues, strict=True):
        sub = case.single_issue(f.issue)
        start = dict(zip(sub.actor_names, sub.positions()[:, 0].tolist(), strict=True))
        for actor, x0 in start.items():
            ys = [x0, *[rd.positions.get(actor, x0) for rd in f.rounds]]
            # hollow markers: actors whose paths coincide stay visible under one another
            ax.plot(range(len(ys)), ys, marker="o", fillstyle="none", label=actor)
        ax.axhline(f.forecast, color="black", linestyle="--", label=f"{shown.model} forecast")
        ax.set_title(f"{f.issue}: positions by round ({shown.model}){_run_note(f)}", fontsize=9)
        ax.set_xlabel("round (rounds shown: --rounds)")
        ax.set_ylabel("position")
        # beside the panel, not over the lines
        ax.legend(fontsize="x-small", ncol=1, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    with writing(path, "plot"):
        fig.savefig(path, dpi=100)
    plt.close(fig)


@reports_errors
def negotiate(
    scenario_file: Path = typer.Argument(..., help="Scenario YAML."),
    as_json: bool = json_option(),
) -> None:
    """Play a negotiation out with the named strategies and judge the agreement."""
    found = run_negotiation(read_scenario(scenario_file), scenario_file.stem)
    if as_json:
        print_json(found.as_dict())
        return
    _negotiation_tables(found)


def _pairs(values: dict[str, float] | None) -> str:
    return "none" if values is None else ", ".join(f"{k}={v:.4g}" for k, v in values.items())


def _negotiation_tables(found: NegotiationReport) -> None:
    """The last 40 offers, then the agreement against the frontier and the Nash point."""
    mediated = found.protocol == "mediated"
    what = "drafts no party vetoed (the single text)" if mediated else "offer trace"
    trace = new_table(f"{found.scenario}: {found.protocol} negotiation, {what}")
    number_column(trace, "step")
    text_column(trace, "by")
    text_column(trace, "offer")
    for p in found.parties:
        number_column(trace, f"u({p})")
    for row in found.trace[-40:]:
        trace.add_row(
            str(row.step),
            row.agent,
            _pairs(row.outcome),
            *[f"{v:.3f}" for v in row.utilities.values()],
        )
    console.print(trace)
    summary = new_table(f"{found.scenario}: agreement vs Pareto frontier and Nash point")
    code_column(summary, "")
    text_column(summary, "value")
    nash = found.nash
    summary.add_row("agreement", _pairs(found.agreement))
    if mediated and found.trace:  # the text stands from its last accepted draft
        summary.add_row(
            "step",
            f"{found.step} (the mediator's last iteration; the text agreed was drafted at "
            f"step {found.trace[-1].step})",
        )
    else:
        summary.add_row("step", str(found.step))
    summary.add_row("utilities", _pairs(found.utilities))
    summary.add_row("Nash point", f"{_pairs(nash.outcome)} ({_pairs(nash.utilities)})")
    summary.add_row("distance to frontier", _number(found.distance_to_frontier))
    summary.add_row("distance to Nash", _number(found.distance_to_nash))
    console.print(summary)
    console.print(
        "utilities: 1 at a party's ideal, less by the weighted distance from it (the agreement's "
        "discounted by its step); "
        "distance to frontier: how far in utilities the nearest outcome better for every party "
        "lies (0: Pareto-efficient on the grid searched); distance to Nash: to the Nash point",
        style="dim",
        highlight=False,
    )


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:.4g}"


@reports_errors
def backtest(
    target: Path = typer.Argument(..., help="A case file or a directory of case files."),
    fmt: str | None = _format_option(),
    as_json: bool = json_option(),
) -> None:
    """Mean absolute error per model on the cases that carry an actual outcome.

    In a folder, a file that does not read is named and left out (exit status 1), the others
    are scored."""
    if fmt is not None:
        check_case_format(fmt)
    cases, unreadable = load_readable_cases(target, fmt)
    with_outcome = [c for c in cases if c.outcome]
    if not with_outcome:
        raise InputError.at(
            f"none of the {len(cases)} case(s) read carries an actual outcome, so there is "
            "nothing to score: give each issue its `outcome` (YAML) or an `out` row (KTAB), "
            "see docs/bargaining.md",
            file=str(target),
        )
    names = model_names()
    rows = backtest_issues(with_outcome, names)
    scored = backtest_scores(rows, names)
    if as_json:
        print_json(
            {
                "cases": len(with_outcome),
                "skipped": len(cases) - len(with_outcome),
                "not_scored": [
                    {"case": c.name, "file": c.source, "reason": NO_OUTCOME}
                    for c in cases
                    if not c.outcome
                ],
                "unreadable": [
                    {"file": str(file), "errors": [str(p) for p in exc.problems]}
                    for file, exc in unreadable
                ],
                "models": {
                    s.model: {"mae": s.mae, "mae_share": s.mae_share, "issues": s.n} for s in scored
                },
                "issues": [
                    {
                        "case": r.case,
                        "issue": r.issue,
                        "low": r.low,
                        "high": r.high,
                        "actual": r.actual,
                        "forecasts": r.forecasts,
                    }
                    for r in rows
                ],
            }
        )
    else:
        _print_backtest(rows, scored, len(with_outcome))
        _print_not_scored(cases, unreadable)
    if unreadable:  # scored what reads; the exit status still says a file did not
        raise typer.Exit(1)


def _print_not_scored(cases: Sequence[Case], unreadable: Sequence[tuple[Path, InputError]]) -> None:
    """Name each case read without an outcome, then each file (or folder entry) that did not
    read, with why: none is left out of a backtest without a word."""
    for case in (c for c in cases if not c.outcome):
        where = f"{case.source}: " if case.source else ""
        message = f"not scored: {where}case {case.name!r}: {NO_OUTCOME}"
        console.print(message, style="yellow", highlight=False)
    for file, exc in unreadable:
        first = exc.problems[0]
        where = str(first) if first.file else f"{file}: {first}"
        console.print(f"not scored, unreadable: {where}", style="yellow", highlight=False)


def _print_backtest(rows: Sequence[IssueResult], scored: Sequence[ModelScore], cases: int) -> None:
    """Each issue's outcome beside each model's forecast, then each model's errors."""
    ranked = sorted(scored, key=lambda s: s.mae_share)
    issues = new_table(f"Backtest: {cases} case(s) with outcomes, forecast per issue")
    text_column(issues, "case / issue")
    number_column(issues, "scale")
    number_column(issues, "outcome")
    for s in ranked:
        number_column(issues, s.model)
    for r in rows:
        issues.add_row(
            f"{r.case} / {r.issue}",
            f"{r.low:g}-{r.high:g}",
            f"{r.actual:g}",
            *(f"{r.forecasts[s.model]:.4g}" for s in ranked),
        )
    console.print(issues)
    table = new_table("Errors per model")
    text_column(table, "model")
    number_column(table, "MAE%")
    number_column(table, "MAE")
    number_column(table, "issues")
    for s in ranked:
        table.add_row(s.model, f"{100 * s.mae_share:.1f}", f"{s.mae:.3f}", str(s.n))
    console.print(table)
    console.print(
        "MAE%: mean absolute error of the forecast against the recorded outcome as a "
        "share of each issue's scale, comparable across issues (lower is better; models ranked "
        "by it); MAE: the same in each issue's own units, which mixes scales; issues: issues "
        "scored",
        style="dim",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add the top-level commands forecast, negotiate and backtest to `app`."""
    shared = "../shared/data/bargaining/bdm1994-eu-emissions.csv"
    app.command(
        "forecast",
        epilog=examples(
            f"accord forecast {shared} --model all",
            "accord forecast cases/eu-mff-2020.yaml --model eum -o eum.png",
            "accord forecast cases/eu-mff-2020.yaml --json",
        ),
    )(forecast)
    app.command(
        "negotiate",
        epilog=examples(
            "accord negotiate tests/bargaining/fixtures/pie.yaml",
            "accord negotiate tests/bargaining/fixtures/pie.yaml --json",
        ),
    )(negotiate)
    app.command("backtest", epilog=examples("accord backtest cases/"))(backtest)
