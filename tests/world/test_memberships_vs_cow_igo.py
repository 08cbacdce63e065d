"""Wave 14x (issue 14, helper xorg14): organization memberships cross-checked against the
Correlates of War IGO data v3. The rows corrected or added from dated sources are checked the
day before and the day of each change."""

from __future__ import annotations

import pytest

from accord.world import World
from tests.world.test_organizations import check_change

#: (organization, member, day of the change, standing the day before, standing that day)
CHANGES = [
    # Burma left the Non-Aligned Movement in 1979 (day unknown: the end of 1979 is used) and
    # rejoined at the Jakarta summit of 1992 (its opening day)
    ("NONALIGNED", "MMR", "1961-09-01", None, "member"),
    ("NONALIGNED", "MMR", "1980-01-01", "member", None),
    ("NONALIGNED", "MMR", "1992-09-01", None, "member"),
    # Cambodia's seat left vacant from the Havana summit of 1979 to the Jakarta summit of 1992
    ("NONALIGNED", "KHM", "1979-09-03", "member", "suspended"),
    ("NONALIGNED", "KHM", "1992-09-01", "suspended", "member"),
    # Portugal's first UNESCO membership: joined 11 March 1965, withdrew at the end of 1972
    # (left is 31 December, as for every UNESCO withdrawal here), rejoined 11 September 1974
    ("UNESCO", "PRT", "1965-03-11", None, "member"),
    ("UNESCO", "PRT", "1972-12-31", "member", None),
    ("UNESCO", "PRT", "1974-09-11", None, "member"),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


def test_the_new_rows_cite_the_dataset_that_found_them(world: World) -> None:
    rows = [
        m
        for m in world.records.memberships
        if (m.org, m.member) in {("NONALIGNED", "MMR"), ("NONALIGNED", "KHM"), ("UNESCO", "PRT")}
    ]
    assert len(rows) == 5
    for m in rows:
        if m.org == "UNESCO" and m.joined.year == 1974:
            continue
        assert "Correlates of War" in m.source, (m.org, m.member, m.joined)
