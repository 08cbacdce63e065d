"""ICEWS's 2017 Dataverse file: dates written M/D/YYYY and no 'CAMEO Code' column (codes from
'Event Text'). The real 2018 sample rewritten in that layout stores the same rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from accord.events import ingest
from accord.events.ingest import IngestError
from accord.events.ontology import icews_event_texts
from accord.store import Store

SAMPLE = ("icews", "events.2018.sample.tab")
#: The stored columns compared between the two layouts (all but where the row came from).
COLUMNS = (
    "event_id, event_date, source_actor, source_country, target_actor, target_country, "
    "cameo_code, cameo_root, quad_class, goldstein, plover_type, location_country, lat, lon"
)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _us_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(month)}/{int(day)}/{year}"


def _write_2017_layout(rows: list[list[str]], path: Path, *, drop_code: bool) -> None:
    """The rows with dates as M/D/YYYY and, with `drop_code`, the CAMEO Code column removed."""
    header = rows[0]
    date, code = header.index("Event Date"), header.index("CAMEO Code")
    with path.open("w", encoding="utf-8", newline="") as out:
        for number, row in enumerate(rows):
            row = list(row)
            if number:
                row[date] = _us_date(row[date])
            if drop_code:
                del row[code]
            out.write("\t".join(row) + "\n")


def _stored(path: Path, db: Path) -> list[tuple[object, ...]]:
    with Store(db) as store:
        report = ingest(store, path)
        assert report.rejected == 0, report.files[0].rejections[:3]
        return store.con.execute(
            f"SELECT {COLUMNS} FROM events WHERE dataset = 'icews' ORDER BY ALL"
        ).fetchall()


@pytest.mark.parametrize("drop_code", [False, True], ids=["us-dates", "us-dates-no-code"])
def test_2017_layout_stores_what_the_plain_file_does(
    shared_data: Path, tmp_path: Path, drop_code: bool
) -> None:
    sample = shared_data.joinpath(*SAMPLE)
    rows = _rows(sample)
    changed = tmp_path / "events.2017-layout.tab"
    _write_2017_layout(rows, changed, drop_code=drop_code)
    plain = _stored(sample, tmp_path / "plain.duckdb")
    assert len(plain) == 3705
    assert _stored(changed, tmp_path / "changed.duckdb") == plain


def test_every_event_text_of_the_sample_names_its_code(shared_data: Path) -> None:
    rows = _rows(shared_data.joinpath(*SAMPLE))
    text, code = rows[0].index("Event Text"), rows[0].index("CAMEO Code")
    names = icews_event_texts()
    pairs = {(row[text], row[code]) for row in rows[1:]}
    assert len(pairs) == 122
    assert all(names[name.casefold()] == expected for name, expected in pairs)
    assert names["consult"] == "040"  # the leaf, not the root CONSULT (04)


def _ingest_text(tmp_path: Path, text: str) -> tuple[object, object]:
    path = tmp_path / "events.tab"
    path.write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, path, format="icews")
        stored = store.con.execute(
            "SELECT event_date, cameo_code FROM events WHERE dataset = 'icews'"
        ).fetchall()
    return report.files[0], stored


HEADER = "Event ID\tEvent Date\tSource Country\tEvent Text\tTarget Country\n"


def test_event_text_unknown_or_bad_us_date_is_rejected_at_its_line(tmp_path: Path) -> None:
    text = (
        HEADER
        + "1\t12/31/2017\tFrance\tConsult\tGermany\n"
        + "2\t1/2/2017\tFrance\tHold a picnic\tGermany\n"
        + "3\t13/1/2017\tFrance\tConsult\tGermany\n"
        + "4\t1/2/17\tFrance\tConsult\tGermany\n"
    )
    report, stored = _ingest_text(tmp_path, text)
    assert [(str(day), code) for day, code in stored] == [("2017-12-31", "040")]
    found = {(p.line, p.field): p.message for p in report.rejections}
    assert found[(3, "Event Text")] == "Event Text names no event ICEWS codes: Hold a picnic"
    assert "M/D/YYYY" in found[(4, "Event Date")] and "13/1/2017" in found[(4, "Event Date")]
    assert "1/2/17" in found[(5, "Event Date")]


def test_a_header_with_neither_code_nor_text_names_both(tmp_path: Path) -> None:
    header = "Event ID\tEvent Date\tSource Country\tTarget Country\n"
    with pytest.raises(IngestError) as raised:
        _ingest_text(tmp_path, header + "1\t2017-01-01\tFrance\tGermany\n")
    (problem,) = raised.value.problems
    assert "missing column(s) CAMEO Code (or Event Text)" in problem.message
    assert (problem.line, problem.field) == (1, "CAMEO Code")


def test_one_key_with_two_events_is_a_rejection_not_a_duplicate(tmp_path: Path) -> None:
    # ICEWS ids are unique with the date: two rows of one id and day that say different
    # things are not a repeat (the second was dropped silently as a duplicate)
    text = (
        HEADER.replace("Target Country\n", "Target Country\tCAMEO Code\n")
        + "7\t2017-01-02\tFrance\tConsult\tGermany\t040\n"
        + "7\t2017-01-02\tFrance\tConsult\tGermany\t040\n"  # an exact repeat: a duplicate
        + "7\t2017-01-02\tFrance\tAccuse\tItaly\t112\n"  # another event under the same key
    )
    report, stored = _ingest_text(tmp_path, text)
    assert [code for _, code in stored] == ["040"]
    assert (report.rows_read, report.stored, report.duplicate, report.rejected) == (3, 1, 1, 1)
    (problem,) = report.rejections
    assert (problem.line, problem.field) == (4, "(row)")
    assert problem.message.startswith("event 7 of 2017-01-02 repeats the id and date of line 2")
