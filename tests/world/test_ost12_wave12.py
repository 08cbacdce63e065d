"""Wave 12 rows (issue 14) for the Outer Space Treaty: the day before and the day of each
instrument added, and the recorded count against the published one (the list stays partial).
Sources: the rows' source text in treaty_parties/OST.csv (Mali: the Danish Foreign Ministry's
notice in Lovtidende C listing the states bound from 10 October 1967 into early 1969)."""

from __future__ import annotations

import pytest

from accord.world import Coverage, TreatyStatus, World, default_world
from tests.world.test_treaties import _status
from tests.world.test_treaties_complete import BOUND

P = TreatyStatus.PARTY


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, day before the deposit, day of deposit): in force for the state on deposit
#: (article XIV(4)); no signature, so no standing before.
OST_DEPOSITS: list[tuple[str, str, str]] = [
    # Mali acceded 1968-06-11 (not 1968-11-06, the compilation's day with day and month swapped).
    ("MLI", "1968-06-10", "1968-06-11"),
]


@pytest.mark.parametrize(("party", "before", "day"), OST_DEPOSITS)
def test_ost_accessions_take_effect_on_deposit(
    world: World, party: str, before: str, day: str
) -> None:
    assert _status(world, "OST", party, before) is None
    assert _status(world, "OST", party, day) == P


def test_mali_was_bound_before_the_swapped_day(world: World) -> None:
    # The compilation's 1968-11-06 would leave Mali unbound in the summer of 1968.
    assert _status(world, "OST", "MLI", "1968-08-01") == P
    assert _status(world, "OST", "MLI", "1968-11-05") == P


def test_ost_is_still_partial_after_wave_12(world: World) -> None:
    # 117 parties (UNODA, May 2025): 104 recorded, 13 not.
    assert world.treaty("OST").coverage is Coverage.PARTIAL
    standings = world.treaty_status("OST", "2025-05-31")
    assert sum(1 for s in standings if s.status in BOUND) == 104
