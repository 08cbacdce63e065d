"""Test-side writers of every event format: one `Event` written as a GDELT 1.0 / 2.0 row, an
ICEWS row, a PLOVER JSON line, a mapped-CSV row or a record for `FakeReader`, and the canonical
values a reader must give back for it.

Written by hand from the formats' codebooks (not with the readers under test), so the contract
suite and the properties can say what a reader should read without asking the reader.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.events import ontology
from accord.events.ontology import PLOVER_QUAD

#: ISO3 code -> the name ICEWS writes for the country.
ICEWS_NAMES = {
    "USA": "United States",
    "CHN": "China",
    "RUS": "Russian Federation",
    "FRA": "France",
    "DEU": "Germany",
    "IND": "India",
    "BRA": "Brazil",
    "JPN": "Japan",
}
COUNTRIES = tuple(ICEWS_NAMES)

#: Every format the contract suite covers: the file formats, and the in-memory fake.
FORMATS = ("gdelt1", "gdelt2", "gdelt-bq", "icews", "plover", "polecat", "csv", "fake")

#: Three-digit CAMEO codes that also have a PLOVER type (every format can carry them).
CODES = tuple(
    sorted(c for c in ontology.cameo_codes() if len(c) == 3 and ontology.plover(c) is not None)
)

CSV_MAPPING = (
    "dataset: csv\ncolumns:\n  event_id: id\n  event_date: day\n  source_country: from\n"
    "  target_country: to\n  cameo_code: code\n  goldstein: weight\n"
)
ICEWS_HEADER = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
)
#: The header of a POLECAT weekly file (Harvard Dataverse, 2023 releases), in file order:
#: written out here from the published layout, not taken from the reader.
POLECAT_HEADER = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)  # fmt: skip
#: PLOVER's quad category names by quad class (as POLECAT writes them).
QUAD_NAMES = {
    1: "VERBAL COOPERATION",
    2: "MATERIAL COOPERATION",
    3: "VERBAL CONFLICT",
    4: "MATERIAL CONFLICT",
}
#: The columns of a BigQuery export of `gdelt-bq.gdeltv2.events`, in table order (GDELT 2.0
#: event codebook, 2015): written out here, not taken from the reader.
BIGQUERY_HEADER = (
    "GLOBALEVENTID,SQLDATE,MonthYear,Year,FractionDate,Actor1Code,Actor1Name,Actor1CountryCode,"
    "Actor1KnownGroupCode,Actor1EthnicCode,Actor1Religion1Code,Actor1Religion2Code,"
    "Actor1Type1Code,Actor1Type2Code,Actor1Type3Code,Actor2Code,Actor2Name,Actor2CountryCode,"
    "Actor2KnownGroupCode,Actor2EthnicCode,Actor2Religion1Code,Actor2Religion2Code,"
    "Actor2Type1Code,Actor2Type2Code,Actor2Type3Code,IsRootEvent,EventCode,EventBaseCode,"
    "EventRootCode,QuadClass,GoldsteinScale,NumMentions,NumSources,NumArticles,AvgTone,"
    "Actor1Geo_Type,Actor1Geo_FullName,Actor1Geo_CountryCode,Actor1Geo_ADM1Code,"
    "Actor1Geo_ADM2Code,Actor1Geo_Lat,Actor1Geo_Long,Actor1Geo_FeatureID,Actor2Geo_Type,"
    "Actor2Geo_FullName,Actor2Geo_CountryCode,Actor2Geo_ADM1Code,Actor2Geo_ADM2Code,"
    "Actor2Geo_Lat,Actor2Geo_Long,Actor2Geo_FeatureID,ActionGeo_Type,ActionGeo_FullName,"
    "ActionGeo_CountryCode,ActionGeo_ADM1Code,ActionGeo_ADM2Code,ActionGeo_Lat,ActionGeo_Long,"
    "ActionGeo_FeatureID,DATEADDED,SOURCEURL"
)
#: The header line of a mapped CSV file (`CSV_MAPPING` names its columns).
CSV_HEADER = "id,day,from,to,code,weight"


@dataclass(frozen=True)
class Event:
    """What a test says about one event: the values every format can carry."""

    event_id: str
    day: dt.date
    source: str
    target: str
    code: str
    goldstein: float

    def expected(self, fmt: str) -> dict[str, Any]:
        """The canonical values a reader of `fmt` gives for this event."""
        entry = ontology.lookup(self.code)
        assert entry is not None, self.code
        mapping = ontology.plover(self.code)
        quad = entry.quad_class
        goldstein = self.goldstein
        code: str | None = self.code
        if fmt == "plover":
            assert mapping is not None, self.code
            quad = PLOVER_QUAD[mapping.plover_type]
            goldstein = entry.goldstein  # PLOVER carries no score: the codebook's
        if fmt == "polecat":  # no CAMEO code; the PLOVER score (Event Intensity) is kept
            assert mapping is not None, self.code
            quad = PLOVER_QUAD[mapping.plover_type]
            code = None
        return {
            "event_id": self.event_id,
            "event_date": self.day,
            "source_country": self.source,
            "target_country": self.target,
            "cameo_code": code,
            "quad_class": quad,
            "goldstein": goldstein,
        }


def gdelt_fields(event: Event, width: int) -> list[str]:
    """A GDELT row of `width` fields (57 or 58 for 1.0, 61 for 2.0), 0-based list."""
    entry = ontology.lookup(event.code)
    assert entry is not None
    f = [""] * width
    f[0] = event.event_id
    f[1] = event.day.strftime("%Y%m%d")
    f[2] = event.day.strftime("%Y%m")
    f[3] = str(event.day.year)
    f[5], f[7], f[12] = event.source, event.source, "GOV"
    f[15], f[17], f[22] = event.target, event.target, "GOV"
    f[25] = "1"
    f[26], f[27], f[28] = event.code, event.code, event.code[:2]
    f[29] = str(entry.quad_class)
    f[30] = repr(event.goldstein)
    f[31], f[32], f[33], f[34] = "4", "1", "4", "-1.5"
    if width == 61:
        f[59] = event.day.strftime("%Y%m%d") + "120000"
        f[60] = f"https://example.org/{event.event_id}"
    else:
        f[56] = event.day.strftime("%Y%m%d")
        if width == 58:
            f[57] = f"https://example.org/{event.event_id}"
    return f


def line_of(fmt: str, event: Event) -> str:
    """The one line of a file of `fmt` that holds `event` (not for 'fake')."""
    if fmt == "gdelt1":
        return "\t".join(gdelt_fields(event, 58))
    if fmt == "gdelt2":
        return "\t".join(gdelt_fields(event, 61))
    if fmt == "gdelt-bq":
        return bigquery_line(gdelt_fields(event, 61))
    if fmt == "icews":
        values = {
            "Event ID": event.event_id,
            "Event Date": event.day.isoformat(),
            "Source Name": ICEWS_NAMES[event.source],
            "Source Sectors": "Government",
            "Source Country": ICEWS_NAMES[event.source],
            "Event Text": "Something",
            "CAMEO Code": event.code,
            "Intensity": repr(event.goldstein),
            "Target Name": ICEWS_NAMES[event.target],
            "Target Sectors": "Government",
            "Target Country": ICEWS_NAMES[event.target],
        }
        return "\t".join(values[name] for name in ICEWS_HEADER)
    if fmt == "plover":
        mapping = ontology.plover(event.code)
        assert mapping is not None
        record = {
            "id": event.event_id,
            "date": event.day.isoformat(),
            "event": mapping.plover_type,
            "cameo": event.code,
            "source": {"actorText": event.source, "country": event.source},
            "target": [{"actorText": event.target, "country": event.target}],
        }
        return json.dumps(record)
    if fmt == "polecat":
        return polecat_line(event)
    if fmt == "csv":
        cells = [event.event_id, event.day.isoformat(), event.source, event.target]
        return ",".join([*cells, event.code, repr(event.goldstein)])
    raise ValueError(fmt)


def polecat_line(event: Event, **values: str) -> str:
    """A POLECAT row for `event` (its PLOVER type, ISO3 countries, 'None' where POLECAT writes
    nothing); `values` replace fields by header name."""
    mapping = ontology.plover(event.code)
    assert mapping is not None
    row = dict.fromkeys(POLECAT_HEADER, "None")
    row.update(
        {
            "Event ID": event.event_id,
            "Event Date": event.day.isoformat(),
            "Event Type": mapping.plover_type.lower(),
            "Event Mode": mapping.plover_mode or "None",
            "Event Intensity": repr(event.goldstein),
            "Quad Code": QUAD_NAMES[PLOVER_QUAD[mapping.plover_type]],
            "Contexts": "diplomatic",
            "Actor Name": f"Government of {event.source}",
            "Actor Country": event.source,
            "Primary Actor Sector": "GOV",
            "Recipient Name": f"Government of {event.target}",
            "Recipient Country": event.target,
            "Primary Recipient Sector": "GOV",
            "Language": "en",
            "Version": "1.0",
        }
    )
    row.update(values)
    return "\t".join(row[name] for name in POLECAT_HEADER)


def bigquery_line(fields: list[str]) -> str:
    """A row as BigQuery writes CSV: comma-separated, a field quoted when it holds a comma or
    a quote (its quotes doubled); the place and URL are given commas to exercise quoting."""
    fields = list(fields)
    fields[52] = "Paris, Ile-de-France, France"
    if fields[60]:
        fields[60] += "?a=1,b=2"

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if ("," in value or '"' in value) else value

    return ",".join(cell(f) for f in fields)


def record_of(event: Event) -> dict[str, Any]:
    """The `FakeReader` record of `event`, written as text as a file would hold it."""
    return {
        "event_id": event.event_id,
        "event_date": event.day.isoformat(),
        "source_country": event.source,
        "target_country": event.target,
        "cameo_code": event.code,
        "goldstein": repr(event.goldstein),
    }


def header_lines(fmt: str) -> list[str]:
    """The lines a file of `fmt` starts with before its first event."""
    if fmt == "icews":
        return ["\t".join(ICEWS_HEADER)]
    if fmt == "polecat":
        return ["\t".join(POLECAT_HEADER)]
    if fmt == "csv":
        return [CSV_HEADER]
    if fmt == "gdelt-bq":
        return [BIGQUERY_HEADER]
    return []


def first_line(fmt: str) -> int:
    """The line number of a file's first event (after its header)."""
    return len(header_lines(fmt)) + 1


