"""POLECAT weekly files (tab-separated, header row): values as the layout states them, the
published variants of the header, and rejections with line and field."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError
from accord.events import ingest, query
from accord.events.ingest import IngestError
from accord.events.readers import detect_event_format
from accord.events.readers.sources import Source
from accord.store import Store
from tests.events.formats import POLECAT_HEADER, SAMPLE, Event, line_of, polecat_line, write

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
        ({"Event Date": "2023-01-02T25:99:99"}, "Event Date", "Event Date is not a YYYY-MM-DD"),
        ({"Event Intensity": "1_0"}, "Event Intensity", "Event Intensity is not a valid number"),
        ({"Event ID": "NONE"}, "Event ID", "missing event id"),
        (
            {"Event ID": "Event ID", "Event Date": "Event Date"},
            "(row)",
            "the header line again (files joined end to end?)",
        ),
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


def test_the_layout_follows_most_rows_not_a_damaged_first_one(
    tmp_path: Path, db_path: Path
) -> None:
    # the header names a Headline; the first row lost a field, the others carry a headline
    cells = polecat_line(EVENT).split("\t")
    damaged = "\t".join(cells[:9] + cells[10:] + ["Talks in Berlin"])  # no Actor COW
    good = [
        polecat_line(Event(f"pc-{k}", dt.date(2023, 1, 3), "USA", "DEU", "042", 1.0))
        + "\tA headline"
        for k in (2, 3)
    ]
    path = _write(tmp_path / "week.txt", [*POLECAT_HEADER, "Headline"], [damaged, *good])
    with Store(db_path) as store:
        report = ingest(store, path)
        stored = _rows(store)
    assert [(r.line, r.field) for r in report.files[0].rejections] == [(2, "(row)")]
    assert [(r["event_id"], r["target_country"], r["lat"]) for r in stored] == [
        ("pc-2", "DEU", None),
        ("pc-3", "DEU", None),
    ]


def test_blank_lines_before_the_header_and_between_rows_are_skipped(
    tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "week.txt"
    lines = ["", "  \t ", "\t".join(POLECAT_HEADER), polecat_line(EVENT), "   ", "\t\t"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, path)
        stored = _rows(store)
    assert (report.files[0].format, report.rows_read, report.stored) == ("polecat", 1, 1)
    assert [r["line"] for r in stored] == [4]


@pytest.mark.parametrize(
    ("values", "stored"),
    [
        # the first country listed, even after an empty one
        ({"Actor Country": ";USA"}, ("source_country", "USA")),
        ({"Actor Country": " ; USA;GBR"}, ("source_country", "USA")),
        # null words in any case
        ({"Recipient Country": "NONE", "Recipient Name": "none"}, ("target_actor", None)),
        ({"Country": "N/A"}, ("location_country", None)),
    ],
)
def test_countries_and_null_words(
    tmp_path: Path, db_path: Path, values: dict[str, str], stored: tuple[str, object]
) -> None:
    path = _write(tmp_path / "week.txt", POLECAT_HEADER, [polecat_line(EVENT, **values)])
    with Store(db_path) as store:
        report = ingest(store, path)
        row = _rows(store)[0]
    column, value = stored
    assert row[column] == value
    assert sum(report.unmapped.values()) == 0


@pytest.mark.parametrize(
    "header",
    [
        [*POLECAT_HEADER, "CAMEO Code"],  # an extra column ICEWS also has
        [name.lower().replace(" ", "_") for name in POLECAT_HEADER],  # snake_case names
    ],
)
def test_header_variants_are_detected(tmp_path: Path, db_path: Path, header: list[str]) -> None:
    path = _write(tmp_path / "week.txt", header, [polecat_line(EVENT) + "\t" * (len(header) - 40)])
    assert detect_event_format(Source(path)) == "polecat"
    with Store(db_path) as store:
        report = ingest(store, path)
    assert (report.stored, report.rejected) == (1, 0)


def test_a_file_without_its_header_says_so(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "part2.txt"
    path.write_text(polecat_line(EVENT) + "\n" + polecat_line(EVENT) + "\n", encoding="utf-8")
    with Store(db_path) as store, pytest.raises(InputError) as caught:
        ingest(store, path, format="polecat", strict=True)
    assert caught.value.problems[0].message == (
        "not a POLECAT header: missing column(s) Event ID, Event Date, Event Type "
        "(is the header line missing?)"
    )


def test_utf16_text_is_named_when_detecting(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "week.txt"
    text = "\n".join(["\t".join(POLECAT_HEADER), polecat_line(EVENT)]) + "\n"
    path.write_bytes(text.encode("utf-16"))
    with Store(db_path) as store, pytest.raises(IngestError) as caught:
        ingest(store, path)
    problem = caught.value.report.failed[0].errors[0]
    assert (problem.file, problem.line) == (str(path), 1)
    assert problem.message.startswith("the file is UTF-16 or UTF-32 text")


def test_a_zip_with_docs_and_macos_files_reads_only_the_data(tmp_path: Path, db_path: Path) -> None:
    data = "\n".join(["\t".join(POLECAT_HEADER), polecat_line(EVENT)]) + "\n"
    packed = tmp_path / "weeks.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("data/w1.txt", data)
        archive.writestr("README.md", "# POLECAT weekly files\n")
        archive.writestr("__MACOSX/data/._w1.txt", b"\x00\x05\x16\x07 resource fork")
        archive.writestr("data/.DS_Store", b"\x00\x00\x00\x01Bud1")
    with Store(db_path) as store:
        report = ingest(store, packed)
    assert [(f.file, f.status) for f in report.files] == [(f"{packed}!data/w1.txt", "ok")]
    assert report.stored == 1
    only_docs = tmp_path / "docs.zip"
    with zipfile.ZipFile(only_docs, "w") as archive:
        archive.writestr("README.md", "# nothing else\n")
    with Store(db_path) as store, pytest.raises(InputError, match="no event file in it"):
        ingest(store, only_docs)


def test_asking_for_dataset_polecat_names_the_dataset_it_is_stored_as(
    tmp_path: Path, db_path: Path
) -> None:
    path = _write(tmp_path / "week.txt", POLECAT_HEADER, [polecat_line(EVENT)])
    with Store(db_path) as store:
        ingest(store, path)
    done = CliRunner().invoke(
        app, ["relations", "dyad", "USA", "DEU", "--dataset", "polecat", "--db", str(db_path)]
    )
    assert done.exit_code == 1
    assert "polecat files are stored as dataset 'plover'" in " ".join(done.output.split())


def test_quoted_fields_read_as_unquoted(tmp_path: Path, db_path: Path) -> None:
    # R's write.table and Dataverse's quoted tabular exports wrap text in double quotes
    def quoted(line: str) -> str:
        return "\t".join(f'"{field}"' for field in line.split("\t"))

    plain = write("polecat", tmp_path, [line_of("polecat", e) for e in SAMPLE], name="a.txt")
    lines = [quoted(line) for line in plain.read_text(encoding="utf-8").splitlines()]
    wrapped = tmp_path / "b.txt"
    wrapped.write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns = "event_id, event_date, source_country, target_country, plover_type, goldstein"
    stored = []
    with Store(db_path) as store:
        for path in (plain, wrapped):
            report = ingest(store, path)
            assert (report.files[0].format, report.stored, report.rejected) == ("polecat", 4, 0)
            found = store.con.execute(
                f"SELECT {columns} FROM events WHERE file = ? ORDER BY event_id", [str(path)]
            ).fetchall()
            stored.append(found)
            store.con.execute("DELETE FROM events")  # the second file holds the same keys
    assert stored[0] == stored[1] and len(stored[0]) == 4
