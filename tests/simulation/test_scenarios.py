"""Each shipped scenario runs, with specific assertions about what its shocks do."""

from __future__ import annotations

import numpy as np

from accord.simulation import simulate
from accord.simulation.actions import ACTIONS, INDEX
from accord.simulation.results import RunResult
from tests.simulation.conftest import ensemble, prepared, scenario_of

COOPERATIVE = np.array([int(a.cameo[:2]) <= 9 for a in ACTIONS])


def _cooperation(results: list[RunResult], senders: list[str], target: str, after: int) -> float:
    """Share of cooperative events among the senders' events toward the target after a step."""
    shares = []
    for r in results:
        idx = {c: i for i, c in enumerate(r.codes)}
        ev = r.events
        mask = np.isin(ev.source, [idx[s] for s in senders]) & (ev.target == idx[target])
        mask &= ev.step > after
        shares.append(COOPERATIVE[ev.action[mask]].mean())
    return float(np.mean(shares))


def test_sanctions_lower_senders_cooperation_with_target() -> None:
    senders = ["USA", "CAN", "GBR", "JPN", "AUS", "DEU", "FRA"]
    with_sanctions = ensemble("sanctions-coalition", 4)
    without = ensemble("sanctions-coalition", 4, "sanctions")
    assert _cooperation(with_sanctions.results, senders, "VEN", 8) < (
        _cooperation(without.results, senders, "VEN", 8) - 0.05
    )
    # the named senders not already sanctioning Venezuela in the world of 2024-01-01 start at
    # week 8 (the United States and the EU already do: regimes US-VEN and EU-VEN)
    ties = with_sanctions.results[0].ties
    started = {t.a for t in ties if t.kind == "sanction" and t.b == "VEN" and t.step == 8}
    # (other states may join the coalition on their own the same week: the coalition rule)
    assert {"CAN", "GBR", "JPN", "AUS"} <= started
    assert not {"USA", "DEU", "FRA"} & started
    events = with_sanctions.results[0].events
    ven = with_sanctions.results[0].codes.index("VEN")
    sanction_events = (events.action == INDEX["sanction"]) & (events.target == ven)
    assert sanction_events[events.step == 8].sum() >= 5


def test_invasion_starts_a_war_and_the_aggressor_is_isolated() -> None:
    runs = ensemble("sanctions-coalition", 4)
    for r in runs.results:
        wars = [t for t in r.ties if t.kind == "war" and t.change == "start"]
        # the invasion at week 6 (or an earlier escalation of the week-2 incident) means war
        assert any({t.a, t.b} == {"VEN", "GUY"} and t.step <= 6 for t in wars)
    assert runs.stack("wars")[:, 6].min() >= 1


def test_attack_on_nato_member_draws_in_its_allies() -> None:
    sc = scenario_of(
        "name: baltic\nsteps: 20\nseed: 5\nshocks:\n"
        "  - {step: 2, kind: invasion, attacker: RUS, target: EST}\n"
    )
    result = simulate(sc, runs=2, events="all")
    nato = {"USA", "GBR", "DEU", "FRA", "POL", "CAN", "ITA", "LVA", "LTU", "NOR"}
    for r in result.results:
        joined = {t.a for t in r.ties if t.kind == "defence" and t.b == "RUS"}
        assert len(joined & nato) >= 8
        assert not joined & {"BRA", "IND", "CHN", "ZAF", "IDN"}
        idx = {c: i for i, c in enumerate(r.codes)}
        ev = r.events
        mobilised = {
            r.codes[s]
            for s in np.unique(
                ev.source[(ev.action == INDEX["mobilise"]) & (ev.target == idx["RUS"])]
            )
        }
        assert len(mobilised & nato) >= 8


def test_south_china_sea_brings_in_the_united_states() -> None:
    runs = ensemble("south-china-sea", 4)
    ready = prepared("south-china-sea")
    usa, chn, bra = (ready.state.index[c] for c in ("USA", "CHN", "BRA"))
    defended = 0
    for r in runs.results:
        defended += any(t.kind == "defence" and (t.a, t.b) == ("USA", "CHN") for t in r.ties)
        ev = r.events
        after = ev.step >= 10
        hostile_us = np.isin(
            ev.action[(ev.source == usa) & (ev.target == chn) & after],
            [INDEX["mobilise"], INDEX["coerce"], INDEX["threaten"]],
        ).sum()
        hostile_br = np.isin(
            ev.action[(ev.source == bra) & (ev.target == chn) & after],
            [INDEX["mobilise"], INDEX["coerce"], INDEX["threaten"]],
        ).sum()
        assert hostile_us > hostile_br
    assert defended >= 3
    # the mediation of Indonesia is on record as CAMEO 045 toward both parties at week 14
    ev = runs.results[0].events
    idn = ready.state.index["IDN"]
    at14 = (ev.step == 14) & (ev.source == idn) & (ev.action == INDEX["mediate"])
    assert {chn, ready.state.index["PHL"]} <= set(ev.target[at14].tolist())


def test_climate_round_is_settled_by_the_bargaining_model() -> None:
    runs = ensemble("climate-round", 2)
    first = runs.results[0].negotiations[0]
    assert (first.issue, first.step, first.host, first.model) == (
        "climate",
        10,
        "BRA",
        "compromise",
    )
    # the compromise model: capability x salience weighted mean of positions (0-100 scale)
    w = np.array(first.capability) * np.array(first.salience)
    expected = float(np.sum(w * np.array(first.position)) / np.sum(w))
    assert first.outcome == expected or abs(first.outcome - expected) < 1e-9
    assert min(first.position) < first.outcome < max(first.position)
    assert len(first.parties) >= 190
    assert 0 < len(first.signatories) < len(first.parties) + 1
    # signatories moved toward the outcome: at the second summit they sit closer to it
    second = runs.results[0].negotiations[2]
    assert second.issue == "climate"
    pos1 = dict(zip(first.parties, first.position, strict=True))
    pos2 = dict(zip(second.parties, second.position, strict=True))
    signed = first.signatories
    before = np.mean([abs(pos1[s] - first.outcome) for s in signed])
    after = np.mean([abs(pos2[s] - first.outcome) for s in signed])
    assert after < before / 1.5
    treaties = {t.detail for t in runs.results[0].ties if t.kind == "treaty"}
    assert {"SIM-CLIMATE-10", "SIM-TRADE-30", "SIM-CLIMATE-62"} <= treaties


def test_summits_raise_relations_among_signatories() -> None:
    with_summits = ensemble("climate-round", 2)
    without = ensemble("climate-round", 2, "summit")
    signed = with_summits.results[0].negotiations[0].signatories
    idx = [with_summits.results[0].codes.index(c) for c in signed]

    def mean_relation(results: list[RunResult]) -> float:
        return float(np.mean([r.final_relation[np.ix_(idx, idx)].mean() for r in results]))

    assert mean_relation(with_summits.results) > mean_relation(without.results) + 0.02


def test_pandemic_raises_aid() -> None:
    runs = ensemble("climate-round", 2)
    for r in runs.results:
        ev = r.events
        before = np.mean(ev.action[(ev.step >= 30) & (ev.step < 40)] == INDEX["aid"])
        after = np.mean(ev.action[(ev.step >= 40) & (ev.step < 50)] == INDEX["aid"])
        assert after > 1.5 * before
