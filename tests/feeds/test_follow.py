"""Following GDELT 2.0 on the mirror: new files are fetched once, alerts announced once, and a
stopped follower catches up without losing or repeating anything."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError, UnknownNameError
from accord.events import ingest
from accord.events.feeds import FeedSettings, Follower, last_stamp, parse_every
from accord.relations.live import following
from accord.store import Store
from tests.feeds.mirror import Mirror
from tests.feeds.scenario import ALERT, crisis, history, quiet


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.duckdb") as opened:
        yield opened


def _access(store: Store) -> Any:
    @contextmanager
    def lent() -> Iterator[Store]:
        yield store

    return lent


def _follow(store: Store, settings: FeedSettings) -> tuple[Any, list[dict[str, Any]]]:
    said: list[dict[str, Any]] = []
    return following(_access(store), said.append, settings=settings, every=0.01), said


def _alerts(said: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [
        (m["alert"]["a"], m["alert"]["b"], m["alert"]["period"], m["alert"]["metric"])
        for m in said
        if m["kind"] == "alert"
    ]


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900.0), ("30s", 30.0), ("1h", 3600.0), ("90", 90.0)]
)
def test_poll_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["0", "fast", "-5m", "15 minutes"])
def test_bad_poll_intervals(text: str) -> None:
    with pytest.raises(InputError, match="expected an interval like 15m"):
        parse_every(text)


def test_only_gdelt2_can_be_followed(store: Store, feed_settings: FeedSettings) -> None:
    with pytest.raises(UnknownNameError, match="unknown followable source 'gdelt1'"):
        Follower(_access(store), source="gdelt1", settings=feed_settings)


def test_a_new_file_is_fetched_and_its_alert_announced_once(
    mirror: Mirror, store: Store, feed_settings: FeedSettings
) -> None:
    mirror.gdelt2("20240701000000", history())
    follower, said = _follow(store, feed_settings)
    first = follower.step()
    assert [f.status for f in first.files] == ["ingested"] and first.stored == 36
    assert [m["kind"] for m in said] == ["files"] and _alerts(said) == []
    quiet_step = follower.step()
    assert quiet_step.files == [] and len(said) == 1  # nothing new on the mirror

    mirror.gdelt2("20240710001500", crisis())  # a new file appears while following
    step = follower.step()
    assert [f.name for f in step.files] == ["20240710001500.export.CSV.zip"]
    assert (step.first, step.last) == ((step.files[0].first and None) or step.first, step.last)
    assert str(step.first) == "2024-07-10" and str(step.last) == "2024-07-15"
    assert _alerts(said) == [ALERT]
    alert = said[-1]["alert"]
    assert alert["value"] == -1.0 and alert["z"] < -2 and len(alert["drivers"]) == 5

    # a restarted follower fetches nothing twice and repeats no alert
    again, said_again = _follow(store, feed_settings)
    assert again.step().files == []
    assert said_again == []
    assert mirror.requests["/gdeltv2/20240710001500.export.CSV.zip"] == 1
    assert mirror.requests["/gdeltv2/20240701000000.export.CSV.zip"] == 1


def test_a_stopped_follower_catches_up_and_loses_no_alert(
    mirror: Mirror, store: Store, feed_settings: FeedSettings
) -> None:
    mirror.gdelt2("20240701000000", history())
    Follower(_access(store), settings=feed_settings).step()  # ingests, announces nothing
    assert last_stamp(store) == "20240701000000"
    # while no follower runs: three updates; lastupdate.txt lists only the last
    mirror.gdelt2("20240710000000", quiet("q1"))
    mirror.gdelt2("20240710001500", crisis())
    mirror.gdelt2("20240710003000", quiet("q2"))
    follower, said = _follow(store, feed_settings)
    step = follower.step()
    assert [f.name for f in step.files] == [
        "20240710000000.export.CSV.zip",
        "20240710001500.export.CSV.zip",
        "20240710003000.export.CSV.zip",
    ]
    assert _alerts(said) == [ALERT]
    assert last_stamp(store) == "20240710003000"


def test_an_alert_stored_but_not_announced_is_announced_on_restart(
    mirror: Mirror, store: Store, feed_settings: FeedSettings
) -> None:
    mirror.gdelt2("20240701000000", history())
    Follower(_access(store), settings=feed_settings).step()
    mirror.gdelt2("20240710001500", crisis())
    Follower(_access(store), settings=feed_settings).step()  # stopped before it announced
    follower, said = _follow(store, feed_settings)
    assert follower.step().files == []
    assert _alerts(said) == [ALERT]


def test_a_failed_poll_is_reported_and_the_next_one_retries(
    mirror: Mirror, store: Store, feed_settings: FeedSettings
) -> None:
    mirror.gdelt2("20240701000000", history())
    mirror.faults["/gdeltv2/lastupdate.txt"] = ["500"] * 3  # all attempts of the first poll
    errors: list[str] = []
    said: list[dict[str, Any]] = []
    follower = following(
        _access(store),
        said.append,
        settings=feed_settings,
        every=0.01,
        on_error=lambda e: errors.append(str(e)),
    )
    follower.run(threading.Event(), steps=2)
    assert len(errors) == 1 and "lastupdate.txt: failed after 3 attempt(s)" in errors[0]
    assert [m["kind"] for m in said] == ["files"]


def test_the_cli_prints_each_new_alert_as_a_json_line(
    mirror: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cli.duckdb"
    plain = tmp_path / "history.export.CSV"
    plain.write_text(history(), encoding="utf-8")
    with Store(db) as store:
        ingest(store, plain, format="gdelt2")
    mirror.gdelt2("20240710001500", crisis())
    monkeypatch.setenv("ACCORD_GDELT2_URL", f"{mirror.url}/gdeltv2/")
    monkeypatch.setenv("ACCORD_FEEDS_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(
        app, ["events", "follow", "gdelt2", "--every", "0.01s", "--steps", "2", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [(m["kind"], m["alert"]["a"], m["alert"]["period"]) for m in lines] == [
        ("alert", "CHN", "2024-07")
    ]
