"""CAMEO codes written without their leading zero (a file that went through pandas, R or a
spreadsheet reading the code column as integers) are read as the codes they were, in every
format that carries CAMEO codes: 10 is 010 (make a statement), not the root 10 (DEMAND)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.events import ingest
from accord.store import Store
from tests.events.formats import CSV_MAPPING, ICEWS_HEADER, Event, line_of, write

#: Events (their true codes) and how a numeric round trip writes each code.
CASES = (
    (Event("z1", dt.date(2020, 1, 2), "USA", "CHN", "010", 0.0), "10"),
    (Event("z2", dt.date(2020, 1, 3), "CHN", "USA", "020", 3.0), "20"),
    (Event("z3", dt.date(2020, 1, 4), "RUS", "FRA", "0211", 3.4), "211"),
    (Event("z4", dt.date(2020, 1, 5), "DEU", "IND", "042", 1.9), "42"),
    (Event("z5", dt.date(2020, 1, 6), "IND", "DEU", "100", -5.0), "100"),  # no zero to lose
    (Event("z6", dt.date(2020, 1, 7), "FRA", "RUS", "190", -10.0), "190"),
)

#: Where each format writes the event code (a tab- or comma-separated field's index).
_CODE_FIELDS = {
    "gdelt1": (26, 27),  # EventCode and EventBaseCode
    "gdelt2": (26, 27),
    "icews": (ICEWS_HEADER.index("CAMEO Code"),),
    "csv": (4,),
}


def _written(fmt: str, event: Event, code: str) -> str:
    """The line of `event` in a file of `fmt`, its code written as `code`."""
    separator = "," if fmt == "csv" else "\t"
    fields = line_of(fmt, event).split(separator)
    for index in _CODE_FIELDS[fmt]:
        fields[index] = code
    if fmt.startswith("gdelt"):
        fields[28] = str(int(event.code[:2]))  # the root lost its zero too
    return separator.join(fields)


@pytest.mark.parametrize("fmt", sorted(_CODE_FIELDS))
def test_codes_that_lost_their_leading_zero(fmt: str, tmp_path: Path) -> None:
    path = write(fmt, tmp_path, [_written(fmt, event, code) for event, code in CASES])
    mapping = None
    if fmt == "csv":
        mapping = tmp_path / "mapping.yaml"
        mapping.write_text(CSV_MAPPING, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, path, format=fmt, mapping=mapping)
        rows = store.con.execute(
            "SELECT event_id, cameo_code, cameo_root, quad_class, plover_type FROM events "
            "ORDER BY event_id"
        ).fetchall()
    assert (report.stored, report.rejected) == (6, 0)
    assert rows == [
        ("z1", "010", "01", 1, None),  # not DEMAND (root 10: quad 3, REQUEST)
        ("z2", "020", "02", 1, None),  # not ASSAULT (root 20: quad 4)
        ("z3", "0211", "02", 1, None),
        ("z4", "042", "04", 1, "CONSULT"),
        ("z5", "100", "10", 3, "REQUEST"),
        ("z6", "190", "19", 4, "ASSAULT"),
    ]


def test_a_code_no_zero_explains_stays_unknown(tmp_path: Path) -> None:
    # 999 is no code with or without a zero before it; a root written as roots are (01) is
    # still a root
    lines = [
        _written("icews", CASES[0][0], "999"),
        _written("icews", CASES[1][0], "01"),
    ]
    path = write("icews", tmp_path, lines)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, path, format="icews")
        codes = store.con.execute("SELECT cameo_code, cameo_root FROM events").fetchall()
    rejections = [(p.field, p.message) for p in report.files[0].rejections]
    assert rejections == [("CAMEO Code", "unknown CAMEO event code 999")]
    assert codes == [("01", "01")]
