"""Geneva Conventions of 1949, wave 10 rows for the states from LVA onwards (issue 14): the day
before and the day of each change, from national treaty registers (Norway's Lovdata, Portugal's
treaty database), the ICRC's IHL database and news releases, and Austria's gazette notice of
the depositary's dates (BGBl. Nr. 126/1967). Sources: the rows' source text in
treaty_parties/GENEVA.csv."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import _status, check_bound_from_deposit

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING
S = TreatyStatus.SIGNATORY


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force) of ratifications and accessions without a recorded
#: signature day.
BOUND: list[tuple[str, str, str]] = [
    # Lovdata (Norway's treaty register): ratified 1951-08-03, in force 1952-02-03.
    ("NOR", "1951-08-03", "1952-02-03"),
    # The ICRC's IHL database: New Zealand's instruments of 1959-05-02.
    ("NZL", "1959-05-02", "1959-11-02"),
    # BGBl. Nr. 126/1967: entry into force, deposit six months earlier.
    ("TTO", "1963-09-24", "1964-03-24"),
    # ICRC News Release 12/155: South Africa's instrument of 1952-03-31 (30 September: the month
    # has no 31st day).
    ("ZAF", "1952-03-31", "1952-09-30"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)


def test_portugal_signed_1950_ratified_1961(world: World) -> None:
    # Portugal's treaty database: signed 1950-02-11, deposit 1961-03-14, in force 1961-09-14.
    assert _status(world, "GENEVA", "PRT", "1950-02-10") is None
    assert _status(world, "GENEVA", "PRT", "1950-02-11") == S
    assert _status(world, "GENEVA", "PRT", "1961-03-13") == S
    assert _status(world, "GENEVA", "PRT", "1961-03-14") == C
    assert _status(world, "GENEVA", "PRT", "1961-09-13") == C
    assert _status(world, "GENEVA", "PRT", "1961-09-14") == P
