"""Bad world files: every one is an error naming the file, the line and (where there is one)
the field, from `read_world_dir` and from `accord world validate`, never a traceback."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError
from accord.world import files
from accord.world.files import read_world_dir

HEADER = "code,cow,name,official_name,aliases,region,subregion,status,start,end,source\n"
ROW = "ZZZ,999,Zedland,,,Europe,,un_member,1990-01-01,,test\n"


def _states(body: bytes) -> Callable[[Path], None]:
    def edit(world: Path) -> None:
        with (world / "states.csv").open("ab") as handle:
            handle.write(body)

    return edit


def _replace_states(data: bytes) -> Callable[[Path], None]:
    return lambda world: (world / "states.csv").write_bytes(data)


def _directory(world: Path) -> None:
    (world / "states.csv").unlink()
    (world / "states.csv").mkdir()


STATES_LINES = 7  # lines of the fixture's states.csv (header, comment, five states)

BAD = [
    (
        "latin-1 byte",
        _states(b"ZZZ,999,Caf\xe9land,,,Europe,,un_member,1990-01-01,,test\n"),
        STATES_LINES + 1,
        None,
        "not UTF-8 text: byte 0xe9 (invalid continuation byte); save the file as UTF-8",
    ),
    (
        "UTF-16",
        _replace_states((HEADER + ROW).encode("utf-16")),
        1,
        None,
        "UTF-16 text: save the file as UTF-8",
    ),
    (
        "binary garbage",
        _replace_states(bytes(range(256)) * 4),
        2,  # byte 0x0a ends line 1
        None,
        "not UTF-8 text: byte 0x80 (invalid start byte); save the file as UTF-8",
    ),
    (
        "control character",
        _states(b"ZZZ,999,Zed\x01land,,,Europe,,un_member,1990-01-01,,test\n"),
        STATES_LINES + 1,
        None,
        "control character U+0001 in field 3",
    ),
    (
        "NUL byte",
        _states(b"Z\x00Z,999,Zedland,,,Europe,,un_member,1990-01-01,,test\n"),
        STATES_LINES + 1,
        None,
        "control character U+0000 in field 1",
    ),
    (
        "10 MB field",
        _states(b'ZZZ,999,"' + b"x" * 10_000_000 + b'",,,Europe,,un_member,1990-01-01,,test\n'),
        STATES_LINES + 1,
        None,
        "broken CSV: a field is longer than 131,072 characters",
    ),
    (
        "too many fields",
        _states(ROW.replace("test\n", "test,extra,more\n").encode()),
        STATES_LINES + 1,
        None,
        "13 fields but the header has 11",
    ),
    (
        "unterminated quote",
        _states(b'ZZZ,999,"Zedland,,,Europe,,un_member,1990-01-01,,test\n'),
        STATES_LINES + 1,
        None,
        "broken CSV: unexpected end of data",
    ),
    (
        "impossible date",
        _states(ROW.replace("1990-01-01", "9999-99-99").encode()),
        STATES_LINES + 1,
        "start",
        "expected a date as YYYY-MM-DD, got '9999-99-99' (there is no month 99)",
    ),
    (
        "date past 2999",
        _states(ROW.replace("1990-01-01", "9999-12-31").encode()),
        STATES_LINES + 1,
        "start",
        "date 9999-12-31 is outside 0001-01-01..2999-12-31",
    ),
    (
        "a directory in place of a file",
        _directory,
        None,
        None,
        "cannot read the file: Is a directory",
    ),
]


@pytest.fixture
def world(tmp_path: Path, mini_world_dir: Path) -> Path:
    target = tmp_path / "world"
    shutil.copytree(mini_world_dir, target)
    return target


@pytest.mark.parametrize(
    ("edit", "line", "field", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_a_bad_world_file_names_file_line_and_field(
    world: Path,
    edit: Callable[[Path], None],
    line: int | None,
    field: str | None,
    message: str,
) -> None:
    edit(world)
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_world_dir(world)
    assert time.perf_counter() - start < 2.0
    problems = [p for p in info.value.problems if p.file == str(world / "states.csv")]
    assert [(p.line, p.field, p.message) for p in problems] == [(line, field, message)]


def test_validate_prints_the_problem_and_exits_1(world: Path) -> None:
    _states(b"ZZZ,999,Caf\xe9land,,,Europe,,un_member,1990-01-01,,test\n")(world)
    result = CliRunner().invoke(app, ["world", "validate", str(world)])
    assert result.exit_code == 1
    assert f"states.csv:{STATES_LINES + 1}: not UTF-8 text: byte 0xe9" in result.output
    assert "Traceback" not in result.output


def test_a_file_too_large_is_refused_before_reading(
    world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_WORLD_FILE_BYTES", 100)
    with pytest.raises(InputError) as info:
        read_world_dir(world)
    first = info.value.first
    assert first.message == "larger than 100 bytes"
    assert first.file is not None and first.file.endswith(".csv")


def test_short_rows_still_read_as_empty_trailing_fields(world: Path) -> None:
    """The shipped world leaves trailing optional fields out; that stays valid."""
    _states(b"ZZZ,999,Zedland,,,Europe,,un_member,1990-01-01,,test\n")(world)
    assert read_world_dir(world).actor("ZZZ") is not None


def test_a_bad_file_name_is_one_problem_not_one_per_row(world: Path) -> None:
    # a membership file is named by its organization's code: a name that is no code was the
    # same problem once per row
    first = sorted((world / "memberships").glob("*.csv"))[0]
    rows = len(first.read_text(encoding="utf-8").splitlines()) - 1
    assert rows > 1
    renamed = first.rename(first.with_name("NO SUCH.csv"))
    with pytest.raises(InputError) as raised:
        read_world_dir(world)
    (problem,) = [p for p in raised.value.problems if p.file == str(renamed)]
    assert (problem.line, problem.field) == (None, "org")
    assert problem.message.startswith("the file's name: 'NO SUCH' is not a code")
