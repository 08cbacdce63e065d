"""The probe's malformed files: each gets a clear answer naming file and line, never a traceback."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.events import ingest, query
from accord.events.readers import expand
from accord.store import Store

MAPPING = (
    "columns:\n  event_id: id\n  event_date: day\n  source_country: from\n"
    "  target_country: to\n  cameo_code: code\n"
)
HEADER = b"id,day,from,to,code\n"
GOOD = b"1,2022-02-24,RUS,UKR,190\n"


def write_mapping(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAPPING + extra, encoding="utf-8")
    return path


def rejections(tmp_path: Path, db_path: Path, data: bytes, extra: str = "") -> list[tuple]:
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    with Store(db_path) as store:
        report = ingest(store, path, format="csv", mapping=write_mapping(tmp_path, extra))
    return [(r.line, r.field, r.message) for r in report.files[0].rejections]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (b"2,2022-02-25,USA,CHN\n", 3, "expected 5 fields as in the header, found 4"),
        (b"2,2022-02-25,USA,CHN,042,x\n", 3, "expected 5 fields as in the header, found 6"),
        (b"2,2022-02-25,Fran\xe7e,CHN,042\n", 3, "not valid utf-8 text: byte 0xe7 at byte 18"),
        (b"2\x00,2022-02-25,USA,CHN,042\n", 3, "control character U+0000 at column 2"),
        (b"2,2022-02-25,\x1b[31mUSA,CHN,042\n", 3, "control character U+001B at column 14"),
        (b'2,2022-02-25,"USA,CHN,042\n', 3, "not a valid delimited line"),
        (b"2,2022-02-25,USA,CHN," + b"x" * 1_000_001 + b"\n", 3, "line longer than 1,000,000"),
    ],
)
def test_bad_lines_are_rejected_with_their_line(
    tmp_path: Path, db_path: Path, body: bytes, line: int, message: str
) -> None:
    got = rejections(tmp_path, db_path, HEADER + GOOD + body + b"3,2022-02-26,USA,CHN,042\n")
    assert len(got) == 1
    assert got[0][0] == line and got[0][1] == "line"
    assert got[0][2].startswith(message)


def test_declared_encoding_reads_latin1(tmp_path: Path, db_path: Path) -> None:
    data = HEADER + b"2,2022-02-25,Fran\xe7e,CHN,042\n"
    assert rejections(tmp_path, db_path, data, "encoding: latin-1\n") == []
    with Store(db_path) as store:
        df = query(store, dataset="csv")
    assert df.source_country.tolist() == ["FRA"]


def test_unknown_encoding_names_the_mapping_field(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(HEADER + GOOD)
    with Store(db_path) as store, pytest.raises(InputError) as err:
        ingest(store, path, format="csv", mapping=write_mapping(tmp_path, "encoding: klingon\n"))
    assert err.value.first.field == "encoding" and "klingon" in err.value.first.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\n\n", "the file is empty or blank: no event in it"),
        (bytes(range(256)) * 4, "unusable header: control character"),
        (b"id,id,from,to,code\n" + GOOD, "the column name 'id' appears twice"),
    ],
)
def test_unusable_files_are_errors_at_line_1(
    tmp_path: Path, db_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(data)
    with Store(db_path) as store:
        with pytest.raises(InputError) as err:
            ingest(store, path, format="csv", mapping=write_mapping(tmp_path))
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    assert err.value.first.line == 1 and err.value.first.file == str(path)
    assert message in err.value.first.message


def test_damaged_archives_are_named(tmp_path: Path, db_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(HEADER + GOOD)
    truncated = tmp_path / "cut.csv.gz"
    rows = b"".join(b"%d,2022-02-24,RUS,UKR,190\n" % i for i in range(20_000))
    packed = gzip.compress(HEADER + rows)
    truncated.write_bytes(packed[: len(packed) // 2])
    broken_zip = tmp_path / "bad.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.csv", HEADER + GOOD)
    raw = bytearray(buffer.getvalue())
    at = raw.rfind(b"PK\x01\x02")  # the central directory's first entry
    raw[at : at + 4] = b"XXXX"
    broken_zip.write_bytes(bytes(raw))
    mapping = write_mapping(tmp_path)
    with Store(db_path) as store:
        with pytest.raises(InputError) as err:
            ingest(store, truncated, format="csv", mapping=mapping)
        assert err.value.first.file == str(truncated)
        assert "corrupt or truncated data" in err.value.first.message
        assert ingest(store, good, format="csv", mapping=mapping).stored == 1
    assert zipfile.is_zipfile(broken_zip)
    with pytest.raises(InputError, match="corrupt or truncated") as zip_err:
        expand([broken_zip])
    assert zip_err.value.first.file == str(broken_zip)
