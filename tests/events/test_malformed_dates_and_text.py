"""Dates no event file means (infinity, BC, year 20180, a time after the day) and text no
store can hold (a lone UTF-16 surrogate) reject their row, naming the field, in every reader;
the rows stored afterwards never break a query; a mapping's bad date_format or non-text
encoding is an error naming the mapping's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError
from accord.events import ingest
from accord.events.readers.canonical_sql import FIRST_EVENT_DAY, LAST_EVENT_DAY
from accord.store import Store

_ICEWS_HEADER = (
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
    "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\t"
    "Publisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
)


def _icews_row(event_id: int, day: str) -> str:
    return (
        f"{event_id}\t{day}\tFrance\tGovernment\tFrance\tConsult\t040\t1\tGermany\tGovernment\t"
        "Germany\t1\t1\tAFP\tParis\tNA\tNA\tFrance\t48.85\t2.35"
    )


def _problems(report: object) -> dict[int, tuple[str, str]]:
    files = report.files  # type: ignore[attr-defined]
    return {p.line: (p.field, p.message) for p in files[0].rejections}


def test_icews_dates_must_be_days_in_range(tmp_path: Path) -> None:
    days = ["2018-06-01", "infinity", "2018-06-01 (BC)", "20180-06-01", "2018-06-01 23:59:59"]
    days += ["epoch", "2018-6-1", "1600-01-01", "2018-06-02"]
    path = tmp_path / "events.tab"
    rows = [_icews_row(n, day) for n, day in enumerate(days)]
    path.write_text("\n".join([_ICEWS_HEADER, *rows]) + "\n", encoding="utf-8")
    db = tmp_path / "icews.duckdb"
    with Store(db) as store:
        report = ingest(store, path)
    problems = _problems(report)
    assert sorted(problems) == [3, 4, 5, 6, 7, 8, 9]
    assert problems[3] == (
        "Event Date",
        "Event Date is not a YYYY-MM-DD (or M/D/YYYY) date: infinity",
    )
    outside = f"event date outside {FIRST_EVENT_DAY} to {LAST_EVENT_DAY}: 1600-01-01"
    assert problems[9] == ("Event Date", outside)
    assert report.stored == 2
    # what is stored never breaks a query
    shown = CliRunner().invoke(app, ["relations", "dyad", "FRA", "DEU", "--db", str(db)])
    assert shown.exit_code == 0, shown.output


def test_gdelt_dates_out_of_range_are_rejected(tmp_path: Path) -> None:
    path = generate_gdelt1(tmp_path / "g.tsv", 6, seed=2, backfile_share=0.0)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split("\t")
    cells[1] = "99991231"
    lines[2] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "g.duckdb") as store:
        report = ingest(store, path)
    problems = _problems(report)
    assert problems == {3: ("SQLDATE", "event date outside 1678-01-01 to 2261-12-31: 9999-12-31")}


def test_mapped_csv_dates_and_a_bad_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "columns:\n  event_id: id\n  event_date: day\n  source_country: a\n"
        "  target_country: b\n  cameo_code: code\n",
        encoding="utf-8",
    )
    data = tmp_path / "e.csv"
    data.write_text(
        "id,day,a,b,code\n1,2024-03-01,FRA,DEU,042\n2,epoch,FRA,DEU,042\n"
        "3,0000-01-01,FRA,DEU,042\n4,-infinity,FRA,DEU,042\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "c.duckdb") as store:
        report = ingest(store, data, format="csv", mapping=mapping)
        assert sorted(_problems(report)) == [3, 4, 5] and report.stored == 1
        for extra, field, words in (
            ("date_format: '%s'\n", "date_format", "not a strptime format"),
            ("date_format: [1, 2]\n", "date_format", "must be text"),
            ("encoding: bz2_codec\n", "encoding", "not a text encoding"),
            ("  goldstein:\n", "columns", "no column of the file named for goldstein"),
        ):
            bad = tmp_path / "bad.yaml"
            bad.write_text(mapping.read_text(encoding="utf-8") + extra, encoding="utf-8")
            with pytest.raises(InputError) as caught:
                ingest(store, data, format="csv", mapping=bad)
            problem = caught.value.problems[0]
            assert problem.field == field and words in problem.message, problem
            assert problem.file is not None and problem.file.endswith("bad.yaml")
            assert problem.line is not None


def test_plover_lone_surrogate_and_trailing_date_text_reject_rows_not_files(
    tmp_path: Path,
) -> None:
    records = [
        {"id": "p1", "date": "2020-01-01", "event": "AGREE", "source": "FRA", "target": "DEU"},
        {"id": "p2", "date": "2020-01-01", "event": "AGREE", "source": "Hu\ud800", "target": "DEU"},
        {"id": "p3", "date": "2020-01-01garbage", "event": "AGREE", "source": "FRA"},
        {"id": "p4", "date": "2020-01-01T10:30:00Z", "event": "AGREE", "source": "FRA"},
    ]
    plover = tmp_path / "p.jsonl"
    plover.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    after = generate_gdelt1(tmp_path / "after.tsv", 5, seed=1, backfile_share=0.0)
    with Store(tmp_path / "p.duckdb") as store:
        report = ingest(store, [plover, after])
    first, second = report.files
    problems = {p.line: (p.field, p.message) for p in first.rejections}
    assert problems[2] == (
        "source.actorText",
        "source.actorText holds a lone surrogate U+D800 at column 3",
    )
    assert problems[3][0] == "date"
    assert first.stored == 2 and second.stored == 5  # the file after it still ran


def test_a_plover_record_repeating_a_key_is_rejected(tmp_path: Path) -> None:
    lines = [
        '{"id": "p1", "date": "2020-01-01", "event": "AGREE", "source": "FRA"}',
        '{"id": "p2", "date": "2020-01-01", "date": "1999-01-01", "event": "AGREE"}',
        '{"id": "p3", "date": "2020-01-01", "event": "AGREE", "source": {"code": "FRA"}}',
    ]
    for name, text in (("p.jsonl", "\n".join(lines)), ("p.json", "[" + ",\n".join(lines) + "]")):
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        with Store(tmp_path / f"{name}.duckdb") as store:
            report = ingest(store, path)
        assert _problems(report) == {2: ("(record)", "key 'date' appears twice in one object")}
        assert report.stored == 2
