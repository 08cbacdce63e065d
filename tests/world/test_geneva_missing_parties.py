"""Geneva Conventions of 1949, wave 14 (issue 14): no source found in this pass settles the day
of any of the 20 parties the list lacks, so no row was added. These checks keep the file's
'#' header, the treaty's `missing` list and the recorded parties in step: the header names the
same 20 states as treaties.csv, none of them is shown as a party, and the recorded parties and
the missing states together make up the 196 parties the treaty row counts."""

from __future__ import annotations

import re

import pytest

from accord.world import TreatyStatus, World
from accord.world.default import DATA_DIR

#: The 20 parties no source found so far dates to the day (the header's 'Missing (20)' line).
MISSING = {
    "CZE", "ERI", "FJI", "GRD", "LCA", "MRT", "MUS", "NER", "PNG", "RWA",
    "SLE", "SMR", "SRB", "SSD", "SUR", "SWZ", "TLS", "TUV", "VCT", "WSM",
}  # fmt: skip

#: Parties to the four Conventions (ICRC and Swiss depositary; Wikipedia, List of parties to
#: the Geneva Conventions, 2024): the 193 UN members, the Holy See, Palestine, the Cook Islands.
PUBLISHED = 196

BOUND = {TreatyStatus.PARTY, TreatyStatus.CONTRACTING}


def _header_missing() -> set[str]:
    text = (DATA_DIR / "treaty_parties" / "GENEVA.csv").read_text(encoding="utf-8")
    (line,) = [row for row in text.splitlines() if row.startswith("# Missing (")]
    match = re.match(r"# Missing \((\d+)\): ([A-Z ]+)\.$", line)
    assert match is not None
    codes = set(match.group(2).split())
    assert len(codes) == int(match.group(1))
    return codes


def test_the_header_names_the_states_the_treaty_row_lacks(world: World) -> None:
    assert _header_missing() == MISSING == set(world.treaty("GENEVA").missing)


def test_recorded_and_missing_parties_make_up_the_published_count(world: World) -> None:
    standings = world.treaty_status("GENEVA", "2025-01-01")
    bound = {s.party for s in standings if s.status in BOUND}
    assert not bound & MISSING
    assert len(bound) + len(MISSING) == PUBLISHED


@pytest.mark.parametrize("party", sorted(MISSING))
def test_a_missing_state_is_not_recorded_as_a_party(world: World, party: str) -> None:
    # Not recorded is not "not a party": these states are parties, on days no source settled.
    for day in ("1960-01-01", "1990-01-01", "2025-01-01"):
        assert party not in {p.party for p in world.treaty_parties("GENEVA", day)}
