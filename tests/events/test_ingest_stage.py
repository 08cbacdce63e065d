"""A bulk ingest's progress says when the file is read and DuckDB sorts and writes its rows
(`IngestProgress.stage`): the bar stood at its end for seconds with nothing said."""

from __future__ import annotations

from accord.events.ingest import STORING, IngestProgress, _Tracker


def test_the_stage_turns_to_storing_once_the_file_is_read() -> None:
    seen: list[IngestProgress] = []
    tracker = _Tracker(seen.append, "events.tsv", 0, 1, 1_000)
    tracker.at(0.5, 0)
    tracker.at(STORING, 0)  # DuckDB's progress stops there until the statement ends
    tracker.at(1.0, 42)  # the end: the rows are counted
    assert [(p.stage, p.position, p.rows) for p in seen] == [
        ("reading", 500, 0),
        ("storing", 990, 0),
        ("reading", 1_000, 42),
    ]
