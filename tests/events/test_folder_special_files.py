"""An ingest of a folder names the entries it passes over (a link to nothing, a named pipe, a
socket, a link to a folder) with why, in its report and on the console, and never opens them: a
pipe would wait for a writer for ever. They were left out without a word."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError
from accord.events import ingest
from accord.events.readers.sources import expand, expand_noting
from accord.store import Store

runner = CliRunner()

DANGLING = "a symbolic link to nothing (its target does not exist): passed over"
PIPE = "a named pipe (FIFO), not a regular file: passed over, not opened (save the data to a file)"
SOCKET = "a socket, not a regular file: passed over, not opened (save the data to a file)"


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder of one GDELT file beside a dangling link, a FIFO, a socket and a link to a
    folder (a short path: a socket's name is at most ~100 bytes)."""
    root = tmp_path / "ev"
    (root / "sub").mkdir(parents=True)
    generate_gdelt1(root / "sub" / "x.tsv", 5, seed=1, backfile_share=0.0)
    (root / "gone.tsv").symlink_to(root / "deleted.tsv")
    os.mkfifo(root / "live.tsv")
    (root / "elsewhere").symlink_to(root / "sub")
    (root / "README.md").symlink_to(root / "nowhere.md")  # not event data by name: no note
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "s.sock"))
    except OSError:  # a path too long for a socket name
        server.close()
        pytest.skip("cannot bind a socket in the temporary folder")
    try:
        yield root
    finally:
        server.close()


@pytest.mark.timeout(120)
def test_an_ingest_names_the_entries_it_passes_over(folder: Path, tmp_path: Path) -> None:
    sources, notes = expand_noting([folder])
    assert [s.path.name for s in sources] == ["x.tsv"]
    assert [(Path(str(n.file)).name, n.message) for n in notes] == [
        ("elsewhere", "a link to a folder: not followed (name the folder itself)"),
        ("gone.tsv", DANGLING),
        ("live.tsv", PIPE),
        ("s.sock", SOCKET),
    ]
    assert [s.path.name for s in expand([folder])] == ["x.tsv"]  # the sources alone, as before
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, folder, format="gdelt1")  # a named format: nothing detected
    assert [(f.stored, f.status) for f in report.files] == [(5, "ok")]
    assert [(p.file, p.message) for p in report.passed_over] == [
        (str(folder / "elsewhere"), "a link to a folder: not followed (name the folder itself)"),
        (str(folder / "gone.tsv"), DANGLING),
        (str(folder / "live.tsv"), PIPE),
        (str(folder / "s.sock"), SOCKET),
    ]
    assert report.as_dict()["passed_over"][2] == {"file": str(folder / "live.tsv"), "reason": PIPE}


@pytest.mark.timeout(120)
def test_the_cli_prints_a_note_for_each_entry_passed_over(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    res = runner.invoke(app, ["events", "ingest", str(folder), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["stored"] == 5
    assert [Path(p["file"]).name for p in data["passed_over"]] == [
        "elsewhere",
        "gone.tsv",
        "live.tsv",
        "s.sock",
    ]
    text = runner.invoke(app, ["events", "ingest", str(folder), "--db", db])
    assert text.exit_code == 0, text.output
    flat = " ".join(text.output.split())
    assert flat.count("note ") >= 4
    assert "live.tsv: a named pipe (FIFO), not a regular file: passed over, not opened" in flat


@pytest.mark.timeout(60)
def test_a_glob_matching_only_a_pipe_names_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "live.tsv")
    (tmp_path / "gone.tsv").symlink_to(tmp_path / "deleted.tsv")
    with pytest.raises(InputError) as caught:
        expand([str(tmp_path / "*.tsv")])
    # was "no such file, directory or glob match": the two entries went unnamed
    assert [(p.file, p.message) for p in caught.value.problems] == [
        (str(tmp_path / "gone.tsv"), DANGLING),
        (str(tmp_path / "live.tsv"), PIPE),
    ]


def test_a_folder_without_an_event_file_is_an_error_naming_what_it_passed_over(
    tmp_path: Path,
) -> None:
    """An empty folder, or one holding a pipe and a README, gave an empty report and exit 0."""
    empty = tmp_path / "empty"
    empty.mkdir()
    odd = tmp_path / "odd"
    odd.mkdir()
    os.mkfifo(odd / "events.tsv")
    (odd / "README.md").write_text("about the data\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(InputError) as caught:
            ingest(store, [empty])
        assert [(p.field, p.message) for p in caught.value.problems] == [
            (
                "paths",
                f"no event file in {empty} (hidden files and files that are surely not event "
                "data, such as README or .md, are passed over)",
            )
        ]
        with pytest.raises(InputError) as caught:
            ingest(store, [odd])
        assert caught.value.problems[0].message == PIPE
        assert caught.value.problems[1].message.startswith(f"no event file in {odd} ")
    result = runner.invoke(app, ["events", "ingest", str(empty), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "no event file in" in result.output and "Traceback" not in result.output
