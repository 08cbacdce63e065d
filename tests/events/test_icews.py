"""ICEWS sample: counts and Goldstein (Intensity) sums per dyad and day match the raw file."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from accord.events import ingest, query
from accord.events.ingest import IngestError
from accord.store import Store

NAMES = {"United States": "USA", "North Korea": "PRK", "China": "CHN", "Russian Federation": "RUS"}


def _raw(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_dyads_per_day(shared_data: Path, db_path: Path) -> None:
    path = shared_data / "icews" / "events.2018.sample.tab"
    rows = _raw(path)
    expected: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for r in rows:
        expected[(r["Source Country"], r["Target Country"], r["Event Date"])].append(
            float(r["Intensity"])
        )
    with Store(db_path) as store:
        report = ingest(store, path)
        assert report.stored == len(rows) == 3705
        assert report.rejected == 0
        for src, tgt, day in [
            ("United States", "North Korea", "2018-06-01"),
            ("North Korea", "United States", "2018-06-02"),
            ("United States", "China", "2018-06-02"),
            ("Russian Federation", "North Korea", "2018-06-01"),
        ]:
            df = query(store, source=NAMES[src], target=NAMES[tgt], start=day, end=day)
            assert len(df) == len(expected[(src, tgt, day)])
            assert df["goldstein"].sum() == pytest.approx(sum(expected[(src, tgt, day)]))
        between = store.con.execute(
            "SELECT count(*) FROM events WHERE source_country <> target_country"
        ).fetchone()
    distinct = sum(
        1
        for r in rows
        if r["Source Country"] not in ("", "NA", "Hong Kong")
        and r["Target Country"] not in ("", "NA", "Hong Kong")
        and r["Source Country"] != r["Target Country"]
    )
    assert between is not None and between[0] == distinct > 1000


def test_quad_class_from_root_and_plover_filled(shared_data: Path, db_path: Path) -> None:
    path = shared_data / "icews" / "events.2018.sample.tab"
    rows = _raw(path)
    quads = {1: 0, 2: 0, 3: 0, 4: 0}
    for r in rows:
        root = int(r["CAMEO Code"][:2])
        quads[1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4] += 1
    with Store(db_path) as store:
        ingest(store, path)
        got = dict(
            store.con.execute("SELECT quad_class, count(*) FROM events GROUP BY 1").fetchall()
        )
        consult = store.con.execute(
            "SELECT DISTINCT plover_type FROM events WHERE cameo_code = '040'"
        ).fetchall()
    assert got == quads
    assert consult == [("CONSULT",)]


def test_blank_lines_before_the_header_are_skipped(shared_data: Path, db_path: Path) -> None:
    source = shared_data / "icews" / "events.2018.sample.tab"
    lines = source.read_text(encoding="utf-8").splitlines()[:6]
    path = db_path.parent / "padded.tab"
    path.write_text("\n".join(["", " \t", *lines, "  "]) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
        numbers = [
            r[0] for r in store.con.execute("SELECT line FROM events ORDER BY line").fetchall()
        ]
    assert (report.files[0].format, report.rows_read, report.rejected) == ("icews", 5, 0)
    assert numbers == [4, 5, 6, 7, 8]


def test_a_file_read_by_batches_is_stored_in_date_order_and_leaves_no_staging(
    shared_data: Path, db_path: Path
) -> None:
    source = shared_data / "icews" / "events.2018.sample.tab"
    header, *rows = source.read_text(encoding="utf-8").splitlines()
    path = db_path.parent / "reversed.tab"
    path.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path, block_bytes=64 << 10)  # many batches
        query = "SELECT event_date FROM events ORDER BY rowid"
        dates = [r[0] for r in store.con.execute(query).fetchall()]
    assert report.stored == 3705
    assert dates == sorted(dates)
    assert not [p for p in db_path.parent.iterdir() if ".stage-" in p.name]


def _quoted(field: str, every: bool) -> str:
    """`field` as R's write.table (`every`: all text) or Excel's tab export (text holding a
    comma or quote) writes it: in double quotes, a quote doubled."""
    numeric = field.replace(".", "", 1).lstrip("-").isdigit()
    if (every and not numeric) or any(c in field for c in ',"'):
        return '"' + field.replace('"', '""') + '"'
    return field


@pytest.mark.parametrize("every", [True, False], ids=["R write.table", "Excel tab export"])
def test_quoted_text_fields_read_as_the_plain_file(
    shared_data: Path, tmp_path: Path, every: bool
) -> None:
    source = shared_data / "icews" / "events.2018.sample.tab"
    lines = source.read_text(encoding="utf-8").splitlines()
    quoted = tmp_path / "quoted.tab"
    rows = ["\t".join(_quoted(field, every) for field in line.split("\t")) for line in lines[1:]]
    header = "\t".join(_quoted(name, every) for name in lines[0].split("\t"))
    quoted.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    assert rows[0].count('"') >= 2  # the sample's sectors hold commas
    columns = (
        "event_id, event_date, source_actor, source_country, source_sector, target_actor, "
        "target_country, target_sector, cameo_code, goldstein, location_country, lat, lon"
    )
    stored = []
    for path in (source, quoted):
        with Store(tmp_path / f"{path.stem}.duckdb") as store:
            report = ingest(store, path)  # detected: a quoted header is still ICEWS's
            stored.append(set(store.con.execute(f"SELECT {columns} FROM events").fetchall()))
        assert (report.stored, report.rejected) == (len(lines) - 1, 0)
    assert stored[0] == stored[1]
    assert not any('"' in (row[4] or "") for row in stored[1])


def test_two_files_joined_name_the_second_header(shared_data: Path, tmp_path: Path) -> None:
    # the second header was "Event Date is not a YYYY-MM-DD date: Event Date"
    text = (shared_data / "icews" / "events.2018.sample.tab").read_text(encoding="utf-8")
    joined = tmp_path / "joined.tab"
    joined.write_text(text + text, encoding="utf-8")
    rows = len(text.splitlines()) - 1
    with Store(tmp_path / "j.duckdb") as store:
        report = ingest(store, joined)
    found = [(p.line, p.field, p.message) for p in report.files[0].rejections]
    assert found == [(rows + 2, "(row)", "the header line again (files joined end to end?)")]
    assert (report.stored, report.duplicate) == (rows, rows)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_comma_separated_copy_says_so_and_what_to_do(
    shared_data: Path, tmp_path: Path, delimiter: str
) -> None:
    # Excel's "CSV UTF-8" copy: every column there, but "missing column(s) Event ID, ..."
    text = (shared_data / "icews" / "events.2018.sample.tab").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[:3]]
    copy = tmp_path / "excel.csv"
    copy.write_text("\n".join(delimiter.join(row) for row in rows) + "\n", encoding="utf-8")
    with Store(tmp_path / "c.duckdb") as store, pytest.raises(IngestError) as raised:
        ingest(store, copy, format="icews")
    (problem,) = raised.value.problems
    assert (problem.line, problem.field) == (1, "Event ID")
    name = {",": "comma", ";": "semicolon"}[delimiter]
    assert problem.message.startswith(f"not an ICEWS header: its columns are {name}-separated")
    assert "--mapping" in problem.message
