"""Dated membership facts of the organizations added for issue 14, each checked the day before
and the day of the change, and integrity checks over every organization of the default world."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.store import Store
from accord.world import State, World, load_world, save_world
from accord.world.ties import Role

ADDED = [
    "ECOWAS",
    "AES",
    "LAS",
    "COE",
    "OSCE",
    "COMMONWEALTH",
    "MERCOSUR",
    "EAEU",
    "CIS",
    "CELAC",
    "PIF",
    "SAARC",
    "SADC",
    "EAC",
    "IGAD",
    "CARICOM",
    "SICA",
    "ANDEAN",
    "ARCTIC",
    "FVEY",
    "EFTA",
    "OTS",
    "GUAM",
    "PA",
    "ALBA",
    "BIMSTEC",
    "CEMAC",
    "UMA",
    "BENELUX",
    "V4",
    "CBSS",
    "CPLP",
    "D8",
    "MIKTA",
    "IBSA",
    "EAS",
    "B9",
    "WEIMAR",
    "OECS",
    "UNIONSTATE",
]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def check_joined_as_sourced(world: World, org: str, member: str, day: str, written: str) -> None:
    """`member` joined `org` on `day` (not the day before), has one open row, and that row's
    source gives the day as `written`."""
    check_change(world, org, member, day, None, "member")
    (row,) = [m for m in world.records.memberships if m.org == org and m.member == member]
    assert row.joined == dt.date.fromisoformat(day)
    assert row.left is None
    assert written in row.source


def check_change(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    """The member's standing is `before` the day before `day` and `after` on it."""
    on = dt.date.fromisoformat(day)
    assert status(world, org, member, on - dt.timedelta(days=1)) == before
    assert status(world, org, member, on) == after


def status(world: World, org: str, member: str, on: dt.date) -> str | None:
    """`member`, `suspended`, `observer`, `partner` or None: the member's standing on a day."""
    for m in world.members(org, on, roles=list(Role)):
        if m.member == member:
            if m.suspended_on(on):
                return "suspended"
            return "member" if m.role in {Role.MEMBER, Role.PERMANENT, Role.ELECTED} else m.role
    return None


