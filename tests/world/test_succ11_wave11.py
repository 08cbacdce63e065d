"""Former states' rows filed under their own codes (issue 14, wave 11): the UN Security Council
terms of Yugoslavia, Czechoslovakia and the German Democratic Republic, and the organization
and treaty rows of Czechoslovakia, the SFR Yugoslavia and South Yemen that had been filed under
a successor's code before the successor existed. Each check looks at the day before and the
day of a change."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import Coverage, TreatyStatus, World, default_world
from tests.world.test_organizations import check_change

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING
S = TreatyStatus.SIGNATORY


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


#: (organization, member, day of the change, standing the day before, standing that day): the
#: former states' spells end with the state (or earlier), the successors' begin on their own day
MOVED = [
    # IAEA: Czechoslovakia from the Statute's entry into force to its dissolution; the Czech
    # Republic's own accession
    ("IAEA", "CSK", "1957-07-29", None, "member"),
    ("IAEA", "CSK", "1993-01-01", "member", None),
    ("IAEA", "CZE", "1993-09-27", None, "member"),
    # IMF: Czechoslovakia 1945-1954 and 1990-1992; the Czech Republic succeeded on 1993-01-01
    ("IMF", "CSK", "1945-12-27", None, "member"),
    ("IMF", "CSK", "1954-12-31", "member", None),
    ("IMF", "CSK", "1990-09-20", None, "member"),
    ("IMF", "CSK", "1993-01-01", "member", None),
    ("IMF", "CZE", "1993-01-01", None, "member"),
    # OSCE: Czechoslovakia from the Helsinki Final Act; the Czech Republic from 1993-01-01
    ("OSCE", "CSK", "1975-08-01", None, "member"),
    ("OSCE", "CSK", "1993-01-01", "member", None),
    ("OSCE", "CZE", "1993-01-01", None, "member"),
    # Visegrad Group: Czechoslovakia from the declaration; the Czech Republic from 1993-01-01
    ("V4", "CSK", "1991-02-15", None, "member"),
    ("V4", "CSK", "1993-01-01", "member", None),
    ("V4", "CZE", "1993-01-01", None, "member"),
    # WHO: Czechoslovakia and Yugoslavia original members; the Czech Republic's own acceptance
    ("WHO", "CSK", "1948-04-07", None, "member"),
    ("WHO", "CSK", "1993-01-01", "member", None),
    ("WHO", "CZE", "1993-01-22", None, "member"),
    ("WHO", "YUG", "1948-04-07", None, "member"),
    ("WHO", "YUG", "1992-04-27", "member", None),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), MOVED)
def test_moved_memberships_day_before_and_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


def test_no_czech_or_serbian_membership_before_the_state_existed(world: World) -> None:
    for org in ("IAEA", "IMF", "OSCE", "V4", "WHO"):
        rows = [m for m in world.records.memberships if m.org == org]
        assert all(m.joined >= dt.date(1993, 1, 1) for m in rows if m.member == "CZE"), org
        assert all(m.joined >= dt.date(1992, 4, 27) for m in rows if m.member == "SRB"), org


def test_serbias_who_membership_is_recorded_since_wave_14(world: World) -> None:
    who = world.actor("WHO")
    assert who.coverage is Coverage.COMPLETE and who.missing == ()
    assert "SRB" in {m.member for m in world.members("WHO", "2024-01-01")}


def _status(world: World, treaty: str, actor: str, day: str) -> TreatyStatus | None:
    for standing in world.treaty_status(treaty, day):
        if standing.party == actor:
            return standing.status
    return None


#: (treaty, actor, day, status that day): each moved step on the day before and the day of
TREATY_DAYS = [
    # UNCLOS: Czechoslovakia signed 1982-12-10 and never ratified; the Czech Republic succeeded
    # to the signature on 1993-02-22 and ratified 1996-06-21 (in force 1996-07-21)
    ("UNCLOS", "CSK", "1982-12-09", None),
    ("UNCLOS", "CSK", "1982-12-10", S),
    ("UNCLOS", "CSK", "1992-12-31", S),
    ("UNCLOS", "CSK", "1993-01-01", None),
    ("UNCLOS", "CZE", "1993-02-21", None),
    ("UNCLOS", "CZE", "1993-02-22", S),
    ("UNCLOS", "CZE", "1996-07-20", C),
    ("UNCLOS", "CZE", "1996-07-21", P),
    # UNCLOS: the SFRY signed and ratified, but it ended before the Convention entered into
    # force; the FRY's succession of 2001-03-12
    ("UNCLOS", "YUG", "1986-05-04", S),
    ("UNCLOS", "YUG", "1986-05-05", C),
    ("UNCLOS", "YUG", "1992-04-26", C),
    ("UNCLOS", "YUG", "1992-04-27", None),
    ("UNCLOS", "SRB", "2001-03-11", None),
    ("UNCLOS", "SRB", "2001-03-12", P),
    # BWC: Czechoslovakia signed 1972-04-10, ratified 1973-04-30, bound from the entry into
    # force to its dissolution; the Czech Republic's succession from 1993-01-01
    ("BWC", "CSK", "1972-04-09", None),
    ("BWC", "CSK", "1972-04-10", S),
    ("BWC", "CSK", "1973-04-30", C),
    ("BWC", "CSK", "1975-03-26", P),
    ("BWC", "CSK", "1992-12-31", P),
    ("BWC", "CSK", "1993-01-01", None),
    ("BWC", "CZE", "1992-12-31", None),
    ("BWC", "CZE", "1993-01-01", P),
    # BWC: the SFRY ratified in 1973, a party from the entry into force; the FRY's succession
    # (UK record)
    ("BWC", "YUG", "1975-03-25", C),
    ("BWC", "YUG", "1975-03-26", P),
    ("BWC", "YUG", "1992-04-26", P),
    ("BWC", "YUG", "1992-04-27", None),
    ("BWC", "SRB", "2001-06-12", None),
    ("BWC", "SRB", "2001-06-13", P),
    # NPT: South Yemen's accession of 1979-06-01, continued by Yemen from unification
    ("NPT", "YMD", "1979-05-31", None),
    ("NPT", "YMD", "1979-06-01", P),
    ("NPT", "YMD", "1990-05-21", P),
    ("NPT", "YMD", "1990-05-22", None),
    ("NPT", "YEM", "1990-05-21", None),
    ("NPT", "YEM", "1990-05-22", P),
]


@pytest.mark.parametrize(("treaty", "actor", "day", "expected"), TREATY_DAYS)
def test_moved_treaty_steps(
    world: World, treaty: str, actor: str, day: str, expected: TreatyStatus | None
) -> None:
    assert _status(world, treaty, actor, day) == expected


def test_the_csce_signatories_of_helsinki_and_paris() -> None:
    # the Helsinki Final Act (1975-08-01) had 35 signatories, the GDR and Yugoslavia among
    # them (33 here before their rows); the Charter of Paris (1990-11-21), after German
    # unification, 34 (OSCE, Participating States)
    world = default_world()
    assert len(world.members("OSCE", "1975-08-01")) == 35
    assert world.is_member("DDR", "OSCE", "1990-10-02")
    assert not world.is_member("DDR", "OSCE", "1990-10-03")
    assert world.is_member("YUG", "OSCE", "1992-04-26")
    assert not world.is_member("YUG", "OSCE", "1992-04-27")
    assert len(world.members("OSCE", "1990-11-21")) == 34
