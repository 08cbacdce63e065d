"""Treaties whose participation is complete (issue 14): the counts on the depositary's status
date match its published counts, and dated facts hold on the day before and the day of each
change. Source of the counts: UN Treaty Collection status pages as at 2026-02-03."""

from __future__ import annotations

import pytest

from accord.world import Coverage, TreatyStatus, World, default_world

P = TreatyStatus.PARTY
W = TreatyStatus.WITHDRAWN
WG = TreatyStatus.WITHDRAWING
C = TreatyStatus.CONTRACTING
S = TreatyStatus.SIGNATORY

BOUND = {P, WG, C}
#: (treaty, status date, parties, signatories or None) published by the depositary: the UNTC
#: status pages as at 2026-02-03 for the disarmament treaties; for the climate and ozone
#: treaties, the UNTC party counts (UNFCCC 198, Kyoto 192, Montreal 198) on the IEADB
#: dataset's date.
COUNTS: list[tuple[str, str, int, int | None]] = [
    ("OTTAWA", "2026-02-03", 162, 132),
    ("CCM", "2026-02-03", 112, 107),
    ("CWC", "2026-02-03", 193, 165),
    ("TPNW", "2026-02-03", 74, 95),
    ("ATT", "2026-02-03", 117, 130),
    ("UNFCCC", "2026-01-23", 198, 165),
    ("KYOTO", "2026-01-23", 192, None),
    ("MONTREAL", "2026-01-23", 198, 46),
]

DATED: list[tuple[str, str, str, TreatyStatus | None]] = [
    # Ottawa: the Marshall Islands ratified 2025-03-12 (in force for it 2025-09-01, article 17);
    # Tonga acceded 2025-06-25 (2025-12-01).
    ("OTTAWA", "MHL", "2025-03-11", S),
    ("OTTAWA", "MHL", "2025-03-12", C),
    ("OTTAWA", "MHL", "2025-08-31", C),
    ("OTTAWA", "MHL", "2025-09-01", P),
    ("OTTAWA", "TON", "2025-06-24", None),
    ("OTTAWA", "TON", "2025-06-25", C),
    ("OTTAWA", "TON", "2025-12-01", P),
    ("OTTAWA", "USA", "2026-01-01", None),
    # CCM: the Philippines ratified 2019-01-03 (2019-07-01); Nigeria 2023-02-28 (2023-08-01).
    ("CCM", "PHL", "2019-01-02", S),
    ("CCM", "PHL", "2019-01-03", C),
    ("CCM", "PHL", "2019-07-01", P),
    ("CCM", "NGA", "2023-07-31", C),
    ("CCM", "NGA", "2023-08-01", P),
    ("CCM", "IDN", "2026-01-01", S),
    # CWC: Palestine acceded 2017-12-29 (30 days later, 2018-01-28); Israel signed only.
    ("CWC", "PSE", "2017-12-28", None),
    ("CWC", "PSE", "2017-12-29", C),
    ("CWC", "PSE", "2018-01-27", C),
    ("CWC", "PSE", "2018-01-28", P),
    ("CWC", "KOR", "1997-04-28", C),
    ("CWC", "KOR", "1997-04-29", P),
    # TPNW: Benin deposited after the 50th instrument (2020-12-11): in force for it 90 days
    # later, 2021-03-11; Indonesia ratified 2024-09-24 (2024-12-23).
    ("TPNW", "BEN", "2021-01-22", C),
    ("TPNW", "BEN", "2021-03-10", C),
    ("TPNW", "BEN", "2021-03-11", P),
    ("TPNW", "IDN", "2024-09-23", S),
    ("TPNW", "IDN", "2024-09-24", C),
    ("TPNW", "IDN", "2024-12-23", P),
    ("TPNW", "BRA", "2026-01-01", S),
    # ATT: the Philippines ratified 2022-03-24 (2022-06-22); Brazil 2018-08-14 (2018-11-12).
    ("ATT", "PHL", "2022-03-23", S),
    ("ATT", "PHL", "2022-03-24", C),
    ("ATT", "PHL", "2022-06-22", P),
    ("ATT", "BRA", "2018-11-11", C),
    ("ATT", "BRA", "2018-11-12", P),
    # UNFCCC: the State of Palestine acceded 2015-12-18 (90 days later, 2016-03-17).
    ("UNFCCC", "PSE", "2015-12-17", None),
    ("UNFCCC", "PSE", "2015-12-18", C),
    ("UNFCCC", "PSE", "2016-03-17", P),
    ("UNFCCC", "CHN", "1994-03-20", C),
    ("UNFCCC", "CHN", "1994-03-21", P),
    # Kyoto: Canada's withdrawal took effect 2012-12-15; Australia ratified 2007-12-12.
    ("KYOTO", "CAN", "2012-12-15", W),
    ("KYOTO", "AUS", "2007-12-11", S),
    ("KYOTO", "AUS", "2007-12-12", C),
    ("KYOTO", "AUS", "2008-03-11", P),
    # Montreal: universal since Timor-Leste's accession of 2009-09-16 (in force 2009-12-15).
    ("MONTREAL", "TLS", "2009-09-15", None),
    ("MONTREAL", "TLS", "2009-09-16", C),
    ("MONTREAL", "TLS", "2009-12-15", P),
]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


def _status(world: World, treaty: str, actor: str, day: str) -> TreatyStatus | None:
    for standing in world.treaty_status(treaty, day):
        if standing.party == actor:
            return standing.status
    return None


@pytest.mark.parametrize(("treaty", "actor", "day", "expected"), DATED)
def test_dated_status(
    world: World, treaty: str, actor: str, day: str, expected: TreatyStatus | None
) -> None:
    assert _status(world, treaty, actor, day) == expected


@pytest.mark.parametrize(("treaty", "on", "parties", "signatories"), COUNTS)
def test_counts_match_the_depositary(
    world: World, treaty: str, on: str, parties: int, signatories: int | None
) -> None:
    standings = world.treaty_status(treaty, on)
    assert sum(1 for s in standings if s.status in BOUND) == parties
    # The depositary's signatory count leaves out parties that have since withdrawn
    # (Lithuania from the Ottawa convention and the CCM) but keeps a signatory that notified it
    # will not ratify (the United States and the ATT).
    signed = [
        s
        for s in standings
        if s.record.signed is not None and not (s.status is W and s.record.ratified is not None)
    ]
    assert signatories is None or len(signed) == signatories
    # Kyoto lists every party but its source lacks 11 of the 84 signatures: still partial.
    expected = Coverage.PARTIAL if treaty == "KYOTO" else Coverage.COMPLETE
    assert world.treaty(treaty).coverage is expected
