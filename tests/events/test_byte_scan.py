"""A plain file's bytes scanned before a bulk ingest (`byte_scan`): lines, control bytes and
carriage returns inside lines, whatever the pieces and blocks it is scanned in.

Expected values come from plain Python over the same bytes (`_expected`)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.events import bulk
from accord.events.readers import byte_scan, file_parts
from accord.events.readers.sources import Source

CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"


def _expected(data: bytes) -> tuple[int, bool, bool]:
    """(lines, control, odd) of `data` by plain Python: a last line without newline counts; a
    carriage return not followed by a newline, other than the file's last byte, is odd."""
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    control = any(byte in CONTROL for byte in data)
    odd = any(byte == 13 and i + 1 < len(data) and data[i + 1] != 10 for i, byte in enumerate(data))
    return lines, control, odd


@pytest.mark.parametrize(
    ("data", "lines", "control", "odd"),
    [
        (b"", 0, False, False),
        (b"a\tb\n", 1, False, False),
        (b"a\tb", 1, False, False),
        (b"a\r\nb\r\n", 2, False, False),
        (b"a\rb\n", 1, False, True),
        (b"a\nb\r", 2, False, False),  # a return ending the file ends its last line
        (b"a\x00b\n", 1, True, False),
        (b"a\x7fb\n\n", 2, True, False),
        (b"\xc3\xa9\t\n", 1, False, False),  # UTF-8 bytes are no control bytes
    ],
)
def test_scan_of_small_files(
    data: bytes, lines: int, control: bool, odd: bool, tmp_path: Path
) -> None:
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    found = byte_scan.scan_file(path)
    assert (found.lines, found.control, found.odd) == (lines, control, odd)
    assert found.clean is not (control or odd)


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=60).map(lambda b: bytes(b"ab\t\n\r\x00 \x7f\xc3"[x % 9] for x in b)),
    chunk=st.integers(min_value=1, max_value=9),
    threads=st.integers(min_value=1, max_value=4),
)
def test_any_blocks_and_pieces_give_the_whole_file_answer(
    data: bytes, chunk: int, threads: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("scan") / "f.tsv"
    path.write_bytes(data)
    saved = byte_scan.CHUNK
    byte_scan.CHUNK = chunk  # blocks as small as a byte: returns at every block's edge
    try:
        size = len(data)
        cuts = sorted({0, size, *(size * i // threads for i in range(threads))})
        found = byte_scan.whole(path, byte_scan.scan_pieces(path, cuts))
    finally:
        byte_scan.CHUNK = saved
    assert (found.lines, found.control, found.odd) == _expected(data)


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=60).map(lambda b: bytes(b'ab\t\n\r\x00 \x7f"'[x % 9] for x in b)),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_a_stream_scanned_block_by_block_gives_the_whole_file_answer(
    data: bytes, chunk: int
) -> None:
    """A gzip file or a zip member is scanned as it is decompressed, by the same rules."""
    found = byte_scan.scan_stream(io.BytesIO(data), chunk)
    assert (found.lines, found.control, found.odd) == _expected(data)
    assert found.quotes is (b'"' in data)


def test_parts_carry_their_scans_and_the_file_scan_is_theirs(tmp_path: Path) -> None:
    data = b"".join(f"{i}\tx\r\n".encode() for i in range(1000)) + b"end\x01\tz"
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    with file_parts.line_parts(path, 3, min_bytes=0) as parts:
        assert len(parts) == 3
        before = [p.lines_before for p in parts]
        assert before == [data[: data.index(p.path.read_bytes())].count(b"\n") for p in parts]
        assert sum(p.scan.newlines for p in parts) == 1000
        found = byte_scan.whole(path, [p.scan for p in parts])
        assert [p.scan.control for p in parts] == [False, False, True]
    assert (found.lines, found.control, found.odd) == (1001, True, False)


def test_a_plain_file_is_judged_before_the_insert_a_gzip_one_beside_it(tmp_path: Path) -> None:
    plain = tmp_path / "p.tsv"
    plain.write_bytes(b"1\ta\rb\n")
    with pytest.raises(bulk.ReadByBlocks, match="carriage returns"):
        bulk._lines_of(Source(plain), bulk.plain_scan(Source(plain), ()))
    plain.write_bytes(b"1\ta\x00b\n2\n")
    with pytest.raises(bulk.ReadByBlocks, match="control"):
        bulk._lines_of(Source(plain), bulk.plain_scan(Source(plain), ()))
    plain.write_bytes(b"1\ta\n2\n\n")
    lines, counter = bulk._lines_of(Source(plain), bulk.plain_scan(Source(plain), ()))
    assert lines.scan is not None and (lines.scan.lines, counter) == (3, None)
    packed = tmp_path / "p.tsv.gz"
    import gzip

    packed.write_bytes(gzip.compress(b"1\ta\n2\n"))
    lines, counter = bulk._lines_of(Source(packed), bulk.plain_scan(Source(packed), ()))
    assert counter is not None
    counter.join()
    assert lines.scan is not None and lines.scan.lines == 2
