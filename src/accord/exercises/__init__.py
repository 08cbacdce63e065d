"""Exercises: train diplomats with roles, turns, injects, AI counterparts and a debrief.

An exercise file (`load_exercise`) gives roles with public and private briefs and measurable
objectives, negotiation tables (bargaining cases), an MSEL of injects and decision points. A
session (`start_session`) plays it in the store: people play some roles with their invite
tokens, AI counterparts the others (bargaining strategies at the tables, the simulation's
doctrines for the states); a turn ends on its clock (`pause`, `resume`, `extend`; the
server's `tick`) or when the facilitator calls `advance`, which adjudicates it through
`accord.simulation` and writes its events through the one write path; `debrief` measures
what happened with `accord.relations` and `accord.bargaining`. Every session operation takes
a session id and a token and returns a dataclass with `as_dict()`.
"""

from accord.exercises.actions import VOCABULARY, MoveAction, action_names, move_action
from accord.exercises.catalog import (
    EXERCISE_DIR,
    ExerciseInfo,
    ExerciseList,
    ExerciseOutline,
    exercise_file,
    list_exercises,
    outline_exercise,
    validate_exercise,
)
from accord.exercises.clock import ClockState
from accord.exercises.controls import (
    TickReport,
    clock_state,
    extend,
    override,
    pause,
    resume,
    tick,
)
from accord.exercises.debrief import Debrief, debrief
from accord.exercises.loader import load_exercise, parse_exercise
from accord.exercises.model import Exercise, Role, Table
from accord.exercises.objectives import parse_objective
from accord.exercises.play import PlayOutcome, play
from accord.exercises.report import render_html, write_html
from accord.exercises.session import (
    AccessDeniedError,
    Inbox,
    RoleBrief,
    RoleSeat,
    SessionStarted,
    SessionSummary,
    SessionView,
    TableView,
    act,
    decide,
    facilitator_token,
    fire_inject,
    inbox,
    list_sessions,
    propose,
    respond,
    role_brief,
    seat,
    send_message,
    session_view,
    start_session,
    table_view,
)
from accord.exercises.store_io import EXERCISES_SCHEMA, Move
from accord.exercises.turns import TurnReport, advance

__all__ = [
    "EXERCISES_SCHEMA",
    "EXERCISE_DIR",
    "VOCABULARY",
    "AccessDeniedError",
    "ClockState",
    "Debrief",
    "Exercise",
    "ExerciseInfo",
    "ExerciseList",
    "ExerciseOutline",
    "Inbox",
    "Move",
    "MoveAction",
    "PlayOutcome",
    "Role",
    "RoleBrief",
    "RoleSeat",
    "SessionStarted",
    "SessionSummary",
    "SessionView",
    "Table",
    "TableView",
    "TickReport",
    "TurnReport",
    "act",
    "action_names",
    "advance",
    "clock_state",
    "debrief",
    "decide",
    "exercise_file",
    "extend",
    "facilitator_token",
    "fire_inject",
    "inbox",
    "list_exercises",
    "list_sessions",
    "load_exercise",
    "move_action",
    "outline_exercise",
    "override",
    "parse_exercise",
    "parse_objective",
    "pause",
    "play",
    "propose",
    "render_html",
    "respond",
    "resume",
    "role_brief",
    "seat",
    "send_message",
    "session_view",
    "start_session",
    "table_view",
    "tick",
    "validate_exercise",
    "write_html",
]
