"""IAEA members added in wave 11 (issue 14): Cote d'Ivoire, Gabon, Nigeria and Kuwait from the
table of accessions after 31 January 1963 in the Tractatenblad 1967 nr. 133, Czechoslovakia's
membership of 1957-1992 (INFCIRC/16 and Japan's MOFA Notification No. 97, filed under the former
state CSK)
and the Republic of Viet-Nam's deposit of 1957-09-24 (Dz.U. 1959 nr 2 poz. 20, recorded under
VNM), the Lao PDR (2011) and the Republic of the Congo (2009) from national secondary sources,
each checked on the day before and the day of the change."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


# (member, day of the change, standing the day before, standing that day)
CHANGES = [
    ("CIV", "1963-11-19", None, "member"),
    ("GAB", "1964-01-21", None, "member"),
    ("NGA", "1964-03-25", None, "member"),
    ("KWT", "1964-12-01", None, "member"),
    ("VNM", "1957-09-24", None, "member"),
    ("LAO", "2011-11-04", None, "member"),
    ("COG", "2009-07-15", None, "member"),
    # Czechoslovakia from the Statute's entry into force to its dissolution, then the Czech
    # Republic's own accession
    ("CSK", "1957-07-29", None, "member"),
    ("CSK", "1993-01-01", "member", None),
    ("CZE", "1993-01-01", None, None),
    ("CZE", "1993-09-27", None, "member"),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


def test_the_accessions_of_1963_and_1964_follow_the_tractatenblad_order(world: World) -> None:
    # the table lists Cote d'Ivoire, Algeria, Gabon, Nigeria, Cameroon and Kuwait in this order
    joined = {
        m.member: m.joined
        for m in world.records.memberships
        if m.org == "IAEA" and m.member in {"CIV", "DZA", "GAB", "NGA", "CMR", "KWT"}
    }
    order = ["CIV", "DZA", "GAB", "NGA", "CMR", "KWT"]
    assert [joined[c] for c in order] == sorted(joined.values())


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
