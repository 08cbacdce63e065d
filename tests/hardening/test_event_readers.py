"""Every event reader gives every bad input a clear answer naming file, line and field: bytes
that are not text, control characters, over-long lines, JSON of the wrong shape, a file of
another format, a damaged file among good ones. Never a traceback, a hang or silent acceptance.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError
from accord.events import IngestError, ingest, ingest_log, query
from accord.events.readers import ReadContext
from accord.events.readers.lines import MAX_LINE_BYTES, line_blocks
from accord.events.readers.plover import MAX_DEPTH
from accord.store import Store
from accord.world import default_world
from tests.events.formats import SAMPLE, first_line, line_of, mapping_file, write

FILE_FORMATS = ("gdelt1", "gdelt2", "icews", "plover", "polecat", "csv")

#: (name, bytes spliced into the middle of an event's line, start of the expected reason)
BAD_BYTES = [
    ("latin-1", b"\xe7", "not valid utf-8 text: byte 0xe7"),
    ("nul", b"\x00", "control character U+0000"),
    ("escape", b"\x1b[31m", "control character U+001B"),
    ("lone-cr", b"\r", "control character U+000D"),
    ("huge", b"x" * (MAX_LINE_BYTES + 10), f"line longer than {MAX_LINE_BYTES:,} bytes"),
]


def _events_file(fmt: str, directory: Path, bad: bytes) -> tuple[Path, int]:
    """A file of the four sample events, the third with `bad` spliced into its event id;
    and the line of that event."""
    lines = [line_of(fmt, e) for e in SAMPLE]
    path = write(fmt, directory, lines)
    data = path.read_bytes().split(b"\n")
    at = first_line(fmt) - 1 + 2
    cut = data[at].index(b"e3") + 1
    data[at] = data[at][:cut] + bad + data[at][cut:]
    path.write_bytes(b"\n".join(data))
    return path, at + 1


@pytest.mark.parametrize("fmt", FILE_FORMATS)
@pytest.mark.parametrize(("kind", "bad", "reason"), BAD_BYTES, ids=[b[0] for b in BAD_BYTES])
def test_a_bad_line_is_rejected_with_its_line_and_the_rest_stored(
    tmp_path: Path, db_path: Path, fmt: str, kind: str, bad: bytes, reason: str
) -> None:
    path, line = _events_file(fmt, tmp_path, bad)
    mapping = mapping_file(tmp_path) if fmt == "csv" else None
    with Store(db_path) as store:
        report = ingest(store, path, format=fmt, mapping=mapping)
        ids = sorted(query(store).event_id)
    rejected = report.files[0].rejections
    assert [(r.file, r.line, r.field) for r in rejected] == [(str(path), line, "line")]
    assert rejected[0].message.startswith(reason)
    assert ids == ["e1", "e2", "e4"]


@pytest.mark.parametrize("fmt", ("gdelt1", "icews", "plover", "csv"))
def test_declared_encoding_reads_latin1(tmp_path: Path, db_path: Path, fmt: str) -> None:
    path, _ = _events_file(fmt, tmp_path, b"\xe7")  # 'e\xe73' is 'eç3' in latin-1
    mapping = mapping_file(tmp_path) if fmt == "csv" else None
    with Store(db_path) as store:
        report = ingest(store, path, format=fmt, mapping=mapping, encoding="latin-1")
        ids = sorted(query(store).event_id)
    assert report.rejected == 0
    assert ids == ["e1", "e2", "e4", "eç3"]


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("klingon", "unknown text encoding 'klingon'"), ("utf-16", "convert the file to UTF-8")],
)
def test_unusable_encodings_name_the_field(
    tmp_path: Path, db_path: Path, encoding: str, message: str
) -> None:
    path = write("gdelt1", tmp_path, [line_of("gdelt1", SAMPLE[0])])
    with Store(db_path) as store, pytest.raises(InputError) as err:
        ingest(store, path, encoding=encoding)
    assert err.value.first.field == "encoding" and message in err.value.first.message


def test_block_size_is_bounded(tmp_path: Path, db_path: Path) -> None:
    path = write("gdelt1", tmp_path, [line_of("gdelt1", SAMPLE[0])])
    with Store(db_path) as store, pytest.raises(InputError) as err:
        ingest(store, path, block_bytes=10)
    assert err.value.first.field == "block_bytes"
    assert err.value.first.message == "block size must be from 4,096 to 1,073,741,824 bytes, not 10"


def test_utf16_file_is_named_as_such(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "events.export.CSV"
    path.write_bytes("\t".join(["x"] * 57).encode("utf-16"))
    with Store(db_path) as store, pytest.raises(IngestError) as err:
        ingest(store, path, format="gdelt1")
    assert err.value.first.file == str(path) and err.value.first.line == 1
    assert "UTF-16 or UTF-32" in err.value.first.message


class _Endless(io.RawIOBase):
    """`size` bytes of one line of 'x' then a newline and a good line, made on demand."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.tail = b"\nnext\n"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self.left:
            n = min(len(buffer), self.left)
            buffer[:n] = b"x" * n
            self.left -= n
            return n
        n = min(len(buffer), len(self.tail))
        buffer[:n], self.tail = self.tail[:n], self.tail[n:]
        return n


