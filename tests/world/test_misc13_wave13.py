"""Wave 13 rows (issue 14) for the Vienna Convention on Consular Relations, the Outer Space
Treaty, the Vienna Convention on Diplomatic Relations and the AIIB: the day before and the day
of each instrument added. Sources: the rows' source text in treaty_parties/VCCR.csv (and the
other files named in each test)."""

from __future__ import annotations

import pytest

from accord.world import Coverage, TreatyStatus, World, default_world
from tests.world.test_treaties import _status
from tests.world.test_treaties_complete import BOUND

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


def test_eswatini_acceded_to_the_vccr_in_2019(world: World) -> None:
    # In force for Eswatini 2019-04-07 (Verlag für Standesamtswesen); the deposit, 30 days
    # earlier under article 77(2), is 2019-03-08.
    assert _status(world, "VCCR", "SWZ", "2019-03-07") is None
    assert _status(world, "VCCR", "SWZ", "2019-03-08") == C
    assert _status(world, "VCCR", "SWZ", "2019-04-06") == C
    assert _status(world, "VCCR", "SWZ", "2019-04-07") == P


def test_vccr_is_still_partial(world: World) -> None:
    # 182 parties on the UN Treaty Collection since 2021; 179 recorded.
    standings = world.treaty_status("VCCR", "2025-01-01")
    assert sum(1 for s in standings if s.status in BOUND) == 179
    assert world.treaty("VCCR").coverage is Coverage.PARTIAL
