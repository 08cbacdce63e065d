"""AIIB members dated from a source that gives the day of deposit (issue 14): each checked on
the day before its day of membership (not a member) and on that day (a member), and its row's
source (the `source` column of memberships/AIIB.csv) checked for the work it cites. A member
joins on the day its instrument of ratification, acceptance or accession is deposited with the
depositary, China (Article 58); the days come from the Dutch treaty database, the depositary's
communications printed by Austria (BGBl. III) and national sources. The file's '#' header is
kept honest too: the count it states is the number of rows, and every state it names as not
recorded (no exact day of deposit found) has no row."""

from __future__ import annotations

import re

import pytest

from accord.world import World
from accord.world.default import DATA_DIR
from tests.world.test_organizations import check_change

# (member, day of deposit, what its row's source names)
JOINED = [
    # the Swiss foreign ministry's press release
    ("CHE", "2016-04-25", "news.admin.ch"),
    # the Dutch treaty database
    ("PHL", "2016-12-28", "verdragen.nl"),
    ("IRL", "2017-10-23", "verdragen.nl"),
    ("IRQ", "2022-08-04", "verdragen.nl"),
    # BGBl. III Nr. 50/2016: instruments deposited in January and February 2016
    ("NPL", "2016-01-13", "BGBl. III Nr. 50/2016"),
    ("ISR", "2016-01-15", "BGBl. III Nr. 50/2016"),
    ("LAO", "2016-01-15", "BGBl. III Nr. 50/2016"),
    ("TUR", "2016-01-15", "BGBl. III Nr. 50/2016"),
    ("ARE", "2016-01-15", "BGBl. III Nr. 50/2016"),
    ("TJK", "2016-01-16", "BGBl. III Nr. 50/2016"),
    ("SAU", "2016-02-19", "BGBl. III Nr. 50/2016"),
    # BGBl. III Nr. 175/2016: instruments deposited in June and July 2016
    ("POL", "2016-06-15", "BGBl. III Nr. 175/2016"),
    ("THA", "2016-06-20", "BGBl. III Nr. 175/2016"),
    ("OMN", "2016-06-21", "BGBl. III Nr. 175/2016"),
    ("LKA", "2016-06-22", "BGBl. III Nr. 175/2016"),
    ("SWE", "2016-06-23", "BGBl. III Nr. 175/2016"),
    ("QAT", "2016-06-24", "BGBl. III Nr. 175/2016"),
    ("ITA", "2016-07-13", "BGBl. III Nr. 175/2016"),
    # Uruguay's government (the AIIB's confirmation)
    ("URY", "2020-04-28", "marcapaisuruguay.gub.uy"),
]

# Full members named in the header as not recorded (no exact day of deposit found).
NOT_RECORDED = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "VNM": "Vietnam",
    "MYS": "Malaysia",
    "PRT": "Portugal",
    "ESP": "Spain",
    "UZB": "Uzbekistan",
    "KWT": "Kuwait",
    "SRB": "Serbia",
    "KEN": "Kenya",
    "LBR": "Liberia",
    "MDG": "Madagascar",
    "MRT": "Mauritania",
    "MAR": "Morocco",
    "NRU": "Nauru",
    "PNG": "Papua New Guinea",
    "PER": "Peru",
    "ROU": "Romania",
    "RWA": "Rwanda",
    "WSM": "Samoa",
    "SLB": "Solomon Islands",
    "ZAF": "South Africa",
    "SDN": "Sudan",
    "TLS": "Timor-Leste",
    "TGO": "Togo",
    "TON": "Tonga",
    "VUT": "Vanuatu",
}


@pytest.fixture(scope="module")
def header() -> str:
    text = (DATA_DIR / "memberships" / "AIIB.csv").read_text(encoding="utf-8")
    lines = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    return " ".join(lines)


@pytest.mark.parametrize(("member", "day", "cited"), JOINED)
def test_member_joins_on_its_day(world: World, member: str, day: str, cited: str) -> None:
    check_change(world, "AIIB", member, day, None, "member")


@pytest.mark.parametrize(("member", "day", "cited"), JOINED)
def test_row_names_its_source(world: World, member: str, day: str, cited: str) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "AIIB"}
    assert cited in rows[member].source, member


def test_the_header_states_the_number_of_rows(world: World, header: str) -> None:
    rows = [m for m in world.records.memberships if m.org == "AIIB"]
    stated = re.search(r"(\d+) of about 110 members", header)
    assert stated is not None
    assert int(stated.group(1)) == len(rows)
    assert f"{len(NOT_RECORDED)} states" in header


@pytest.mark.parametrize(("code", "name"), sorted(NOT_RECORDED.items()))
def test_a_state_named_not_recorded_has_no_row(
    world: World, header: str, code: str, name: str
) -> None:
    not_recorded = header[header.index("Not recorded") :]
    assert name in not_recorded
    members = {m.member for m in world.records.memberships if m.org == "AIIB"}
    assert code not in members