def test_an_overlong_line_does_not_grow_memory() -> None:
    stream = io.BufferedReader(_Endless(40 << 20))
    tracemalloc.start()
    try:
        blocks = list(line_blocks(stream, 1 << 20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    rows = [row for b in blocks for row in b.lines.to_pylist()]
    assert rows == [
        {"line": 1, "text": None, "problem": f"line longer than {MAX_LINE_BYTES:,} bytes"},
        {"line": 2, "text": "next", "problem": None},
    ]
    assert peak < 3 * MAX_LINE_BYTES  # a 40 MB line, never held


def test_another_format_is_a_failed_file_not_silence(
    tmp_path: Path, db_path: Path, shared_data: Path
) -> None:
    icews = shared_data / "icews" / "events.2018.sample.tab"
    with Store(db_path) as store:
        with pytest.raises(IngestError) as err:
            ingest(store, icews, format="gdelt1")
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        log = ingest_log(store)
    (problem,) = err.value.problems
    assert problem.file == str(icews)
    assert problem.message.startswith("every row rejected (")
    assert "is this a gdelt1 file?" in problem.message
    assert "expected 57 or 58 tab-separated fields, found 20" in problem.message
    assert [entry.status for entry in log] == ["failed"]
    assert (log[0].message or "").startswith(f"{icews}: every row rejected")
    assert err.value.report.files[0].status == "failed"


def _three_files(directory: Path) -> list[Path]:
    good = [line_of("gdelt1", e) for e in SAMPLE[:2]]
    first = write("gdelt1", directory, good, name="a.export.CSV")
    rows = "".join(line_of("gdelt1", e) + "\n" for e in SAMPLE[2:]) * 2000
    packed = gzip.compress(rows.encode())
    broken = directory / "b.export.CSV.gz"
    broken.write_bytes(packed[: len(packed) * 3 // 4])
    last = write("gdelt1", directory, [line_of("gdelt1", e) for e in SAMPLE[2:]], name="c.CSV")
    return [first, broken, last]


def test_a_failing_file_is_named_and_the_others_still_run(tmp_path: Path, db_path: Path) -> None:
    first, broken, last = _three_files(tmp_path)
    with Store(db_path) as store:
        with pytest.raises(IngestError) as err:
            ingest(store, [first, broken, last], block_bytes=4096)
        files = sorted(set(query(store).file))
    report = err.value.report
    assert [f.status for f in report.files] == ["ok", "failed", "ok"]
    assert [p.file for p in err.value.problems] == [str(broken)]
    assert "corrupt or truncated data" in err.value.first.message
    assert files == [str(first), str(last)]  # nothing of the broken file, not even its start
    assert report.stored == 4 and [f.file for f in report.failed] == [str(broken)]


def test_cli_reports_the_failing_file_and_exits_1(tmp_path: Path, db_path: Path) -> None:
    paths = [str(p) for p in _three_files(tmp_path)]
    result = CliRunner().invoke(app, ["events", "ingest", *paths, "--db", str(db_path), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["stored"] == 4 and data["failed"] == [paths[1]]
    assert f"{paths[1]}: corrupt or truncated data" in result.stderr


def test_strict_still_stops_at_the_first_failing_file(tmp_path: Path, db_path: Path) -> None:
    first, broken, last = _three_files(tmp_path)
    with Store(db_path) as store:
        with pytest.raises(InputError) as err:
            ingest(store, [first, broken, last], strict=True)
        files = sorted(set(query(store).file))
    assert not isinstance(err.value, IngestError)
    assert files == [str(first)]


def _plover(directory: Path, *records: object) -> Path:
    path = directory / "events.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


GOOD_RECORD = {
    "id": "p1",
    "date": "2020-01-15",
    "event": "AGREE",
    "source": [{"actorText": "US", "code": "USA"}],
    "target": {"code": "CHN"},
}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"id": {"a": 1}}, "id", "id must be a string, not an object"),
        ({"date": 20200115}, "date", "date must be a YYYY-MM-DD string, not a number"),
        ({"event": ["AGREE", "CONSULT"]}, "event", "event lists 2 event types: a record is one"),
        ({"event": [{"a": 1}]}, "event", "event must be a string, not an object"),
        ({"source": 5}, "source", "source must be an actor object, a list of them or a name"),
        ({"target": {"code": ["CHN"]}}, "target.code", "target.code must be a string"),
        ({"context": [1, 2]}, "context", "context must be a string or a list of strings"),
        ({"id": "p\u0000"}, "id", "id holds a control character U+0000"),
        ({"deep": _nested(MAX_DEPTH)}, "(record)", f"JSON nested deeper than {MAX_DEPTH} levels"),
    ],
)
def test_plover_fields_of_the_wrong_type_are_named(
    tmp_path: Path, db_path: Path, change: dict[str, object], field: str, message: str
) -> None:
    path = _plover(tmp_path, GOOD_RECORD, {**GOOD_RECORD, "id": "p2", **change})
    with Store(db_path) as store:
        report = ingest(store, path)
    (rejected,) = report.files[0].rejections
    assert (rejected.line, rejected.field) == (2, field)
    assert rejected.message.startswith(message)
    assert report.stored == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 100_000, f"JSON nested deeper than {MAX_DEPTH} levels"),  # RecursionError
        ('{"id": 1' + "0" * 5000 + "}", "invalid JSON: a number too long to read"),
        ('{"id": "p2", "date"', "invalid JSON: Expecting ':' delimiter at column 20"),
    ],
)
def test_plover_lines_that_do_not_parse_are_rejected(
    tmp_path: Path, db_path: Path, line: str, message: str
) -> None:
    path = _plover(tmp_path, GOOD_RECORD)
    path.write_text(path.read_text() + line + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
    (rejected,) = report.files[0].rejections
    assert (rejected.line, rejected.field) == (2, "(record)")
    assert rejected.message.startswith(message)


def test_a_deep_plover_list_is_an_error_with_its_line(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text("[\n" + json.dumps(GOOD_RECORD) + ",\n" + "[" * 100_000, encoding="utf-8")
    with Store(db_path) as store:
        with pytest.raises(IngestError) as err:
            ingest(store, path)
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    assert (err.value.first.file, err.value.first.line) == (str(path), 3)
    assert err.value.first.message == "invalid JSON: nested too deeply"


def test_plover_list_with_latin1_bytes_names_the_line(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "events.json"
    other = json.dumps({**GOOD_RECORD, "id": "ç"}, ensure_ascii=False)
    text = "[\n" + json.dumps(GOOD_RECORD) + ",\n" + other
    path.write_bytes((text + "\n]\n").encode("latin-1"))
    with Store(db_path) as store:
        with pytest.raises(IngestError) as err:
            ingest(store, path)
        assert ingest(store, path, encoding="latin-1").stored == 2
    assert (err.value.first.line, err.value.first.message) == (
        3,
        "not valid utf-8 text: byte 0xe7 (declare the file's encoding)",
    )


def test_binary_garbage_is_a_clear_error_for_every_format(tmp_path: Path, db_path: Path) -> None:
    garbage = bytes(range(256)) * 64 + b"\n" + bytes(range(255, -1, -1)) * 64
    paths = []
    for name in ("g.export.CSV", "events.tab", "events.jsonl", "events.csv"):
        path = tmp_path / name
        path.write_bytes(garbage)
        paths.append(path)
    with Store(db_path) as store:
        for fmt, path in zip(("gdelt1", "icews", "plover", "csv"), paths, strict=True):
            mapping = mapping_file(tmp_path) if fmt == "csv" else None
            with pytest.raises(InputError) as err:
                ingest(store, path, format=fmt, mapping=mapping)
            assert err.value.first.file == str(path), fmt
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_read_context_checks_its_limits() -> None:
    with pytest.raises(InputError, match="block size must be from"):
        ReadContext(default_world(), block_bytes=1 << 31)
    assert ReadContext(default_world(), encoding="LATIN1").encoding == "iso8859-1"
