"""Headless play: a whole exercise with an AI counterpart in every role (solo practice, tests,
benchmarks). The outcome depends only on the exercise file and the seed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accord.exercises.debrief import RoleScore, TableDebrief, debrief
from accord.exercises.engine import compiled
from accord.exercises.session import start_session
from accord.exercises.turns import TurnReport, advance
from accord.jsonable import AsDict
from accord.safe_yaml import read_yaml_text
from accord.store import Store


@dataclass(frozen=True)
class PlayOutcome(AsDict):
    """What a headless playthrough gave: every turn's report, each table's outcome against the
    forecasts, every role's score, the events stored."""

    session_id: str
    exercise: str
    seed: int
    turns: tuple[TurnReport, ...]
    tables: tuple[TableDebrief, ...]
    scores: tuple[RoleScore, ...]
    events: int


def play(store: Store, path: str | Path, *, seed: int | None = None) -> PlayOutcome:
    """Play the exercise at `path` to its end with the AI in every role; the session id is
    `<exercise>-play-s<seed>` and a new play replaces an earlier one of the same id."""
    text = read_yaml_text(path)  # a missing file is an InputError naming it, not a traceback
    exercise, _ = compiled(text, str(path))
    used = exercise.seed if seed is None else seed
    started = start_session(
        store, path, seed=used, session_id=f"{exercise.name}-play-s{used}", replace=True
    )
    token = started.facilitator_token
    reports = tuple(advance(store, started.session_id, token) for _ in range(exercise.turns))
    review = debrief(store, started.session_id, token)
    return PlayOutcome(
        started.session_id,
        exercise.name,
        used,
        reports,
        review.tables,
        review.scores,
        review.events,
    )
