"""Protocols and strategies: the shared contract, analytic results and properties."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.bargaining.protocols import LinearUtility, Mediator, alternating_offers, single_text
from accord.bargaining.protocols.scenario import read_scenario
from accord.bargaining.strategies import (
    Boulware,
    Conceder,
    Context,
    Linear,
    Rubinstein,
    Strategy,
    TitForTat,
    Zeuthen,
    make_strategy,
    rubinstein_share,
    strategy_names,
)
from accord.errors import InputError


def pie(
    d1: float = 1.0, d2: float = 1.0, rv1: float = 0.0, rv2: float = 0.0
) -> list[LinearUtility]:
    """Split a unit pie: A wants share 1, B wants share 0."""
    return [
        LinearUtility((1.0,), (0.0,), (1.0,), reservation=rv1, discount=d1),
        LinearUtility((0.0,), (0.0,), (1.0,), reservation=rv2, discount=d2),
    ]


# -- the contract every strategy passes -------------------------------------------------
ALL = [Boulware, Linear, Conceder, TitForTat, Zeuthen, Rubinstein]


@pytest.mark.parametrize("cls", ALL, ids=[c.name for c in ALL])
class TestContract:
    def test_metadata(self, cls: type[Strategy]) -> None:
        assert cls.name and cls.reference
        assert isinstance(cls.classifier, dict)

    def test_reproducible_with_seed(self, cls: type[Strategy]) -> None:
        a = alternating_offers(pie(0.95, 0.95), [cls(), cls()], 300, seed=5)
        b = alternating_offers(pie(0.95, 0.95), [cls(), cls()], 300, seed=5)
        assert a == b

    def test_clone_plays_the_same(self, cls: type[Strategy]) -> None:
        one, two = cls(), cls()
        first = alternating_offers(pie(0.9, 0.9), [one, two], 200, seed=1)
        again = alternating_offers(pie(0.9, 0.9), [one.clone(), two.clone()], 200, seed=1)
        assert first == again
        assert type(one.clone()) is cls

    def test_reset_clears_state(self, cls: type[Strategy]) -> None:
        one, two = cls(), cls()
        first = alternating_offers(pie(), [one, two], 200, seed=2)
        second = alternating_offers(pie(), [one, two], 200, seed=2)  # same objects, reset
        assert first == second

    def test_agreement_is_individually_rational(self, cls: type[Strategy]) -> None:
        utils = pie(rv1=0.3, rv2=0.3)
        res = alternating_offers(utils, [cls(), cls()], 500, seed=0)
        if res.agreement is not None:
            assert all(u(res.agreement) >= u.reservation - 1e-9 for u in utils)


# -- analytic results --------------------------------------------------------------------
def test_registry_covers_every_strategy() -> None:
    assert sorted(strategy_names()) == sorted(c.name for c in ALL)


def _finite_share(steps: int, discounts: tuple[float, float]) -> float:
    """The first proposer's share of a unit pie when the game ends after `steps` offers with
    nothing for either (Stahl 1972): the last proposer takes everything, and each earlier
    proposer leaves the responder what the responder would get by proposing next, discounted."""
    share = 1.0
    for left in range(2, steps + 1):
        responder = 1 - (steps - left) % 2
        share = 1.0 - discounts[responder] * share
    return share


def test_rubinstein_first_proposer_share() -> None:
    res = alternating_offers(pie(0.9, 0.9), [Rubinstein(), Rubinstein()], 50)
    assert res.step == 0
    assert res.agreement is not None
    # 50 offers: (1 - 0.9**50) / 1.9 = 0.52360, the infinite game's 0.52632 less 0.9**50 / 1.9
    assert (
        res.agreement[0]
        == pytest.approx(_finite_share(50, (0.9, 0.9)))
        == pytest.approx((1 - 0.9**50) / 1.9)
    )
    long = alternating_offers(pie(0.9, 0.9), [Rubinstein(), Rubinstein()], 200)
    assert long.agreement is not None
    assert long.agreement[0] == pytest.approx(0.5263, abs=1e-4)
    assert rubinstein_share(0.9, 0.9) == pytest.approx((1 - 0.9) / (1 - 0.81))


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.8), (0.5, 0.95), (0.99, 0.99)])
def test_rubinstein_asymmetric(d1: float, d2: float) -> None:
    res = alternating_offers(pie(d1, d2), [Rubinstein(), Rubinstein()], 10)
    assert res.agreement is not None
    assert res.agreement[0] == pytest.approx(_finite_share(10, (d1, d2)))
    far = alternating_offers(pie(d1, d2), [Rubinstein(), Rubinstein()], 4000)
    assert far.agreement is not None
    assert far.agreement[0] == pytest.approx((1 - d2) / (1 - d1 * d2), abs=1e-6)


@pytest.mark.parametrize(("steps", "share"), [(1, 1.0), (2, 0.2), (3, 0.92), (4, 0.344)])
def test_rubinstein_plays_the_deadline(steps: int, share: float) -> None:
    # it played the infinite game's 0.714 whatever the deadline (discounts 0.9 / 0.8)
    res = alternating_offers(pie(0.9, 0.8), [Rubinstein(), Rubinstein()], steps)
    assert (res.step, res.agreement) == (0, pytest.approx((share,)))
    assert _finite_share(steps, (0.9, 0.8)) == pytest.approx(share)


def test_rubinstein_takes_reservation_values_into_account() -> None:
    # A's reservation 0.7 (what A gets when the deadline passes, not discounted): it rejected
    # everything and no deal was made in 100 steps (A 0.7, B 0). Backward induction: a deal is
    # worth 0.7 to A only at step 3 or before (0.9**3 = 0.729), so at step 3 B gives A
    # 0.7 / 0.729, keeping 0.0397 (0.0289 discounted); at step 2 A keeps 1 - 0.0289 / 0.81 of
    # the pie (0.7811 discounted); at step 1 B must give A 0.7811 / 0.9; at step 0 A keeps
    # 1 - 0.9 * (1 - 0.7811 / 0.9) = 0.881.
    res = alternating_offers(pie(0.9, 0.9, rv1=0.7), [Rubinstein(), Rubinstein()], 100)
    b3 = (1 - 0.7 / 0.9**3) * 0.9**3
    a2 = (1 - b3 / 0.81) * 0.81
    expected = 1 - 0.9 * (1 - a2 / 0.9)
    assert (res.step, res.agreement) == (0, pytest.approx((expected,)))
    assert expected == pytest.approx(0.881)
    # reservations summing to more than the pie: no deal, each keeps its own
    none = alternating_offers(pie(0.9, 0.9, rv1=0.7, rv2=0.5), [Rubinstein(), Rubinstein()], 9)
    assert (none.agreement, none.utilities) == (None, (0.7, 0.5))


def test_rubinstein_asked_out_of_turn_offers_its_own_next_offer() -> None:
    """Where every party proposes every step (an exercise's tables), B at A's step offered A's
    own equilibrium offer (the whole pie to A at a 2-step deadline, its ideal to A's)."""
    a, b = pie(0.9, 0.8)
    second = Rubinstein()
    second.reset(Context(1, b, (a,), 2, np.random.default_rng(0)))
    first = Rubinstein()
    first.reset(Context(0, a, (b,), 2, np.random.default_rng(0)))
    assert first.propose(0) == pytest.approx((0.2,))  # A's offer at step 0: 0.2 to itself
    assert second.propose(1) == pytest.approx((0.0,))  # B's at the last step: all to itself
    assert second.propose(0) == second.propose(1)
    assert first.propose(1) == first.propose(2) == a.ideal  # past the deadline: its ideal


@pytest.mark.parametrize("name", ["linear", "boulware", "conceder", "titfortat", "zeuthen"])
def test_symmetric_linear_bilateral_agrees_at_the_midpoint(name: str) -> None:
    res = alternating_offers(pie(), [make_strategy(name), make_strategy(name)], 1000, seed=0)
    assert res.agreement is not None
    assert res.agreement[0] == pytest.approx(0.5, abs=0.01)


def test_multilateral_time_based_agreement() -> None:
    utils = [
        LinearUtility((0.0, 0.0), (0, 0), (1, 1)),
        LinearUtility((1.0, 0.0), (0, 0), (1, 1)),
        LinearUtility((0.5, 1.0), (0, 0), (1, 1)),
    ]
    res = alternating_offers(utils, [Linear(), Linear(), Linear()], 600, seed=0)
    assert res.agreement is not None
    assert len(res.trace) == res.step + 1


def test_bilateral_only_strategies_refuse_three_parties() -> None:
    utils = [LinearUtility((float(k) / 2,), (0.0,), (1.0,)) for k in range(3)]
    with pytest.raises(InputError):
        alternating_offers(utils, [Rubinstein(), Rubinstein(), Rubinstein()], 10)


def test_no_agreement_gives_reservation_values() -> None:
    utils = pie(rv1=0.8, rv2=0.8)
    res = alternating_offers(utils, [Linear(), Linear()], 100)
    assert res.agreement is None
    assert res.utilities == (0.8, 0.8)


def test_discounting_applies_per_step() -> None:
    res = alternating_offers(pie(0.9, 0.9), [Linear(), Linear()], 11)
    assert res.agreement is not None and res.step is not None
    assert res.utilities[0] == pytest.approx(res.agreement[0] * 0.9**res.step)


# -- mediated single text ------------------------------------------------------------------
def two_issue_parties() -> list[LinearUtility]:
    return [
        LinearUtility((100.0, 100.0), (0, 0), (100, 100), (3, 1), reservation=0.2),
        LinearUtility((0.0, 100.0), (0, 0), (100, 100), (1, 3), reservation=0.2),
    ]


def test_mediation_never_makes_a_party_worse() -> None:
    utils = two_issue_parties()
    start = (50.0, 0.0)
    res = single_text(utils, Mediator(iterations=300), start=start, seed=4)
    assert res.agreement is not None
    for u in utils:
        assert u(res.agreement) >= u(start) - 1e-12
    assert res.agreement[1] > 50  # both gain from volume: the text climbs


def test_mediator_bias_favours_its_party() -> None:
    utils = two_issue_parties()
    neutral = single_text(utils, Mediator(bias=0.0), start=(50.0, 0.0), seed=1)
    biased = single_text(utils, Mediator(bias=0.8, favour=0), start=(50.0, 0.0), seed=1)
    assert neutral.agreement is not None and biased.agreement is not None
    assert utils[0](biased.agreement) >= utils[0](neutral.agreement) - 0.02


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(strategy_names()),
    st.sampled_from(strategy_names()),
    st.floats(0.0, 0.6),
    st.floats(0.0, 0.6),
    st.floats(0.5, 1.0),
    st.integers(0, 2**16),
)
def test_agreements_are_individually_rational(
    s1: str, s2: str, rv1: float, rv2: float, disc: float, seed: int
) -> None:
    utils = pie(disc, disc, rv1, rv2)
    res = alternating_offers(utils, [make_strategy(s1), make_strategy(s2)], 120, seed=seed)
    if res.agreement is not None:
        for u in utils:
            assert u(res.agreement) >= u.reservation - 1e-9


# -- Zeuthen against the Nash bargaining solution (Harsanyi 1956) ------------------------------
# Zeuthen's process with Harsanyi's risk limits ends at the Nash point to within one concession
# step: each agent's final demand is one `step_size` (in its own utility) from where the risk
# limits cross, so the agreement is within `step_size` of the Nash point in each party's utility.
STEPS = [0.01, 0.001]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize(
    ("d_a", "d_b"), [(0.0, 0.0), (0.4, 0.0), (0.0, 0.3), (0.2, 0.5), (0.6, 0.3), (0.9, 0.05)]
)
def test_zeuthen_one_issue_lands_on_the_nash_point(d_a: float, d_b: float, step: float) -> None:
    """u_A = x, u_B = 1 - x, reservations d_A, d_B: Nash at x* = (1 + d_A - d_B) / 2."""
    res = alternating_offers(pie(rv1=d_a, rv2=d_b), [Zeuthen(step), Zeuthen(step)], 20_000)
    assert res.agreement is not None
    assert abs(res.agreement[0] - (1 + d_a - d_b) / 2) <= step + 1e-12


def test_zeuthen_with_a_reservation_matches_accords_nash_point() -> None:
    """The issue's case: A's reservation 0.4 moves the agreement from 0.5 to 0.7."""
    from accord.bargaining.protocols.scenario import NegotiationScenario, analyse

    utils = tuple(pie(rv1=0.4))
    scenario = NegotiationScenario(
        ("share",), ("A", "B"), utils, (Zeuthen(), Zeuthen()), steps=1000
    )
    res = scenario.run()
    judged = analyse(scenario, res)
    assert res.agreement is not None and judged.nash_outcome is not None
    assert judged.nash_outcome[0] == pytest.approx(0.7)
    assert res.agreement[0] == pytest.approx(0.7, abs=0.01)
    assert judged.distance_to_nash is not None and judged.distance_to_nash <= 0.01 * 2**0.5


def logroll(d_a: float, d_b: float) -> list[LinearUtility]:
    """Two issues on [0, 1]: A wants (1, 1) and cares 3:1, B wants (0, 0) and cares 1:3.

    On the Pareto frontier A first gives up issue 2 (it costs A 1/4 a unit, gives B 3/4),
    then issue 1, so the utility frontier is concave with a kink at (3/4, 3/4):
    u_B = 3 (1 - u_A) for u_A in [3/4, 1] and u_B = 1 - u_A / 3 for u_A in [0, 3/4].
    """
    return [
        LinearUtility((1.0, 1.0), (0, 0), (1, 1), (3, 1), reservation=d_a),
        LinearUtility((0.0, 0.0), (0, 0), (1, 1), (1, 3), reservation=d_b),
    ]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize(
    ("d_a", "d_b", "nash"),
    [
        # d = 0: u_A u_B grows along both segments towards the kink: (3/4, 3/4), x = (1, 0).
        (0.0, 0.0, (0.75, 0.75)),
        # d_A = 0.6: max (u_A - 0.6) 3 (1 - u_A) at u_A = 0.8, u_B = 0.6, x = (1, 0.2).
        (0.6, 0.0, (0.8, 0.6)),
        # d_A = 0.8, d_B = 0.1: max (u_A - 0.8)(2.9 - 3 u_A) at u_A = 5.3 / 6, u_B = 0.35.
        (0.8, 0.1, (5.3 / 6, 0.35)),
        # d_B = 0.6 (mirror): max u_A (0.4 - u_A / 3) at u_A = 0.6, u_B = 0.8, x = (0.8, 0).
        (0.0, 0.6, (0.6, 0.8)),
    ],
)
def test_zeuthen_on_a_kinked_frontier_lands_on_the_nash_point(
    d_a: float, d_b: float, nash: tuple[float, float], step: float
) -> None:
    utils = logroll(d_a, d_b)
    res = alternating_offers(utils, [Zeuthen(step), Zeuthen(step)], 20_000)
    assert res.agreement is not None
    for u, star in zip(utils, nash, strict=True):
        assert abs(u(res.agreement) - star) <= step + 1e-12


def test_risk_limit_is_measured_on_the_gain_over_disagreement() -> None:
    from accord.bargaining.strategies import risk_limit

    assert risk_limit(0.8, 0.5, 0.4) == pytest.approx(0.75)  # loses 0.3 of a 0.4 gain
    assert risk_limit(0.8, 0.5, 0.0) == pytest.approx(0.375)  # Zeuthen's form when d = 0
    assert risk_limit(0.4, 0.3, 0.4) == float("inf")  # at its reservation: cannot concede


def test_efficient_offer_concedes_the_cheapest_issue_first() -> None:
    from accord.bargaining.strategies import efficient_offer

    a, b = logroll(0.0, 0.0)
    assert efficient_offer(a, b, 0.9) == pytest.approx((1.0, 0.6))
    assert efficient_offer(a, b, 0.5) == pytest.approx((2 / 3, 0.0))
    assert efficient_offer(a, b, -1.0) == pytest.approx((0.0, 0.0))  # B's ideal at most


def test_an_inefficient_agreement_leaves_utility_on_the_table() -> None:
    """Logrolling: (0.5, 0.5) gives each side 0.5; the frontier point (1, 0) gives A 0.75 and
    B 0.75 (A keeps issue 1, B issue 2); nearer ones that are better for both exist too."""
    from accord.bargaining.protocols.alternating import NegotiationResult
    from accord.bargaining.protocols.scenario import NegotiationScenario, analyse, frontier_gap

    utils = tuple(logroll(0.0, 0.0))
    scenario = NegotiationScenario(("x", "y"), ("A", "B"), utils, (Zeuthen(), Zeuthen()), steps=10)
    judged = analyse(scenario, NegotiationResult((0.5, 0.5), 0, (0.5, 0.5), ()), points=21)
    # the nearest frontier point better for both lies on u_B = 1 - u_A / 3 at (0.6, 0.8),
    # sqrt(0.1) = 0.316 away; the grid's frontier points can only be as near or farther
    gap = judged.distance_to_frontier
    assert gap is not None and 0.1**0.5 - 1e-9 <= gap < 0.1**0.5 + 0.03
    efficient = NegotiationResult((1.0, 0.0), 0, (0.75, 0.75), ())
    assert analyse(scenario, efficient, points=21).distance_to_frontier == 0.0
    front = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert frontier_gap(front, np.array([0.5, 0.5])) == 0.0  # nothing better for both
    assert frontier_gap(front, np.array([0.0, 0.5])) == pytest.approx(0.5)


def _scenario_errors(tmp_path: object, text: str) -> list[tuple[int | None, str | None, str]]:
    from pathlib import Path

    from accord.bargaining.protocols.scenario import read_scenario

    path = Path(str(tmp_path)) / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_scenario(path)
    return [(p.line, p.field, p.message) for p in err.value.problems]


_NEGOTIATION = """\
protocol: alternating
stepz: 40
issues:
  - {name: price, low: 0, high: 100}
  - {name: venue, options: [Geneva, Vienna]}
parties:
  - {name: A, ideal: {price: 100, venue: 1}, wieghts: {price: 3}}
  - {name: A, ideal: {price: 0, venue: 0}}
"""


def test_a_negotiation_names_unknown_keys_and_repeated_parties(tmp_path: object) -> None:
    # each was ignored: 100 steps, every weight 1, a [0, 1] venue, one party reported
    found = _scenario_errors(tmp_path, _NEGOTIATION)
    assert [(line, field) for line, field, _ in found] == [
        (2, "stepz"),
        (5, "venue.options"),
        (7, "A.wieghts"),
        (6, "A"),
    ]
    messages = [message for _, _, message in found]
    assert messages[0] == "unknown key 'stepz' (did you mean 'steps'?)"
    assert "options are for cases" in messages[1]
    assert messages[2] == "unknown key 'wieghts' (did you mean 'weights'?)"
    assert messages[3] == "party 'A' appears twice"


@pytest.mark.parametrize("strategy", ["zeuthen", "rubinstein"])
def test_a_bilateral_strategy_among_three_is_named_at_its_party(
    tmp_path: Path, strategy: str
) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(
        "protocol: alternating\n"
        "issues:\n  - {name: x, low: 0, high: 10}\n"
        "parties:\n"
        "  - {name: A, ideal: {x: 0}}\n"
        "  - {name: B, ideal: {x: 10}}\n"
        f"  - {{name: C, ideal: {{x: 5}}, strategy: {strategy}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        read_scenario(path)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 7, "C.strategy")
    assert "bilateral" in problem.message and "has 3" in problem.message


def test_an_issue_whose_high_is_below_its_low_is_named(tmp_path: Path) -> None:
    path = tmp_path / "reversed.yaml"
    path.write_text(
        "issues:\n  - {name: x, low: 1, high: 0}\n"
        "parties:\n  - {name: A, ideal: {x: 1}}\n  - {name: B, ideal: {x: 0}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        read_scenario(path)
    (problem,) = raised.value.problems
    assert (problem.line, problem.field) == (2, "x.high")
    assert problem.message == "high (0) is below low (1)"
