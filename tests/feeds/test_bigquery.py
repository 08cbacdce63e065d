"""GDELT exported from BigQuery (comma-separated, GDELT's column names as a header) reads like
the raw exports: detected, and the same events stored."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from accord.events import ingest
from accord.events.readers import Source, detect_event_format
from accord.store import Store
from tests.events.formats import BIGQUERY_HEADER
from tests.feeds.mirror import as_gdelt2, gdelt1_rows

#: GDELT 1.0 column names (the 2.0 header without its three ADM2 columns).
GDELT1_HEADER = [c for c in BIGQUERY_HEADER.split(",") if not c.endswith("ADM2Code")]


def _export(header: list[str], rows: list[list[str]], keep: list[str] | None = None) -> str:
    """`rows` written as BigQuery writes CSV (minimal quoting, CRLF line ends)."""
    keep = keep or header
    index = [header.index(c) for c in keep]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(keep)
    for row in rows:
        padded = row + [""] * (len(header) - len(row))  # backfile rows have no SOURCEURL
        writer.writerow([padded[k] for k in index])
    return out.getvalue()


def _stored(db: Path, path: Path, fmt: str = "auto") -> list[tuple[object, ...]]:
    with Store(db) as store:
        ingest(store, path, format=fmt)
        return store.con.execute(
            "SELECT dataset, event_id, event_date, source_country, target_country, cameo_code, "
            "quad_class, goldstein, location_country, url FROM events ORDER BY event_id"
        ).fetchall()


def test_a_gdelt1_bigquery_export_stores_what_the_raw_file_stores(
    shared_data: Path, tmp_path: Path
) -> None:
    raw = shared_data / "gdelt" / "gdelt1-events.sample.tsv"
    rows = gdelt1_rows(raw)
    export = tmp_path / "bq-results-20240101-000000.csv"
    export.write_text(_export(GDELT1_HEADER, rows), encoding="utf-8")
    assert detect_event_format(Source(export)) == "gdelt-bq"
    from_raw = _stored(tmp_path / "raw.duckdb", raw, "gdelt1")
    from_export = _stored(tmp_path / "bq.duckdb", export)
    assert len(from_export) == len(from_raw) > 600
    assert from_export == from_raw


def test_a_gdelt2_export_of_some_columns_reads_as_gdelt2(shared_data: Path, tmp_path: Path) -> None:
    rows = [
        as_gdelt2(r, "20240101000000")
        for r in gdelt1_rows(shared_data / "gdelt" / "gdelt1-events.sample.tsv")
    ]
    header = BIGQUERY_HEADER.split(",")
    keep = ["GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "EventCode",
            "GoldsteinScale", "ActionGeo_ADM2Code", "SOURCEURL"]  # fmt: skip
    export = tmp_path / "export.csv"
    export.write_text(_export(header, rows, keep), encoding="utf-8")
    stored = _stored(tmp_path / "bq.duckdb", export)
    assert {r[0] for r in stored} == {"gdelt2"}
    first = next(r for r in stored if r[1] == rows[0][0])
    assert (first[5], first[7], first[9]) == (rows[0][26], float(rows[0][30]), rows[0][60])
    # no QuadClass column: the quad class comes from the CAMEO root, as for any GDELT row
    assert first[6] == int(rows[0][29])


def test_a_broken_row_is_rejected_with_its_line(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    good = "1,20200115,042,USA,CHN"
    export.write_text(
        "GLOBALEVENTID,SQLDATE,EventCode,Actor1CountryCode,Actor2CountryCode\n"
        f'{good}\n2,20200116,"042,USA,CHN\n',
        encoding="utf-8",
    )
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, export)
    (file,) = report.files
    assert (file.format, file.stored, file.rejected) == ("gdelt-bq", 1, 1)
    assert file.rejections[0].line == 3
