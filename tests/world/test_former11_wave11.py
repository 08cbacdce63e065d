"""Former states' memberships of UNESCO, the Non-Aligned Movement and the WHO (issue 14, wave
11): Czechoslovakia, the SFR Yugoslavia, the German Democratic Republic and South Yemen under
their own codes, each spell ending with the state. Each check looks at the day before and the day
of a change."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World
from tests.world.test_organizations import check_change

#: (organization, member, day of the change, standing the day before, standing that day)
CHANGES = [
    # UNESCO: Czechoslovakia an original Member (4 Nov 1946) to its dissolution
    ("UNESCO", "CSK", "1946-11-04", None, "member"),
    ("UNESCO", "CSK", "1993-01-01", "member", None),
    # UNESCO: Yugoslavia from 31 Mar 1950 to the SFRY's end
    ("UNESCO", "YUG", "1950-03-31", None, "member"),
    ("UNESCO", "YUG", "1992-04-27", "member", None),
    # UNESCO: South Yemen's instrument of 15 Oct 1968 to unification
    ("UNESCO", "YMD", "1968-10-15", None, "member"),
    ("UNESCO", "YMD", "1990-05-22", "member", None),
    # UNESCO: the German Democratic Republic's instrument of 24 Nov 1972 to unification
    ("UNESCO", "DDR", "1972-11-24", None, "member"),
    ("UNESCO", "DDR", "1990-10-03", "member", None),
    # Non-Aligned Movement: Yugoslavia a Belgrade founder; South Yemen from 1970 (year only)
    ("NONALIGNED", "YUG", "1961-09-01", None, "member"),
    ("NONALIGNED", "YUG", "1992-04-27", "member", None),
    ("NONALIGNED", "YMD", "1970-01-01", None, "member"),
    ("NONALIGNED", "YMD", "1990-05-22", "member", None),
    # WHO: Southern Yemen a Member from 6 May 1968 (WHA22.6); the GDR from 8 May 1973
    ("WHO", "YMD", "1968-05-06", None, "member"),
    ("WHO", "YMD", "1990-05-22", "member", None),
    ("WHO", "DDR", "1973-05-08", None, "member"),
    ("WHO", "DDR", "1990-10-03", "member", None),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_former_states_day_before_and_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


@pytest.mark.parametrize(
    ("org", "on", "expected"),
    [
        # the 20 original Members of UNESCO on 4 Nov 1946, Poland the 21st on 6 Nov 1946
        # (Menntamál, 1957, list of Members by date)
        ("UNESCO", "1946-11-04", 20),
        ("UNESCO", "1946-11-05", 20),
        ("UNESCO", "1946-11-06", 21),
        # 25 nations at the founding Belgrade conference of 1961 (Reuters, in The Press,
        # Christchurch, 8 Sep 1970)
        ("NONALIGNED", "1961-09-01", 25),
    ],
)
def test_published_counts(world: World, org: str, on: str, expected: int) -> None:
    assert len(world.members(org, on)) == expected


def test_former_states_spells_end_with_the_state(world: World) -> None:
    ends = {s.code: s.end for s in world.states if s.code in {"CSK", "YUG", "DDR", "YMD"}}
    for org in ("UNESCO", "NONALIGNED", "WHO"):
        rows = [m for m in world.records.memberships if m.org == org and m.member in ends]
        assert rows, org
        for m in rows:
            end = ends[m.member]
            assert end is not None and m.left is not None and m.left <= end, (org, m.member)
            assert m.source, (org, m.member)


def test_successors_do_not_begin_before_their_state(world: World) -> None:
    """Slovakia and the Czech Republic from 1993, the Yugoslav successors from 1992."""
    firsts = {
        "CZE": dt.date(1993, 1, 1),
        "SVK": dt.date(1993, 1, 1),
        "SVN": dt.date(1992, 4, 27),
        "HRV": dt.date(1992, 4, 27),
        "BIH": dt.date(1992, 4, 27),
        "MKD": dt.date(1992, 4, 27),
        "SRB": dt.date(1992, 4, 27),
    }
    for org in ("UNESCO", "WHO"):
        for m in world.records.memberships:
            if m.org == org and m.member in firsts:
                assert m.joined >= firsts[m.member], (org, m.member)
