"""`accord exercise`: list, validate, start, play, advance and debrief training exercises, and
the facilitator's clock (`clock`, `pause`, `resume`, `extend`).

The CLI holds the store itself, so it acts as the session's facilitator (it reads the
facilitator's token from the store); players act through the API with their invite tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from accord.cli.common import (
    code_column,
    console,
    db_option,
    examples,
    json_option,
    new_table,
    number_column,
    output_option,
    print_json,
    reports_errors,
    text_column,
)
from accord.errors import InputError
from accord.exercises import (
    EXERCISE_DIR,
    SessionStarted,
    advance,
    clock_state,
    debrief,
    exercise_file,
    extend,
    facilitator_token,
    list_exercises,
    pause,
    play,
    resume,
    start_session,
    validate_exercise,
    write_html,
)
from accord.exercises.clock import ClockState
from accord.exercises.debrief import RoleScore, TableDebrief
from accord.store import Store

app = typer.Typer(
    help="Train diplomats: exercises with roles, turns, injects and a debrief.",
    epilog=examples(
        "accord exercise list",
        "accord exercise play cop-climate-finance --bots all --seed 1",
        "accord exercise new south-china-sea --player PHL=Ana --player CHN=Wei",
        "accord exercise debrief SESSION -o report.html",
        "accord exercise extend SESSION 10",
    ),
    add_completion=False,
)


@app.command("list")
@reports_errors
def list_command(
    folder: Path = typer.Argument(
        EXERCISE_DIR,
        help="Folder of exercise files (default: the exercises shipped with Accord).",
        file_okay=False,
        show_default=False,
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """List the exercise files of FOLDER and the sessions in the store."""
    with Store(db) as store:
        listing = list_exercises(folder, store)
    if as_json:
        print_json(listing.as_dict())
        return
    for e in listing.exercises:
        console.print(f"{e.name:<28} {e.turns:>2} turns, {e.roles:>2} roles  {e.title}  ({e.file})")
    for s in listing.sessions:
        console.print(f"session {s.session_id:<32} turn {s.turn:>2} {s.status:<8} {s.title}")


@app.command("validate")
@reports_errors
def validate_command(
    file: str = typer.Argument(..., help="Exercise YAML file, or a shipped exercise's name."),
    as_json: bool = json_option(),
) -> None:
    """Check an exercise file; every problem is named with file, line and field."""
    info = validate_exercise(exercise_file(file))
    if as_json:
        print_json(info.as_dict())
        return
    console.print(
        f"{file}: ok ({info.roles} roles, {info.tables} tables, {info.injects} injects, "
        f"{info.decisions} decisions, {info.turns} turns)"
    )


@app.command("new")
@reports_errors
def new_command(
    file: str = typer.Argument(..., help="Exercise YAML file, or a shipped exercise's name."),
    player: list[str] = typer.Option(
        [], "--player", help="ROLE=NAME: a person plays ROLE (repeat)."
    ),
    seed: int | None = typer.Option(None, "--seed", help="Seed (default: the exercise's)."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Start a session; print its id, the facilitator's token and each role's invite token."""
    players = {}
    for item in player:
        role, sep, name = item.partition("=")
        if not sep or not role or not name:
            raise InputError.at(f"expected ROLE=NAME, got {item!r}", field="--player")
        players[role] = name
    with Store(db) as store:
        started = start_session(store, exercise_file(file), seed=seed, players=players)
    if as_json:
        print_json(started.as_dict())
        return
    _print_started(started)


def _print_started(started: SessionStarted) -> None:
    """The new session and its tokens, one token a line, never wrapped: a wrapped token copied
    from the terminal would be broken. Each token stands before the free-text player name, so a
    long name cannot push it to the edge; nothing is read as markup or highlighted."""

    def line(text: str) -> None:
        console.print(text, soft_wrap=True, markup=False, highlight=False)

    line(f"session {started.session_id}: {started.title}, turn 1 of {started.turns}")
    line(f"facilitator token: {started.facilitator_token}")
    line("invite tokens (role, token, player; hand each only to its role's player):")
    width = max((len(role) for role in started.invites), default=0)
    for role, token in started.invites.items():
        who = started.players.get(role) or "AI"
        line(f"  {role:<{width}}  {token}  {who}")
    line(
        "players open the dashboard of `accord serve` on this store at "
        f"/exercise.html?session={started.session_id}&token=THEIR_TOKEN "
        "(http://127.0.0.1:8000 by default; --json gives each role's link)"
    )


