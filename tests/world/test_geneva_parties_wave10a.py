"""Geneva Conventions of 1949, wave 10a rows (issue 14; states CIV to LUX): the day before
and the day of each change for the states added in this pass. Sources: the rows' source
text in treaty_parties/GENEVA.csv (the Verdragenbank's entry-into-force table as copied by
inview.nl for Cyprus; Finland's treaty series for Finland; secondary sources for Japan (the
Japanese Wikipedia) and Hungary (a scholarly article))."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import check_bound_from_deposit

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force) of the ratifications and accessions added in wave 10a.
BOUND: list[tuple[str, str, str]] = [
    # Verdragenbank (via inview.nl): in force 1962-11-23, deposit six months earlier.
    ("CYP", "1962-05-23", "1962-11-23"),
    # Japanese Wikipedia (2007 copy): accession notified 1953-04-21, in force 1953-10-21.
    ("JPN", "1953-04-21", "1953-10-21"),
    # Donath (scholarly article): ratified 1954-08-03, in force 1955-02-03.
    ("HUN", "1954-08-03", "1955-02-03"),
    # Finnish Treaty Series SopS 8/1955: instrument deposited 1955-02-22; in force six months later.
    ("FIN", "1955-02-22", "1955-08-22"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)
