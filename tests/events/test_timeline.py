"""The shipped curated timeline: coverage, coding and sources, and its path into the store."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app
from accord.events import cameo_codes
from accord.events.timeline import TIMELINE_CSV, ensure_timeline
from accord.store import Store


def _rows() -> list[dict[str, str]]:
    with TIMELINE_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_timeline_is_large_coded_dated_and_sourced() -> None:
    rows = _rows()
    assert len(rows) >= 300
    known = set(cameo_codes())
    years = set()
    for row in rows:
        assert row["cameo_code"] in known, row["event_id"]
        day = dt.date.fromisoformat(row["event_date"])
        assert dt.date(2013, 1, 1) <= day <= dt.date(2026, 11, 21)
        years.add(day.year)
        assert row["source"].strip() and row["summary"].strip()
    assert years >= set(range(2013, 2026))
    assert len({r["event_id"] for r in rows}) == len(rows)


def test_landmark_events_present() -> None:
    rows = _rows()

    def has(day: str, source: str, target: str, root: str) -> bool:
        return any(
            r["event_date"] == day
            and r["source_country"] == source
            and r["target_country"] == target
            and r["cameo_code"].startswith(root)
            for r in rows
        )

    assert has("2022-02-24", "RUS", "UKR", "19")  # the invasion: use of force
    assert any(r["event_date"] == "2021-09-15" and "AUKUS" in r["summary"] for r in rows)
    assert any(r["event_date"] == "2015-12-12" and "Paris" in r["summary"] for r in rows)
    assert any(r["event_date"] == "2023-04-04" and r["source_country"] == "FIN" for r in rows)


def test_ingested_like_any_file(db_path: Path) -> None:
    rows = _rows()
    with Store(db_path) as store:
        report = ensure_timeline(store)
        assert report is not None
        assert report.files[0].stored == len(rows)
        assert report.files[0].rejected == 0
        assert ensure_timeline(store) is None  # already there: nothing to do
        # The store's counts agree with the raw file, computed independently.
        expected = sum(
            1 for r in rows if r["source_country"] == "RUS" and r["target_country"] == "UKR"
        )
        got = store.con.execute(
            "SELECT count(*) FROM events WHERE dataset = 'curated' "
            "AND source_country = 'RUS' AND target_country = 'UKR'"
        ).fetchone()
        assert got == (expected,)
        root19 = store.con.execute(
            "SELECT DISTINCT quad_class FROM events WHERE dataset = 'curated' AND cameo_root = '19'"
        ).fetchall()
        assert root19 == [(4,)]


def test_cli_timeline(db_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["events", "timeline", "--actor", "FIN", "--from", "2023-01-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data and all("FIN" in (r["source_country"], r["target_country"]) for r in data)
    assert all(r["event_date"] >= "2023-01-01" for r in data)