@app.command("play")
@reports_errors
def play_command(
    file: str = typer.Argument(..., help="Exercise YAML file, or a shipped exercise's name."),
    bots: str = typer.Option("all", "--bots", help="Roles the AI plays: 'all' (headless play)."),
    seed: int | None = typer.Option(None, "--seed", help="Seed (default: the exercise's)."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Play a whole exercise headless with the AI in every role and print the outcome."""
    if bots != "all":
        raise InputError.at("headless play needs the AI in every role: --bots all", field="--bots")
    with Store(db) as store:
        outcome = play(store, exercise_file(file), seed=seed)
    if as_json:
        print_json(outcome.as_dict())
        return
    console.print(
        f"{outcome.exercise} (seed {outcome.seed}): {len(outcome.turns)} turns, "
        f"{outcome.events:,} events"
    )
    _print_tables(outcome.tables)
    _print_scores(outcome.scores)


def _values(values: dict[str, float]) -> str:
    """`issue value` pairs, one decimal: the agreed point on each issue's own scale."""
    return ", ".join(f"{k} {v:,.1f}" for k, v in values.items())


def _print_tables(tables: Sequence[TableDebrief]) -> None:
    """Each table's agreement (the value agreed on each issue, on the issue's own scale)."""
    if not tables:
        return
    table = new_table("Tables: the value agreed on each issue, on the scale the exercise sets")
    code_column(table, "table")
    text_column(table, "title")
    text_column(table, "agreement")
    number_column(table, "turn")
    for t in tables:
        deal = _values(t.agreement) if t.agreement else "no agreement"
        turn = "-" if t.agreed_turn is None else str(t.agreed_turn)
        table.add_row(t.table, t.title, deal, turn)
    console.print(table)


def _print_scores(scores: Sequence[RoleScore]) -> None:
    """Each role's score: the weighted share of its objectives met."""
    table = new_table("Scores: the weighted share of each role's objectives met (- : none set)")
    text_column(table, "role")
    number_column(table, "score")
    number_column(table, "objectives met")
    for s in scores:
        score = "-" if s.score is None else f"{s.score:.0%}"
        met = sum(o.met for o in s.objectives)
        table.add_row(s.name, score, f"{met} of {len(s.objectives)}" if s.objectives else "-")
    console.print(table)


@app.command("advance")
@reports_errors
def advance_command(
    session: str = typer.Argument(..., help="Session id."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Adjudicate the current turn of SESSION and open the next one."""
    with Store(db) as store:
        report = advance(store, session, facilitator_token(store, session))
    if as_json:
        print_json(report.as_dict())
        return
    console.print(
        f"turn {report.turn} ({report.date}) adjudicated: {report.events:,} events, "
        f"{report.ai_moves} AI moves"
    )
    for table, values in report.agreements.items():
        console.print(f"  agreement at {table}: {_values(values)}")
    console.print("session ended" if report.next_turn is None else f"now turn {report.next_turn}")


@app.command("debrief")
@reports_errors
def debrief_command(
    session: str = typer.Argument(..., help="Session id."),
    output: Path | None = output_option("HTML file to write the debrief to.", dir_okay=False),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """The debrief of SESSION; -o writes it as one self-contained HTML file."""
    with Store(db) as store:
        review = debrief(store, session, facilitator_token(store, session))
    if output is not None:
        write_html(review, output)
    if as_json:
        print_json(review.as_dict())
        return
    console.print(
        f"{review.title}: {review.played} of {review.turns} turns, {review.events:,} events"
    )
    _print_tables(review.tables)
    _print_scores(review.scores)
    if output is not None:
        console.print(f"debrief written to {output}")


def _print_clock(state: ClockState, as_json: bool) -> None:
    """A session's clock as the facilitator reads it (turn, status, time left)."""
    if as_json:
        print_json(state.as_dict())
        return
    if state.seconds_left is None:
        left = "no clock (the facilitator advances)"
    else:
        left = f"{state.seconds_left / 60:.1f} minutes left"
        if state.deadline is not None:
            left += f" (deadline {state.deadline:%Y-%m-%d %H:%M:%S} UTC)"
    console.print(f"{state.session_id}: turn {state.turn}, {state.status}, {left}")


@app.command("clock")
@reports_errors
def clock_command(
    session: str = typer.Argument(..., help="Session id."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """The clock of SESSION: turn, status, minutes left and deadline (UTC)."""
    with Store(db) as store:
        state = clock_state(store, session, facilitator_token(store, session))
    _print_clock(state, as_json)


@app.command("pause")
@reports_errors
def pause_command(
    session: str = typer.Argument(..., help="Session id."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Stop the clock of SESSION; players' moves wait until `resume`."""
    with Store(db) as store:
        state = pause(store, session, facilitator_token(store, session))
    _print_clock(state, as_json)


@app.command("resume")
@reports_errors
def resume_command(
    session: str = typer.Argument(..., help="Session id."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Start the clock of SESSION again where `pause` stopped it."""
    with Store(db) as store:
        state = resume(store, session, facilitator_token(store, session))
    _print_clock(state, as_json)


@app.command("extend")
@reports_errors
def extend_command(
    session: str = typer.Argument(..., help="Session id."),
    minutes: float = typer.Argument(
        ..., help="Minutes to add to the current turn (negative: shorten it)."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Give the current turn of SESSION MINUTES more (a clock starts if it had none)."""
    with Store(db) as store:
        state = extend(store, session, facilitator_token(store, session), minutes)
    _print_clock(state, as_json)
