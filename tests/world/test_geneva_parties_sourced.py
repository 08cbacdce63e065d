"""Geneva Conventions of 1949, the parties dated from a source that gives the day (issue 14):
each change checked on the day before and the day of it. The sources are the depositary's dates
as gazetted by Austria (BGBl.) and Poland (Dz.U.), ICRC releases, the depositary's legal
directorate, national treaty registers and laws, a national Red Cross society with WIPO Lex for
the kind of instrument, and a few secondary sources (a Seoul newspaper among them); each row's is
in the `source` column of treaty_parties/GENEVA.csv, and the comments below name them. The
German Democratic Republic's standing ends with the state."""

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
#: signature day (Uruguay and Ireland signed in 1949-50, signature days not recorded, so the day
#: before their deposit shows no standing here either).
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
    # BGBl. Nr. 126/1967: entry into force, deposit six months earlier.
    ("TTO", "1963-09-24", "1964-03-24"),
    # Single-state sources: the Philippine Senate (PHL), press (ISR), a secondary source (IND).
    ("PHL", "1952-10-06", "1953-04-06"),
    ("ISR", "1951-07-06", "1952-01-06"),
    ("IND", "1950-11-09", "1951-05-09"),
    # Poland's gazette (Dz.U. 1957 Nr 52 poz. 255): deposit days.
    ("LBY", "1956-05-22", "1956-11-22"),
    ("GRC", "1956-06-05", "1956-12-05"),
    ("MAR", "1956-07-26", "1957-01-26"),
    ("LAO", "1956-10-29", "1957-04-29"),
    # Dz.U. 1957 Nr 52 poz. 255 too: the German Democratic Republic, 1956-11-30.
    ("DDR", "1956-11-30", "1957-05-30"),
    # The ICRC/Galatasaray University edition of the Conventions (2009): Turkey.
    ("TUR", "1954-02-10", "1954-08-10"),
    # ICRC News Release 06/96: Montenegro acceded 2006-08-02, in force 2007-02-02.
    ("MNE", "2006-08-02", "2007-02-02"),
    # ICRC News Release 12/155: South Africa's instrument of 1952-03-31 (30 September: the month
    # has no 31st day).
    ("ZAF", "1952-03-31", "1952-09-30"),
    # The ICRC's IHL database: New Zealand's instruments of 1959-05-02.
    ("NZL", "1959-05-02", "1959-11-02"),
    # Verdragenbank (via inview.nl): in force 1962-11-23, deposit six months earlier.
    ("CYP", "1962-05-23", "1962-11-23"),
    # Japanese Wikipedia (2007 copy): accession notified 1953-04-21, in force 1953-10-21.
    ("JPN", "1953-04-21", "1953-10-21"),
    # Donath (scholarly article): ratified 1954-08-03, in force 1955-02-03.
    ("HUN", "1954-08-03", "1955-02-03"),
    # Finnish Treaty Series SopS 8/1955: instrument deposited 1955-02-22; in force six months later.
    ("FIN", "1955-02-22", "1955-08-22"),
    # Lovdata (Norway's treaty register): ratified 1951-08-03, in force 1952-02-03.
    ("NOR", "1951-08-03", "1952-02-03"),
    # Swiss Directorate of Public International Law (ASDI 1987): ratified 1953-06-17.
    ("SLV", "1953-06-17", "1953-12-17"),
    # Ecuador's foreign ministry (submission on the Additional Protocols): ratified 1954-08-11.
    ("ECU", "1954-08-11", "1955-02-11"),
    # Geneva Conventions Act No. 4 of 2006: ratified 1959-02-28 (in force six months on, by the
    # Conventions' articles; the Act's own same-day date is noted in the row).
    ("LKA", "1959-02-28", "1959-08-28"),
    # Red Cross Emblem (Control) Decree 1973: Ghana acceded 1958-08-02.
    ("GHA", "1958-08-02", "1959-02-02"),
    # German Red Cross (Offenbach branch): party since 1954-09-03; an accession (WIPO Lex).
    ("DEU", "1954-09-03", "1955-03-03"),
    # JoongAng Ilbo (1966, secondary): North Korea the 67th party as of 1957-08-27.
    ("PRK", "1957-08-27", "1958-02-27"),
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


def test_mexico_signed_1949_ratified_1952(world: World) -> None:
    # Diario Oficial (23 June 1953): signed 1949-12-08; the SCJN/OHCHR compilation: ratified
    # 1952-10-29, in force for Mexico 1953-04-29.
    assert _status(world, "GENEVA", "MEX", "1949-12-07") is None
    assert _status(world, "GENEVA", "MEX", "1949-12-08") == S
    assert _status(world, "GENEVA", "MEX", "1952-10-28") == S
    assert _status(world, "GENEVA", "MEX", "1952-10-29") == C
    assert _status(world, "GENEVA", "MEX", "1953-04-28") == C
    assert _status(world, "GENEVA", "MEX", "1953-04-29") == P


def test_the_gdr_is_no_longer_a_party_after_its_end(world: World) -> None:
    # The GDR's row has no withdrawal: its standing ends with the state (1990-10-03).
    assert _status(world, "GENEVA", "DDR", "1990-10-02") == P
    assert _status(world, "GENEVA", "DDR", "2025-01-01") is None


def test_sri_lanka_is_not_a_party_on_the_day_its_act_gives(world: World) -> None:
    # The Act says in force on the day of ratification; the row follows the six-month rule.
    assert _status(world, "GENEVA", "LKA", "1959-02-28") == C
