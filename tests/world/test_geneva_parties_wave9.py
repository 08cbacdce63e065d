"""Geneva Conventions of 1949, wave 9 rows (issue 14): the day before and the day of each
change for states recorded from Austria's gazette notices of the depositary's dates (BGBl.
Nr. 126/1967, 164/1970, 224/1986), Poland's (Dz.U. 1957 Nr 52 poz. 255), the ICRC's release
of 2006-08-21 and single-state sources. Sources: the rows'
source text in treaty_parties/GENEVA.csv."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import check_bound_from_deposit

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force) of accessions and ratifications added in wave 9.
BOUND: list[tuple[str, str, str]] = [
    # BGBl. Nr. 224/1986: deposit days.
    ("ARE", "1972-05-10", "1972-11-10"),
    ("GIN", "1984-07-11", "1985-01-11"),
    ("GNB", "1974-02-21", "1974-08-21"),
    ("MOZ", "1983-03-14", "1983-09-14"),
    ("OMN", "1974-01-31", "1974-07-31"),
    ("SGP", "1973-04-27", "1973-10-27"),
    ("STP", "1976-05-21", "1976-11-21"),
    ("SYC", "1984-11-08", "1985-05-08"),
    ("VUT", "1982-10-27", "1983-04-27"),
    ("YEM", "1970-07-16", "1971-01-16"),
    ("ZWE", "1983-03-07", "1983-09-07"),
    # BGBl. Nr. 126/1967 and 164/1970: entry into force, deposit six months earlier.
    ("SOM", "1962-07-12", "1963-01-12"),
    ("MYS", "1962-08-24", "1963-02-24"),
    ("IRL", "1962-09-27", "1963-03-27"),
    ("SAU", "1963-05-18", "1963-11-18"),
    ("NPL", "1964-02-07", "1964-08-07"),
    ("MLI", "1965-05-24", "1965-11-24"),
    ("ISL", "1965-08-10", "1966-02-10"),
    ("KEN", "1966-09-20", "1967-03-20"),
    ("ZMB", "1966-10-19", "1967-04-19"),
    ("KWT", "1967-09-02", "1968-03-02"),
    ("MWI", "1968-01-05", "1968-07-05"),
    ("URY", "1969-03-05", "1969-09-05"),
    # Single-state sources: the Philippine Senate (PHL), press (ISR), a secondary source (IND).
    ("PHL", "1952-10-06", "1953-04-06"),
    ("ISR", "1951-07-06", "1952-01-06"),
    ("IND", "1950-11-09", "1951-05-09"),
    # Poland's gazette (Dz.U. 1957 Nr 52 poz. 255): deposit days.
    ("LBY", "1956-05-22", "1956-11-22"),
    ("GRC", "1956-06-05", "1956-12-05"),
    ("MAR", "1956-07-26", "1957-01-26"),
    ("LAO", "1956-10-29", "1957-04-29"),
    # The ICRC/Galatasaray University edition of the Conventions (2009): Turkey.
    ("TUR", "1954-02-10", "1954-08-10"),
    # ICRC News Release 06/96: Montenegro acceded 2006-08-02, in force 2007-02-02.
    ("MNE", "2006-08-02", "2007-02-02"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    # Uruguay and Ireland signed in 1949-50 (signature days not recorded), so the day before
    # their deposit shows no standing here either.
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)
