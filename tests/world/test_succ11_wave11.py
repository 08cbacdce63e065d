"""Former states' rows filed under their own codes (issue 14, wave 11): the UN Security Council
terms of Yugoslavia, Czechoslovakia and the German Democratic Republic, and the organization
and treaty rows of Czechoslovakia, the SFR Yugoslavia and South Yemen that had been filed under
a successor's code before the successor existed. Each check looks at the day before and the
day of a change."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (organization, member, day of the change, standing the day before, standing that day)
UNSC_TERMS = [
    ("UNSC", "YUG", "1950-01-01", None, "member"),
    ("UNSC", "YUG", "1952-01-01", "member", None),
    ("UNSC", "YUG", "1956-01-01", None, "member"),
    ("UNSC", "YUG", "1957-01-01", "member", None),
    ("UNSC", "CSK", "1964-01-01", None, "member"),
    ("UNSC", "CSK", "1965-01-01", "member", None),
    ("UNSC", "YUG", "1972-01-01", None, "member"),
    ("UNSC", "YUG", "1974-01-01", "member", None),
    ("UNSC", "CSK", "1978-01-01", None, "member"),
    ("UNSC", "CSK", "1980-01-01", "member", None),
    ("UNSC", "DDR", "1980-01-01", None, "member"),
    ("UNSC", "DDR", "1982-01-01", "member", None),
    ("UNSC", "YUG", "1988-01-01", None, "member"),
    ("UNSC", "YUG", "1990-01-01", "member", None),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), UNSC_TERMS)
def test_former_states_security_council_terms(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)
