"""Geneva Conventions of 1949, wave 11 rows (issue 14): the day before and the day of each
change for the states added in this pass, from national sources that state the day (Mexico's
compilation of its international instruments and its Diario Oficial, Sri Lanka's Geneva
Conventions Act of 2006, Ghana's Red Cross Emblem Decree of 1973, Ecuador's foreign ministry)
and from the depositary's own legal directorate (El Salvador). Sources: the rows' source text
in treaty_parties/GENEVA.csv."""

from __future__ import annotations

import pytest

from accord.world import TreatyStatus, World, default_world
from tests.world.test_treaties import _status, check_bound_from_deposit

P = TreatyStatus.PARTY
C = TreatyStatus.CONTRACTING
S = TreatyStatus.SIGNATORY


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


#: (party, deposit day, entry into force) of the ratifications and accessions added in wave 11.
BOUND: list[tuple[str, str, str]] = [
    # Swiss Directorate of Public International Law (ASDI 1987): ratified 1953-06-17.
    ("SLV", "1953-06-17", "1953-12-17"),
    # Ecuador's foreign ministry (submission on the Additional Protocols): ratified 1954-08-11.
    ("ECU", "1954-08-11", "1955-02-11"),
    # Geneva Conventions Act No. 4 of 2006: ratified 1959-02-28 (in force six months on, by the
    # Conventions' articles; the Act's own same-day date is noted in the row).
    ("LKA", "1959-02-28", "1959-08-28"),
    # Red Cross Emblem (Control) Decree 1973: Ghana acceded 1958-08-02.
    ("GHA", "1958-08-02", "1959-02-02"),
]


@pytest.mark.parametrize(("party", "deposit", "effective"), BOUND)
def test_bound_from_deposit_party_from_entry_into_force(
    world: World, party: str, deposit: str, effective: str
) -> None:
    check_bound_from_deposit(world, "GENEVA", party, deposit, effective)


def test_mexico_signed_1949_ratified_1952(world: World) -> None:
    # Diario Oficial (23 June 1953): signed 1949-12-08; the SCJN/OHCHR compilation: ratified
    # 1952-10-29, in force for Mexico 1953-04-29.
    assert _status(world, "GENEVA", "MEX", "1949-12-07") is None
    assert _status(world, "GENEVA", "MEX", "1949-12-08") == S
    assert _status(world, "GENEVA", "MEX", "1952-10-28") == S
    assert _status(world, "GENEVA", "MEX", "1952-10-29") == C
    assert _status(world, "GENEVA", "MEX", "1953-04-28") == C
    assert _status(world, "GENEVA", "MEX", "1953-04-29") == P


def test_sri_lanka_is_not_a_party_on_the_day_its_act_gives(world: World) -> None:
    # The Act says in force on the day of ratification; the row follows the six-month rule.
    assert _status(world, "GENEVA", "LKA", "1959-02-28") == C
