"""Published and analytic values the models must reproduce (the issue's "Done when")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.bargaining.models import (
    CompromiseModel,
    ExchangeModel,
    ExpectedUtilityModel,
    MedianModel,
)
from accord.bargaining.models.exchange import candidates
from accord.bargaining.readers import read_case

# Scholz, Calbert & Smith (2011), Table 2: rounds 1-8 of the EU emissions case, Q = 1.
TABLE2_MEDIANS = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
TABLE2_MEANS = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]


def test_bdm1994_compromise_and_median(shared: Path) -> None:
    case = read_case(shared / "bdm1994-eu-emissions.csv")
    assert CompromiseModel().forecast(case).issues[0].forecast == pytest.approx(7.39, abs=0.005)
    assert MedianModel().forecast(case).issues[0].forecast == 7.0


def test_scholz_table2_rounds(shared: Path) -> None:
    case = read_case(shared / "bdm1994-eu-emissions.csv")
    rounds = ExpectedUtilityModel(rounds=8, q=1.0).forecast(case).issues[0].rounds
    got = np.array([[r.median for r in rounds], [r.mean for r in rounds]])
    want = np.array([TABLE2_MEDIANS, TABLE2_MEANS])
    dev = np.abs(got - want)
    assert dev.mean() <= 0.1
    assert dev.max() <= 0.3
    # The documented deviation: round 2's median is 9.61 here, 9.9 in the table.
    assert got[0, 1] == pytest.approx(9.611, abs=0.01)


def test_scholz_round1_moves(shared: Path) -> None:
    case = read_case(shared / "bdm1994-eu-emissions.csv")
    first = ExpectedUtilityModel(rounds=1).forecast(case).issues[0].rounds[0]
    kinds = {(m.actor, m.kind, m.toward) for m in first.moves}
    assert kinds == {
        ("Belgium", "compromise", "France"),
        ("Luxembourg", "challenge", "Belgium"),
        ("Ireland", "challenge", "Luxembourg"),
    }


def test_decide_first_two_exchanges(shared: Path) -> None:
    case = read_case(shared / "decide-sample_data.txt")
    model = ExchangeModel(rounds=1)
    exchanges = model.forecast(case).exchanges
    assert exchanges[0].gain == pytest.approx(1.973684, abs=1e-6)
    assert exchanges[1].gain == pytest.approx(1.792636, abs=1e-6)
    assert (exchanges[0].demander, exchanges[0].supplier) == ("Willems", "Wcentr")


def test_decide_first_phase_has_240_actor_issue_pairs(shared: Path) -> None:
    case = read_case(shared / "decide-sample_data.txt")
    x, s, c = case.positions(), case.saliences(), case.capabilities()
    w = c * s
    left = x < (w * x).sum(axis=0) / w.sum(axis=0)
    # decide's own test counts 240 opposite-side actor pairs over the 15 issue pairs.
    pairs = sum(
        int(left[i, p] != left[j, p] and left[i, q] != left[j, q])
        for p in range(6)
        for q in range(p + 1, 6)
        for i in range(10)
        for j in range(i + 1, 10)
    )
    assert pairs == 240
    # Ten pairs value the two issues in the same ratio, so an equal-gain exchange gains nothing.
    assert len(candidates(x, s, w, left)) == 230
