"""Wave 11 rows (issue 14) for the BWC, the Genocide Convention and the Outer Space Treaty: the
day before and the day of each instrument added, and the counts of the two lists that are now
complete against the depositaries' published counts. The days come from the Global Governance
Observatory's treaty-membership table (R package manytreaties 1.0.0, a secondary compilation);
sources: the rows' source text in treaty_parties/BWC.csv, GENOCIDE.csv and OST.csv."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import Coverage, TreatyStatus, World
from tests.world.test_treaties import _status, check_bound_from_deposit
from tests.world.test_treaties_complete import BOUND

P = TreatyStatus.PARTY
S = TreatyStatus.SIGNATORY


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def check_party_from_deposit(world: World, treaty: str, party: str, day: str) -> None:
    """No standing the day before `day`, party from it (in force for the state on deposit)."""
    assert _status(world, treaty, party, _day_before(day)) is None
    assert _status(world, treaty, party, day) == P


#: BWC: (party, day of deposit), in force for the state on that day (article XIV(4)).
BWC_DEPOSITS: list[tuple[str, str]] = [
    ("CPV", "1977-10-20"),
    ("GNB", "1976-08-20"),
    ("KGZ", "2004-10-15"),
    ("STP", "1979-08-24"),
    ("TJK", "2005-06-27"),
]


@pytest.mark.parametrize(("party", "day"), BWC_DEPOSITS)
def test_bwc_accessions_take_effect_on_deposit(world: World, party: str, day: str) -> None:
    check_party_from_deposit(world, "BWC", party, day)


def test_bwc_signatories_who_ratified_later(world: World) -> None:
    # The Byelorussian SSR signed 1972-04-10 and ratified on the day of entry into force.
    assert _status(world, "BWC", "BLR", "1972-04-09") is None
    assert _status(world, "BWC", "BLR", "1972-04-10") == S
    assert _status(world, "BWC", "BLR", "1975-03-25") == S
    assert _status(world, "BWC", "BLR", "1975-03-26") == P
    # Liberia signed 1972-04-10 and deposited its ratification 2016-11-04.
    assert _status(world, "BWC", "LBR", "1972-04-10") == S
    assert _status(world, "BWC", "LBR", "2016-11-03") == S
    assert _status(world, "BWC", "LBR", "2016-11-04") == P
    # Somalia (1972-07-03) and Syria (1972-04-14) signed and have not ratified.
    assert _status(world, "BWC", "SOM", "1972-07-02") is None
    assert _status(world, "BWC", "SOM", "1972-07-03") == S
    assert _status(world, "BWC", "SYR", "1972-04-13") is None
    assert _status(world, "BWC", "SYR", "1972-04-14") == S
    assert _status(world, "BWC", "SYR", "2026-01-01") == S


def test_bwc_is_complete_on_the_published_count(world: World) -> None:
    # UNODA: 189 states parties in May 2025, Kiribati (2025-05-20) the latest; four
    # signatories have not ratified (Egypt, Haiti, Somalia, Syria).
    assert world.treaty("BWC").coverage is Coverage.COMPLETE
    assert world.treaty("BWC").missing == ()
    standings = world.treaty_status("BWC", "2025-05-20")
    assert sum(1 for s in standings if s.status in BOUND) == 189
    assert {s.party for s in standings if s.status is S} == {"EGY", "HTI", "SOM", "SYR"}
    before = world.treaty_status("BWC", "2025-05-19")
    assert sum(1 for s in before if s.status in BOUND) == 188


#: Genocide Convention: (party, deposit, in force on the 90th day, article XIII).
GENOCIDE_ACCESSIONS: list[tuple[str, str, str]] = [
    ("TJK", "2015-11-03", "2016-02-01"),
    ("MWI", "2017-07-14", "2017-10-12"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), GENOCIDE_ACCESSIONS)
def test_genocide_accessions(world: World, party: str, deposit: str, effective: str) -> None:
    check_bound_from_deposit(world, "GENOCIDE", party, deposit, effective)


def test_genocide_is_complete_on_the_published_count(world: World) -> None:
    # UNTC status page as at 2024-04-24: 41 signatories, 153 parties.
    assert world.treaty("GENOCIDE").coverage is Coverage.COMPLETE
    standings = world.treaty_status("GENOCIDE", "2024-04-24")
    assert sum(1 for s in standings if s.status in BOUND) == 153
    assert sum(1 for s in standings if s.record.signed is not None) == 41
    # ... and the UNTC page scraped 2015-03-14 (zmjones/untreaties): 146 parties, 41 signatures.
    standings = world.treaty_status("GENOCIDE", "2015-03-14")
    assert sum(1 for s in standings if s.status in BOUND) == 146
    assert sum(1 for s in standings if s.record.signed is not None) == 41


#: Outer Space Treaty: (party, day of deposit), in force for the state on that day.
OST_DEPOSITS: list[tuple[str, str]] = [
    ("GNB", "1976-08-20"),
    ("IRQ", "1968-12-04"),
    ("KEN", "1984-01-19"),
    ("NGA", "1967-11-14"),
    ("PRT", "1996-05-29"),
    ("SYC", "1978-01-05"),
    ("SYR", "1968-11-19"),
    ("YEM", "1979-06-01"),
]


@pytest.mark.parametrize(("party", "day"), OST_DEPOSITS)
def test_ost_instruments_take_effect_on_deposit(world: World, party: str, day: str) -> None:
    check_party_from_deposit(world, "OST", party, day)


def test_ost_signatories_who_ratified_later(world: World) -> None:
    # Greece signed 1967-01-27 and ratified 1971-01-19; Mongolia signed 1967-01-27 and
    # ratified on the day of entry into force, 1967-10-10.
    assert _status(world, "OST", "GRC", "1967-01-26") is None
    assert _status(world, "OST", "GRC", "1967-01-27") == S
    assert _status(world, "OST", "GRC", "1971-01-18") == S
    assert _status(world, "OST", "GRC", "1971-01-19") == P
    assert _status(world, "OST", "MNG", "1967-10-09") == S
    assert _status(world, "OST", "MNG", "1967-10-10") == P


def test_ost_is_still_partial(world: World) -> None:
    # 117 parties (UNODA, May 2025): 104 recorded (Mali added in wave 12), 13 not.
    assert world.treaty("OST").coverage is Coverage.PARTIAL
    standings = world.treaty_status("OST", "2025-05-31")
    assert sum(1 for s in standings if s.status in BOUND) == 104
