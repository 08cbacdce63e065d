"""Probe round 4 (findings 8, 9, 12): a file whose name holds glob characters is read as that
file, zip members are never left out silently (a repeated name refuses the archive, a member
leading outside it is reported failed), and a UTF-16 file without a byte-order mark, a file
compressed with bzip2, xz or zstd, and `--encoding utf-8-sig` get messages that say so."""

from __future__ import annotations

import bz2
import codecs
import lzma
import warnings
import zipfile
from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.errors import InputError
from accord.events import ingest
from accord.events.ingest import IngestError
from accord.events.readers.base import ReadContext
from accord.events.readers.detect import check_not_blank, detect_event_format
from accord.events.readers.lines import check_encoding
from accord.events.readers.sources import Source, expand
from accord.store import Store
from accord.world import default_world


def _gdelt(path: Path, rows: int, seed: int = 1) -> Path:
    generate_gdelt1(path, rows, seed=seed, backfile_share=0.0)
    return path


# --- finding 8: a path that exists as written is that file, not a glob ---------------------


def test_a_name_with_brackets_is_the_file_not_a_glob(tmp_path: Path) -> None:
    named = _gdelt(tmp_path / "ev[1].tsv", 5)
    _gdelt(tmp_path / "ev1.tsv", 7, seed=2)  # what the glob `ev[1].tsv` matches
    assert [s.path for s in expand([str(named)])] == [named]
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, str(named))
    assert [(f.file, f.stored) for f in report.files] == [(str(named), 5)]


def test_a_browser_download_name_alone_is_found(tmp_path: Path) -> None:
    download = _gdelt(tmp_path / "events [1].tsv", 4)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, [str(download)])
    assert report.stored == 4


def test_a_glob_no_file_is_named_as_still_matches(tmp_path: Path) -> None:
    one = _gdelt(tmp_path / "ev1.tsv", 3)
    two = _gdelt(tmp_path / "ev2.tsv", 3, seed=2)
    assert [s.path for s in expand([str(tmp_path / "ev[12].tsv")])] == [one, two]
    assert [s.path for s in expand([str(tmp_path / "ev?.tsv")])] == [one, two]
    with pytest.raises(InputError, match="no such file, directory or glob match"):
        expand([str(tmp_path / "ev[3].tsv")])


# --- finding 9: zip members are never left out silently ------------------------------------


def _lines(tmp_path: Path, rows: int) -> list[str]:
    return _gdelt(tmp_path / f"rows{rows}.tsv", rows).read_text().splitlines(keepends=True)


def test_a_zip_repeating_a_member_name_is_refused(tmp_path: Path) -> None:
    lines = _lines(tmp_path, 30)
    archive = tmp_path / "appended.zip"
    with zipfile.ZipFile(archive, "w") as out, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        out.writestr("events.tsv", "".join(lines[:10]))
        out.writestr("events.tsv", "".join(lines[10:]))
        out.writestr("README.md", "docs")
    with pytest.raises(InputError, match=r"events\.tsv appears 2 times") as caught:
        expand([archive])
    assert caught.value.problems[0].file == str(archive)


def test_a_member_outside_the_archive_is_reported_failed(tmp_path: Path) -> None:
    lines = _lines(tmp_path, 30)
    archive = tmp_path / "slip.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("../2016/events.tsv", "".join(lines[:10]))
        out.writestr("/abs/events.tsv", "".join(lines[10:15]))
        out.writestr("x.tsv", "".join(lines[15:25]))
        out.writestr("sub/../y.tsv", "".join(lines[25:]))  # stays inside: read
        out.writestr("__MACOSX/._x.tsv", b"\x00\x05\x16\x07")  # irrelevant: skipped
        out.writestr("README.txt", "docs")
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(IngestError) as caught:
        ingest(store, archive)
    files = {f.file: f for f in caught.value.report.files}
    outside = [f"{archive}!../2016/events.tsv", f"{archive}!/abs/events.tsv"]
    assert sorted(files) == sorted([*outside, f"{archive}!x.tsv", f"{archive}!sub/../y.tsv"])
    assert [f.file for f in caught.value.report.failed] == sorted(outside)
    assert files[f"{archive}!x.tsv"].stored == 10
    assert files[f"{archive}!sub/../y.tsv"].stored == 5
    problem = caught.value.problems[0]
    assert problem.file == outside[0]
    assert "leads outside the archive" in problem.message


