"""Ensembles: many runs of one scenario, their metric distributions, quantile bands and plots."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import astuple, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from accord.errors import InputError
from accord.simulation.executors import Executor, LocalExecutor, RunSpec
from accord.simulation.limits import check_ensemble
from accord.simulation.results import METRICS, RunResult
from accord.simulation.runner import Prepared, prepare
from accord.simulation.scenario import SimulationScenario
from accord.simulation.store_io import writing_runs
from accord.simulation.summary import (
    BandPoint,
    NegotiationOutcome,
    OnsetStats,
    Quantiles,
    SimulationSummary,
    YearlyOnsets,
)
from accord.store import Store
from accord.world import World

#: Quantiles of the ensemble bands.
QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)


#: What each metric's panel shows on its y axis, and its fixed bounds (None: automatic).
PANELS: dict[str, tuple[str, float | None, float | None]] = {
    "cooperation": ("(coop. - confl.) / events", -1.0, 1.0),
    "goldstein_mean": ("mean Goldstein (-10..10)", None, None),
    "events": ("events per step", 0.0, None),
    "active_crises": ("crises active", 0.0, None),
    "wars": ("wars active (dyads)", 0.0, None),
    "polarisation": ("two-bloc index (0..1)", 0.0, 1.0),
    "sanctions": ("sanctioning pairs", 0.0, None),
    "alliances": ("allied dyads", 0.0, None),
}


@dataclass
class Ensemble:
    """The runs of a scenario, sorted by run index."""

    scenario: SimulationScenario
    seed: int
    results: list[RunResult]

    def stack(self, metric: str) -> np.ndarray:
        """(runs, steps) values of one metric."""
        return np.stack([r.metric(metric) for r in self.results])

    def steps_per_year(self) -> int:
        """Steps in a simulated year (52 for weekly steps)."""
        return max(1, round(365.25 / self.scenario.step_days))

    def onsets(self, kind: str) -> np.ndarray:
        """(runs, years) counts of onsets per simulated year: `mid` (disputes started, rules.
        crises) or `war` (new wars; a state joining an ongoing war is not a new onset). A last,
        incomplete year is left out unless the run is shorter than a year."""
        per = self.steps_per_year()
        years = max(1, self.scenario.steps // per)
        tie, detail_skip = ("dispute", None) if kind == "mid" else ("war", "joins")
        out = np.zeros((len(self.results), years))
        for k, r in enumerate(self.results):
            for t in r.ties:
                new = t.kind == tie and t.change == "start" and t.detail != detail_skip
                if new and t.step // per < years:
                    out[k, t.step // per] += 1
        return out

    def yearly(self) -> YearlyOnsets:
        """Per simulated year, the median, mean and 5-95% range of war and MID onsets across
        runs (`accord simulate --json`, "yearly")."""

        def stats(kind: str) -> OnsetStats:
            counts = self.onsets(kind)
            return OnsetStats(
                median=tuple(np.median(counts, axis=0).tolist()),
                mean=tuple(counts.mean(axis=0).tolist()),
                q05=tuple(np.quantile(counts, 0.05, axis=0).tolist()),
                q95=tuple(np.quantile(counts, 0.95, axis=0).tolist()),
            )

        return YearlyOnsets(self.steps_per_year(), stats("war"), stats("mid"))

    def bands(self) -> pd.DataFrame:
        """Per metric and step: the mean and the QUANTILES across runs."""
        frames = []
        for metric in METRICS:
            values = self.stack(metric)
            q = np.quantile(values, QUANTILES, axis=0)
            frame = pd.DataFrame(
                {
                    "metric": metric,
                    "step": np.arange(values.shape[1]),
                    "date": [self.scenario.date_of(s) for s in range(values.shape[1])],
                    "mean": values.mean(axis=0),
                    **{f"q{round(p * 100):02d}": q[k] for k, p in enumerate(QUANTILES)},
                }
            )
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def metrics_frame(self) -> pd.DataFrame:
        """Long table: run, step, date and every metric."""
        frames = []
        for r in self.results:
            frame = pd.DataFrame(r.metrics, columns=list(METRICS))
            frame.insert(0, "step", np.arange(len(frame)))
            frame.insert(0, "run_id", r.run_id)
            frame.insert(1, "date", [self.scenario.date_of(s) for s in range(len(frame))])
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def summary(self) -> SimulationSummary:
        """The ensemble's one result form: runs, final-step quantiles, bands, negotiations."""
        final = {}
        for metric in METRICS:
            last = self.stack(metric)[:, -1]
            final[metric] = Quantiles(
                float(last.mean()), *(float(np.quantile(last, p)) for p in QUANTILES)
            )
        return SimulationSummary(
            scenario=self.scenario.name,
            runs=len(self.results),
            seed=self.seed,
            steps=self.scenario.steps,
            step_days=self.scenario.step_days,
            start=self.scenario.start,
            metrics=tuple(METRICS),
            run_ids=tuple(r.run_id for r in self.results),
            events=int(sum(len(r.events) for r in self.results)),
            event_runs=tuple(r.run_id for r in self.results if len(r.events)),
            final=final,
            bands=self._band_points(),
            yearly=self.yearly(),
            negotiations=tuple(
                NegotiationOutcome(
                    r.run_id, n.step, n.issue, n.outcome, len(n.parties), len(n.signatories)
                )
                for r in self.results
                for n in r.negotiations
            ),
        )

    def _band_points(self) -> dict[str, tuple[BandPoint, ...]]:
        """`bands()` per metric as `BandPoint`s."""
        bands = self.bands()
        return {
            metric: tuple(
                BandPoint(int(r["step"]), r["date"], *astuple(Quantiles.of(r)))
                for r in bands[bands.metric == metric].to_dict(orient="records")
            )
            for metric in METRICS
        }

    def plot(self, path: str | Path, metrics: Sequence[str] = METRICS) -> Path:
        """Quantile bands of the metrics over time, one panel each (PNG, Agg backend)."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        bands = self.bands()
        cols = 2
        rows = (len(metrics) + 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(11, 2.6 * rows), squeeze=False)
        for ax, metric in zip(axes.ravel(), metrics, strict=False):
            b = bands[bands.metric == metric]
            ax.fill_between(b.step, b.q05, b.q95, alpha=0.2, label="5-95%")
            ax.fill_between(b.step, b.q25, b.q75, alpha=0.4, label="25-75%")
            ax.plot(b.step, b.q50, lw=1.5, label="median")
            ax.set_title(metric.replace("_", " "))
            ax.set_xlabel(f"step ({self.scenario.step_days} days)")
            label, low, high = PANELS.get(metric, ("", None, None))
            ax.set_ylabel(label, fontsize=8)
            # a fixed scale or a zero floor: a band of 0.0597-0.0602 drawn across the whole
            # panel made noise look like change
            ax.set_ylim(bottom=low, top=high)
        for ax in axes.ravel()[len(metrics) :]:
            ax.axis("off")
        axes[0, 0].legend(fontsize=7)
        fig.suptitle(f"{self.scenario.name}: {len(self.results)} runs, seed {self.seed}")
        fig.tight_layout()
        out = Path(path)
        fig.savefig(out, dpi=110)
        plt.close(fig)
        return out

    def write(self, directory: str | Path) -> list[Path]:
        """Write metrics.csv, bands.csv, ties.csv, negotiations.json, summary.json and
        bands.png into `directory`."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        self.metrics_frame().to_csv(out / "metrics.csv", index=False)
        self.bands().to_csv(out / "bands.csv", index=False)
        ties = pd.DataFrame(
            [
                {
                    "run_id": r.run_id,
                    "step": t.step,
                    "date": self.scenario.date_of(t.step),
                    "kind": t.kind,
                    "a": t.a,
                    "b": t.b,
                    "change": t.change,
                    "detail": t.detail,
                }
                for r in self.results
                for t in r.ties
            ],
            columns=["run_id", "step", "date", "kind", "a", "b", "change", "detail"],
        )
        ties.to_csv(out / "ties.csv", index=False)
        talks = [
            {"run_id": r.run_id, **{k: getattr(n, k) for k in n.__dataclass_fields__}}
            for r in self.results
            for n in r.negotiations
        ]
        (out / "negotiations.json").write_text(json.dumps(talks, indent=1), encoding="utf-8")
        summary = json.dumps(self.summary().as_dict(), indent=1)
        (out / "summary.json").write_text(summary, encoding="utf-8")
        files = [
            out / n
            for n in ("metrics.csv", "bands.csv", "ties.csv", "negotiations.json", "summary.json")
        ]
        files.append(self.plot(out / "bands.png"))
        return files


