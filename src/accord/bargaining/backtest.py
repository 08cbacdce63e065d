"""Backtesting: how far each model's forecasts fall from actual outcomes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accord.bargaining.case import Case
from accord.bargaining.models import make_model, model_names
from accord.bargaining.readers import read_case
from accord.errors import InputError, Problem
from accord.files import why_passed_over

CASE_SUFFIXES = {".csv", ".txt", ".yaml", ".yml", ".tsv"}


@dataclass(frozen=True)
class ModelScore:
    """Mean absolute error of one model over `n` issues with an actual outcome: in each issue's
    units (`mae`), and as a share of each issue's scale (`mae_share`, 0 to 1), which is what
    compares across issues of different scales."""

    model: str
    mae: float
    n: int
    errors: tuple[float, ...] = field(default=(), repr=False)
    mae_share: float = float("nan")


@dataclass(frozen=True)
class IssueResult:
    """One issue of one case: the recorded outcome, its scale, and each model's forecast."""

    case: str
    issue: str
    low: float
    high: float
    actual: float
    forecasts: dict[str, float]

    def share_error(self, model: str) -> float:
        """|forecast - outcome| as a share of the issue's scale (0 to 1)."""
        span = self.high - self.low
        return abs(self.forecasts[model] - self.actual) / span if span > 0 else 0.0


def backtest_issues(
    cases: Iterable[Case], models: Sequence[str] | None = None
) -> list[IssueResult]:
    """Every issue with a recorded outcome, with each model's forecast of it."""
    names = list(models or model_names())
    rows: list[IssueResult] = []
    for case in cases:
        if not case.outcome:
            continue
        forecasts = {name: make_model(name).forecast(case) for name in names}
        scales = {issue.name: issue for issue in case.issues}
        for issue, actual in case.outcome.items():
            scale = scales[issue]
            rows.append(
                IssueResult(
                    case.name,
                    issue,
                    scale.low,
                    scale.high,
                    actual,
                    {name: forecasts[name].value(issue) for name in names},
                )
            )
    return rows


def scores(rows: Sequence[IssueResult], models: Sequence[str]) -> list[ModelScore]:
    """Each model's errors over `rows`, in issue units and as shares of the scales."""
    out = []
    for name in models:
        errors = tuple(abs(r.forecasts[name] - r.actual) for r in rows)
        shares = [r.share_error(name) for r in rows]
        mae = sum(errors) / len(errors) if errors else float("nan")
        share = sum(shares) / len(shares) if shares else float("nan")
        out.append(ModelScore(name, mae, len(errors), errors, share))
    return out


#: Why a case that reads is not scored.
NO_OUTCOME = (
    "no actual outcome recorded to compare the forecasts with (give each issue its `outcome` "
    "in YAML, or an `out` row in KTAB; see docs/bargaining.md)"
)


def folder_entries(path: str | Path) -> tuple[list[Path], list[Problem]]:
    """The case files in a directory (sorted), or the file itself; and a problem for each
    entry of the directory passed over that is not a file nor a folder (a link to nothing, a
    named pipe, a socket, a device), whatever its name: none is opened (reading a pipe waits
    for a writer), and none is left out without a word."""
    p = Path(path)
    if not p.is_dir():
        return [p], []
    files: list[Path] = []
    others: list[Problem] = []
    for entry in sorted(p.rglob("*")):  # rglob does not walk links to folders: no loop
        why = why_passed_over(entry, "the case")
        if why is not None:
            others.append(Problem(why, str(entry)))
        elif entry.is_file() and entry.suffix.lower() in CASE_SUFFIXES:
            files.append(entry)
    return files, others


def backtest(cases: Iterable[Case], models: Sequence[str] | None = None) -> list[ModelScore]:
    """MAE per model over every issue that carries an actual outcome."""
    names = list(models or model_names())
    return scores(backtest_issues(cases, names), names)


def load_cases(path: str | Path, fmt: str | None = None) -> list[Case]:
    """Read every case under `path` (in format `fmt`, or each file's detected format); an
    entry that is no file (`folder_entries`) is an error, as a file that does not read is."""
    files, others = folder_entries(path)
    if others:
        raise InputError(others)
    return [read_case(f, fmt) for f in files]


def load_readable_cases(
    path: str | Path, fmt: str | None = None
) -> tuple[list[Case], list[tuple[Path, InputError]]]:
    """The cases under the folder `path` that read, and each file that does not with its error
    (one bad file in a collection does not stop the others being scored), the entries passed
    over among them (`folder_entries`); a single file's error is raised, and every one when
    nothing reads."""
    files, others = folder_entries(path)
    cases: list[Case] = []
    failed = [(Path(str(p.file)), InputError(p)) for p in others]
    for file in files:
        try:
            cases.append(read_case(file, fmt))
        except InputError as exc:
            if len(files) == 1 and not others:
                raise
            failed.append((file, exc))
    failed.sort(key=lambda item: item[0])
    if not cases and failed:
        raise InputError(p for _, exc in failed for p in exc.problems)
    return cases, failed
