"""Geneva Conventions of 1949, the twelfth pass (issue 14, wave 12): each new row checked on the
day before and the day of its changes. The sources (a national Red Cross society with WIPO Lex
for the kind of instrument, Poland's Dziennik Ustaw, a Seoul newspaper) are in the `source`
column of treaty_parties/GENEVA.csv; the comments below name them."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import _status, check_bound_from_deposit

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force) of accessions recorded in this pass.
BOUND: list[tuple[str, str, str]] = [
    # German Red Cross (Offenbach branch): party since 1954-09-03; an accession (WIPO Lex).
    ("DEU", "1954-09-03", "1955-03-03"),
    # JoongAng Ilbo (1966, secondary): North Korea the 67th party as of 1957-08-27.
    ("PRK", "1957-08-27", "1958-02-27"),
    # Dziennik Ustaw 1957 Nr 52 poz. 255: the German Democratic Republic, 1956-11-30.
    ("DDR", "1956-11-30", "1957-05-30"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)


def test_the_gdr_is_no_longer_a_party_after_its_end(world: World) -> None:
    # The GDR's row has no withdrawal: its standing ends with the state (1990-10-03).
    assert _status(world, "GENEVA", "DDR", "1990-10-02") == P
    assert _status(world, "GENEVA", "DDR", "2025-01-01") is None
