"""Protocols and strategies: the shared contract, analytic results and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.bargaining.protocols import LinearUtility, Mediator, alternating_offers, single_text
from accord.bargaining.strategies import (
    Boulware,
    Conceder,
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


def test_rubinstein_first_proposer_share() -> None:
    res = alternating_offers(pie(0.9, 0.9), [Rubinstein(), Rubinstein()], 50)
    assert res.step == 0
    assert res.agreement is not None
    assert res.agreement[0] == pytest.approx(0.5263, abs=1e-4)
    assert rubinstein_share(0.9, 0.9) == pytest.approx((1 - 0.9) / (1 - 0.81))


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.8), (0.5, 0.95), (0.99, 0.99)])
def test_rubinstein_asymmetric(d1: float, d2: float) -> None:
    res = alternating_offers(pie(d1, d2), [Rubinstein(), Rubinstein()], 10)
    assert res.agreement is not None
    assert res.agreement[0] == pytest.approx((1 - d2) / (1 - d1 * d2))


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