def file_name(fmt: str) -> str:
    """A name for a file of `fmt` that format detection reads right."""
    return {
        "gdelt1": "events.export.CSV",
        "gdelt2": "events.export.csv",
        "gdelt-bq": "bq-results-20240101.csv",
        "icews": "events.2018.tab",
        "plover": "events.jsonl",
        "polecat": "ngec_coded_v1_2023-01-02.txt",
        "csv": "events.csv",
    }[fmt]


def write(fmt: str, directory: Path, lines: Sequence[str], *, name: str | None = None) -> Path:
    """A file of `fmt` in `directory` with its header (if any) and `lines`."""
    path = directory / (name or file_name(fmt))
    body = [*header_lines(fmt), *lines]
    path.write_text("".join(line + "\n" for line in body), encoding="utf-8")
    return path


def mapping_file(directory: Path) -> Path:
    """The column-mapping file of the mapped CSV files these helpers write."""
    path = directory / "mapping.yaml"
    path.write_text(CSV_MAPPING, encoding="utf-8")
    return path


#: The events of every format's small fixture (a data table: one row per event).
SAMPLE = (
    Event("e1", dt.date(2020, 1, 15), "USA", "CHN", "042", 1.9),
    Event("e2", dt.date(2020, 1, 20), "CHN", "USA", "112", -2.0),
    Event("e3", dt.date(2020, 2, 3), "RUS", "FRA", "190", -10.0),
    Event("e4", dt.date(2020, 2, 28), "DEU", "IND", "057", 8.0),
)

#: Per format: a line holding a malformed value, and the field a rejection must name.
MALFORMED: dict[str, tuple[str, str]] = {}


def _malformed() -> None:
    bad = Event("bad", dt.date(2020, 3, 1), "USA", "RUS", "042", 1.9)
    for fmt, width in (("gdelt1", 58), ("gdelt2", 61)):
        fields = gdelt_fields(bad, width)
        fields[30] = "strong"
        MALFORMED[fmt] = ("\t".join(fields), "GoldsteinScale")
        if width == 61:
            MALFORMED["gdelt-bq"] = (bigquery_line(fields), "GoldsteinScale")
    MALFORMED["icews"] = (line_of("icews", bad).replace("2020-03-01", "2020-13-01"), "Event Date")
    record = json.loads(line_of("plover", bad))
    record["date"] = "01/03/2020"
    MALFORMED["plover"] = (json.dumps(record), "date")
    MALFORMED["polecat"] = (polecat_line(bad, **{"Event Date": "01/03/2020"}), "Event Date")
    MALFORMED["csv"] = (line_of("csv", bad).replace(",1.9", ",strong"), "weight")


_malformed()
