"""Without shocks, the simulated system looks like the real one in aggregate."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from accord.simulation import Ensemble, parse_scenario, prepare, simulate
from accord.simulation.actions import ACTIONS


@lru_cache(maxsize=1)
def calm() -> Ensemble:
    sc = parse_scenario("name: calm\nsteps: 52\nseed: 11\nruns: 2\n")
    return simulate(sc, events="all")


def _gdelt_quad(cameo: str) -> int:
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _reference_shares(path: Path) -> dict[int, float]:
    counts = dict.fromkeys((1, 2, 3, 4), 0)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            counts[_gdelt_quad(row["CAMEO Code"])] += 1
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


def test_quad_class_shares_match_icews(shared_data: Path) -> None:
    reference = _reference_shares(shared_data / "icews" / "events.2018.sample.tab")
    actions = np.concatenate([r.events.action for r in calm().results])
    quads = np.array([_gdelt_quad(ACTIONS[a].cameo) for a in range(len(ACTIONS))])[actions]
    for k in (1, 2, 3, 4):
        simulated = float(np.mean(quads == k))
        assert abs(simulated - reference[k]) <= 0.10, (k, simulated, reference[k])


def test_allied_dyads_are_more_cooperative() -> None:
    ready = prepare(calm().scenario)
    ally = ready.state.ally
    gold = {a.cameo: None for a in ACTIONS}
    del gold
    coop_allied, coop_other = [], []
    for r in calm().results:
        ev = r.events
        quads = np.array([_gdelt_quad(ACTIONS[a].cameo) for a in range(len(ACTIONS))])[ev.action]
        cooperative = quads <= 2
        allied = ally[ev.source, ev.target]
        coop_allied.append(cooperative[allied].mean())
        coop_other.append(cooperative[~allied].mean())
    assert min(coop_allied) > max(coop_other) + 0.05


def test_calm_world_has_few_wars() -> None:
    wars = np.stack([r.metric("wars") for r in calm().results])
    assert wars.max() <= 10
    assert calm().results[0].metric("events").mean() == pytest.approx(1200, rel=0.25)
