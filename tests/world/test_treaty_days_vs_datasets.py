"""Treaty participation files, wave 14x (issue 14): the signature and instrument days of every
complete list (and of the partial VCDR, VCCR and ANTARCTIC lists) compared with the UN
Treaty Collection pages scraped 2013-2015 (GitHub repository zmjones/untreaties, no licence
stated), the GGO parties table of manytreaties 1.0.0 (Geneva Graduate Institute, 2025; CC BY 4.0
in its DESCRIPTION, the AGPL-3.0 text in its LICENSE.md; dates only) and the IEADB dataset of
2026-01-23 (and, for the CTBT, the first two). Five rows carried a day two sources
contradict; each is corrected to the depositary's day, the old value named in the row's source
text. One missing row is added: Czechoslovakia's accession to the Antarctic Treaty, in both
datasets.
Sources: the rows' source text in treaty_parties/UNFCCC.csv, MONTREAL.csv, ANTARCTIC.csv and
CTBT.csv."""

from __future__ import annotations

import pytest

from accord.world import TreatyParty, TreatyStatus, World
from tests.world.test_treaties import _status

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING
S = TreatyStatus.SIGNATORY


def _row(world: World, treaty: str, party: str) -> TreatyParty:
    (row,) = [p for p in world.records.treaty_parties if p.treaty == treaty and p.party == party]
    return row


#: (treaty, party, day, status that day): the day before and the day of each corrected date.
CORRECTED: list[tuple[str, str, str, TreatyStatus | None]] = [
    # Fiji signed the UNFCCC on 9 October 1992 (not at Rio on 9 June).
    ("UNFCCC", "FJI", "1992-06-09", None),
    ("UNFCCC", "FJI", "1992-10-08", None),
    ("UNFCCC", "FJI", "1992-10-09", S),
    # Ghana ratified the Montreal Protocol on 14 July 1992 (not 24 July 1989), in force 90 days on.
    ("MONTREAL", "GHA", "1989-07-24", S),
    ("MONTREAL", "GHA", "1992-07-13", S),
    ("MONTREAL", "GHA", "1992-07-14", C),
    ("MONTREAL", "GHA", "1992-10-11", C),
    ("MONTREAL", "GHA", "1992-10-12", P),
    # The Czech Republic's succession to the Montreal Protocol: notified 30 September 1993.
    ("MONTREAL", "CZE", "1993-09-29", None),
    ("MONTREAL", "CZE", "1993-09-30", P),
    # Finland acceded to the Antarctic Treaty on 15 May 1984 (not 5 May).
    ("ANTARCTIC", "FIN", "1984-05-14", None),
    ("ANTARCTIC", "FIN", "1984-05-15", P),
    # Ghana's CTBT ratification: 14 June 2011 at the depositary (the treaty is not in force).
    ("CTBT", "GHA", "2011-06-13", S),
    ("CTBT", "GHA", "2011-06-14", C),
    # Czechoslovakia's accession (1962-06-14), missing before; the state ended 1993-01-01.
    ("ANTARCTIC", "CSK", "1962-06-13", None),
    ("ANTARCTIC", "CSK", "1962-06-14", P),
    ("ANTARCTIC", "CSK", "1992-12-31", P),
    ("ANTARCTIC", "CSK", "1993-01-01", None),
]


@pytest.mark.parametrize(("treaty", "party", "day", "status"), CORRECTED)
def test_corrected_days(
    world: World, treaty: str, party: str, day: str, status: TreatyStatus | None
) -> None:
    assert _status(world, treaty, party, day) == status


@pytest.mark.parametrize(
    ("treaty", "party", "old"),
    [
        ("UNFCCC", "FJI", "1992-06-09"),
        ("MONTREAL", "GHA", "1989-07-24"),
        ("MONTREAL", "CZE", "1993-01-01"),
        ("ANTARCTIC", "FIN", "1984-05-05"),
        ("CTBT", "GHA", "2011-06-15"),
    ],
)
def test_corrected_rows_name_the_old_value(world: World, treaty: str, party: str, old: str) -> None:
    source = _row(world, treaty, party).source
    assert "corrected in wave 14x" in source and old in source
