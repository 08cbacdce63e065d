"""Organizations members of one another at the same time (A in B and B in A, or a longer cycle)
are refused at the row that closes the cycle, naming the organizations and every other row's
file and line; they passed validation. Spells that never overlap, observers and partners are no
cycle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.world import read_world_dir

MINI = Path(__file__).parent / "fixtures" / "mini"
ORGS = "G1,Group One,regional,1950-01-01,,test fixture\nG2,Group Two,regional,1950-01-01,,t\n"


def _world(tmp_path: Path, rows: dict[str, str], orgs: str = "") -> Path:
    """The mini world with `orgs` more organizations and `rows` more membership rows, per org."""
    world = tmp_path / "world"
    shutil.copytree(MINI, world)
    with (world / "organizations.csv").open("a", encoding="utf-8") as handle:
        handle.write(orgs)
    for org, text in rows.items():
        path = world / "memberships" / f"{org}.csv"
        if not path.exists():
            path.write_text("member,role,joined,left,suspended,source\n", encoding="utf-8")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return world


def _refused(world: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        read_world_dir(world)
    return [(str(p.file), p.line, p.field, p.message) for p in caught.value.problems]


def test_two_organizations_members_of_each_other_are_refused(tmp_path: Path) -> None:
    world = _world(
        tmp_path,
        {"EU": "NATO,member,2000-01-01,,,t\n", "NATO": "EU,member,1999-01-01,,,t\n"},
    )
    eu, nato = world / "memberships" / "EU.csv", world / "memberships" / "NATO.csv"
    assert _refused(world) == [
        (
            str(nato),
            7,
            "member",
            "organizations members of one another: EU in NATO in EU (an organization cannot "
            f"be, through others, a member of itself); the other row(s): NATO in EU ({eu}:5)",
        )
    ]


def test_a_longer_cycle_is_named_in_order(tmp_path: Path) -> None:
    world = _world(
        tmp_path,
        {
            "EU": "G2,member,2010-01-01,,,t\n",
            "G1": "EU,member,2005-01-01,2030-01-01,,t\n",
            "G2": "G1,member,1990-01-01,,,t\n",
        },
        ORGS,
    )
    (problem,) = _refused(world)
    file, line, field, message = problem
    assert (Path(file).name, line, field) == ("G2.csv", 2, "member")
    assert message.startswith("organizations members of one another: G1 in G2 in EU in G1 (")
    assert f"G2 in EU ({world / 'memberships' / 'EU.csv'}:5)" in message
    assert f"EU in G1 ({world / 'memberships' / 'G1.csv'}:2)" in message


@pytest.mark.parametrize(
    "rows",
    [
        # the spells never overlap: one left before the other joined
        {"EU": "NATO,member,2000-01-01,2005-01-01,,t\n", "NATO": "EU,member,2005-01-01,,,t\n"},
        # an observer or a partner is no member
        {"EU": "NATO,observer,2000-01-01,,,t\n", "NATO": "EU,member,2000-01-01,,,t\n"},
        {"EU": "NATO,member,2000-01-01,,,t\n", "NATO": "EU,partner,2000-01-01,,,t\n"},
        # one organization in another is no cycle
        {"NATO": "EU,member,2000-01-01,,,t\n"},
    ],
)
def test_memberships_that_make_no_cycle_pass(tmp_path: Path, rows: dict[str, str]) -> None:
    read_world_dir(_world(tmp_path, rows))
