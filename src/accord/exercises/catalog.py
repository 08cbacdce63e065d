"""Exercise files on disk: validate one, list a folder's (with the store's sessions), outline
one for everyone (its public part)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.exercises.engine import compiled
from accord.exercises.loader import load_exercise
from accord.exercises.model import Exercise
from accord.exercises.session import SessionSummary, list_sessions
from accord.files import named_or_shipped
from accord.jsonable import AsDict
from accord.safe_yaml import read_yaml_text
from accord.store import Store

#: The exercises that ship with Accord (`exercises/` at the project root of a checkout).
EXERCISE_DIR = Path(__file__).resolve().parents[3] / "exercises"


def exercise_file(given: str | Path) -> Path:
    """The file an exercise argument names: the path itself when it exists or looks like a
    path, else a shipped exercise of that name (`south-china-sea` is
    `exercises/south-china-sea.yaml`, from any folder); an input error listing the shipped
    names when neither exists."""
    return named_or_shipped(given, EXERCISE_DIR, "exercise")


@dataclass(frozen=True)
class ExerciseInfo(AsDict):
    """An exercise file in brief (`problem`: why it does not read, when it does not)."""

    file: str
    name: str
    title: str
    turns: int
    roles: int
    tables: int
    injects: int
    decisions: int
    problem: str | None = None


@dataclass(frozen=True)
class ExerciseList(AsDict):
    """The exercise files of a folder and the sessions of a store."""

    exercises: tuple[ExerciseInfo, ...]
    sessions: tuple[SessionSummary, ...]


def _info(exercise: Exercise, file: str) -> ExerciseInfo:
    return ExerciseInfo(
        file,
        exercise.name,
        exercise.title,
        exercise.turns,
        len(exercise.roles),
        len(exercise.tables),
        len(exercise.injects),
        len(exercise.decisions),
    )


def validate_exercise(path: str | Path) -> ExerciseInfo:
    """Read an exercise file, check its names against its world and prepare its simulation;
    `InputError` lists every problem with file, line and field."""
    p = Path(path)
    text = read_yaml_text(p)  # undecodable bytes: an error at their line
    exercise, _ = compiled(text, str(p))
    return _info(exercise, str(p))


def list_exercises(folder: str | Path, store: Store | None = None) -> ExerciseList:
    """The `*.yaml` exercise files of `folder` (read without their world: fast), and the
    sessions of `store`."""
    found = []
    for path in sorted(Path(folder).glob("*.y*ml")):
        try:
            found.append(_info(load_exercise(path), str(path)))
        except InputError as exc:
            found.append(ExerciseInfo(str(path), path.stem, "", 0, 0, 0, 0, 0, str(exc.first)))
    sessions = list_sessions(store) if store is not None else ()
    return ExerciseList(tuple(found), sessions)


@dataclass(frozen=True)
class PublicTable(AsDict):
    """A negotiation table as everyone may know it: its issues and who sits there (no
    positions)."""

    id: str
    title: str
    issues: tuple[dict[str, Any], ...]
    parties: tuple[str, ...]
    mediator: str | None


@dataclass(frozen=True)
class ExerciseOutline(AsDict):
    """What anyone may read of an exercise before playing it: title, background, sources,
    the calendar and clock of its turns, the roles' public briefs and the tables (no private
    brief, objective, position, inject or decision point)."""

    file: str
    name: str
    title: str
    description: str
    background: str
    sources: tuple[str, ...]
    start: dt.date
    turns: int
    turn_days: int
    turn_minutes: float | None
    roles: tuple[dict[str, str], ...]
    tables: tuple[PublicTable, ...]


def outline_exercise(path: str | Path) -> ExerciseOutline:
    """The public outline of the exercise file at `path`."""
    ex = load_exercise(path)
    return ExerciseOutline(
        str(path),
        ex.name,
        ex.title,
        ex.description,
        ex.background,
        ex.sources,
        ex.start,
        ex.turns,
        ex.turn_days,
        ex.turn_minutes,
        tuple(
            {
                "id": r.id,
                "name": r.name,
                "kind": r.kind,
                "actor": r.actor,
                "public_brief": r.public_brief,
            }
            for r in ex.roles
        ),
        tuple(
            PublicTable(
                t.id,
                t.title,
                tuple(
                    {"name": i.name, "low": i.low, "high": i.high, "description": i.description}
                    for i in t.issues
                ),
                t.roles,
                t.mediator,
            )
            for t in ex.tables
        ),
    )
