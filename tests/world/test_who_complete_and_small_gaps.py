"""Wave 14 (issue 14, helper misc14): rows of the WHO, VCDR, VCCR, Antarctic, Open Skies, IMF,
IBRD and Group of 77 files added or corrected from dated sources. Each check looks at the day
before and the day of a change."""

from __future__ import annotations

import pytest

from accord.world import Coverage, World
from tests.world.test_organizations import check_change

#: the WHO's members in 2025 (United Nations members, the Cook Islands and Niue; WHO, Countries)
WHO_MEMBERS_2025 = 194


#: (organization, member, day of the change, standing the day before, standing that day)
CHANGES = [
    # Serbia (the Federal Republic of Yugoslavia): acceptance deposited 2000-11-28 (UNTC IX.1)
    ("WHO", "SRB", "2000-11-28", None, "member"),
    # rows corrected against the depositary's list (UNTC IX.1)
    ("WHO", "BRN", "1985-03-25", None, "member"),
    ("WHO", "KIR", "1984-07-26", None, "member"),
    ("WHO", "NIU", "1994-05-05", None, "member"),
    ("WHO", "VCT", "1983-09-01", None, "member"),
    ("WHO", "TTO", "1963-01-03", None, "member"),
    ("WHO", "TUV", "1993-05-07", None, "member"),
    ("WHO", "SSD", "2011-09-27", None, "member"),
    # Indonesia's first IMF membership (IMF Annual Report 1967, Activities of the Fund)
    ("IMF", "IDN", "1954-04-15", None, "member"),
    ("IMF", "IDN", "1965-08-17", "member", None),
    ("IMF", "IDN", "1967-02-21", None, "member"),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_membership_changes_on_the_sourced_day(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


def test_who_is_complete_with_its_published_count(world: World) -> None:
    who = world.actor("WHO")
    assert who.coverage is Coverage.COMPLETE
    members = {m.member for m in world.members("WHO", "2025-06-01") if m.role == "member"}
    assert len(members) == WHO_MEMBERS_2025
    assert "SRB" in members and "YUG" not in members


def test_no_who_member_joins_before_its_state_exists(world: World) -> None:
    states = {s.code: s for s in world.states}
    for m in world.records.memberships:
        if m.org == "WHO" and m.member in {"SRB", "SSD", "TLS", "MNE"}:
            assert states[m.member].exists_on(m.joined), m.member