# (organization, member, day of the change, standing the day before, standing that day)
CHANGES = [
    # ECOWAS: the Sahel exits, suspensions after coups, Mauritania's exit, Cape Verde's entry
    ("ECOWAS", "NGA", "1975-05-28", None, "member"),
    ("ECOWAS", "MLI", "2020-08-20", "member", "suspended"),
    ("ECOWAS", "MLI", "2020-10-06", "suspended", "member"),
    ("ECOWAS", "MLI", "2021-05-30", "member", "suspended"),
    ("ECOWAS", "MLI", "2025-01-29", "suspended", None),
    ("ECOWAS", "BFA", "2022-01-28", "member", "suspended"),
    ("ECOWAS", "BFA", "2025-01-29", "suspended", None),
    ("ECOWAS", "NER", "2023-07-30", "member", "suspended"),
    ("ECOWAS", "NER", "2025-01-29", "suspended", None),
    ("ECOWAS", "GIN", "2021-09-08", "member", "suspended"),
    ("ECOWAS", "GNB", "2025-11-27", "member", "suspended"),
    ("ECOWAS", "MRT", "2000-12-01", "member", None),
    ("ECOWAS", "CPV", "1977-01-01", None, "member"),
    # AES
    ("AES", "MLI", "2023-09-16", None, "member"),
    ("AES", "NER", "2023-09-16", None, "member"),
    # Arab League
    ("LAS", "EGY", "1945-03-22", None, "member"),
    ("LAS", "EGY", "1979-03-26", "member", "suspended"),
    ("LAS", "EGY", "1989-05-23", "suspended", "member"),
    ("LAS", "SYR", "2011-11-16", "member", "suspended"),
    ("LAS", "SYR", "2023-05-07", "suspended", "member"),
    ("LAS", "LBY", "2011-02-22", "member", "suspended"),
    ("LAS", "LBY", "2011-08-27", "suspended", "member"),
    ("LAS", "YEM", "1945-05-05", None, "member"),
    ("LAS", "PSE", "1976-09-09", None, "member"),
    ("LAS", "COM", "1993-11-20", None, "member"),
    # Council of Europe
    ("COE", "GBR", "1949-05-05", None, "member"),
    ("COE", "RUS", "1996-02-28", None, "member"),
    ("COE", "RUS", "2022-02-25", "member", "suspended"),
    ("COE", "RUS", "2022-03-16", "suspended", None),
    ("COE", "GRC", "1969-12-12", "member", None),
    ("COE", "GRC", "1974-11-28", None, "member"),
    ("COE", "MNE", "2007-05-11", None, "member"),
    # OSCE
    ("OSCE", "USA", "1975-08-01", None, "member"),
    ("OSCE", "ALB", "1991-06-19", None, "member"),
    ("OSCE", "UKR", "1992-01-30", None, "member"),
    ("OSCE", "SRB", "2000-11-10", None, "member"),
    ("OSCE", "MNG", "2012-11-21", None, "member"),
    # Commonwealth
    ("COMMONWEALTH", "ZAF", "1961-05-31", "member", None),
    ("COMMONWEALTH", "ZAF", "1994-06-01", None, "member"),
    ("COMMONWEALTH", "PAK", "1972-01-30", "member", None),
    ("COMMONWEALTH", "PAK", "1989-10-01", None, "member"),
    ("COMMONWEALTH", "PAK", "1999-10-18", "member", "suspended"),
    ("COMMONWEALTH", "PAK", "2004-05-22", "suspended", "member"),
    ("COMMONWEALTH", "PAK", "2007-11-22", "member", "suspended"),
    ("COMMONWEALTH", "PAK", "2008-05-22", "suspended", "member"),
    ("COMMONWEALTH", "NGA", "1995-11-11", "member", "suspended"),
    ("COMMONWEALTH", "NGA", "1999-05-29", "suspended", "member"),
    ("COMMONWEALTH", "FJI", "1987-10-15", "member", None),
    ("COMMONWEALTH", "FJI", "1997-10-01", None, "member"),
    ("COMMONWEALTH", "FJI", "2009-09-01", "member", "suspended"),
    ("COMMONWEALTH", "FJI", "2014-09-26", "suspended", "member"),
    ("COMMONWEALTH", "ZWE", "2002-03-19", "member", "suspended"),
    ("COMMONWEALTH", "ZWE", "2003-12-07", "suspended", None),
    ("COMMONWEALTH", "GMB", "2013-10-03", "member", None),
    ("COMMONWEALTH", "GMB", "2018-02-08", None, "member"),
    ("COMMONWEALTH", "MDV", "2016-10-13", "member", None),
    ("COMMONWEALTH", "MDV", "2020-02-01", None, "member"),
    ("COMMONWEALTH", "RWA", "2009-11-29", None, "member"),
    ("COMMONWEALTH", "TGO", "2022-06-24", None, "member"),
    # Mercosur
    ("MERCOSUR", "BRA", "1991-11-29", None, "member"),
    ("MERCOSUR", "PRY", "2012-06-29", "member", "suspended"),
    ("MERCOSUR", "PRY", "2013-08-15", "suspended", "member"),
    ("MERCOSUR", "VEN", "2012-07-31", None, "member"),
    ("MERCOSUR", "VEN", "2016-12-01", "member", "suspended"),
    ("MERCOSUR", "BOL", "2024-07-08", None, "member"),
    # EAEU
    ("EAEU", "RUS", "2015-01-01", None, "member"),
    ("EAEU", "ARM", "2015-01-02", None, "member"),
    ("EAEU", "KGZ", "2015-08-12", None, "member"),
    ("EAEU", "MDA", "2018-05-14", None, "observer"),
    ("EAEU", "CUB", "2020-12-11", None, "observer"),
    # CIS
    ("CIS", "UKR", "1991-12-08", None, "member"),
    ("CIS", "KAZ", "1991-12-21", None, "member"),
    ("CIS", "TKM", "2005-08-26", "member", "partner"),
    ("CIS", "GEO", "1993-12-03", None, "member"),
    ("CIS", "GEO", "2009-08-18", "member", None),
    # CELAC
    ("CELAC", "MEX", "2011-12-03", None, "member"),
    ("CELAC", "BRA", "2020-01-16", "member", "suspended"),
    ("CELAC", "BRA", "2023-01-05", "suspended", "member"),
    # Pacific Islands Forum
    ("PIF", "NZL", "1971-08-05", None, "member"),
    ("PIF", "FJI", "2009-05-02", "member", "suspended"),
    ("PIF", "FJI", "2014-10-22", "suspended", "member"),
    ("PIF", "KIR", "2022-07-09", "member", None),
    ("PIF", "KIR", "2023-02-01", None, "member"),
    ("PIF", "PLW", "1995-01-01", None, "member"),
    # SAARC
    ("SAARC", "IND", "1985-12-08", None, "member"),
    ("SAARC", "AFG", "2007-04-03", None, "member"),
    # SADC
    ("SADC", "ZWE", "1992-08-17", None, "member"),
    ("SADC", "ZAF", "1994-08-29", None, "member"),
    ("SADC", "SYC", "2004-07-01", "member", None),
    ("SADC", "SYC", "2008-01-01", None, "member"),
    ("SADC", "MDG", "2009-03-30", "member", "suspended"),
    ("SADC", "MDG", "2014-01-30", "suspended", "member"),
    ("SADC", "COM", "2017-08-19", None, "member"),
    # EAC
    ("EAC", "KEN", "2000-07-07", None, "member"),
    ("EAC", "RWA", "2007-07-01", None, "member"),
    ("EAC", "SSD", "2016-09-05", None, "member"),
    ("EAC", "COD", "2022-07-11", None, "member"),
    ("EAC", "SOM", "2024-03-04", None, "member"),
    # IGAD
    ("IGAD", "ETH", "1986-01-16", None, "member"),
    ("IGAD", "ERI", "2007-04-01", "member", "suspended"),
    ("IGAD", "ERI", "2023-06-12", "suspended", "member"),
    ("IGAD", "SSD", "2011-11-25", None, "member"),
    # CARICOM
    ("CARICOM", "JAM", "1973-08-01", None, "member"),
    ("CARICOM", "BHS", "1983-07-04", None, "member"),
    ("CARICOM", "SUR", "1995-07-04", None, "member"),
    ("CARICOM", "HTI", "2002-07-02", None, "member"),
    # SICA
    ("SICA", "GTM", "1993-02-01", None, "member"),
    ("SICA", "BLZ", "2000-12-01", None, "member"),
    ("SICA", "DOM", "2013-06-27", None, "member"),
    # Andean Community
    ("ANDEAN", "PER", "1969-10-16", None, "member"),
    ("ANDEAN", "CHL", "1976-10-30", "member", None),
    ("ANDEAN", "VEN", "1973-02-13", None, "member"),
    ("ANDEAN", "VEN", "2006-04-22", "member", None),
    # Arctic Council
    ("ARCTIC", "RUS", "1996-09-19", None, "member"),
    ("ARCTIC", "GBR", "1998-09-18", None, "observer"),
    ("ARCTIC", "FRA", "2000-10-13", None, "observer"),
    ("ARCTIC", "ESP", "2006-10-26", None, "observer"),
    ("ARCTIC", "CHN", "2013-05-15", None, "observer"),
    ("ARCTIC", "CHE", "2017-05-11", None, "observer"),
    # Five Eyes
    ("FVEY", "GBR", "1946-03-05", None, "member"),
    ("FVEY", "CAN", "1948-01-01", None, "member"),
    ("FVEY", "NZL", "1956-01-01", None, "member"),
    # EFTA
    ("EFTA", "CHE", "1960-05-03", None, "member"),
    ("EFTA", "GBR", "1973-01-01", "member", None),
    ("EFTA", "PRT", "1986-01-01", "member", None),
    ("EFTA", "FIN", "1961-06-26", None, "partner"),
    ("EFTA", "FIN", "1986-01-01", "partner", "member"),
    ("EFTA", "FIN", "1995-01-01", "member", None),
    ("EFTA", "ISL", "1970-03-01", None, "member"),
    ("EFTA", "LIE", "1991-09-01", None, "member"),
    # Organization of Turkic States
    ("OTS", "TUR", "2009-10-03", None, "member"),
    ("OTS", "UZB", "2019-10-15", None, "member"),
    ("OTS", "HUN", "2018-09-03", None, "observer"),
    ("OTS", "TKM", "2021-11-12", None, "observer"),
    # GUAM
    ("GUAM", "GEO", "1997-10-10", None, "member"),
    ("GUAM", "UZB", "1999-04-24", None, "member"),
    ("GUAM", "UZB", "2005-05-05", "member", None),
    # Pacific Alliance
    ("PA", "MEX", "2011-04-28", None, "member"),
    # ALBA
    ("ALBA", "VEN", "2004-12-14", None, "member"),
    ("ALBA", "BOL", "2006-04-29", None, "member"),
    ("ALBA", "BOL", "2019-11-15", "member", None),
    ("ALBA", "BOL", "2020-11-09", None, "member"),
    ("ALBA", "HND", "2008-08-25", None, "member"),
    ("ALBA", "HND", "2010-01-12", "member", None),
    ("ALBA", "ECU", "2018-08-23", "member", None),
    ("ALBA", "KNA", "2014-12-14", None, "member"),
    # BIMSTEC
    ("BIMSTEC", "IND", "1997-06-06", None, "member"),
    ("BIMSTEC", "MMR", "1997-12-22", None, "member"),
    ("BIMSTEC", "NPL", "2004-02-01", None, "member"),
    # CEMAC, UMA, Benelux
    ("CEMAC", "CMR", "1994-03-16", None, "member"),
    ("UMA", "MAR", "1989-02-17", None, "member"),
    ("BENELUX", "LUX", "1960-11-01", None, "member"),
    # Visegrad Group
    ("V4", "POL", "1991-02-15", None, "member"),
    ("V4", "SVK", "1993-01-01", None, "member"),
    # Council of the Baltic Sea States
    ("CBSS", "DEU", "1992-03-05", None, "member"),
    ("CBSS", "RUS", "2022-03-03", "member", "suspended"),
    ("CBSS", "RUS", "2022-05-17", "suspended", None),
    ("CBSS", "ISL", "1995-01-01", None, "member"),
    # CPLP
    ("CPLP", "BRA", "1996-07-17", None, "member"),
    ("CPLP", "TLS", "2002-05-20", None, "member"),
    ("CPLP", "GNQ", "2014-07-23", None, "member"),
    # D-8
    ("D8", "TUR", "1997-06-15", None, "member"),
    ("D8", "AZE", "2024-12-19", None, "member"),
    # MIKTA, IBSA
    ("MIKTA", "KOR", "2013-09-25", None, "member"),
    ("IBSA", "ZAF", "2003-06-06", None, "member"),
    # East Asia Summit
    ("EAS", "JPN", "2005-12-14", None, "member"),
    ("EAS", "USA", "2011-11-19", None, "member"),
    ("EAS", "RUS", "2011-11-19", None, "member"),
    # Bucharest Nine, Weimar Triangle, OECS, Union State
    ("B9", "ROU", "2015-11-04", None, "member"),
    ("WEIMAR", "POL", "1991-08-28", None, "member"),
    ("OECS", "LCA", "1981-06-18", None, "member"),
    ("UNIONSTATE", "BLR", "2000-01-26", None, "member"),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    on = _day(day)
    assert status(world, org, member, on - dt.timedelta(days=1)) == before
    assert status(world, org, member, on) == after
    assert world.is_member(member, org, on) == (after in {"member", "suspended"})


def test_every_added_organization_has_a_dated_fact() -> None:
    assert {org for org, *_ in CHANGES} == set(ADDED)


@pytest.mark.parametrize(
    ("org", "on", "expected"),
    [
        ("ECOWAS", "2025-01-28", 15),
        ("ECOWAS", "2025-01-29", 12),
        ("AES", "2024-07-06", 3),
        ("LAS", "2024-01-01", 22),
        ("COE", "2022-03-15", 47),
        ("COE", "2022-03-16", 46),
        ("OSCE", "2024-01-01", 57),
        ("COMMONWEALTH", "2022-06-24", 56),
        ("COMMONWEALTH", "2022-06-23", 54),
        ("MERCOSUR", "2024-07-08", 6),
        ("EAEU", "2016-01-01", 5),
        ("CIS", "2010-01-01", 10),
        ("CELAC", "2012-01-01", 33),
        ("PIF", "2024-01-01", 16),
        ("SAARC", "2024-01-01", 8),
        ("SADC", "2024-01-01", 16),
        ("EAC", "2024-03-04", 8),
        ("IGAD", "2024-01-01", 8),
        # 15 members less Montserrat, a British territory and not an actor
        ("CARICOM", "2024-01-01", 14),
        ("SICA", "2024-01-01", 8),
        ("ANDEAN", "2024-01-01", 4),
        ("ARCTIC", "2024-01-01", 8),
        ("FVEY", "2024-01-01", 5),
        ("EFTA", "2024-01-01", 4),
        ("OTS", "2024-01-01", 5),
        ("EAS", "2024-01-01", 18),
        ("CPLP", "2024-01-01", 9),
        ("D8", "2025-01-01", 9),
    ],
)
def test_member_counts(world: World, org: str, on: str, expected: int) -> None:
    assert len(world.members(org, on)) == expected


def test_arctic_council_observers_and_no_permanent_participants(world: World) -> None:
    observers = world.members("ARCTIC", "2024-01-01", roles=[Role.OBSERVER])
    assert len(observers) == 13
    assert all(isinstance(world.actor(m.member), State) for m in observers)


def test_notes_on_contested_memberships(world: World) -> None:
    """Argentina's WHO withdrawal is disputed: still a member, with a note saying why."""
    (argentina,) = [m for m in world.members("WHO", "2026-06-01") if m.member == "ARG"]
    assert argentina.note is not None and "disputed" in argentina.note
    assert not world.is_member("USA", "WHO", "2026-01-22")
    (ukraine,) = [m for m in world.members("CIS", "2024-01-01") if m.member == "UKR"]
    assert ukraine.note is not None and "Charter" in ukraine.note


def test_notes_survive_the_store(world: World, tmp_path: Path) -> None:
    with Store(tmp_path / "notes.duckdb") as store:
        save_world(store, world)
        loaded = load_world(store)
    assert loaded is not None
    notes = {(m.org, m.member): m.note for m in loaded.records.memberships if m.note}
    assert notes == {(m.org, m.member): m.note for m in world.records.memberships if m.note}
    assert ("WHO", "ARG") in notes


def test_at_least_sixty_organizations(world: World) -> None:
    assert len(world.organizations) >= 60
    assert set(ADDED) <= {o.code for o in world.organizations}


def test_no_membership_outside_its_organizations_lifetime(world: World) -> None:
    for m in world.records.memberships:
        org = next(o for o in world.organizations if o.code == m.org)
        assert org.founded is None or m.joined >= org.founded, (m.org, m.member, m.joined)
        if org.dissolved is not None:
            assert m.left is not None and m.left <= org.dissolved, (m.org, m.member)


def test_members_are_known_states_or_organizations(world: World) -> None:
    states = {s.code for s in world.states}
    orgs = {o.code for o in world.organizations}
    for m in world.records.memberships:
        if m.org in ADDED:
            assert m.member in states | orgs, (m.org, m.member)
            assert m.source.strip(), (m.org, m.member)


def test_cli_shows_the_note(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    result = runner.invoke(
        app, ["world", "members", "WHO", "--on", "2026-06-01", "--db", db, "--json"]
    )
    assert result.exit_code == 0, result.output
    (argentina,) = [r for r in json.loads(result.stdout) if r["code"] == "ARG"]
    assert "disputed" in argentina["note"]
    shown = runner.invoke(app, ["world", "show", "ARG", "--on", "2026-06-01", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Contested" in shown.output