def simulate(
    scenario: SimulationScenario,
    *,
    runs: int | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    store: Store | None = None,
    world: World | None = None,
    events: str | None = None,
    prepared: Prepared | None = None,
    on_result: Callable[[RunResult], None] | None = None,
) -> Ensemble:
    """Run an ensemble of `runs` runs (default: the scenario's) from master `seed`.

    `events` (`all`, `first` or `none`; default the scenario's `output.events`) says which
    runs keep their events; with a `store`, every run is written to it as it finishes (events
    of the runs that keep them), all in one transaction committed after the last
    (`store_io.writing_runs`: an ensemble stopped part way, by an error, Ctrl-C or a kill,
    stores no run). `on_result` is called as each run finishes (progress bars). Runs and seed
    are checked against `accord.simulation.limits` before anything runs.
    """
    n_runs = runs if runs is not None else scenario.runs
    master = seed if seed is not None else scenario.seed
    problems = check_ensemble(
        steps=scenario.steps, runs=n_runs, seed=master, step_days=scenario.step_days
    )
    if problems:
        raise InputError(problems)
    keep = events or scenario.events_output
    ready = prepared if prepared is not None else prepare(scenario, world, store)
    specs = [
        RunSpec(r, master, keep == "all" or (keep == "first" and r == 0)) for r in range(n_runs)
    ]
    engine = executor if executor is not None else LocalExecutor(1)
    results: list[RunResult] = []
    with writing_runs(store, scenario) if store is not None else nullcontext(None) as write:
        for result in engine.runs(ready, specs):
            if write is not None:
                write(result)
            results.append(result)
            if on_result is not None:
                on_result(result)
    results.sort(key=lambda r: r.run)
    return Ensemble(scenario, master, results)
