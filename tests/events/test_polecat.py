"""POLECAT weekly files (tab-separated, header row): values as the layout states them, the
published variants of the header, and rejections with line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from accord.errors import InputError
from accord.events import ingest, query
from accord.events.readers import detect_event_format
from accord.events.readers.sources import Source
from accord.store import Store
from tests.events.formats import POLECAT_HEADER, Event, polecat_line

EVENT = Event("pc-1", dt.date(2023, 1, 2), "USA", "DEU", "042", 1.0)


def _write(path: Path, header: tuple[str, ...] | list[str], rows: list[str]) -> Path:
    path.write_text("\n".join(["\t".join(header), *rows]) + "\n", encoding="utf-8")
    return path


def _rows(store: Store) -> list[dict[str, Any]]:
    cursor = store.con.execute("SELECT * FROM events ORDER BY line")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_a_weekly_file_is_detected_and_read_as_written(tmp_path: Path, db_path: Path) -> None:
    rows = [
        polecat_line(EVENT),  # CONSULT (visit), 'None' where POLECAT writes nothing
        polecat_line(
            Event("pc-2", dt.date(2023, 1, 3), "RUS", "UKR", "112", -3.0),
            **{
                "Event Date": "2023-01-03 14:05:00",  # a time after the day is read
                "Event Type": "ACCUSE",
                "Event Mode": "None",
                "Contexts": "military; human_rights,  economic",
                "Actor Country": "Russia",  # a name, resolved through the world
                "Recipient Country": "UKR;POL",  # several: the first is stored
                "Primary Recipient Sector": "None",
                "Recipient Sectors": "MIL;GOV",
                "Country": "UKR",
                "Latitude": "50.45",
                "Longitude": "30.52",
            },
        ),
        polecat_line(
            Event("pc-3", dt.date(2023, 1, 4), "CHN", "USA", "042", 0.0),
            **{"Quad Code": "None", "Event Type": "disapprove", "Event Mode": "None"},
        ),
        polecat_line(
            Event("pc-4", dt.date(2023, 1, 5), "CHN", "USA", "042", 0.0),
            **{"Quad Code": "Material_Conflict", "Event Type": "Coerce"},
        ),
    ]
    path = _write(tmp_path / "ngec_coded_v1_2023-01-02.txt", POLECAT_HEADER, rows)
    assert detect_event_format(Source(path)) == "polecat"
    with Store(db_path) as store:
        report = ingest(store, path)
        stored = _rows(store)
    assert (report.files[0].format, report.stored, report.rejected) == ("polecat", 4, 0)
    first, second, third, fourth = stored
    assert first["dataset"] == "plover" and first["cameo_code"] is None
    assert (first["plover_type"], first["plover_mode"], first["quad_class"]) == (
        "CONSULT",
        "visit",
        1,
    )
    assert (first["goldstein"], first["plover_context"]) == (1.0, "diplomatic")
    assert (first["source_country"], first["target_country"]) == ("USA", "DEU")
    assert (first["source_sector"], first["source_actor"]) == ("GOV", "Government of USA")
    assert first["location_country"] is None and first["line"] == 2
    assert second["event_date"] == dt.date(2023, 1, 3)
    assert (second["plover_type"], second["quad_class"], second["goldstein"]) == (
        "ACCUSE",
        3,
        -3.0,
    )
    assert second["plover_mode"] is None
    assert second["plover_context"] == "military;human_rights;economic"
    assert (second["source_country"], second["target_country"]) == ("RUS", "UKR")
    assert (second["source_country_raw"], second["target_sector"]) == ("Russia", "MIL")
    assert (second["location_country"], second["lat"], second["lon"]) == ("UKR", 50.45, 30.52)
    # an earlier draft's type becomes its successor, with its mode; the quad from PLOVER
    assert (third["plover_type"], third["plover_mode"], third["quad_class"]) == (
        "ACCUSE",
        "disapprove",
        3,
    )
    assert (fourth["plover_type"], fourth["quad_class"]) == ("COERCE", 4)


def test_the_published_header_variants_are_read(tmp_path: Path, db_path: Path) -> None:
    older = ["Intensity" if n == "Event Intensity" else n for n in POLECAT_HEADER]
    phantom = [*POLECAT_HEADER[:6], "Headline", *POLECAT_HEADER[6:]]  # rows hold no Headline
    files = [
        _write(tmp_path / "older.txt", older, [polecat_line(EVENT)]),
        _write(tmp_path / "phantom.txt", phantom, [polecat_line(EVENT)]),
        # extra tabs: after the header's names and after each row
        _write(tmp_path / "tabs.txt", [*POLECAT_HEADER, "", ""], [polecat_line(EVENT) + "\t\t"]),
    ]
    for path in files:
        with Store(db_path) as store:
            report = ingest(store, path, format="polecat")
            stored = _rows(store)
            store.con.execute("DELETE FROM events")
        assert (report.stored, report.rejected) == (1, 0), path.name
        row = stored[0]
        assert (row["goldstein"], row["plover_context"], row["target_country"]) == (
            1.0,
            "diplomatic",
            "DEU",
        ), path.name


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"Event Date": "2023-13-02"}, "Event Date", "Event Date is not a YYYY-MM-DD date"),
        ({"Event Type": "None"}, "Event Type", "no Event Type"),
        ({"Event Type": "GOSSIP"}, "Event Type", "unknown PLOVER event type GOSSIP"),
        ({"Quad Code": "NEUTRAL"}, "Quad Code", "Quad Code is not a PLOVER quad category"),
        ({"Event Intensity": "11"}, "Event Intensity", "Event Intensity must be a number from"),
        ({"Event Intensity": "high"}, "Event Intensity", "Event Intensity is not a valid"),
        ({"Latitude": "91"}, "Latitude", "Latitude must be a number from -90 to 90"),
        ({"Event ID": "None"}, "Event ID", "missing event id"),
    ],
)
def test_a_bad_row_is_rejected_with_line_and_field(
    tmp_path: Path, db_path: Path, values: dict[str, str], field: str, reason: str
) -> None:
    bad = polecat_line(Event("bad", dt.date(2023, 1, 5), "USA", "CHN", "042", 1.0), **values)
    path = _write(tmp_path / "week.txt", POLECAT_HEADER, [polecat_line(EVENT), bad])
    with Store(db_path) as store:
        report = ingest(store, path)
        ids = list(query(store).event_id)
    rejected = report.files[0].rejections
    assert [(r.file, r.line, r.field) for r in rejected] == [(str(path), 3, field)]
    assert rejected[0].message.startswith(reason), rejected[0].message
    assert ids == ["pc-1"]


def test_a_row_of_another_width_is_rejected(tmp_path: Path, db_path: Path) -> None:
    short = "\t".join(polecat_line(EVENT).split("\t")[:-3])
    extra = polecat_line(EVENT) + "\tnot blank"
    path = _write(tmp_path / "week.txt", POLECAT_HEADER, [polecat_line(EVENT), short, extra])
    with Store(db_path) as store:
        report = ingest(store, path, format="polecat")
    rejected = report.files[0].rejections
    assert [(r.line, r.field) for r in rejected] == [(3, "(row)"), (4, "(row)")]
    assert rejected[0].message == "expected 40 tab-separated fields as in the header, found 37"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            [n for n in POLECAT_HEADER if n != "Event Type"],
            "not a POLECAT header: missing column(s) Event Type",
        ),
        ([*POLECAT_HEADER, "Event Date"], "column 'Event Date' appears twice in the header"),
    ],
)
def test_an_unusable_header_names_the_file_and_line(
    tmp_path: Path, db_path: Path, header: list[str], message: str
) -> None:
    path = _write(tmp_path / "week.txt", header, [polecat_line(EVENT)])
    with Store(db_path) as store:
        with pytest.raises(InputError) as caught:
            ingest(store, path, format="polecat", strict=True)
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.message) == (str(path), 1, message)
