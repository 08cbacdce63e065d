"""Files that are not what a reader expects: a device or a FIFO named as a world file, a
scenario, an exercise or a mapping (read without end, or blocking for ever), zips that are
empty, encrypted or name members with control characters, an encoding name holding a NUL, a
world's `memberships` that is a file. Each is an input error naming the file."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.events import ingest
from accord.exercises.loader import load_exercise
from accord.files import NOT_REGULAR
from accord.safe_yaml import read_yaml_text
from accord.simulation import load_scenario
from accord.store import Store
from accord.world import read_world_dir
from accord.world.default import DATA_DIR as DEFAULT_WORLD_DIR

GDELT_ROW = "\t".join(["1", "20240101", *[""] * 24, "010", "010", "01", "1", "0", *[""] * 29])


@pytest.fixture(params=["device", "fifo"])
def endless(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A path that never ends when read (/dev/zero) or blocks when opened (a FIFO)."""
    path = tmp_path / "endless.yaml"
    if request.param == "device":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    return path


def _one(raised: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = raised.value.problems
    return str(problem)


def test_yaml_readers_refuse_a_device_or_fifo(endless: Path) -> None:
    for read in (read_yaml_text, load_scenario, load_exercise):
        with pytest.raises(InputError) as raised:
            read(endless)
        assert _one(raised) == f"{endless}: {NOT_REGULAR}"


def test_a_mapping_that_is_a_device_or_fifo_is_refused(endless: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text("id,date\n1,2024-01-01\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(InputError) as raised:
        ingest(store, data, format="csv", mapping=endless)
    assert NOT_REGULAR in str(raised.value)


def test_a_world_file_that_is_a_device_or_fifo_is_refused(endless: Path, tmp_path: Path) -> None:
    world = tmp_path / "world"
    shutil.copytree(DEFAULT_WORLD_DIR, world)
    (world / "states.csv").unlink()
    (world / "states.csv").symlink_to(endless)
    with pytest.raises(InputError) as raised:
        read_world_dir(world)
    assert f"{world / 'states.csv'}: {NOT_REGULAR}" in str(raised.value)


def test_memberships_as_a_file_is_named_not_ignored(tmp_path: Path) -> None:
    world = tmp_path / "world"
    shutil.copytree(DEFAULT_WORLD_DIR, world)
    shutil.rmtree(world / "memberships")
    (world / "memberships").write_text("org,member\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_world_dir(world)
    problems = [p for p in raised.value.problems if p.file == str(world / "memberships")]
    assert [p.message for p in problems] == ["not a folder: the memberships are CSV files in one"]


def _zip(path: Path, members: dict[str, str], *, encrypted: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    if encrypted:  # mark every member encrypted, as a password-protected zip does
        data = bytearray(path.read_bytes())
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (at := data.find(signature, start)) >= 0:
                data[at + offset] |= 0x1
                start = at + 4
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("members", "encrypted", "message"),
    [
        ({}, False, "an empty zip: no event file in it"),
        ({"a.tsv": GDELT_ROW + "\n"}, True, "zip member a.tsv is encrypted"),
        ({"a\nb\x1b[31m.tsv": GDELT_ROW + "\n"}, False, "its name holds a control character"),
    ],
    ids=["empty", "encrypted", "control-in-name"],
)
def test_zips_that_cannot_be_read_are_named(
    tmp_path: Path, members: dict[str, str], encrypted: bool, message: str
) -> None:
    path = _zip(tmp_path / "events.zip", members, encrypted=encrypted)
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(InputError) as raised:
        ingest(store, path)
    (problem,) = raised.value.problems
    assert problem.file == str(path) and message in problem.message
    assert "\x1b" not in str(problem)


def test_an_encoding_name_with_a_nul_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    path.write_text(GDELT_ROW + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(InputError) as raised:
        ingest(store, path, encoding="utf-8\x00")
    assert "unknown text encoding 'utf-8\\x00'" in str(raised.value)
