"""Numbers outside their range (infinity and NaN too) reject the row, naming the field, in
every reader and on both GDELT paths; a value at a bound is stored."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.events import ingest
from accord.events.readers import FakeReader, Gdelt1Reader
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.sources import Source
from accord.store import Store
from accord.world import default_world

# GDELT 1.0 field positions (0-based) of the number fields.
_GOLDSTEIN, _MENTIONS, _ARTICLES, _TONE, _LAT, _LON = 30, 31, 33, 34, 53, 54

#: line -> (position, value written, field expected to be named, or None: stored)
_CASES: dict[int, tuple[int, str, str | None]] = {
    3: (_GOLDSTEIN, "1e400", "GoldsteinScale"),  # overflows to inf
    5: (_GOLDSTEIN, "-10.5", "GoldsteinScale"),
    7: (_GOLDSTEIN, "-10", None),  # the bound itself is in range
    9: (_TONE, "nan", "AvgTone"),
    11: (_TONE, "-Infinity", "AvgTone"),
    13: (_TONE, "100", None),
    15: (_LAT, "inf", "ActionGeo_Lat"),
    17: (_LAT, "90.5", "ActionGeo_Lat"),
    19: (_LON, "-180.01", "ActionGeo_Long"),
    21: (_LON, "NaN", "ActionGeo_Long"),
    23: (_MENTIONS, "-3", "NumMentions"),
    25: (_ARTICLES, "0", None),
    # DuckDB's cast reads digits grouped with '_' ('1_0' as 10): no event file means that
    27: (_GOLDSTEIN, "1_0", "GoldsteinScale"),
    29: (_MENTIONS, "1_000", "NumMentions"),
}


@pytest.fixture
def odd_numbers(tmp_path: Path) -> Path:
    path = generate_gdelt1(tmp_path / "gen.tsv", 40, seed=5, backfile_share=0.0)
    lines = path.read_text(encoding="utf-8").splitlines()
    for line, (position, value, _) in _CASES.items():
        cells = lines[line - 1].split("\t")
        cells[position] = value
        lines[line - 1] = "\t".join(cells)
    out = tmp_path / "odd.tsv"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _rejections(report: object) -> dict[int, tuple[str, str]]:
    files = report.files  # type: ignore[attr-defined]
    return {p.line: (p.field, p.message) for p in files[0].rejections}


def _check(report: object, store: Store) -> None:
    rejected = _rejections(report)
    expected = {line: field for line, (_, _, field) in _CASES.items() if field is not None}
    assert {line: field for line, (field, _) in rejected.items()} == expected
    assert rejected[3][1] == "GoldsteinScale must be a number from -10 to 10: 1e400"
    assert rejected[9][1] == "AvgTone must be a number from -100 to 100: nan"
    assert rejected[15][1] == "ActionGeo_Lat must be a number from -90 to 90: inf"
    assert rejected[23][1] == "NumMentions must be 0 or more: -3"
    assert rejected[27][1] == "GoldsteinScale is not a valid number: 1_0"
    stored = dict(store.con.execute("SELECT line, goldstein FROM events").fetchall())
    assert stored[7] == -10.0 and 13 in stored and 25 in stored
    sums = store.con.execute(
        "SELECT sum(goldstein), sum(tone), sum(lat), sum(lon), min(mentions) FROM events"
    ).fetchone()
    assert sums is not None and all(math.isfinite(v) for v in sums)


def test_bulk_path_rejects_numbers_out_of_range(
    odd_numbers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Gdelt1Reader, source: Source, context: ReadContext) -> Iterator[Batch]:
        raise AssertionError("read by batches")

    monkeypatch.setattr(Gdelt1Reader, "read", refuse)
    with Store(tmp_path / "bulk.duckdb") as store:
        report = ingest(store, odd_numbers)
        _check(report, store)
        assert report.stored == 40 - 11


def test_batch_path_rejects_numbers_out_of_range(odd_numbers: Path, tmp_path: Path) -> None:
    archive = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("odd.tsv", odd_numbers.read_bytes())
    with Store(tmp_path / "batch.duckdb") as store:
        report = ingest(store, archive)
        _check(report, store)


def test_icews_intensity_and_coordinates_are_bounded(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "icews" / "events.2018.sample.tab"
    lines = source.read_text(encoding="utf-8").splitlines()[:12]
    header = lines[0].split("\t")
    for line, (name, value) in {
        2: ("Intensity", "11"),
        3: ("Intensity", "inf"),
        4: ("Latitude", "nan"),
        5: ("Longitude", "181"),
        6: ("Intensity", "-10"),
        7: ("Intensity", "1_0"),
    }.items():
        cells = lines[line - 1].split("\t")
        cells[header.index(name)] = value
        lines[line - 1] = "\t".join(cells)
    path = tmp_path / "events.tab"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "icews.duckdb") as store:
        report = ingest(store, path)
    rejected = _rejections(report)
    assert {line: field for line, (field, _) in rejected.items()} == {
        2: "Intensity",
        3: "Intensity",
        4: "Latitude",
        5: "Longitude",
        7: "Intensity",
    }
    assert rejected[2][1] == "Intensity must be a number from -10 to 10: 11"
    assert rejected[7][1] == "Intensity is not a valid number: 1_0"
    assert report.stored == 6


def test_mapped_csv_numbers_are_bounded(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  event_id: id\n  event_date: day\n  source_country: from\n"
        "  target_country: to\n  cameo_code: code\n  goldstein: score\n  lat: y\n",
        encoding="utf-8",
    )
    data = tmp_path / "events.csv"
    data.write_text(
        "id,day,from,to,code,score,y\n"
        "1,2022-02-24,RUS,UKR,190,-10,50.4\n"
        "2,2022-02-24,RUS,UKR,190,-1e309,50.4\n"
        "3,2022-02-24,RUS,UKR,190,-9,-95\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "csv.duckdb") as store:
        report = ingest(store, data, format="csv", mapping=mapping)
    rejected = _rejections(report)
    assert rejected == {
        3: ("score", "score must be a number from -10 to 10: -1e309"),
        4: ("y", "y must be a number from -90 to 90: -95"),
    }
    assert report.stored == 1


def test_records_in_memory_are_bounded_alike() -> None:
    reader = FakeReader(
        [
            {"event_id": "a", "event_date": "2024-03-01", "cameo_code": "042", "goldstein": 12},
            {"event_id": "b", "event_date": "2024-03-01", "cameo_code": "042", "lat": -90},
        ]
    )
    batches = list(reader.read(Source(Path("memory")), ReadContext(default_world())))
    rows = {row["event_id"]: row for b in batches for row in b.table.to_pylist()}
    assert rows["a"]["reject_reason"] == "goldstein must be a number from -10 to 10: 12"
    assert rows["b"]["reject_reason"] is None and rows["b"]["lat"] == -90


def test_counts_and_quad_classes_must_be_whole_numbers(tmp_path: Path) -> None:
    path = generate_gdelt1(tmp_path / "w.tsv", 12, seed=8, backfile_share=0.0)
    lines = path.read_text(encoding="utf-8").splitlines()
    for line, (position, value) in {
        2: (_MENTIONS, "1.5"),
        4: (_MENTIONS, "0x10"),
        6: (29, "1.4"),  # QuadClass
        8: (_ARTICLES, "0b101"),
        10: (_MENTIONS, "7.0"),  # a whole number written with a decimal point is one
    }.items():
        cells = lines[line - 1].split("\t")
        cells[position] = value
        lines[line - 1] = "\t".join(cells)
    odd = tmp_path / "whole.tsv"
    odd.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "w.duckdb") as store:
        report = ingest(store, odd)
        tens = store.con.execute("SELECT mentions FROM events WHERE line = 10").fetchall()
    rejected = _rejections(report)
    assert rejected == {
        2: ("NumMentions", "NumMentions is not a whole number: 1.5"),
        4: ("NumMentions", "NumMentions is not a whole number: 0x10"),
        6: ("QuadClass", "QuadClass is not a whole number: 1.4"),
        8: ("NumArticles", "NumArticles is not a whole number: 0b101"),
    }, rejected
    assert tens == [(7,)]
