"""IAEA members dated from a source that gives the day (issue 14): each change checked on the
day before and the day of it, with the member counts, spells and orders the sources imply. The
days come from the IAEA's INFCIRC/16 (1960), Japan's MOFA Notification No. 97 (1957), the
Polish Journal of Laws (Dz.U. 1959 nr 2 poz. 20), the Dutch treaty series (Tractatenblad 1967
nr. 133 and 2001 nr. 135), the Swiss SR 0.732.011 and national secondary sources (Saint Kitts
and Nevis and Somalia, wave 12, the Philippines, Mongolia, Latvia and Tajikistan, wave 13, among
them); each row's is in the `source` column of memberships/IAEA.csv, and the comments below name
them."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World
from tests.world.test_organizations import check_change

DAY = dt.timedelta(days=1)


# (member, day of the change, standing the day before, standing that day)
CHANGES = [
    # instruments deposited before the Statute entered into force: members from 1957-07-29
    ("CHE", "1957-07-29", None, "member"),
    ("DNK", "1957-07-29", None, "member"),
    ("DOM", "1957-07-29", None, "member"),
    ("GTM", "1957-07-29", None, "member"),
    ("FRA", "1957-07-29", None, "member"),
    # the 26 parties of 7 August 1957 (Japan's MOFA notice), all deposited by 29 July 1957
    ("JPN", "1957-07-29", None, "member"),
    ("USA", "1957-07-29", None, "member"),
    ("GBR", "1957-07-29", None, "member"),
    ("RUS", "1957-07-29", None, "member"),
    ("IND", "1957-07-29", None, "member"),
    ("ZAF", "1957-07-29", None, "member"),
    # Honduras: an initial member that withdrew on 19 June 1967
    ("HND", "1957-07-29", None, "member"),
    ("HND", "1967-06-19", "member", None),
    # Czechoslovakia (INFCIRC/16 and Japan's MOFA notice) from the Statute's entry into force
    # to its dissolution, then the Czech Republic's own accession (Tractatenblad 2001 nr. 135)
    ("CSK", "1957-07-29", None, "member"),
    ("CSK", "1993-01-01", "member", None),
    ("CZE", "1993-01-01", None, None),
    ("CZE", "1993-09-27", None, "member"),
    # later deposits, membership from the day of deposit
    ("HUN", "1957-08-08", None, "member"),
    ("VAT", "1957-08-20", None, "member"),
    ("LKA", "1957-08-22", None, "member"),
    ("EGY", "1957-09-04", None, "member"),
    ("ITA", "1957-09-30", None, "member"),
    ("ETH", "1957-09-30", None, "member"),
    ("PRY", "1957-09-30", None, "member"),
    ("GRC", "1957-09-30", None, "member"),
    ("PER", "1957-09-30", None, "member"),
    ("DEU", "1957-10-01", None, "member"),
    ("CUB", "1957-10-01", None, "member"),
    ("HTI", "1957-10-07", None, "member"),
    ("TUN", "1957-10-14", None, "member"),
    ("THA", "1957-10-15", None, "member"),
    ("MMR", "1957-10-18", None, "member"),
    ("SLV", "1957-11-22", None, "member"),
    ("FIN", "1958-01-07", None, "member"),
    ("LUX", "1958-01-29", None, "member"),
    ("KHM", "1958-02-06", None, "member"),
    ("MEX", "1958-04-07", None, "member"),
    ("SDN", "1958-07-17", None, "member"),
    ("IRN", "1958-09-16", None, "member"),
    # the Republic of Viet-Nam's deposit (Dz.U. 1959 nr 2 poz. 20), recorded under VNM
    ("VNM", "1957-09-24", None, "member"),
    # the Republic of Korea (National Archives of Korea, a secondary source)
    ("KOR", "1957-08-08", None, "member"),
    # Ecuador: INFCIRC/16's deposit date, its month fixed by the sequence of membership
    ("ECU", "1958-03-03", None, "member"),
    # accessions after 31 January 1963 in the Tractatenblad 1967 nr. 133
    ("CIV", "1963-11-19", None, "member"),
    ("GAB", "1964-01-21", None, "member"),
    ("NGA", "1964-03-25", None, "member"),
    ("KWT", "1964-12-01", None, "member"),
    # Georgia: the day from the Tractatenblad 2001 nr. 135, the year from the IAEA
    ("GEO", "1996-02-23", None, "member"),
    # recent members, days from national secondary sources
    ("COG", "2009-07-15", None, "member"),
    ("LAO", "2011-11-04", None, "member"),
    ("GUY", "2015-01-27", None, "member"),
    ("GMB", "2023-01-03", None, "member"),
    # Saint Kitts and Nevis: its minister's address, reported by its Consulate General in Toronto
    ("KNA", "2022-02-09", None, "member"),
    # Somalia: its government's statement of 16 September 2024 (Sputnik Africa, Parstoday,
    # Somaliagate)
    ("SOM", "2024-09-16", None, "member"),
    # wave 13: the Philippines, deposit of 2 September 1958, membership from that day
    # (Article XXI.E; its Department of Foreign Affairs); Mongolia, 20 September 1973 (its
    # Nuclear Energy Commission); Latvia, 10 December 1997 (its State Environmental Service);
    # Tajikistan, 1 November 2001 (its national regulator, Academy of Sciences and embassy)
    ("PHL", "1958-09-02", None, "member"),
    ("MNG", "1973-09-20", None, "member"),
    ("LVA", "1997-12-10", None, "member"),
    ("TJK", "2001-11-01", None, "member"),
]

#: Rows from national secondary sources: (member, the publishers its source names).
SECONDARY = [
    ("PHL", ("Department of Foreign Affairs",)),
    ("MNG", ("Nuclear Energy Commission of Mongolia",)),
    ("LVA", ("State Environmental Service of Latvia",)),
    (
        "TJK",
        (
            "Nuclear Safety and Security Agency",
            "National Academy of Sciences",
            "Embassy of Tajikistan in Austria",
        ),
    ),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1957-07-28", 0),
        ("1957-07-29", 26),
        ("1957-12-31", 47),
        ("1958-12-31", 56),
        ("1967-06-18", 69),
        ("1967-06-19", 68),
        # around the wave-12 rows; the Gambia (2023-01-03) and Cape Verde (2023-04-04) join
        # between them
        ("2022-02-08", 103),
        ("2022-02-09", 104),
        ("2024-09-15", 106),
        ("2024-09-16", 107),
    ],
)
def test_member_counts(world: World, on: str, expected: int) -> None:
    assert len(world.members("IAEA", on)) == expected


@pytest.mark.parametrize(("member", "publishers"), SECONDARY)
def test_secondary_rows_name_their_sources(
    world: World, member: str, publishers: tuple[str, ...]
) -> None:
    rows = [m for m in world.records.memberships if m.org == "IAEA" and m.member == member]
    assert len(rows) == 1
    assert rows[0].left is None
    assert "secondary source" in rows[0].source
    for publisher in publishers:
        assert publisher in rows[0].source


@pytest.mark.parametrize(("member", "day"), [("PHL", "1958-09-02"), ("TJK", "2001-11-01")])
def test_a_member_alone_is_added_on_its_deposit_day(world: World, member: str, day: str) -> None:
    before = {m.member for m in world.members("IAEA", dt.date.fromisoformat(day) - DAY)}
    after = {m.member for m in world.members("IAEA", day)}
    assert after - before == {member}


def test_cambodia_first_spell_has_its_deposit_day(world: World) -> None:
    spells = sorted(
        (m.joined, m.left)
        for m in world.records.memberships
        if m.org == "IAEA" and m.member == "KHM"
    )
    assert spells == [
        (dt.date(1958, 2, 6), dt.date(2003, 1, 1)),
        (dt.date(2009, 11, 23), None),
    ]


def test_somalia_is_recorded_once_and_still_a_member(world: World) -> None:
    spells = [m for m in world.records.memberships if m.org == "IAEA" and m.member == "SOM"]
    assert len(spells) == 1
    assert spells[0].left is None


def test_czechoslovakia_and_the_czech_republic_are_two_spells(world: World) -> None:
    spells = sorted(
        (m.member, m.joined, m.left)
        for m in world.records.memberships
        if m.org == "IAEA" and m.member in {"CSK", "CZE"}
    )
    assert spells == [
        ("CSK", dt.date(1957, 7, 29), dt.date(1993, 1, 1)),
        ("CZE", dt.date(1993, 9, 27), None),
    ]


def test_ecuador_deposit_falls_between_its_neighbours_in_the_sequence(world: World) -> None:
    # INFCIRC/16 numbers Cambodia 63 (1958-02-06), Ecuador 64 and Belgium 66 (1958-04-29)
    first: dict[str, dt.date] = {}
    for m in world.records.memberships:
        if m.org == "IAEA" and m.member in {"KHM", "ECU", "BEL"}:
            first[m.member] = min(first.get(m.member, m.joined), m.joined)
    assert first["KHM"] < first["ECU"] < first["BEL"]


def test_the_accessions_of_1963_and_1964_follow_the_tractatenblad_order(world: World) -> None:
    # the table lists Cote d'Ivoire, Algeria, Gabon, Nigeria, Cameroon and Kuwait in this order
    joined = {
        m.member: m.joined
        for m in world.records.memberships
        if m.org == "IAEA" and m.member in {"CIV", "DZA", "GAB", "NGA", "CMR", "KWT"}
    }
    order = ["CIV", "DZA", "GAB", "NGA", "CMR", "KWT"]
    assert [joined[c] for c in order] == sorted(joined.values())