def test_an_outside_member_stops_a_strict_ingest(tmp_path: Path) -> None:
    archive = tmp_path / "slip.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("..\\events.tsv", "".join(_lines(tmp_path, 5)))  # a Windows-made path
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(InputError) as caught:
        ingest(store, archive, strict=True)
    assert "leads outside the archive" in caught.value.problems[0].message


# --- finding 12: UTF-16 without a byte-order mark, utf-8-sig, other compressors ------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_bom_is_named(tmp_path: Path, encoding: str) -> None:
    text = _gdelt(tmp_path / "g.tsv", 5).read_text()
    wide = tmp_path / "wide.tsv"
    wide.write_bytes(text.encode(encoding))
    name = encoding.replace("-le", "LE").replace("-be", "BE").upper()
    for check in (detect_event_format, check_not_blank):  # auto, or a named format
        with pytest.raises(InputError, match=f"looks like {name} text") as caught:
            check(Source(wide))
        problem = caught.value.problems[0]
        assert (problem.file, problem.line) == (str(wide), 1)
        assert f"iconv -f {name} -t UTF-8" in problem.message


def test_text_with_a_few_nul_bytes_is_not_taken_for_utf16(tmp_path: Path) -> None:
    odd = tmp_path / "odd.tsv"
    odd.write_bytes(b"a\x00b\tc d e f g h\n")
    with pytest.raises(InputError, match="cannot tell the format"):
        detect_event_format(Source(odd))


@pytest.mark.parametrize("declared", ["utf-8-sig", "UTF_8_SIG", "utf_8_sig"])
def test_utf8_sig_is_utf8(declared: str) -> None:
    context = ReadContext(default_world(), encoding=declared)
    try:
        assert context.encoding == "utf-8"
    finally:
        context.close()
    assert check_encoding(declared, field="encoding") == "utf-8"  # a mapping's `encoding` too


def test_a_file_ingested_as_utf8_sig_is_read(tmp_path: Path) -> None:
    plain = _gdelt(tmp_path / "g.tsv", 6)
    marked = tmp_path / "marked.tsv"
    marked.write_bytes(codecs.BOM_UTF8 + plain.read_bytes())
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, marked, encoding="utf-8-sig")
    assert report.stored == 6


def _compressed(data: bytes) -> dict[str, bytes]:
    return {
        "bzip2": bz2.compress(data),
        "xz": lzma.compress(data),
        "zstd": b"\x28\xb5\x2f\xfd" + b"\x00" * 16,
        "lz4": b"\x04\x22\x4d\x18" + b"\x00" * 16,
        "7-Zip": b"7z\xbc\xaf\x27\x1c" + b"\x00" * 16,
        "RAR": b"Rar!\x1a\x07\x01\x00" + b"\x00" * 16,
    }


@pytest.mark.parametrize("fmt", ["auto", "gdelt1"])
def test_a_file_compressed_otherwise_than_gzip_is_named(tmp_path: Path, fmt: str) -> None:
    data = _gdelt(tmp_path / "g.tsv", 5).read_bytes()
    with Store(tmp_path / "s.duckdb") as store:
        for compressor, packed in _compressed(data).items():
            path = tmp_path / f"g.{compressor}.tsv"
            path.write_bytes(packed)
            with pytest.raises(InputError) as caught:
                ingest(store, path, format=fmt)
            problem = caught.value.problems[0]
            assert problem.file == str(path)
            assert problem.message.startswith(f"the file is compressed with {compressor}: ")
            assert "only gzip (.gz) and zip files are read" in problem.message


def test_text_starting_like_bzip2_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "bzh.tsv"
    path.write_bytes(b"BZh9 is a word here\tand\tmore\n")
    with pytest.raises(InputError, match="cannot tell the format"):
        detect_event_format(Source(path))
