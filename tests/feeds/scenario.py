"""GDELT 2.0 updates that raise one tension alert: six calm months of USA-China consultations,
then a month of fighting (net cooperation falls from 1 to -1, far below the dyad's baseline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.events import ingest
from accord.store import Store
from tests.events.formats import Event, gdelt_fields

#: The alert the crisis raises: dyad, period and metric.
ALERT = ("CHN", "USA", "2024-07", "net_cooperation")


def history() -> str:
    """Six events a month, January to June 2024, all cooperative (CAMEO 042)."""
    events = [
        Event(f"h{m}{k}", dt.date(2024, m, 10 + k), "USA", "CHN", "042", 1.9)
        for m in range(1, 7)
        for k in range(6)
    ]
    return "".join("\t".join(gdelt_fields(e, 61)) + "\n" for e in events)


def crisis(tag: str = "c") -> str:
    """Six conflictual events in July 2024 (CAMEO 190, use conventional military force)."""
    events = [
        Event(f"{tag}{k}", dt.date(2024, 7, 10 + k), "USA", "CHN", "190", -10.0) for k in range(6)
    ]
    return "".join("\t".join(gdelt_fields(e, 61)) + "\n" for e in events)


def quiet(tag: str) -> str:
    """One unremarkable event of another dyad (no alert)."""
    event = Event(tag, dt.date(2024, 7, 12), "FRA", "DEU", "042", 1.9)
    return "\t".join(gdelt_fields(event, 61)) + "\n"


def calm_store(tmp_path: Path, mirror_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store holding the calm history, with the GDELT 2.0 feed pointed at the mirror: what a
    server following the mirror starts from (the crisis then raises the one alert)."""
    db = tmp_path / "served.duckdb"
    plain = tmp_path / "history.export.CSV"
    plain.write_text(history(), encoding="utf-8")
    with Store(db) as store:
        ingest(store, plain, format="gdelt2")
    monkeypatch.setenv("ACCORD_GDELT2_URL", f"{mirror_url}/gdeltv2/")
    monkeypatch.setenv("ACCORD_FEEDS_CACHE", str(tmp_path / "cache"))
    return db
