"""What a user names is read once and within bounds: globs do not follow symlink loops, a
device or pipe is refused before reading, zip archives of too many members or a bomb's ratio
are refused from their directory, and format detection stops on a file of blank lines."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.errors import InputError
from accord.events import ingest
from accord.events.readers import detect, sources
from accord.events.readers.sources import expand
from accord.store import Store
from tests.events.formats import ICEWS_HEADER


def test_a_recursive_glob_does_not_follow_symlink_loops(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    (root / "a").mkdir(parents=True)
    generate_gdelt1(root / "a" / "x.tsv", 5, seed=1, backfile_share=0.0)
    (root / "a" / "up").symlink_to("..")  # a loop through the parent
    (root / "self").symlink_to(".")
    (root / "dangling").symlink_to("nowhere")
    os.mkfifo(root / "pipe.tsv")
    found = expand([f"{root}/**"])
    assert [s.path.name for s in found] == ["x.tsv"]
    assert [s.path.name for s in expand([f"{root}/**/*.tsv"])] == ["x.tsv"]
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, [f"{root}/**", root])  # named twice: read once
    assert [f.stored for f in report.files] == [5]


def test_a_device_or_pipe_is_refused_before_reading(tmp_path: Path) -> None:
    pipe = tmp_path / "fifo.tsv"
    os.mkfifo(pipe)
    for named in (pipe, Path("/dev/zero")):
        with pytest.raises(InputError, match="not a regular file") as caught:
            expand([named])
        assert caught.value.problems[0].file == str(named)


def test_zip_archives_are_bounded_from_their_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(5):
            archive.writestr(f"f{n}.tsv", "")
    monkeypatch.setattr(sources, "MAX_ZIP_MEMBERS", 4)
    with pytest.raises(InputError, match="a zip archive of 5 files; at most 4 are read"):
        expand([many])
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.tsv", b"\n" * (4 << 20))
    monkeypatch.setattr(sources, "_RATIO_FLOOR", 1 << 20)
    with pytest.raises(InputError, match=r"expands [0-9,]+-fold .* likely zip bomb"):
        expand([bomb])


def test_detection_stops_on_blank_lines_and_skips_a_bom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blank = tmp_path / "blank.tsv"
    blank.write_bytes(b"\n" * 5000)
    monkeypatch.setattr(detect, "MAX_BLANK_BYTES", 1000)
    with Store(tmp_path / "d.duckdb") as store:
        with pytest.raises(InputError, match="only blank lines in the first 1,000 bytes"):
            ingest(store, blank)
        header = (
            "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
            "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
            "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
        )
        row = (
            "1\t2018-06-01\tFrance\tGovernment\tFrance\tConsult\t040\t1\tGermany\tGovernment\t"
            "Germany\t1\t1\tAFP\tParis\tNA\tNA\tFrance\t48.85\t2.35"
        )
        bom = tmp_path / "bom.tab"
        bom.write_bytes(b"\xef\xbb\xbf" + f"{header}\n{row}\n".encode())
        report = ingest(store, bom)
    assert report.files[0].format == "icews" and report.stored == 1


def test_a_damaged_zip_and_a_header_naming_a_column_twice_are_errors(tmp_path: Path) -> None:
    damaged = tmp_path / "day.export.CSV.zip"
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("x.tsv", "1\t2\n" * 100)
    damaged.write_bytes(whole.read_bytes()[:-30])  # the directory at the end cut off
    with pytest.raises(InputError, match="not a readable zip archive"):
        expand([damaged])
    header = "Event ID\tEvent Date\tEvent Date\tCAMEO Code\tSource Country\tTarget Country"
    twice = tmp_path / "twice.tab"
    twice.write_text(f"{header}\n1\t2018-06-01\t1999-01-01\t040\tFrance\tGermany\n")
    with Store(tmp_path / "t.duckdb") as store, pytest.raises(InputError) as caught:
        ingest(store, twice, format="icews")
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (1, "Event Date")
    assert "column 'Event Date' appears twice in the header" in problem.message


def test_an_archive_inside_a_zip_is_named_not_read_as_text(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("day.export.CSV", "1\t2\n")
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(nested, "w") as archive:
        archive.writestr("day.export.CSV.zip", inner.getvalue())
    with pytest.raises(InputError, match=r"zip member day\.export\.CSV\.zip is itself compressed"):
        expand([nested])
    # the way out it names works: the unzipped folder's archive is read as it is
    with pytest.raises(InputError, match=r"unzip nested\.zip into a folder and ingest the folder"):
        expand([nested])
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(nested) as archive:
        archive.extractall(folder)
    found = [s.name for s in expand([folder])]
    assert found == [f"{folder / 'day.export.CSV.zip'}!day.export.CSV"]


@pytest.mark.parametrize("name", ["x.export.CSV.gz", "events.2018.tab.gz"])
def test_a_gzip_bomb_is_refused_while_it_expands(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzip file says its size only at its end: 4 MB of gzip holding 1 GB of blank lines ran
    79 s at 1.65 GB. Its expansion is bounded as a zip member's is (the floor lowered here)."""
    import gzip

    monkeypatch.setattr(sources, "_RATIO_FLOOR", 1 << 20)
    rows = tmp_path / "rows.tsv"
    generate_gdelt1(rows, 5, seed=1, backfile_share=0.0)
    icews = "\t".join(ICEWS_HEADER).encode() + b"\n"
    first = rows.read_bytes() if name.startswith("x.") else icews
    bomb = tmp_path / name
    bomb.write_bytes(gzip.compress(first + b"\n" * (8 << 20), compresslevel=9))
    assert bomb.stat().st_size < 64 << 10
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(InputError) as caught:
            ingest(store, [bomb])
        stored = store.con.execute("SELECT count(*) FROM events").fetchall()
    problem = caught.value.problems[0]
    assert problem.file == str(bomb) and "gzip data expands more than 200-fold" in problem.message
    assert stored == [(0,)]
    modest = tmp_path / "modest.export.CSV.gz"  # a real file's ratio passes
    modest.write_bytes(gzip.compress(rows.read_bytes()))
    with Store(tmp_path / "t.duckdb") as store:
        assert ingest(store, [modest]).stored == 5
