"""Outer Space Treaty, wave 10 rows (issue 14): the day before and the day of each accession
added: Brunei and Dominica (the Netherlands' treaty database; Brunei's day also in the U.S.
Arms Control and Disarmament Agency's table), Kazakhstan (the entry into force its Foreign
Ministry gives, the day of deposit under article XIV(4)), North Korea (the Russian
depositary's receipt of 2009-03-05, as RIA Novosti and KCNA report it), Latvia (its Foreign
Ministry, 2025-05-23) and the Ukrainian SSR (the entry into force the Verkhovna Rada's
legislation database gives, 1967-10-31); and, from wave 12, Mali (the Danish Foreign Ministry's
notice in Lovtidende C listing the states bound from 10 October 1967 into early 1969). The BWC
gained no row in wave 10: its seven missing parties were still without a dated source. Sources:
the rows' source text in treaty_parties/OST.csv."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World
from tests.world.test_treaties import _status
from tests.world.test_treaties_complete import BOUND

P = TreatyStatus.PARTY


#: (party, day before, day of deposit and entry into force) of the accessions added in waves 10
#: and 12 (article XIV(4)); no signature, so no standing before.
ACCESSIONS: list[tuple[str, str, str]] = [
    ("BRN", "1984-01-17", "1984-01-18"),
    ("DMA", "1978-11-07", "1978-11-08"),
    ("KAZ", "1998-06-10", "1998-06-11"),
    ("PRK", "2009-03-04", "2009-03-05"),
    ("LVA", "2025-05-22", "2025-05-23"),
    # The Ukrainian SSR, dated by the entry into force the Rada's database gives.
    ("UKR", "1967-10-30", "1967-10-31"),
    # Azerbaijan: bound on deposit, 2015-09-09 (the IEADB's 2016-09-09 was a year late).
    ("AZE", "2015-09-08", "2015-09-09"),
    # Mali acceded 1968-06-11 (not 1968-11-06, the compilation's day with day and month swapped).
    ("MLI", "1968-06-10", "1968-06-11"),
]


@pytest.mark.parametrize(("party", "before", "day"), ACCESSIONS)
def test_ost_accessions_take_effect_on_deposit(
    world: World, party: str, before: str, day: str
) -> None:
    assert _status(world, "OST", party, before) is None
    assert _status(world, "OST", party, day) == P


def test_mali_was_bound_before_the_swapped_day(world: World) -> None:
    # The compilation's 1968-11-06 would leave Mali unbound in the summer of 1968.
    assert _status(world, "OST", "MLI", "1968-08-01") == P
    assert _status(world, "OST", "MLI", "1968-11-05") == P


def test_ost_is_still_partial_and_bwc_unchanged(world: World) -> None:
    ost = world.treaty_status("OST", "2025-05-31")
    assert sum(1 for s in ost if s.status in BOUND) == 104
    bwc = world.treaty_status("BWC", "2025-05-20")
    assert sum(1 for s in bwc if s.status in BOUND) == 189
