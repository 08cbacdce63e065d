"""Wave 14 rows (issue 14) for the BBNJ Agreement: the 67 states that had only signed when the
UN status list used by the IEADB dataset of 2026-01-23 was taken (its last instrument is of
2025-10-01), the day before and the day of a signature, and the counts against the published
ones: 145 signatories (the Agreement was open for signature until 2025-09-20, article 65) and
74 instruments at the end of the 2025 treaty event (UN News, 2025-09-30). Sources: the rows'
source text in treaty_parties/BBNJ.csv."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import Coverage, TreatyStatus, World
from tests.world.test_treaties import _status
from tests.world.test_treaties_complete import BOUND

S = TreatyStatus.SIGNATORY
C = TreatyStatus.CONTRACTING


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


#: (party, day of signature) for signature-only states added in wave 14, large states first.
SIGNED_ONLY: list[tuple[str, str]] = [
    ("DEU", "2023-09-20"),
    ("GBR", "2023-09-20"),
    ("ITA", "2023-09-22"),
    ("POL", "2023-09-21"),
    ("NLD", "2023-09-20"),
    ("CZE", "2023-09-29"),
    ("AUS", "2023-09-20"),
    ("CAN", "2024-03-04"),
    ("IND", "2024-09-25"),
    ("PAK", "2025-07-21"),
    ("NGA", "2024-05-03"),
    ("EGY", "2024-10-14"),
    ("ARG", "2024-06-18"),
    ("TUR", "2024-09-27"),
    ("ZAF", "2025-06-09"),
    ("THA", "2025-04-17"),
    ("UKR", "2025-08-29"),
    ("CHE", "2025-02-05"),
    ("DZA", "2025-09-19"),
    ("BRN", "2025-09-19"),
]


@pytest.mark.parametrize(("party", "day"), SIGNED_ONLY)
def test_signatory_from_its_signature(world: World, party: str, day: str) -> None:
    assert _status(world, "BBNJ", party, _day_before(day)) is None
    assert _status(world, "BBNJ", party, day) == S
    # Not bound when the Agreement entered into force, 2026-01-17.
    assert _status(world, "BBNJ", party, "2026-01-17") == S


def test_signature_list_is_final_at_145(world: World) -> None:
    # 145 signatures when the Agreement closed for signature on 2025-09-20 (UN News,
    # 2025-09-30; also 145 on 2026-01-14, cmscoms.com): the European Union's among them; Japan
    # and Trinidad and Tobago acceded without signing.
    rows = [p for p in world.records.treaty_parties if p.treaty == "BBNJ"]
    signed = [p for p in rows if p.signed is not None]
    assert len(signed) == 145
    assert all(p.signed is not None and p.signed.isoformat() <= "2025-09-20" for p in signed)
    assert {p.party for p in rows if p.signed is None} == {"JPN", "TTO"}


def test_signatories_on_the_last_day_of_signature(world: World) -> None:
    # Algeria and Brunei Darussalam signed 2025-09-19, the last signatures in the list.
    standings = world.treaty_status("BBNJ", "2025-09-20")
    assert sum(1 for s in standings if s.record.signed is not None) == 145
    assert _status(world, "BBNJ", "DZA", "2025-09-18") is None


def test_74_instruments_at_the_end_of_the_2025_treaty_event(world: World) -> None:
    # UN News (French service), 2025-09-30: 74 ratifications and 145 signatures; the State of
    # Palestine's instrument followed on 2025-10-01.
    bound = [s for s in world.treaty_status("BBNJ", "2025-09-30") if s.status in BOUND]
    assert len(bound) == 74
    assert _status(world, "BBNJ", "PSE", "2025-09-30") == S
    assert _status(world, "BBNJ", "PSE", "2025-10-01") == C
    assert world.treaty("BBNJ").coverage is Coverage.PARTIAL
