"""Backtesting: how far each model's forecasts fall from actual outcomes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accord.bargaining.case import Case
from accord.bargaining.models import make_model, model_names
from accord.bargaining.readers import read_case

CASE_SUFFIXES = {".csv", ".txt", ".yaml", ".yml", ".tsv"}


@dataclass(frozen=True)
class ModelScore:
    """Mean absolute error of one model over `n` issues with an actual outcome."""

    model: str
    mae: float
    n: int
    errors: tuple[float, ...] = field(default=(), repr=False)


def case_files(path: str | Path) -> list[Path]:
    """The case files in a directory (sorted), or the file itself."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in CASE_SUFFIXES)
    return [p]


def backtest(cases: Iterable[Case], models: Sequence[str] | None = None) -> list[ModelScore]:
    """MAE per model over every issue that carries an actual outcome."""
    names = list(models or model_names())
    errors: dict[str, list[float]] = {n: [] for n in names}
    for case in cases:
        if not case.outcome:
            continue
        for name in names:
            forecast = make_model(name).forecast(case)
            for issue, actual in case.outcome.items():
                errors[name].append(abs(forecast.value(issue) - actual))
    return [
        ModelScore(n, sum(e) / len(e) if e else float("nan"), len(e), tuple(e))
        for n, e in errors.items()
    ]


def load_cases(path: str | Path, fmt: str | None = None) -> list[Case]:
    """Read every case under `path` (in format `fmt`, or each file's detected format)."""
    return [read_case(f, fmt) for f in case_files(path)]
