"""The no-shock baseline against the post-Cold-War base rates of wars and MIDs, plausible
dyads, stationarity after the burn-in, UN regimes counted once, no self-ties."""

from __future__ import annotations

import csv
from dataclasses import replace
from functools import cache
from importlib import resources

import numpy as np
import pytest

from accord.simulation import Ensemble, simulate
from tests.simulation.conftest import ensemble, prepared

#: Pairs the earlier rules made fight in calm worlds (issue 13).
IMPLAUSIBLE = (("TWN", "CHE"), ("IND", "LBY"), ("SWE", "PSE"), ("FRA", "RUS"))


def base_rates() -> dict[str, list[int]]:
    """Yearly MID onsets 1991-2014 (MID 5.0) and COW war onsets 1991-2007 (shipped data)."""
    text = resources.files("accord.simulation").joinpath("data", "base_rates.csv")
    rows = list(csv.DictReader(text.read_text("utf-8").splitlines()))
    return {
        "mid": [int(r["mid_onsets"]) for r in rows],
        "war": [int(r["war_onsets"]) for r in rows if r["war_onsets"]],
    }


@cache
def baseline(runs: int, steps: int) -> Ensemble:
    ready = prepared("baseline")
    scenario = replace(ready.scenario, steps=steps)
    return simulate(scenario, runs=runs, events="none", prepared=replace(ready, scenario=scenario))


def test_the_reference_figures_are_the_published_counts() -> None:
    rates = base_rates()
    assert len(rates["mid"]) == 24 and sum(rates["mid"]) == 700
    assert (min(rates["mid"]), float(np.median(rates["mid"])), max(rates["mid"])) == (19, 30.5, 39)
    assert len(rates["war"]) == 17 and sum(rates["war"]) == 8


def _check_bands(found: Ensemble) -> None:
    rates = base_rates()
    mids, wars = found.onsets("mid"), found.onsets("war")
    for median in np.median(mids, axis=0):
        assert min(rates["mid"]) <= median <= max(rates["mid"])
    for median in np.median(wars, axis=0):
        assert min(rates["war"]) <= median <= max(rates["war"])
    # the mean war rate within a factor of three of the observed 0.47 a year
    assert np.mean(rates["war"]) / 3 <= wars.mean() <= np.mean(rates["war"]) * 3


@pytest.mark.slow  # 128 runs of two years: 23 s
def test_yearly_onsets_fall_within_the_post_cold_war_base_rates() -> None:
    # 128 runs x 2 years: wars are rare (0.47 a year observed), so the mean rate needs many
    # run-years. 8 runs (16 run-years) held too few (2 wars after the world grew in December
    # 2026, against 0.34 a year over 64 run-years and 0.35 over 300); 32 runs (64 run-years,
    # standard error about 0.06) put the band's floor (0.157) only about 1.3 errors under the
    # model's rate, 0.235 over 400 run-years on the world of the eleventh data pass, and a
    # data change failed it by chance (10 wars, 0.156); 256 run-years put it 2.5 errors under
    found = baseline(128, 104)
    _check_bands(found)
    summary = found.summary().as_dict()["yearly"]
    assert summary["steps_per_year"] == 52
    assert len(summary["mid_onsets"]["median"]) == 2


@pytest.mark.slow
def test_yearly_onsets_of_a_large_ensemble_fall_within_the_base_rates() -> None:
    _check_bands(baseline(128, 156))  # 384 run-years (see the test above)


def test_no_war_or_dispute_between_states_that_cannot_reach_each_other() -> None:
    found = baseline(8, 104)
    state = prepared("baseline").state
    idx = state.index
    for a, b in IMPLAUSIBLE[:3]:
        assert not state.reach[idx[a], idx[b]] and not state.reach[idx[b], idx[a]]
    wars = [t for r in found.results for t in r.ties if t.kind == "war" and t.change == "start"]
    disputes = [t for r in found.results for t in r.ties if t.kind == "dispute"]
    assert disputes and all(state.reach[idx[t.a], idx[t.b]] for t in wars)
    for t in wars + disputes:
        assert state.reach[idx[t.a], idx[t.b]] or state.reach[idx[t.b], idx[t.a]]
    pairs = {frozenset((t.a, t.b)) for t in wars}
    assert not pairs & {frozenset(p) for p in IMPLAUSIBLE}
    dispute_pairs = {frozenset((t.a, t.b)) for t in disputes}
    assert not dispute_pairs & {frozenset(p) for p in IMPLAUSIBLE[:3]}


def test_crises_and_polarisation_are_stationary_after_the_burn_in() -> None:
    found = baseline(8, 104)
    polarisation = found.stack("polarisation").mean(axis=0)
    assert np.ptp(polarisation) < 0.002  # the relations were burnt in before step 0
    crises = found.stack("active_crises").mean(axis=0)
    first, second = crises[52:78].mean(), crises[78:104].mean()
    assert 1.0 <= first <= 6.0 and 1.0 <= second <= 6.0
    assert abs(first - second) <= 1.5
    assert crises[-1] < 8  # the earlier rules reached 23 within a year


def test_a_un_regime_counts_once() -> None:
    state = prepared("baseline").state
    prk = state.index["PRK"]
    # UN regimes in force on 2024-01-01 (world data): arms embargoes and sanctions
    under = [state.codes[i] for i in np.flatnonzero(state.regimes)]
    assert under == ["CAF", "LBY", "PRK", "SDN", "SSD"] and state.regimes[prk]
    assert state.sanction[:, prk].sum() < 60  # the US, EU members and others, not all of the UN
    sanctions = baseline(8, 104).stack("sanctions")[:, 0]
    assert np.all(sanctions == state.sanction.sum() + 5) and sanctions[0] < 300


def test_no_state_has_a_tie_with_itself() -> None:
    found = ensemble("climate-round", 2)
    ties = [t for r in found.results for t in r.ties]
    assert any(t.kind == "treaty" for t in ties)
    assert all(t.a != t.b for t in ties)


def test_morris_screening_ranks_the_intercept_first_for_mid_onsets() -> None:
    from accord.simulation.sensitivity import morris

    ready = prepared("baseline")
    short = replace(ready, scenario=replace(ready.scenario, steps=26))
    params = (("dyads", "intercept", -6.0, -4.6), ("crises", "war_end_rate", 0.01, 0.06))
    found = morris(short, parameters=params, trajectories=2, runs=2)
    assert found.evaluations == 2 * 3
    ranking = found.ranking("mid_onsets")
    assert [e.parameter for e in ranking] == ["intercept", "war_end_rate"]
    # raising the intercept by its range multiplies MID onsets by about e^1.4 = 4 (half a year)
    assert ranking[0].mu > 8 and ranking[0].mu_star == pytest.approx(ranking[0].mu)
    assert found.as_dict()["effects"][0]["rule"] == "dyads"
