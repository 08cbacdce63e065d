"""PLOVER JSON, generic CSV with a mapping, format detection, and the Reader contract."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.events import READERS, Reader, ingest, query
from accord.events.ontology import PLOVER_LEGACY, PLOVER_QUAD
from accord.events.readers import ColumnMapping, CsvReader, detect_event_format, expand
from accord.store import Store


def test_every_reader_follows_the_protocol() -> None:
    for name, cls in READERS.items():
        reader = cls()
        assert isinstance(reader, Reader) and reader.format == name
    assert isinstance(CsvReader(ColumnMapping({"event_id": "a"})), Reader)


def test_plover_gold_standard_records(shared_data: Path, db_path: Path) -> None:
    path = shared_data / "plover" / "PLOVER_GSR_CAMEO.json"
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]
    first_of_key = {(r["id"], r["date"]): r for r in reversed(records)}
    keys = set(first_of_key)
    types = Counter(
        PLOVER_LEGACY.get(r["event"], (r["event"], None))[0] for r in first_of_key.values()
    )
    with Store(db_path) as store:
        report = ingest(store, path)
        got = dict(
            store.con.execute("SELECT plover_type, count(*) FROM events GROUP BY 1").fetchall()
        )
        quads = store.con.execute("SELECT DISTINCT plover_type, quad_class FROM events").fetchall()
        first = query(store, dataset="plover").set_index("event_id").loc["PLOVER-GSR01-AGREE-0001"]
    assert report.rows_read == len(records) and report.stored == len(keys)
    # the file gives PLOVER-GSR01-COERCE-0004 of 2000-01-01 to two different events: the
    # second is rejected naming the first (it was a silent duplicate)
    (clash,) = [p for p in report.files[0].rejections if "repeats the id and date" in p.message]
    assert clash.message.startswith("event PLOVER-GSR01-COERCE-0004 of 2000-01-01 repeats")
    assert (report.duplicate, report.rejected) == (0, 1)
    assert got == dict(types)
    assert all(PLOVER_QUAD[t] == q for t, q in quads)
    assert first.source_country == "HUN" and first.plover_context == "refugees"
    text = path.read_text(encoding="utf-8").splitlines()
    assert '"PLOVER-GSR01-AGREE-0001"' in text[int(first.line) - 1 + 1]


def test_plover_records_on_one_line_repeat_no_key(
    shared_data: Path, tmp_path: Path, db_path: Path
) -> None:
    # json.dump writes a list on one line: every record's line is 1, and two records of one
    # key were both kept (rows were dropped by their later line)
    records = json.loads((shared_data / "plover" / "PLOVER_GSR_CAMEO.json").read_text("utf-8"))
    path = tmp_path / "compact.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
        repeats = store.con.execute(
            "SELECT count(*) - count(DISTINCT (dataset, event_id, event_date)) FROM events"
        ).fetchall()
    # one key holds two different events in the file: the second is a rejection, kept once
    assert (report.stored, report.duplicate, report.rejected, repeats) == (321, 0, 1, [(0,)])


def test_a_rejection_on_a_shared_line_names_its_record(tmp_path: Path, db_path: Path) -> None:
    record = {"id": "r1", "date": "2024-01-01", "event": "CONSULT"}
    bad = [record, {**record, "id": "r2", "date": "2000-13-01"}, {**record, "event": "NOPE"}]
    (tmp_path / "one-line.json").write_text(json.dumps(bad), encoding="utf-8")
    (tmp_path / "pretty.json").write_text(json.dumps(bad, indent=1), encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, [tmp_path / "one-line.json", tmp_path / "pretty.json"])
    found = [(p.file, p.line, p.message) for f in report.files for p in f.rejections]
    assert [(Path(file).name, line, message) for file, line, message in found] == [
        ("one-line.json", 1, "date is not YYYY-MM-DD: 2000-13-01 (record 2 of the list)"),
        ("one-line.json", 1, "unknown PLOVER event type NOPE (record 3 of the list)"),
        ("pretty.json", 7, "date is not YYYY-MM-DD: 2000-13-01"),  # its own line says it
        ("pretty.json", 12, "unknown PLOVER event type NOPE"),
    ]


def test_plover_json_lines(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "polecat.jsonl"
    rows = [
        {"id": "a1", "date": "2022-03-01", "event_type": "SANCTION", "mode": "economic",
         "source": {"actorText": "United States", "country": "USA"},
         "target": [{"actorText": "Russia", "country": "RUS"}]},
        {"id": "a2", "date": "2022-03-02", "event_type": "WAVE"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
        df = query(store)
    assert report.stored == 1 and report.rejected == 1
    assert report.files[0].rejections[0].line == 2
    assert report.files[0].rejections[0].field == "event"
    assert (df.source_country[0], df.target_country[0], df.quad_class[0]) == ("USA", "RUS", 4)


def test_plover_manual_record_reads(tmp_path: Path, db_path: Path) -> None:
    # the record of the PLOVER manual's "Data Fields" chapter: `event` a list of one type,
    # `event_loc` a location object
    path = tmp_path / "manual.jsonl"
    rows = [
        {"id": "PHOXv1-20160724-0042", "date": "2016-07-24", "actor": [{"code": "USA"}],
         "recipient": [{"code": "CAN"}], "event": ["CONSULT"],
         "event_loc": {"name": "Ottawa, Canada", "country": "CAN"}},
        {"id": "two", "date": "2016-07-24", "actor": [{"code": "USA"}],
         "event": ["CONSULT", "COOPERATE"]},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
        df = query(store, dataset="plover")
    assert (report.stored, report.rejected) == (1, 1)
    row = df.iloc[0]
    assert (row.plover_type, row.source_country, row.target_country) == ("CONSULT", "USA", "CAN")
    assert row.location_country == "CAN"
    (problem,) = report.files[0].rejections
    assert (problem.line, problem.field) == (2, "event")
    assert "lists 2 event types" in problem.message


def test_csv_with_mapping(tmp_path: Path, db_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "dataset: curated\ndate_format: '%d/%m/%Y'\ncolumns:\n  event_id: id\n"
        "  event_date: day\n  source_country: from\n  target_country: to\n  cameo_code: code\n"
        "  url: link\n",
        encoding="utf-8",
    )
    data = tmp_path / "events.csv"
    data.write_text(
        "id,day,from,to,code,link\n"
        '1,24/02/2022,Russia,Ukraine,190,"http://a, b"\n'
        "2,31/02/2022,USA,CHN,042,\n"
        "3,01/01/2020,United States,China,42,\n",
        encoding="utf-8",
    )
    with Store(db_path) as store:
        report = ingest(store, data, format="csv", mapping=mapping)
        df = query(store, dataset="curated")
    assert (report.stored, report.rejected) == (2, 1)
    assert (report.files[0].rejections[0].line, report.files[0].rejections[0].field) == (3, "day")
    assert df.cameo_code.tolist() == ["042", "190"]
    assert df.url.tolist()[1] == "http://a, b"
    assert df.source_country.tolist() == ["USA", "RUS"]


def test_a_mapping_names_the_words_for_missing(tmp_path: Path, db_path: Path) -> None:
    # R's write.csv writes NA: a latitude of NA rejected the row, and NA counted as an
    # unmapped country (Namibia's ISO2 code is NA: only missing when the mapping says so)
    columns = "columns: {event_id: id, event_date: day, source_country: from, "
    columns += "target_country: to, cameo_code: code, lat: lat}\n"
    data = tmp_path / "events.csv"
    data.write_text(
        'id,day,from,to,code,lat\n1,2022-02-24,RUS,UKR,190,NA\n2,2022-02-25,NA,"NA",042,50.1\n',
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yaml"
    stored = []
    for n, words in enumerate(("", "missing: [NA]\n")):
        mapping.write_text(words + columns, encoding="utf-8")
        with Store(tmp_path / f"{n}.duckdb") as store:
            report = ingest(store, data, format="csv", mapping=mapping)
            stored.append((report.stored, report.rejected, dict(report.files[0].unmapped)))
            rows = store.con.execute("SELECT event_id, lat, source_country FROM events").fetchall()
    assert stored[0] == (1, 1, {"NA": 2})  # without: an unmapped country, and no latitude
    assert stored[1] == (2, 0, {})
    assert sorted(rows) == [("1", None, "RUS"), ("2", 50.1, None)]
    mapping.write_text("missing: {NA: 1}\n" + columns, encoding="utf-8")
    with Store(db_path) as store, pytest.raises(InputError, match="missing must be a list"):
        ingest(store, data, format="csv", mapping=mapping)


def test_a_mapped_plover_type_is_checked_and_gives_its_quad(tmp_path: Path, db_path: Path) -> None:
    data = tmp_path / "p.csv"
    data.write_text(
        "id,day,code\nq1,2020-01-01,consult\nq2,2020-01-02,DEMAND\nq3,2020-01-03,042\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "p.yaml"
    mapping.write_text(
        "columns:\n  event_id: id\n  event_date: day\n  plover_type: code\n", encoding="utf-8"
    )
    with Store(db_path) as store:
        report = ingest(store, data, format="csv", mapping=mapping)
        rows = store.con.execute(
            "SELECT event_id, plover_type, quad_class FROM events WHERE dataset = 'csv' ORDER BY 1"
        ).fetchall()
    # a type in any case; DEMAND (PLOVER v0.5) as its draft-0.8 successor; 042 is no type
    assert rows == [("q1", "CONSULT", 1), ("q2", "REQUEST", 3)]
    (problem,) = report.files[0].rejections
    assert (problem.line, problem.field, problem.message) == (
        4,
        "code",
        "unknown PLOVER event type 042",
    )


def test_csv_needs_a_valid_mapping(tmp_path: Path, db_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  event_id: id\n  colour: c\n", encoding="utf-8")
    data = tmp_path / "e.csv"
    data.write_text("id\n1\n", encoding="utf-8")
    with Store(db_path) as store:
        with pytest.raises(InputError, match="cannot map colour"):
            ingest(store, data, format="csv", mapping=mapping)
        with pytest.raises(InputError, match="mapping"):
            ingest(store, data, format="csv")


def test_detect_format(shared_data: Path, tmp_path: Path) -> None:
    def fmt(path: Path) -> str:
        return detect_event_format(expand([path])[0])

    assert fmt(shared_data / "gdelt" / "gdelt1-events.sample.tsv") == "gdelt1"
    assert fmt(shared_data / "icews" / "events.2018.sample.tab") == "icews"
    assert fmt(shared_data / "plover" / "PLOVER_GSR_CAMEO.json") == "plover"
    gdelt2 = tmp_path / "g2.csv"
    gdelt2.write_text("\t".join(["x"] * 61) + "\n", encoding="utf-8")
    assert fmt(gdelt2) == "gdelt2"
    odd = tmp_path / "odd.txt"
    odd.write_text("a\tb\tc\n", encoding="utf-8")
    with pytest.raises(InputError, match="name the format"):
        fmt(odd)


def test_gdelt2_rows(shared_data: Path, tmp_path: Path, db_path: Path) -> None:
    # GDELT 2.0 = GDELT 1.0 with an ADM2 code after each ADM1 code
    src = (shared_data / "gdelt" / "gdelt1-events.sample.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in src.splitlines() if line.count("\t") == 57]
    out = []
    for r in rows[:50]:
        g2 = [*r[:39], "ADM2", *r[39:46], "ADM2", *r[46:53], "ADM2", *r[53:56]]
        out.append("\t".join([*g2, r[56] + "000000", r[57]]))
    path = tmp_path / "gdelt2.export.CSV"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
        df = query(store, dataset="gdelt2").set_index("event_id")
    assert report.files[0].format == "gdelt2" and report.stored == 50
    for r in rows[:50]:
        assert df.loc[r[0]].goldstein == float(r[30])
        assert df.loc[r[0]].url == r[57]
        if r[53]:
            assert df.loc[r[0]].lat == pytest.approx(float(r[53]))


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("date,source,target,code\n", "4 comma-separated columns"),
        ("date;source;target\n", "3 semicolon-separated columns"),
        ("a\tb\tc\n", "(3 tab-separated fields)"),
        ("", "the file is empty or blank"),
    ],
)
def test_an_unknown_layout_says_what_it_saw(tmp_path: Path, first: str, expected: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(first + "x\n" if first else "\n\n", encoding="utf-8")
    [source] = expand([path])
    with pytest.raises(InputError) as caught:
        detect_event_format(source)
    problem = caught.value.first
    assert (problem.file, problem.line) == (str(path), 1)
    assert expected in problem.message
    assert ("--mapping FILE" in problem.message) == bool(first)


@pytest.mark.parametrize("format", ["gdelt1", "gdelt2", "gdelt-bq", "icews", "polecat", "plover"])
@pytest.mark.parametrize("text", ["", "\n \n\t\n"], ids=["empty", "blank"])
def test_an_empty_file_is_an_error_in_every_format(
    tmp_path: Path, db_path: Path, format: str, text: str
) -> None:
    # it was 'ok' with 0 rows for some formats named with --format, 'failed' for others
    path = tmp_path / "events.txt"
    path.write_text(text, encoding="utf-8")
    with Store(db_path) as store, pytest.raises(InputError) as caught:
        ingest(store, path, format=format)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(path), 1)
    assert problem.message == "the file is empty or blank: no event in it"


def test_an_empty_json_file_is_an_error_too(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "events.json"  # told PLOVER by its name, before it is read
    path.write_text("", encoding="utf-8")
    with Store(db_path) as store, pytest.raises(InputError, match="empty or blank"):
        ingest(store, path)
