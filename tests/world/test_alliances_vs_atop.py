"""The shipped alliances against the ATOP v5.1 dyad-years, 1945-2018 (issue 14, correctness).

Every dyad-year the alliance rows bind has the same obligation in ATOP (Leeds, Ritter, Mitchell
and Long, 'Alliance Treaty Obligations and Provisions, 1815-1944', International Interactions 28,
2002; ATOP v5 codebook, 2020; as shipped in the R package peacesciencer) but for the cases
pinned here, where the rows were checked against the treaty record and kept: France stayed bound
by the Manila Pact until SEATO's dissolution (ATOP ends it in 1974, when France stopped paying
for the organization), and Australia and New Zealand stay bound by ANZUS after the United States
suspended its obligations to New Zealand (ATOP codes no defence between them from 1987). ATOP
dates accessions from signature; the rows date them from entry into force, also pinned here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World


def _allied(world: World, a: str, b: str, alliance: str, day: dt.date) -> bool:
    return any(x.ally == b and x.alliance == alliance for x in world.allies(a, day))


#: (alliance, state, ally, day of the change, allied the day before, allied that day)
CHANGES = [
    # SEATO: France never renounced the Manila Pact (its note of 1974-07-08); bound until the
    # organization's dissolution on 1977-06-30, like the others
    ("SEATO-DEF", "FRA", "THA", "1977-06-30", True, False),
    ("SEATO-CON", "FRA", "AUS", "1977-06-30", True, False),
    ("SEATO-DEF", "FRA", "PHL", "1975-07-01", True, True),
    # ANZUS: the US suspension of 1986-08-11 cuts the US-New Zealand link only
    ("ANZUS-DEF", "USA", "NZL", "1986-08-11", True, False),
    ("ANZUS-DEF", "AUS", "NZL", "1986-08-11", True, True),
    ("ANZUS-DEF", "AUS", "USA", "1986-08-11", True, True),
    # NATO: Poland, Hungary and the Czech Republic from their accession on 1999-03-12, not from
    # the protocols' signature in 1997 as ATOP dates them
    ("NATO-DEF", "USA", "POL", "1999-03-12", False, True),
    ("NATO-DEF", "HUN", "CZE", "1999-03-12", False, True),
    # the Collective Security Treaty from its entry into force on 1994-04-20, not from its
    # signature on 1992-05-15 as ATOP dates it
    ("CSTO-DEF", "RUS", "KAZ", "1994-04-20", False, True),
]


@pytest.mark.parametrize(("alliance", "state", "ally", "day", "before", "after"), CHANGES)
def test_day_before_and_day_of(
    world: World, alliance: str, state: str, ally: str, day: str, before: bool, after: bool
) -> None:
    on = dt.date.fromisoformat(day)
    assert _allied(world, state, ally, alliance, on - dt.timedelta(days=1)) is before
    assert _allied(world, state, ally, alliance, on) is after


def test_australia_and_new_zealand_still_allied_at_atops_last_year(world: World) -> None:
    assert _allied(world, "NZL", "AUS", "ANZUS-DEF", dt.date(2018, 12, 31))
    assert not _allied(world, "NZL", "USA", "ANZUS-DEF", dt.date(2018, 12, 31))


def test_seato_row_names_the_corrected_text(world: World) -> None:
    seato = next(a for a in world.alliances if a.code == "SEATO-DEF")
    assert "1974BANGKO12583" in seato.source
    assert "corrected from 'France withdrew its financial support in 1975 (no day)'" in seato.source
