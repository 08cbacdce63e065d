"""`accord relations ...` end to end on a store file."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from tests.relations.eventdata import (
    icews_event_rows,
    insert_events,
    new_store,
    read_icews,
    synthetic,
)

FIXTURE = Path(__file__).parent / "fixtures" / "idealpoints-mini.csv"
KEYS = [
    "period",
    "start",
    "events",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "net_cooperation",
]


@pytest.fixture
def icews_store(icews_path: Path, db_path: Path) -> Path:
    with new_store(db_path) as store:
        insert_events(store.con, icews_event_rows(icews_path))
    return db_path


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, ["relations", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_dyad_json_is_exact(icews_store: Path, icews_path: Path) -> None:
    raw = [
        r
        for r in read_icews(icews_path)
        if {r["Source Country"], r["Target Country"]} == {"United States", "China"}
    ]
    by_day: dict[str, list[float]] = {}
    for r in raw:
        by_day.setdefault(r["Event Date"], []).append(float(r["Intensity"]))
    series = json.loads(
        _run("dyad", "United States", "china", "--by", "day", "--db", str(icews_store), "--json")
    )
    assert {k: v for k, v in series.items() if k != "points"} == {
        "a": "USA",
        "b": "CHN",
        "by": "day",
        "directed": False,
    }
    out = series["points"]
    assert [list(o) for o in out] == [KEYS] * len(by_day)
    assert [o["start"] for o in out] == sorted(by_day)
    assert [o["period"] for o in out] == sorted(by_day)
    for o in out:
        scores = by_day[o["period"]]
        assert o["events"] == len(scores)
        assert o["goldstein_sum"] == pytest.approx(sum(scores), abs=1e-9)
    month = json.loads(_run("dyad", "USA", "CHN", "--db", str(icews_store), "--json"))["points"]
    assert [o["period"] for o in month] == ["2018-06"]
    assert month[0]["events"] == len(raw)


def test_dyad_table_and_errors(icews_store: Path) -> None:
    out = _run("dyad", "USA", "PRK", "--directed", "--by", "week", "--db", str(icews_store))
    assert "USA -> PRK by week" in out and "2018-05-28" in out
    bad = CliRunner().invoke(
        app, ["relations", "dyad", "USA", "Atlantis", "--db", str(icews_store)]
    )
    assert bad.exit_code == 1 and "unknown actor 'Atlantis'" in bad.output
    bad_day = CliRunner().invoke(
        app, ["relations", "dyad", "USA", "CHN", "--from", "June", "--db", str(icews_store)]
    )
    assert bad_day.exit_code == 2 and "Invalid value for '--from'" in bad_day.output


def test_partners_blocs_and_plot(icews_store: Path, tmp_path: Path) -> None:
    profile = json.loads(_run("partners", "USA", "--top", "2", "--db", str(icews_store), "--json"))
    assert [p["partner"] for p in profile["by_cooperation"]] == ["PRK", "CHN"]
    assert "USA: partners by conflict" in _run("partners", "USA", "--db", str(icews_store))
    blocs = json.loads(_run("blocs", "--min-events", "5", "--db", str(icews_store), "--json"))
    assert set(blocs) >= {"blocs", "polarisation", "balance", "frustration", "nodes", "edges"}
    assert sum(len(b) for b in blocs["blocs"]) == len(blocs["nodes"])
    first = blocs["nodes"][0]
    assert (first["code"], first["name"], first["bloc"]) == ("ARE", "United Arab Emirates", 0)
    assert 0.5 <= first["stability"] <= 1.0 and blocs["replicates"] == 20
    png = tmp_path / "plots" / "usa-prk.png"
    assert "wrote" in _run(
        "plot", "USA", "PRK", "-o", str(png), "--by", "day", "--db", str(icews_store)
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    empty = CliRunner().invoke(
        app,
        [
            "relations",
            "plot",
            "USA",
            "FRA",
            "-o",
            str(png),
            "--to",
            "2000-01-01",
            "--db",
            str(icews_store),
        ],
    )
    assert empty.exit_code == 1
    # a folder, or a file in a folder that cannot be made, is a clear error, no traceback
    base = ["relations", "plot", "USA", "PRK", "--by", "day", "--db", str(icews_store), "-o"]
    folder = CliRunner().invoke(app, [*base, str(tmp_path)])
    assert folder.exit_code == 2 and "Invalid value" in folder.output
    (tmp_path / "file").write_text("x", encoding="utf-8")
    inside = CliRunner().invoke(app, [*base, str(tmp_path / "file" / "usa-prk.png")])
    assert inside.exit_code == 1 and isinstance(inside.exception, SystemExit)
    assert f"cannot write the plot {tmp_path / 'file' / 'usa-prk.png'}: " in inside.output


def test_alerts_command(db_path: Path) -> None:
    rows = []
    for i in range(10):
        coop, conflict = (1, 9) if i == 9 else (9 - i % 2, 1 + i % 2)
        day = dt.date(2020, i + 1, 3)
        rows += [synthetic(day, "FRA", "DEU", 1, 3.0, event_id=f"{i}c{k}") for k in range(coop)]
        rows += [
            synthetic(day, "DEU", "FRA", 4, -9.0, event_id=f"{i}x{k}") for k in range(conflict)
        ]
    with new_store(db_path) as store:
        insert_events(store.con, rows)
    out = json.loads(_run("alerts", "--db", str(db_path), "--json", "--drivers", "2"))
    assert [(a["a"], a["b"], a["period"]) for a in out] == [("DEU", "FRA", "2020-10")]
    assert len(out[0]["drivers"]) == 2 and out[0]["drivers"][0]["goldstein"] == -9.0
    assert "DEU-FRA 2020-10" in _run("alerts", "--db", str(db_path))
    bad = CliRunner().invoke(app, ["relations", "alerts", "--metric", "tone", "--db", str(db_path)])
    assert bad.exit_code == 1 and "[metric]" in bad.output
    # the API answers the same query by the same names (it lacked window, span, min_history,
    # direction and drivers, so the README's alerts could not be asked of it)
    from fastapi.testclient import TestClient

    from accord.api import Settings, create_app

    flags = ["--window", "6", "--min-history", "3", "--direction", "both", "--drivers", "1"]
    cli = json.loads(_run("alerts", "--db", str(db_path), "--json", *flags))
    params = {"window": 6, "min_history": 3, "direction": "both", "drivers": 1}
    settings = Settings(db=db_path, data_dir=db_path.parent / "data", allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as client:
        api = client.get("/api/relations/alerts", params=params).json()
        refused = client.get("/api/relations/alerts", params={"window": 3, "min_history": 4})
    assert api == cli and len(cli) >= 1 and all(len(a["drivers"]) == 1 for a in cli)
    assert refused.status_code == 422
    assert "min_history must be from 2 to the window (3), got 4" in refused.text
    assert '"min_history"' in refused.text  # the field at fault, not `window`


def test_affinity_command() -> None:
    with FIXTURE.open(encoding="latin-1", newline="") as handle:
        raw = {(r["iso3c"], r["session"]): float(r["IdealPoint"]) for r in csv.DictReader(handle)}
    out = json.loads(_run("affinity", "USA", "RUS", "--file", str(FIXTURE), "--json"))
    assert [(o["year"], o["session"], o["distance"]) for o in out] == [
        (1945 + s, s, abs(raw[("USA", str(s))] - raw[("RUS", str(s))])) for s in (70, 71)
    ]
    one = json.loads(
        _run("affinity", "USA", "RUS", "--session", "71", "--file", str(FIXTURE), "--json")
    )
    assert [o["session"] for o in one] == [71]
    near = json.loads(
        _run("affinity", "FRA", "--session", "70", "--top", "1", "--file", str(FIXTURE), "--json")
    )
    assert near[0]["b"] == "RUS"
    assert "UN voting affinity" in _run("affinity", "USA", "RUS", "--file", str(FIXTURE))
    # a range in which the pair never sat says what the file covers
    empty = _run("affinity", "USA", "RUS", "--from-year", "2050", "--file", str(FIXTURE))
    assert "No session in which both USA and RUS sat, in the range asked; the file covers " in (
        " ".join(empty.split())
    )
    assert "sessions 70 to 71 (2015 to 2016)." in " ".join(empty.split())
    ambiguous = CliRunner().invoke(
        app, ["relations", "affinity", "YAR", "USA", "--file", str(FIXTURE)]
    )
    assert ambiguous.exit_code == 1 and "COW code" in ambiguous.output
    # names and lower-case codes, as every other command takes them
    named = _run("affinity", "United States", "russia", "--file", str(FIXTURE), "--json")
    assert json.loads(named) == out
    unknown = CliRunner().invoke(
        app, ["relations", "affinity", "Rusia", "USA", "--file", str(FIXTURE)]
    )
    assert unknown.exit_code == 1 and "did you mean 'Russia'" in unknown.output


def test_affinity_shows_years_and_takes_them() -> None:
    """The file numbers UN General Assembly sessions; the table leads with the year each
    opened, says what its numbers are, and --year / --from-year select by year."""
    fixture = ("--file", str(FIXTURE))
    by_year = json.loads(_run("affinity", "USA", "RUS", "--year", "2016", *fixture, "--json"))
    by_session = json.loads(_run("affinity", "USA", "RUS", "--session", "71", *fixture, "--json"))
    assert by_year == by_session and [(o["year"], o["session"]) for o in by_year] == [(2016, 71)]
    since = json.loads(_run("affinity", "USA", "RUS", "--from-year", "2016", *fixture, "--json"))
    assert [o["year"] for o in since] == [2016]
    near = json.loads(_run("affinity", "FRA", "--year", "2015", "--top", "1", *fixture, "--json"))
    assert [(o["year"], o["session"], o["b"]) for o in near] == [(2015, 70, "RUS")]
    shown = CliRunner().invoke(
        app, ["relations", "affinity", "USA", "RUS", *fixture], env={"COLUMNS": "80"}
    )
    lines = shown.output.splitlines()
    assert lines[0] == "UN voting affinity: ideal-point distance (0 = vote alike)"
    assert lines[3].split() == ["year", "session", "a", "b", "point", "point", "distance"]
    assert [line.split() for line in lines[5:7]] == [
        ["2015", "70", "USA", "RUS", "2.500", "0.250", "2.250"],
        ["2016", "71", "USA", "RUS", "2.750", "0.500", "2.250"],
    ]
    assert lines[-2].startswith("year: the year the UN General Assembly session opened")
    assert max(len(line) for line in lines) <= 80
    both = CliRunner().invoke(
        app, ["relations", "affinity", "USA", "RUS", "--year", "2016", "--session", "71", *fixture]
    )
    assert both.exit_code == 1 and "give --session or --year, not both" in both.output
    early = CliRunner().invoke(app, ["relations", "affinity", "USA", "--year", "1900", *fixture])
    assert early.exit_code == 1
    assert "the first UN General Assembly session opened in 1946, got 1900" in early.output


def test_tables_say_what_they_counted(icews_store: Path, tmp_path: Path) -> None:
    db = str(icews_store)
    pooled = " ".join(_run("dyad", "USA", "CHN", "--by", "day", "--db", db).split())
    assert "counted: the events of every real dataset (icews), from the first event to" in pooled
    assert "counts twice" not in pooled  # one dataset: nothing pooled
    one = " ".join(
        _run("partners", "USA", "--dataset", "icews", "--from", "2018-06-01", "--db", db).split()
    )
    assert "counted: the events of dataset icews, from 2018-06-01 to the last event" in one
    # two datasets in the store: the line names both and says they may repeat an event
    second = tmp_path / "second.duckdb"
    day = dt.date(2020, 5, 1)
    with new_store(second) as store:
        insert_events(
            store.con,
            [
                synthetic(day, "USA", "CHN", 1, 3.0, event_id="g1", dataset="gdelt1"),
                synthetic(day, "CHN", "USA", 4, -10.0, event_id="i1", dataset="icews"),
            ],
        )
    both = " ".join(_run("dyad", "USA", "CHN", "--db", str(second)).split())
    assert "every real dataset (gdelt1, icews)" in both and "counts twice" in both


def test_tables_say_how_periods_are_named_and_what_partners_count(icews_store: Path) -> None:
    db = str(icews_store)
    weeks = " ".join(
        _run("dyad", "USA", "CHN", "--by", "week", "--from", "2018-06-01", "--db", db).split()
    )
    assert "2018-05-28" in weeks  # the Monday of the week holding 2018-06-01
    assert "a week is named by its Monday: the first may start before --from" in weeks
    days = " ".join(
        _run("dyad", "USA", "CHN", "--by", "day", "--from", "2018-06-01", "--db", db).split()
    )
    assert "named by" not in days
    partners = " ".join(_run("partners", "USA", "--db", db).split())
    assert "events: between the country and the partner, both directions" in partners
