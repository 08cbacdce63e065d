"""Former members of the World Bank (IBRD) filed under the former states' own codes (issue 14,
wave 13): SFR Yugoslavia from the Articles' first day to the state's end, Czechoslovakia from its
readmission of 1990 to its dissolution, Democratic Yemen from 1969 to unification, the successors
from their own days. Each check looks at the day before and the day of a change."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (organization, member, day of the change, standing the day before, standing that day)
CHANGES = [
    # SFR Yugoslavia: signed the IBRD Articles on 1945-12-27; the row ends with the state on
    # 1992-04-27 (the Bank found on 1993-02-25 that it had ceased to be a member, the day its
    # successors' rows begin)
    ("WORLDBANK", "YUG", "1945-12-27", None, "member"),
    ("WORLDBANK", "YUG", "1992-04-27", "member", None),
    ("WORLDBANK", "SVN", "1993-02-25", None, "member"),
    ("WORLDBANK", "SRB", "1993-02-25", None, "member"),
    # Czechoslovakia: readmitted on 1990-09-20 (acceptance deposited that day); ends with the
    # state on 1993-01-01, when the Czech Republic and Slovakia succeed
    ("WORLDBANK", "CSK", "1990-09-20", None, "member"),
    ("WORLDBANK", "CSK", "1993-01-01", "member", None),
    ("WORLDBANK", "CZE", "1993-01-01", None, "member"),
    ("WORLDBANK", "SVK", "1993-01-01", None, "member"),
    # Democratic Yemen: the day the World Bank's list (in a secondary copy) gives the Republic of
    # Yemen, Democratic Yemen's by inference; ends at unification, when the YEM row begins
    ("WORLDBANK", "YMD", "1969-10-03", None, "member"),
    ("WORLDBANK", "YMD", "1990-05-22", "member", None),
    ("WORLDBANK", "YEM", "1990-05-22", None, "member"),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_former_members_day_before_and_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


def test_the_former_states_rows_are_sourced_and_close_with_the_states(world: World) -> None:
    rows = {
        (m.member, m.joined): m
        for m in world.records.memberships
        if m.org == "WORLDBANK" and m.member in {"YUG", "CSK", "YMD"}
    }
    assert set(rows) == {
        ("YUG", dt.date(1945, 12, 27)),
        ("CSK", dt.date(1990, 9, 20)),
        ("YMD", dt.date(1969, 10, 3)),
    }
    yug = rows["YUG", dt.date(1945, 12, 27)]
    assert yug.left == dt.date(1992, 4, 27)
    assert "Historical Chronology: 1944-1949" in yug.source
    assert "25 February 1993" in yug.source
    csk = rows["CSK", dt.date(1990, 9, 20)]
    assert csk.left == dt.date(1993, 1, 1)
    assert "500/1992 Sb." in csk.source and "20 September 1990" in csk.source
    # the first membership (1945 to 1954) is not recorded: its end was not found to the day
    assert "CSK" not in {m.member for m in world.members("WORLDBANK", "1950-01-01")}
    ymd = rows["YMD", dt.date(1969, 10, 3)]
    assert ymd.left == dt.date(1990, 5, 22)
    assert "secondary copy" in ymd.source and "May 22, 1970" in ymd.source
    assert "inferred" in ymd.note


def test_the_ibrd_still_names_cuba_as_not_recorded(world: World) -> None:
    (ibrd,) = [o for o in world.organizations if o.code == "WORLDBANK"]
    assert ibrd.missing == ("CUB",)
    assert "YUG" in {m.member for m in world.members("WORLDBANK", "1980-01-01")}
