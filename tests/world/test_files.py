"""World files: reading the mini world, precise errors for bad input, export/import round trips."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import InputError, OutputError
from accord.world import (
    Membership,
    Organization,
    OrgKind,
    Role,
    State,
    World,
    read_world_dir,
    write_world_dir,
)
from accord.world.dates import Interval


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "world"
    shutil.copytree(src, dst)
    return dst


def _replace_line(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _only_problem(root: Path) -> tuple[str | None, int | None, str | None, str]:
    with pytest.raises(InputError) as info:
        read_world_dir(root)
    assert len(info.value.problems) == 1, info.value.problems
    p = info.value.first
    return (Path(p.file).name if p.file else None, p.line, p.field, p.message)


def test_reads_mini_world(mini_world_dir: Path) -> None:
    world = read_world_dir(mini_world_dir)
    assert len(world.states) == 5
    assert [m.member for m in world.members("NATO", "2023-06-01")] == ["DEU", "FIN", "USA"]
    assert [m.member for m in world.members("NATO", "2024-06-01")] == ["DEU", "FIN", "SWE", "USA"]
    assert [m.member for m in world.members("NATO", "2020-01-01", roles=[Role.PARTNER])] == ["FIN"]
    usa = world.actor("USA")
    assert isinstance(usa, State) and usa.cow == 2
    assert usa.origin is not None and usa.origin.line == 3  # the comment line is line 2
    assert world.resolve("russian federation") == "RUS"
    assert world.resolve("Nowhere") is None


@pytest.mark.parametrize(
    ("file", "line", "text", "expected_field", "message_part"),
    [
        (
            "states.csv",
            4,
            "FIN,three-seven-five,Finland,,,Europe,,un_member,1917-12-06,,src",
            "cow",
            "whole number",
        ),
        (
            "states.csv",
            4,
            "FIN,375,Finland,,,Europe,,sovereign,1917-12-06,,src",
            "status",
            "not one of",
        ),
        ("states.csv", 4, "FIN,375,Finland,,,Europe,,un_member,1917-12-06,,", "source", "empty"),
        ("states.csv", 4, "Fin,375,Finland,,,Europe,,un_member,,,src", "code", "alpha-3"),
        ("memberships/NATO.csv", 3, "DEU,member,6 May 1955,,,src", "joined", "YYYY-MM-DD"),
        ("memberships/NATO.csv", 3, "DEU,member,1955-05-06,1950-01-01,,src", "left", "not after"),
        ("memberships/NATO.csv", 3, "XYZ,member,1955-05-06,,,src", "member", "unknown actor"),
        ("memberships/NATO.csv", 3, "NATO,member,1955-05-06,,,src", "member", "of itself"),
        (
            "non_state_actors.csv",
            2,
            "ICRC,International Committee of the Red Cross,ngo,ATL,1863-02-17,src",
            "country",
            "unknown country ATL",
        ),
        (
            "memberships/NATO.csv",
            3,
            "USA,member,1960-01-01,,,src",
            "joined",
            "overlaps",
        ),
        ("memberships/NATO.csv", 3, "DEU,member,1955-05-06,,2000-01-01,src", "suspended", "START"),
        ("treaty_parties/PARIS.csv", 4, "DEU,,,,,src", "signed", "signature or ratification"),
        ("capabilities.csv", 2, "USA,population,lots,persons,2023,src", "value", "number"),
        ("capabilities.csv", 2, "USA,population,inf,persons,2023,src", "value", "number"),
        ("capabilities.csv", 2, "USA,population,NaN,persons,2023,src", "value", "number"),
        ("capabilities.csv", 2, "USA,population,1e400,persons,2023,src", "value", "finite"),
        ("capabilities.csv", 2, "USA,population,1_000,persons,2023,src", "value", "number"),
        ("capabilities.csv", 2, "USA,population,\u0664\u0660,persons,2023,src", "value", "number"),
        ("capabilities.csv", 3, "USA,population,1,persons,2023,src", "year", "duplicate"),
        ("sanctions.csv", 2, "EU-RUS-2014,x,RUS,,2014-03-17,,,src", "kinds", "empty"),
        ("alliances.csv", 2, "NATO-DEF,x,NOPE,defence,NATO,1949-08-24,,src", "treaty", "unknown"),
    ],
)
def test_bad_value_names_file_line_field(
    mini_world_dir: Path,
    tmp_path: Path,
    file: str,
    line: int,
    text: str,
    expected_field: str,
    message_part: str,
) -> None:
    root = _copy(mini_world_dir, tmp_path)
    _replace_line(root / file, line, text)
    name, got_line, field, message = _only_problem(root)
    assert name == Path(file).name
    assert got_line == line
    assert field == expected_field
    assert message_part in message


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        ("organizations.csv", "NATO,Another NATO,security,,,src", "duplicate actor code NATO"),
        ("treaties.csv", "PARIS,Paris again,climate,,,src", "duplicate treaty code PARIS"),
        (
            "states.csv",
            "FIN,375,Finland again,,,Europe,,un_member,,,src",
            "duplicate actor code FIN",
        ),
    ],
)
def test_duplicate_codes(
    mini_world_dir: Path, tmp_path: Path, file: str, row: str, message: str
) -> None:
    root = _copy(mini_world_dir, tmp_path)
    path = root / file
    last_line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    assert _only_problem(root) == (file, last_line, "code", message)


def test_broken_csv_quote(mini_world_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_world_dir, tmp_path)
    path = root / "organizations.csv"
    path.write_text(path.read_text() + 'OAS,"Organization of American States,regional\n')
    with pytest.raises(InputError) as info:
        read_world_dir(root)
    problem = info.value.first
    assert Path(problem.file or "").name == "organizations.csv"
    assert "broken CSV" in problem.message
    assert problem.line == 4


def test_missing_and_unknown_columns(mini_world_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_world_dir, tmp_path)
    _replace_line(root / "treaties.csv", 1, "code,title,kind,signed,in_force,source")
    with pytest.raises(InputError) as info:
        read_world_dir(root)
    fields = {(Path(p.file or "").name, p.line, p.field) for p in info.value.problems}
    assert ("treaties.csv", 1, "title") in fields
    assert ("treaties.csv", 1, "name") in fields


@pytest.mark.parametrize("content", ["", "# only a comment\n", "\n\n"])
def test_an_empty_file_is_one_problem_naming_its_columns(
    mini_world_dir: Path, tmp_path: Path, content: str
) -> None:
    # it was read as an empty table: every alliance and membership then named an "unknown
    # organization" (2,789 problems for the default world), and never the file itself
    root = _copy(mini_world_dir, tmp_path)
    (root / "organizations.csv").write_text(content)
    name, line, field, message = _only_problem(root)
    assert (name, line, field) == ("organizations.csv", 1, "(file)")
    assert message == "empty file: no header row (its columns: code, name, kind, source)"


def test_too_many_fields(mini_world_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_world_dir, tmp_path)
    _replace_line(root / "representations.csv", 2, "USA,RUS,embassy,1992-01-01,,src,extra")
    assert _only_problem(root)[:2] == ("representations.csv", 2)


def test_not_utf8(mini_world_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_world_dir, tmp_path)
    (root / "organizations.csv").write_bytes(b"code,name\n\xff\xfe,bad\n")
    name, _, _, message = _only_problem(root)
    assert name == "organizations.csv" and "UTF-8" in message


def test_all_problems_reported_together(mini_world_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_world_dir, tmp_path)
    _replace_line(root / "memberships/EU.csv", 2, "DEU,member,1958-13-01,,,src")
    _replace_line(root / "memberships/EU.csv", 3, "FIN,boss,1995-01-01,,,src")
    with pytest.raises(InputError) as info:
        read_world_dir(root)
    assert [(p.line, p.field) for p in info.value.problems] == [(2, "joined"), (3, "role")]
    assert "2 problems" in str(info.value)


def test_round_trip_mini(mini_world_dir: Path, tmp_path: Path) -> None:
    world = read_world_dir(mini_world_dir)
    out = write_world_dir(world, tmp_path / "out")
    again = read_world_dir(out)
    assert again == world
    # Exporting over an earlier export replaces it whole, with a folder's usual mode.
    write_world_dir(again, out)
    assert read_world_dir(out) == world
    assert out.stat().st_mode & 0o777 == 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_an_export_deletes_nothing_but_an_export(mini_world_dir: Path, tmp_path: Path) -> None:
    world = read_world_dir(mini_world_dir)
    kept = tmp_path / "work"
    kept.mkdir()
    (kept / "store.duckdb").write_bytes(b"events")
    (kept / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"holds files that are not a world export \(notes"):
        write_world_dir(world, kept)
    assert sorted(p.name for p in kept.iterdir()) == ["notes.txt", "store.duckdb"]
    a_file = tmp_path / "afile"
    a_file.write_text("hello", encoding="utf-8")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        write_world_dir(world, a_file)
    assert a_file.read_text(encoding="utf-8") == "hello"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert read_world_dir(write_world_dir(world, empty)) == world


# -- property: any valid world survives export and import unchanged -----------------------------

codes = st.sampled_from(["USA", "FRA", "DEU", "CHN", "BRA", "ZAF", "IND", "JPN"])
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 1, 1))
text = st.text(
    alphabet=st.characters(
        min_codepoint=32,
        max_codepoint=0x2FF,
        blacklist_characters=";#",
        blacklist_categories=("Cc",),  # control characters: refused by the reader
    ),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s.strip() != "")


@st.composite
def spells(draw: st.DrawFn, org: str, member: str) -> list[Membership]:
    cuts = sorted(set(draw(st.lists(days, min_size=1, max_size=4))))
    out = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else draw(st.one_of(st.none(), st.just(None)))
        if i + 1 < len(cuts) and draw(st.booleans()):
            continue
        suspended: tuple[Interval, ...] = ()
        if end is None and draw(st.booleans()):
            suspended = (Interval(start, None),)
        out.append(
            Membership(org, member, Role.MEMBER, start, draw(text), left=end, suspended=suspended)
        )
    return out


@st.composite
def worlds(draw: st.DrawFn) -> World:
    state_codes = sorted(draw(st.sets(codes, min_size=1, max_size=5)))
    states = tuple(
        State(code, draw(text), draw(text), cow=draw(st.one_of(st.none(), st.integers(1, 999))))
        for code in state_codes
    )
    org = Organization("ORG", draw(text), OrgKind.REGIONAL, draw(text), founded=draw(days))
    memberships: list[Membership] = []
    for code in state_codes:
        memberships.extend(draw(spells("ORG", code)))
    return World(states=states, organizations=(org,), memberships=tuple(memberships))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(worlds())
def test_round_trip_property(tmp_path: Path, world: World) -> None:
    assert world.problems() == []
    out = write_world_dir(world, tmp_path / "prop")
    again = read_world_dir(out)
    assert again == world
    for day in (dt.date(1950, 1, 1), dt.date(2000, 6, 1), dt.date(2029, 1, 1)):
        assert [m.member for m in again.members("ORG", day)] == [
            m.member for m in world.members("ORG", day)
        ]


def test_a_missing_states_file_is_one_problem_not_one_per_row(
    mini_world_dir: Path, tmp_path: Path
) -> None:
    root = _copy(mini_world_dir, tmp_path)
    (root / "states.csv").unlink()
    name, line, field, message = _only_problem(root)
    assert (name, line, field) == ("world", None, None)
    assert message.startswith("states.csv is missing, and the ")
    (root / "organizations.csv").unlink()
    shutil.copy(mini_world_dir / "states.csv", root / "states.csv")
    assert _only_problem(root)[3].startswith("organizations.csv is missing, and the memberships")


def test_a_self_sanction_is_named(mini_world_dir: Path, tmp_path: Path) -> None:
    """It passed `world validate` (Russia imposing the regime against Russia). A membership
    dated before its organization's founding is not refused: a predecessor's members are
    often counted from it (the EU's from the EEC's 1958, as in the fixture)."""
    root = _copy(mini_world_dir, tmp_path)
    senders = root / "sanction_senders" / "EU-RUS-2014.csv"
    senders.write_text(senders.read_text() + "RUS,2014-03-20,,test fixture\n")
    assert _only_problem(root) == (
        "EU-RUS-2014.csv",
        4,
        "sender",
        "RUS cannot impose EU-RUS-2014, a regime against itself",
    )
