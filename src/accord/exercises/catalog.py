"""Exercise files on disk: validate one, list a folder's (with the store's sessions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accord.errors import InputError
from accord.exercises.engine import compiled
from accord.exercises.loader import load_exercise
from accord.exercises.model import Exercise
from accord.exercises.session import SessionSummary, list_sessions
from accord.jsonable import AsDict
from accord.safe_yaml import read_yaml_text
from accord.store import Store


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
