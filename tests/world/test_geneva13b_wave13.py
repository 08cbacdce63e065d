"""Geneva Conventions of 1949, parties M-Z added in wave 13 (issue 14): each change checked on the
day before and the day of it. The deposit days come from a secondary research dataset
(manytreaties, GGO parties, Geneva Graduate Institute, CC BY 4.0), with Austria's gazette
(BGBl. Nr. 224/1986) giving the same day for Solomon Islands and Tonga; each row's sources are in
the `source` column of treaty_parties/GENEVA.csv."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import _status, check_bound_from_deposit

P = TreatyStatus.PARTY


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force six months later) of ratifications and accessions; no
#: signature day is recorded, so the day before the deposit shows no standing.
BOUND: list[tuple[str, str, str]] = [
    ("MCO", "1950-07-05", "1951-01-05"),
    ("MDA", "1993-05-24", "1993-11-24"),
    ("MDV", "1991-06-18", "1991-12-18"),
    ("MHL", "2004-06-01", "2004-12-01"),
    ("MMR", "1992-08-25", "1993-02-25"),
    ("MNG", "1958-12-20", "1959-06-20"),
    ("NIC", "1953-12-17", "1954-06-17"),
    ("PAK", "1951-06-12", "1951-12-12"),
    ("PLW", "1996-06-25", "1996-12-25"),
    ("POL", "1954-11-26", "1955-05-26"),
    ("PRY", "1961-10-23", "1962-04-23"),
    ("QAT", "1975-10-15", "1976-04-15"),
    ("ROU", "1954-06-01", "1954-12-01"),
    ("SDN", "1957-09-23", "1958-03-23"),
    ("SWE", "1953-12-28", "1954-06-28"),
    ("SYR", "1953-11-02", "1954-05-02"),
    ("THA", "1954-12-29", "1955-06-29"),
    ("TUN", "1957-05-04", "1957-11-04"),
    ("UGA", "1964-05-18", "1964-11-18"),
    ("UKR", "1954-08-03", "1955-02-03"),
    ("UZB", "1993-10-08", "1994-04-08"),
    ("VAT", "1951-02-22", "1951-08-22"),
]

#: (party, notification of succession, independence): the model shows a successor as a party from
#: its notification, not from the earlier day from which the depositary counts it bound.
SUCCESSIONS: list[tuple[str, str, str]] = [
    ("MDG", "1963-07-13", "1960-06-26"),
    ("MKD", "1993-09-01", "1991-09-08"),
    ("MLT", "1968-08-22", "1964-09-21"),
    ("NGA", "1961-06-20", "1960-10-01"),
    ("SEN", "1963-04-23", "1960-08-20"),
    ("SLB", "1981-07-06", "1978-07-07"),
    ("SVK", "1993-04-02", "1993-01-01"),
    ("SVN", "1992-03-26", "1991-06-25"),
    ("TGO", "1962-01-06", "1960-04-27"),
    ("TJK", "1993-01-13", "1991-12-21"),
    ("TKM", "1992-04-10", "1991-12-26"),
    ("TON", "1978-04-13", "1970-06-04"),
    ("TZA", "1962-12-12", "1961-12-09"),
]


def _before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)


@pytest.mark.parametrize(("party", "notified", "independence"), SUCCESSIONS)
def test_successor_is_a_party_from_its_notification(
    world: World, party: str, notified: str, independence: str
) -> None:
    assert independence < notified
    assert _status(world, "GENEVA", party, independence) is None
    assert _status(world, "GENEVA", party, _before(notified)) is None
    assert _status(world, "GENEVA", party, notified) == P


def test_the_rows_keep_their_kind_of_instrument(world: World) -> None:
    how = {p.party: p.how for p in world.treaty_parties("GENEVA", "2025-01-01")}
    assert how["POL"] == how["PAK"] == how["UKR"] == how["SWE"] == "ratification"
    assert how["THA"] == how["QAT"] == "accession"
    assert how["NGA"] == how["SLB"] == how["TON"] == "succession"


def test_states_with_conflicting_days_are_left_out(world: World) -> None:
    # Austria's gazette (BGBl. Nr. 224/1986) and the dataset give different days for the first
    # seven: not recorded; nor Viet Nam (two governments' instruments), South Sudan, nor five
    # states whose day in the dataset is doubtful (left for a depositary source).
    missing = set(world.treaty("GENEVA").missing)
    assert {"MUS", "PNG", "SUR", "SWZ", "TUV", "VCT", "WSM", "VNM", "SSD"} <= missing
    assert {"MRT", "NER", "RWA", "SLE", "SMR"} <= missing
    parties = {p.party for p in world.treaty_parties("GENEVA", "2025-01-01")}
    assert not parties & missing
