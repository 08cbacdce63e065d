"""Geneva Conventions of 1949, parties A-L added in wave 13 (issue 14): each change checked on
the day before and the day of it. Sources are in the `source` column of
treaty_parties/GENEVA.csv: the Republic of Korea's accession from the ICRC (its Customary IHL
database, citing the Republic's declarations made upon accession, and its treaty database)."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import _status, check_bound_from_deposit

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force six months later)
BOUND: list[tuple[str, str, str]] = [
    # ICRC: accession of the Republic of Korea, 1966-08-16 (Austria's BGBl. Nr. 126/1967 gives
    # that day as the entry into force; the row follows the ICRC and notes the conflict).
    ("KOR", "1966-08-16", "1967-02-16"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)


def test_korea_is_not_a_party_on_the_day_the_austrian_gazette_gives(world: World) -> None:
    # BGBl. Nr. 126/1967 lists 16 August 1966 as Korea's entry into force; the ICRC's day is
    # the accession, so on that day Korea is bound but the Conventions are not yet in force.
    assert _status(world, "GENEVA", "KOR", "1966-08-16") == C
    assert _status(world, "GENEVA", "KOR", "1967-02-16") == P
