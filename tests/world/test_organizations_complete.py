"""Organizations whose recorded membership is complete: the number of members the world
holds on a published date equals the number the organization published for that date.

The Commonwealth (issue 14): 56 member countries since Gabon and Togo joined on 2022-06-24
(Commonwealth Secretariat, Member countries, 2025); the counts before follow from the dated
exits and entries in memberships/COMMONWEALTH.csv (Zimbabwe left on 2003-12-07, Rwanda joined
on 2009-11-29, the Gambia and the Maldives left and came back)."""

from __future__ import annotations

import pytest

from accord.world import World
from tests.world.test_organizations import check_change


@pytest.mark.parametrize(
    ("org", "on", "expected"),
    [
        # the eight members of the London Declaration (April 1949)
        ("COMMONWEALTH", "1949-04-26", 8),
        ("COMMONWEALTH", "2003-12-06", 54),
        ("COMMONWEALTH", "2003-12-07", 53),
        ("COMMONWEALTH", "2009-11-29", 54),
        ("COMMONWEALTH", "2016-10-13", 52),
        ("COMMONWEALTH", "2020-02-01", 54),
        ("COMMONWEALTH", "2022-06-23", 54),
        ("COMMONWEALTH", "2022-06-24", 56),
        ("COMMONWEALTH", "2025-06-01", 56),
    ],
)
def test_member_counts_match_the_published_ones(
    world: World, org: str, on: str, expected: int
) -> None:
    assert len(world.members(org, on)) == expected


@pytest.mark.parametrize(
    ("org", "member", "day", "before", "after"),
    [
        ("COMMONWEALTH", "GAB", "2022-06-24", None, "member"),
        ("COMMONWEALTH", "TGO", "2022-06-24", None, "member"),
        ("COMMONWEALTH", "RWA", "2009-11-29", None, "member"),
        ("COMMONWEALTH", "CMR", "1995-11-13", None, "member"),
        ("COMMONWEALTH", "MOZ", "1995-11-13", None, "member"),
    ],
)
def test_change_the_day_before_and_the_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


def test_a_complete_organization_carries_no_partial_note(world: World) -> None:
    by_code = {o.code: o for o in world.organizations}
    assert "partial membership" not in by_code["COMMONWEALTH"].source
