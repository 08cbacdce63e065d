"""Facts of the shipped default world as of dates, checked against public record and
against reference tables nobody here wrote (pycountry, the CAMEO country table)."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

from accord.errors import UnknownNameError
from accord.world import (
    Obligation,
    Organization,
    State,
    StateStatus,
    World,
)
from accord.world.files import TABLES

G20_STATES = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]


def _count(world: World, org: str, on: str) -> int:
    return len(world.members(org, on))


@pytest.mark.parametrize(
    ("org", "on", "expected"),
    [
        ("NATO", "2023-01-01", 30),
        ("NATO", "2023-06-01", 31),
        ("NATO", "2024-06-01", 32),
        ("NATO", "1949-12-31", 12),
        ("NATO", "1999-12-31", 19),
        ("EU", "2019-12-31", 28),
        ("EU", "2020-02-01", 27),
        ("EU", "2013-07-01", 28),
        ("EU", "2013-06-30", 27),
        ("UN", "2024-01-01", 193),
        ("UN", "2011-07-13", 192),
        ("UN", "2011-07-14", 193),
        ("BRICS", "2023-12-31", 5),
        ("BRICS", "2024-06-01", 9),
        ("BRICS", "2025-06-01", 10),
        ("AUKUS", "2022-01-01", 3),
        ("GCC", "2020-01-01", 6),
        ("OECD", "2024-01-01", 38),
        ("ASEAN", "2024-01-01", 10),
        ("AU", "2024-01-01", 55),
        ("G7", "2024-01-01", 7),
        ("G20", "2024-01-01", 21),
        ("G20", "2023-01-01", 20),
        ("SCO", "2024-12-31", 10),
        # 166 WTO members less Hong Kong, China and Macao, China (customs territories, not actors)
        ("WTO", "2024-12-31", 164),
    ],
)
def test_member_counts(world: World, org: str, on: str, expected: int) -> None:
    assert _count(world, org, on) == expected


def test_specific_memberships(world: World) -> None:
    assert world.is_member("FIN", "NATO", "2023-04-04")
    assert not world.is_member("FIN", "NATO", "2023-04-03")
    assert not world.is_member("GBR", "EU", "2020-02-01")
    assert world.is_member("GBR", "EU", "2020-01-31")
    assert "AU" in {m.member for m in world.members("G20", "2024-01-01")}
    assert "SAU" not in {m.member for m in world.members("BRICS", "2025-06-01")}
    assert {m.member for m in world.members("UNSC", "2024-01-01") if m.role == "permanent"} == {
        "CHN",
        "FRA",
        "GBR",
        "RUS",
        "USA",
    }
    assert world.is_member("TWN", "UN", "1960-01-01")
    assert not world.is_member("TWN", "UN", "1972-01-01")
    assert world.is_member("CHN", "UN", "1972-01-01")


def test_paris_agreement_united_states(world: World) -> None:
    def usa_party(day: str) -> bool:
        return "USA" in {p.party for p in world.treaty_parties("PARIS", day)}

    assert usa_party("2017-01-01")
    assert not usa_party("2020-12-01")
    assert usa_party("2021-03-01")
    assert not usa_party("2026-06-01")


def test_a_treaty_is_found_by_its_name(world: World) -> None:
    assert world.treaty("Paris  agreement").code == "PARIS"  # any case and spacing
    assert world.treaty("Non-Proliferation").code == "NPT"  # the one name holding it
    with pytest.raises(UnknownNameError):
        world.treaty("treaty")  # many names hold it


def test_treaties_present(world: World) -> None:
    codes = {t.code for t in world.treaties}
    assert {"PARIS", "NPT", "NEWSTART", "UNCLOS", "CTBT"} <= codes
    assert {p.party for p in world.treaty_parties("NEWSTART", "2020-01-01")} == {"RUS", "USA"}
    npt = {p.party for p in world.treaty_parties("NPT", "2024-01-01")}
    assert {"USA", "RUS", "CHN", "FRA", "GBR"} <= npt
    assert not {"IND", "PAK", "ISR", "PRK"} & npt
    assert "USA" not in {p.party for p in world.treaty_parties("UNCLOS", "2024-01-01")}
    # 191 NPT parties (190 UN-recognised states plus Taiwan's 1970 ratification as the ROC).
    assert len(npt) == 191
    assert "PRK" in {p.party for p in world.treaty_parties("NPT", "2002-01-01")}
    # UNCLOS: 168 states and the EU on 2024-01-01 (UN Treaty Collection XXI.6).
    assert len(world.treaty_parties("UNCLOS", "2024-01-01")) == 169
    assert "EU" in {p.party for p in world.treaty_parties("UNCLOS", "2024-01-01")}
    # CTBT: not in force, so no parties; 187 signatures once Somalia signed (2023-09-08).
    assert world.treaty_parties("CTBT", "2024-01-01") == []
    signatories = {p.party for p in world.treaty_signatories("CTBT", "2023-10-01")}
    assert len(signatories) == 187 and "USA" in signatories


def test_alliances(world: World) -> None:
    us_allies = {a.ally for a in world.allies("USA", "2024-06-01", Obligation.DEFENCE)}
    assert {"JPN", "KOR", "PHL", "AUS", "GBR", "FIN", "SWE", "BRA"} <= us_allies
    assert "CHN" not in us_allies
    # Cuba: Rio Treaty obligations end with its 1962 exclusion; Mexico left in 2004.
    assert not {"CUB", "MEX", "VEN"} & us_allies
    assert {"CUB", "MEX", "VEN"} <= {a.ally for a in world.allies("USA", "1955-01-01")}
    assert "PRK" in {a.ally for a in world.allies("RUS", "2025-01-01")}
    assert "PRK" not in {a.ally for a in world.allies("RUS", "2024-01-01")}
    assert "PRK" in {a.ally for a in world.allies("CHN", "2024-01-01")}
    nato_allies = {
        a.ally for a in world.allies("POL", "2024-06-01") if a.alliance.startswith("NATO")
    }
    assert len(nato_allies) == 31


def test_sanctions(world: World) -> None:
    on_russia = world.sanctions(target="RUS", on="2022-06-01")
    senders = {s.sender for s in on_russia}
    assert {"EU", "USA", "GBR", "JPN", "CAN"} <= senders
    assert not world.sanctions(target="RUS", on="2013-06-01")
    germany = world.sanctions(sender="DEU", target="RUS", on="2023-01-01")
    assert germany and all(s.via == "EU" for s in germany)
    for target in ("IRN", "PRK", "VEN", "SYR"):
        assert world.sanctions(target=target, on="2020-01-01"), target


def test_ties_between_rivals_and_allies(world: World) -> None:
    t = world.ties("USA", "JPN", "2024-01-01")
    assert "G7" in t.shared_memberships and t.alliances
    r = world.ties("USA", "RUS", "2023-01-01")
    assert r.sanctions and not r.alliances


def test_capabilities_for_g20(world: World) -> None:
    for code in G20_STATES:
        indicators = {c.indicator: c for c in world.capabilities_of(code)}
        for needed in ("population", "gdp", "military_expenditure"):
            assert needed in indicators, (code, needed)
            assert indicators[needed].year >= 2022
            assert indicators[needed].source.strip()
    usa = {c.indicator: c.value for c in world.capabilities_of("USA")}
    assert 3.2e8 < usa["population"] < 3.5e8
    assert 2.0e13 < usa["gdp"] < 3.2e13
    chn = {c.indicator: c.value for c in world.capabilities_of("CHN")}
    assert 1.3e9 < chn["population"] < 1.45e9


def test_states_and_statuses(world: World) -> None:
    by_status: dict[StateStatus, set[str]] = {}
    for s in world.states:
        by_status.setdefault(s.status, set()).add(s.code)
    assert len(by_status[StateStatus.UN_MEMBER]) == 193
    assert by_status[StateStatus.UN_OBSERVER] == {"VAT", "PSE"}
    assert {"TWN", "XKX"} <= by_status[StateStatus.PARTIALLY_RECOGNISED]
    un_members = {m.member for m in world.members("UN", "2024-01-01")}
    assert un_members == by_status[StateStatus.UN_MEMBER]


def test_iso3_codes_match_pycountry(world: World) -> None:
    for s in world.states:
        if s.code == "XKX":
            continue
        # a former state's code is in ISO 3166-3 (formerly used codes), and only a former one's
        table = pycountry.historic_countries if s.former else pycountry.countries
        country = table.get(alpha_3=s.code)
        assert country is not None, s.code


def test_cow_codes_match_cameo_country_table(world: World, shared_data: Path) -> None:
    reference: dict[str, int] = {}
    with (shared_data / "cameo" / "countrynames.txt").open(
        encoding="utf-8", errors="replace"
    ) as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 3 and len(row[1]) == 3 and row[2].strip().isdigit() and int(row[2]):
                reference.setdefault(row[1], int(row[2]))
    compared = 0
    mismatches = []
    for s in world.states:
        if s.code in reference and s.cow is not None:
            compared += 1
            if reference[s.code] != s.cow:
                mismatches.append((s.code, s.cow, reference[s.code]))
    assert compared >= 150
    assert mismatches == []


def test_names_resolve(world: World) -> None:
    assert world.resolve("Russian Federation") == "RUS"
    assert world.resolve("South Korea") == "KOR"
    assert world.resolve("North Korea") == "PRK"
    assert world.resolve("Côte d'Ivoire") == "CIV"
    assert world.resolve("Turkey") == "TUR"
    assert world.resolve("Occupied Palestinian Territory") == "PSE"


def test_icews_country_names_resolve(world: World, shared_data: Path) -> None:
    names: set[str] = set()
    path = shared_data / "icews" / "events.2018.sample.tab"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for col in ("Source Country", "Target Country"):
                if row[col]:
                    names.add(row[col])
    unresolved = sorted(n for n in names if world.resolve(n) is None)
    # Territories that are not states (Hong Kong, Puerto Rico, ...) may stay unresolved.
    assert len(unresolved) <= 8, unresolved


def test_every_record_has_a_source(world: World) -> None:
    for table in TABLES:
        for record in getattr(world.records, table.world_field):
            assert record.source.strip(), (table.world_field, record)
    assert world.problems() == []


def test_organizations_cover_the_issue(world: World) -> None:
    wanted = (
        "UN UNSC NATO EU ASEAN AU OAS G7 G20 APEC BRICS SCO CSTO OPEC OECD WTO WHO GCC QUAD AUKUS"
    )
    orgs = {o.code for o in world.organizations}
    assert set(wanted.split()) <= orgs
    for code in wanted.split():
        org = world.actor(code)
        assert isinstance(org, Organization)
        assert world.members(code, "2025-06-01"), code


def test_states_exist_on_dates(world: World) -> None:
    ssd = world.actor("SSD")
    assert isinstance(ssd, State)
    assert not ssd.exists_on(__import__("datetime").date(2011, 7, 8))
    assert ssd.exists_on(__import__("datetime").date(2011, 7, 9))
