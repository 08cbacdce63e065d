"""Outer Space Treaty, wave 14 (issue 14): second sources for rows already recorded, no party
added (104 of the 117 parties, the list stays partial). Mongolia, Syria and Iraq, taken in wave
11 from the Global Governance Observatory's table, carry the same day in Denmark's Lovtidende
notice of c. 1969; Nigeria's day there (10 October 1967) conflicts with the table's 1967-11-14,
kept and noted; China, Kuwait, Korea, Madagascar, Tonga, Fiji, Mauritius and the Czech
Republic carry the days of UNODA's per-depositary records (Tonga now marked a succession);
Brazil's signature is dated by its first, in Moscow on 1967-01-30.
Sources: the rows' source text in treaty_parties/OST.csv."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import Coverage, TreatyParty, TreatyStatus, World
from tests.world.test_treaties import _status
from tests.world.test_treaties_complete import BOUND

P = TreatyStatus.PARTY
S = TreatyStatus.SIGNATORY

DANISH_NOTICE = "https://www.retsinformation.dk/Forms/R0710.aspx?id=71795"
UNODA = "https://disarmament.un.org/treaties/a/outer_space/"


def _row(world: World, party: str) -> TreatyParty:
    (row,) = [p for p in world.records.treaty_parties if p.treaty == "OST" and p.party == party]
    return row


#: (party, standing the day before, day of deposit): the rows verified in wave 14.
VERIFIED: list[tuple[str, TreatyStatus | None, str, str]] = [
    # Denmark's notice, the same day as the compilation's.
    ("MNG", S, "1967-10-10", DANISH_NOTICE),
    ("SYR", None, "1968-11-19", DANISH_NOTICE),
    ("IRQ", None, "1968-12-04", DANISH_NOTICE),
    # UNODA's per-depositary records: the first deposit.
    ("CHN", None, "1983-12-30", UNODA + "china/"),
    ("KWT", None, "1972-06-07", UNODA + "kuwait/"),
    ("KOR", S, "1967-10-13", UNODA + "republicofkorea/"),
    ("MDG", None, "1968-08-22", UNODA + "madagascar/"),
    ("TON", None, "1971-07-07", UNODA + "tonga/"),
    ("FJI", None, "1972-07-18", UNODA + "fiji/"),
    ("MUS", None, "1969-04-07", UNODA + "mauritius/"),
    ("CZE", None, "1993-01-01", UNODA + "czechrepublic/"),
]


@pytest.mark.parametrize(("party", "before", "day", "cited"), VERIFIED)
def test_verified_rows_keep_their_day_and_cite_the_second_source(
    world: World, party: str, before: TreatyStatus | None, day: str, cited: str
) -> None:
    row = _row(world, party)
    assert row.ratified is not None and row.ratified.isoformat() == day
    assert cited in row.source and "verified (wave 14)" in row.source
    day_before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    assert _status(world, "OST", party, day_before) is before
    assert _status(world, "OST", party, day) == P


def test_tonga_is_a_succession_dated_by_washington_and_london(world: World) -> None:
    # Tonga's note of 22 June 1971 (UNODA's Moscow day) reached Washington and London on
    # 7 July 1971; the note's own date is not taken as a deposit.
    row = _row(world, "TON")
    assert row.how == "succession"
    assert _status(world, "OST", "TON", "1971-06-22") is None


def test_nigeria_keeps_the_compilations_day_with_the_danish_conflict_noted(world: World) -> None:
    row = _row(world, "NGA")
    assert row.ratified is not None and row.ratified.isoformat() == "1967-11-14"
    assert DANISH_NOTICE in row.source and "10 October 1967" in row.note
    assert _status(world, "OST", "NGA", "1967-11-13") is None
    assert _status(world, "OST", "NGA", "1967-11-14") == P


def test_brazil_signed_first_in_moscow_and_ratified_in_1969(world: World) -> None:
    # Moscow 1967-01-30 (Brazil's Foreign Ministry, the ACDA table, the Verdragenbank); the
    # ratification deposited in the three capitals on 1969-03-05 (Denmark's "1968" a misprint).
    assert _status(world, "OST", "BRA", "1967-01-29") is None
    assert _status(world, "OST", "BRA", "1967-01-30") == S
    assert _status(world, "OST", "BRA", "1969-03-04") == S
    assert _status(world, "OST", "BRA", "1969-03-05") == P


def test_ost_is_still_partial_with_104_parties(world: World) -> None:
    # 117 parties (UNODA, May 2025): the 13 the file's header names are still unrecorded.
    assert world.treaty("OST").coverage is Coverage.PARTIAL
    standings = world.treaty_status("OST", "2025-05-31")
    assert sum(1 for s in standings if s.status in BOUND) == 104
