"""Sessions: the core API every face wraps (CLI, HTTP). Each operation takes the store, a
session id and a token, and returns a dataclass with `as_dict()`.

A token is an identity: the facilitator's token sees and does everything; a role's token (its
invite) acts as that role only and reads only what the role may see: the public briefs, its own
private brief and objectives, messages sent by it or addressed to it (a group it belongs to,
or public), injects addressed to it, the tables it sits at (its own position only) and its own
decision points. Anything else is unreachable: asking for it raises `AccessDeniedError`, a
`NotFoundError`, exactly as for something that does not exist. A wrong token for a session
is the same error as an unknown session.

Every move is committed when made, so closing the store in mid-turn loses nothing; `advance`
(facilitator) adjudicates the turn in one transaction: AI moves, agreements, events, the turn
record, the next turn's injects.

Reads never write: the exercise tables are made by the first session started (and by a
server as it starts), and a read of a store without them answers empty (no session), so it
never waits for the store's write lock while an ingest holds it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from accord.errors import InputError, NotFoundError, Problem, UnknownNameError
from accord.events.schema import EVENTS_SCHEMA
from accord.events.write import discard_events
from accord.exercises.actions import VOCABULARY, MoveAction, move_action
from accord.exercises.ai import (
    Planned,
    ai_moves,
    decide_body,
    decision_audience,
    table_audience,
)
from accord.exercises.clock import ClockRow, ClockState, clock_row, start_turn, state_of, utc_now
from accord.exercises.engine import Engine, compiled
from accord.exercises.model import ALL, CONTROL, Exercise, Inject, Objective, Role, Table
from accord.exercises.store_io import (
    EXERCISES_SCHEMA,
    RUNNING,
    Move,
    RoleRow,
    SessionRow,
    add_move,
    delete_session,
    insert_session,
    moves,
    no_session,
    provenance,
    role_rows,
    session_row,
    session_rows,
    set_player,
)
from accord.exercises.tables import Proposal, standing_answers, table_state
from accord.jsonable import AsDict
from accord.safe_yaml import read_yaml_text
from accord.simulation.limits import MAX_SEED, check_range
from accord.store import Store, first_int

#: The identity of the facilitator in answers (`you`).
FACILITATOR = "facilitator"


class AccessDeniedError(NotFoundError):
    """A token asked for something its role may not see or do (reported as not found)."""


@dataclass(frozen=True)
class Access:
    """A session opened with a token: the stored session, its exercise, who is asking."""

    row: SessionRow
    exercise: Exercise
    roles: tuple[RoleRow, ...]
    role: str | None  # None: the facilitator

    @property
    def facilitator(self) -> bool:
        """True when the token is the facilitator's."""
        return self.role is None

    @property
    def you(self) -> str:
        """The asking role's id, or `facilitator`."""
        return self.role or FACILITATOR

    def humans(self) -> frozenset[str]:
        """The roles people play now."""
        return frozenset(r.role for r in self.roles if r.player is not None)


#: The versions of the exercise and event tables this Accord writes.
_LATEST = (EXERCISES_SCHEMA.latest, EVENTS_SCHEMA.latest)


def _ensure(store: Store) -> None:
    """Create or migrate the tables of events and sessions (writes): before a first write."""
    store.ensure(EVENTS_SCHEMA)
    store.ensure(EXERCISES_SCHEMA)


def _readable(store: Store) -> bool:
    """Whether the store holds the exercise tables, found by a read: False when no session
    was ever started there (reads then answer empty rather than create the tables, a write
    that would wait for an ingest holding the lock). A store of sessions made by an older
    Accord is migrated first, as every read did before (a server migrates it as it starts)."""
    found = store.version(EXERCISES_SCHEMA.component)
    if found and (found, store.version(EVENTS_SCHEMA.component)) != _LATEST:
        _ensure(store)
    return found > 0


def open_session(store: Store, session_id: str, token: str) -> Access:
    """The session `session_id` as `token` may see it; `NotFoundError` for a wrong token."""
    if not _readable(store):
        raise NotFoundError(no_session(session_id))
    row = session_row(store.con, session_id)
    roles = tuple(role_rows(store.con, session_id))
    if secrets.compare_digest(token, row.facilitator_token):
        role = None
    else:
        matches = [r.role for r in roles if secrets.compare_digest(token, r.token)]
        if not matches:
            raise NotFoundError(no_session(session_id))
        role = matches[0]
    exercise, _ = compiled(row.source_text, row.source_file)
    return Access(row, exercise, roles, role)


def facilitator_token(store: Store, session_id: str) -> str:
    """The facilitator's token of a session, for a local face holding the store itself (the
    CLI); never hand it to a role."""
    if not _readable(store):
        raise NotFoundError(no_session(session_id))
    return session_row(store.con, session_id).facilitator_token


def require_facilitator(access: Access, what: str) -> None:
    if not access.facilitator:
        raise AccessDeniedError(f"only the facilitator may {what}")


def require_running(access: Access) -> None:
    if access.row.status != RUNNING:
        raise InputError.at(f"the session is {access.row.status}", field="session")


@dataclass(frozen=True)
class SessionStarted(AsDict):
    """A new session: its id, the facilitator's token and each role's invite token (hand each
    one only to its role's player), who plays what."""

    session_id: str
    exercise: str
    title: str
    turn: int
    turns: int
    facilitator_token: str
    invites: dict[str, str]
    players: dict[str, str | None]
    links: dict[str, str]
    turn_minutes: float | None = None


def invite_link(session_id: str, token: str) -> str:
    """The dashboard's address of a session for the holder of `token` (relative to the
    server): the invite a player opens."""
    return f"/exercise.html?session={session_id}&token={token}"


def start_session(
    store: Store,
    path: str | Path,
    *,
    seed: int | None = None,
    players: Mapping[str, str] | None = None,
    session_id: str | None = None,
    replace: bool = False,
    turn_minutes: float | None = None,
) -> SessionStarted:
    """Start a session of the exercise at `path`: roles in `players` (role -> player name) are
    played by people, every other role by its AI counterpart; the injects of turn 1 fire and
    the clock starts (`turn_minutes`, else the exercise's; none: the facilitator advances)."""
    p = Path(path)
    if seed is not None and (bad := check_range(seed, 0, MAX_SEED, "seed")) is not None:
        raise InputError(bad)  # -1 raised ValueError in numpy, 2**70 one in the store
    text = read_yaml_text(p)  # undecodable bytes: an error at their line
    exercise, _ = compiled(text, str(p))
    minutes = _turn_minutes(exercise, turn_minutes)
    players = dict(players or {})
    known = [r.id for r in exercise.roles]
    unknown = [role for role in players if role not in known]
    if unknown:
        raise InputError(
            [
                Problem(
                    UnknownNameError.describe("role", role, known),
                    field=f"players.{role}",
                )
                for role in unknown
            ]
        )
    sid = session_id or f"{exercise.name}-{secrets.token_hex(4)}"
    row = SessionRow(
        sid,
        exercise.name,
        exercise.title,
        str(p),
        text,
        exercise.seed if seed is None else seed,
        1,
        RUNNING,
        secrets.token_urlsafe(24),
    )
    roles = [RoleRow(r.id, secrets.token_urlsafe(24), players.get(r.id)) for r in exercise.roles]
    _ensure(store)
    with store.transaction() as con:
        if replace:
            delete_session(con, sid)
            discard_events(con, provenance(sid))
        elif con.execute("SELECT 1 FROM exercise_sessions WHERE session_id = ?", [sid]).fetchone():
            raise InputError.at(f"session {sid!r} exists already", field="session")
        insert_session(con, row, roles)
        start_turn(con, sid, 1, minutes, utc_now())
        fire_scheduled(con, exercise, sid, 1, [])
    return _started(row, exercise, roles, minutes)


def _started(
    row: SessionRow, exercise: Exercise, roles: Sequence[RoleRow], minutes: float | None
) -> SessionStarted:
    sid = row.session_id
    links = {"facilitator": invite_link(sid, row.facilitator_token)}
    links |= {r.role: invite_link(sid, r.token) for r in roles}
    return SessionStarted(
        sid,
        exercise.name,
        exercise.title,
        1,
        exercise.turns,
        row.facilitator_token,
        {r.role: r.token for r in roles},
        {r.role: r.player for r in roles},
        links,
        minutes,
    )


def _inject_move(con: duckdb.DuckDBPyConnection, sid: str, turn: int, inject: Inject) -> Move:
    body = {
        "inject": inject.id,
        "channel": inject.channel,
        "from": inject.sender,
        "text": inject.text,
        "effects": [{"kind": e.kind, "args": dict(e.args)} for e in inject.effects],
    }
    return add_move(con, sid, turn, CONTROL, "inject", inject.audience, body)


def _turn_minutes(exercise: Exercise, asked: float | None) -> float | None:
    """A session's turn length: the one asked for, else the exercise's (None: no clock)."""
    minutes = exercise.turn_minutes if asked is None else asked
    if minutes is not None and not 0 < minutes <= 7 * 24 * 60:
        raise InputError.at(f"a turn lasts 0 to 10080 minutes, got {minutes:g}", field="minutes")
    return minutes


def fire_due(
    con: duckdb.DuckDBPyConnection,
    exercise: Exercise,
    sid: str,
    turn: int,
    done: Sequence[Move],
    minute: float | None,
) -> list[Move]:
    """Fire the MSEL injects of `turn` due by `minute` of playing time (None: all of the
    turn's) and not fired already; return their moves."""
    fired = {m.body.get("inject") for m in done if m.kind == "inject"}
    return [
        _inject_move(con, sid, turn, inject)
        for inject in exercise.injects
        if inject.turn == turn
        and inject.id not in fired
        and (minute is None or inject.minute <= minute)
    ]


def fire_scheduled(
    con: duckdb.DuckDBPyConnection, exercise: Exercise, sid: str, turn: int, done: Sequence[Move]
) -> list[str]:
    """Fire the MSEL injects of the start of `turn` not fired already; return their ids."""
    return [str(m.body["inject"]) for m in fire_due(con, exercise, sid, turn, done, 0.0)]


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicRole(AsDict):
    """What everyone may know of a role."""

    id: str
    name: str
    kind: str
    actor: str
    public_brief: str
    played_by: str  # "person" or "ai"


@dataclass(frozen=True)
class RoleBrief(AsDict):
    """A role's private brief and objectives (its own player and the facilitator only)."""

    role: str
    name: str
    public_brief: str
    private_brief: str
    objectives: tuple[Objective, ...]
    player: str | None


@dataclass(frozen=True)
class SessionView(AsDict):
    """A session as one identity sees it at the current turn (`injects`: the whole MSEL, for
    the facilitator only, so the console can fire any of them now; `decisions` the open
    decision points, `taken` those of the turn already answered that it may read)."""

    session_id: str
    title: str
    you: str
    turn: int
    turns: int
    date: dt.date
    status: str
    background: str
    roles: tuple[PublicRole, ...]
    briefs: tuple[RoleBrief, ...]
    tables: tuple[str, ...]
    decisions: tuple[dict[str, Any], ...]
    actions: tuple[MoveAction, ...]
    clock: ClockState
    injects: tuple[Inject, ...] = ()
    taken: tuple[dict[str, Any], ...] = ()


def session_clock(store: Store, a: Access) -> ClockState:
    """The clock of an opened session now."""
    row = clock_row(store.con, a.row.session_id) or ClockRow(a.row.turn, None, None, 0.0, None)
    return state_of(a.row.session_id, a.row.status, row, utc_now())


def _brief(access: Access, role: Role) -> RoleBrief:
    player = next((r.player for r in access.roles if r.role == role.id), None)
    return RoleBrief(
        role.id, role.name, role.public_brief, role.private_brief, role.objectives, player
    )


def session_view(store: Store, session_id: str, token: str) -> SessionView:
    """The session as `token` sees it: public roles, its own brief (every brief for the
    facilitator), its tables and its open decision points."""
    a = open_session(store, session_id, token)
    ex, turn = a.exercise, a.row.turn
    humans = a.humans()
    mine = [r for r in ex.roles if a.facilitator or r.id == a.role]
    done = moves(store.con, session_id)
    answered = {m.body.get("decision") for m in done if m.kind == "decide"}
    decisions = tuple(
        {
            "id": d.id,
            "role": d.role,
            "question": d.question,
            "options": [o.as_dict() for o in d.options],
        }
        for d in ex.decisions
        if d.turn == turn and d.id not in answered and (a.facilitator or d.role == a.role)
    )
    return SessionView(
        session_id,
        ex.title,
        a.you,
        turn,
        ex.turns,
        ex.date_of(min(turn, ex.turns)),
        a.row.status,
        ex.background,
        tuple(
            PublicRole(
                r.id, r.name, r.kind, r.actor, r.public_brief, "person" if r.id in humans else "ai"
            )
            for r in ex.roles
        ),
        tuple(_brief(a, r) for r in mine),
        tuple(t.id for t in ex.tables if a.facilitator or a.role in table_audience(t)),
        decisions,
        VOCABULARY,
        session_clock(store, a),
        ex.injects if a.facilitator else (),
        _taken(a, ex, done, turn),
    )


def _taken(a: Access, ex: Exercise, done: Sequence[Move], turn: int) -> tuple[dict[str, Any], ...]:
    """The decision points of `turn` already answered that the identity may read (its own,
    public ones, all for the facilitator): question, the option taken, its text, by whom."""
    last = {m.body.get("decision"): m for m in done if m.kind == "decide" and visible(a, m)}
    out = []
    for d in ex.decisions:
        m = last.get(d.id)
        if d.turn != turn or m is None:
            continue
        option = d.option(str(m.body["option"]))
        by = "control" if m.body.get("override") or m.body.get("default") else m.role
        out.append(
            {
                "id": d.id,
                "role": d.role,
                "question": d.question,
                "option": option.id,
                "text": option.text,
                "public": option.public,
                "by": by,
            }
        )
    return tuple(out)


def role_brief(store: Store, session_id: str, token: str, role: str) -> RoleBrief:
    """The private brief and objectives of `role`: its own player's and the facilitator's."""
    a = open_session(store, session_id, token)
    if not a.facilitator and a.role != role:
        raise AccessDeniedError(f"no brief of role {role!r} visible to you")
    try:
        return _brief(a, a.exercise.role(role))
    except KeyError:
        raise NotFoundError(f"no role {role!r} in session {session_id!r}") from None


@dataclass(frozen=True)
class Inbox(AsDict):
    """The moves an identity may read after `since`: messages, injects, agreements, actions."""

    session_id: str
    you: str
    turn: int
    moves: tuple[Move, ...]


def visible(access: Access, move: Move) -> bool:
    """Whether the identity of `access` may read `move`."""
    return access.facilitator or move.visible_to(str(access.role))


def inbox(store: Store, session_id: str, token: str, *, since: int = 0) -> Inbox:
    """Every move after `since` (a move's `seq`) the identity may read."""
    a = open_session(store, session_id, token)
    found = tuple(m for m in moves(store.con, session_id) if m.seq > since and visible(a, m))
    return Inbox(session_id, a.you, a.row.turn, found)


@dataclass(frozen=True)
class TableView(AsDict):
    """A table as an identity sees it: issues, parties (positions of its own party only, all
    for the facilitator), standing proposals, the agreement, and each party's latest visible
    answer to each standing proposal (an acceptance holds across turns until withdrawn)."""

    table: str
    title: str
    issues: tuple[dict[str, Any], ...]
    parties: tuple[dict[str, Any], ...]
    mediator: str | None
    standing: tuple[Proposal, ...]
    agreement: dict[str, float] | None
    agreed_turn: int | None
    answers: tuple[Move, ...]


def table_view(store: Store, session_id: str, token: str, table: str) -> TableView:
    """The table `table` for a party, its mediator or the facilitator."""
    a = open_session(store, session_id, token)
    t = _table(a, table)
    all_moves = moves(store.con, session_id)
    state = table_state(t, all_moves, a.row.turn)
    parties = tuple(
        p.as_dict() if a.facilitator or p.role == a.role else {"role": p.role} for p in t.parties
    )
    answers = tuple(
        m
        for m in standing_answers(t, state, [m for m in all_moves if m.turn <= a.row.turn])
        if visible(a, m)
    )
    return TableView(
        t.id,
        t.title,
        tuple(
            {"name": i.name, "low": i.low, "high": i.high, "description": i.description}
            for i in t.issues
        ),
        parties,
        t.mediator,
        state.standing,
        state.agreement,
        state.agreed_turn,
        answers,
    )


def _table(a: Access, table: str) -> Table:
    try:
        t = a.exercise.table(table)
    except KeyError:
        raise NotFoundError(f"no table {table!r} in session {a.row.session_id!r}") from None
    if not a.facilitator and a.role not in table_audience(t):
        raise AccessDeniedError(f"no table {table!r} visible to you")
    return t


# -- moves ------------------------------------------------------------------------------------


#: Most messages of one session (every inbox and the debrief carry them all: 5,000 messages of
#: 4,000 characters are 20 MB; a day's exercise of a dozen players sends a few hundred).
MAX_SESSION_MESSAGES = 5_000


def _record(
    store: Store, a: Access, kind: str, audience: tuple[str, ...], body: dict[str, Any]
) -> Move:
    with store.transaction() as con:
        return add_move(con, a.row.session_id, a.row.turn, a.role or CONTROL, kind, audience, body)


def send_message(store: Store, session_id: str, token: str, to: Sequence[str], text: str) -> Move:
    """Send `text` to roles `to` (bilateral or a group) or to everyone (`to` = ["public"]);
    the facilitator writes as control."""
    a = open_session(store, session_id, token)
    require_running(a)
    if not text.strip():
        raise InputError.at("a message needs text", field="text")
    if list(to) in (["public"], [ALL]):
        audience: tuple[str, ...] = (ALL,)
    else:
        known = {r.id for r in a.exercise.roles}
        for name in to:
            if name not in known:
                raise NotFoundError(f"no role {name!r} in session {session_id!r}")
        audience = tuple(dict.fromkeys(to))
    if not audience:
        raise InputError.at("a message needs at least one recipient", field="to")
    sent = first_int(
        store.con,
        "SELECT count(*) FROM exercise_moves WHERE session_id = ? AND kind = 'message'",
        [session_id],
    )
    if sent >= MAX_SESSION_MESSAGES:  # each up to 4,000 characters: inbox and debrief stay sized
        raise InputError.at(
            f"the session holds {sent:,} messages, the most one may hold", field="text"
        )
    return _record(store, a, "message", audience, {"text": text})


def act(store: Store, session_id: str, token: str, action: str, target: str) -> Move:
    """Take `action` (a name of the vocabulary) toward `target` (a role id or an actor code);
    public, and an event at adjudication."""
    a = open_session(store, session_id, token)
    require_running(a)
    if a.role is None:
        raise InputError.at("the facilitator acts through injects, not actions", field="token")
    try:
        move_action(action)
    except UnknownNameError as exc:  # a bad value in a valid request: 422 with the vocabulary
        names = ", ".join(v.name for v in VOCABULARY)
        raise InputError.at(f"{exc}; actions: {names}", field="action") from None
    me = a.exercise.role(a.role)
    roles = {r.id: r for r in a.exercise.roles}
    target_actor = roles[target].actor if target in roles else target
    if target_actor == me.actor:
        raise InputError.at("an action needs another actor as target", field="target")
    body = {"source": me.actor, "target": target_actor, "action": action}
    if target in roles:
        body["target_role"] = target
    return _record(store, a, "action", (ALL,), body)


def propose(
    store: Store, session_id: str, token: str, table: str, values: Mapping[str, float]
) -> Move:
    """Table a proposal (issue -> value, every issue within its bounds); it stands from the
    next turn on."""
    a = open_session(store, session_id, token)
    require_running(a)
    t = _table(a, table)
    if a.role is None:
        raise InputError.at("the facilitator does not sit at the tables", field="token")
    if table_state(t, moves(store.con, session_id), a.row.turn).agreement is not None:
        raise InputError.at(f"table {table!r} has reached an agreement", field="table")
    clean = checked_values(t, values)
    return _record(store, a, "propose", table_audience(t), {"table": t.id, "values": clean})


def checked_values(t: Table, values: Mapping[str, float]) -> dict[str, float]:
    """A value for every issue of table `t`, each within its bounds (rounded), else
    `InputError` naming the issue."""
    clean: dict[str, float] = {}
    for issue in t.issues:
        if issue.name not in values:
            raise InputError.at(f"missing issue {issue.name!r}", field=f"values.{issue.name}")
        v = float(values[issue.name])
        if not issue.low <= v <= issue.high:
            raise InputError.at(
                f"{v} is outside [{issue.low:g}, {issue.high:g}]", field=f"values.{issue.name}"
            )
        clean[issue.name] = round(v, 4)
    extra = set(values) - set(clean)
    if extra:
        raise InputError.at(f"unknown issue {sorted(extra)[0]!r}", field="values")
    return clean


def respond(
    store: Store, session_id: str, token: str, table: str, proposal: int, accept: bool
) -> Move:
    """Accept or reject the standing proposal `proposal` (its `seq`) at `table` (parties only)."""
    a = open_session(store, session_id, token)
    require_running(a)
    t = _table(a, table)
    if a.role not in t.roles:
        raise AccessDeniedError(f"only the parties of {table!r} answer its proposals")
    state = table_state(t, moves(store.con, session_id), a.row.turn)
    if proposal not in {p.seq for p in state.standing}:
        raise NotFoundError(
            f"no standing proposal {proposal} at table {table!r} (a proposal stands from the "
            "turn after it is made, until its party makes another; the table's view lists them)"
        )
    return _record(
        store,
        a,
        "accept" if accept else "reject",
        table_audience(t),
        {"table": t.id, "proposal": proposal},
    )


def decide(store: Store, session_id: str, token: str, decision: str, option: str) -> Move:
    """Answer the decision point `decision` (the role it is put to, in its turn) with `option`."""
    a = open_session(store, session_id, token)
    require_running(a)
    if a.facilitator:
        raise InputError.at(
            "the facilitator answers a decision point in its role's place with an override: "
            "POST .../override {decision, option, note}",
            field="token",
        )
    try:
        d = a.exercise.decision(decision)
    except KeyError:
        # the same answer as for another role's decision: its ids are that role's business
        raise AccessDeniedError(f"no decision {decision!r} visible to you") from None
    if a.role != d.role:
        raise AccessDeniedError(f"no decision {decision!r} visible to you")
    if d.turn != a.row.turn:
        raise InputError.at(f"decision {decision!r} is taken in turn {d.turn}", field="decision")
    if any(
        m.kind == "decide" and m.body.get("decision") == d.id for m in moves(store.con, session_id)
    ):
        raise InputError.at(f"decision {decision!r} is answered already", field="decision")
    try:
        body = decide_body(d, option)
    except KeyError:
        raise NotFoundError(f"decision {decision!r} has no option {option!r}") from None
    return _record(store, a, "decide", decision_audience(d, option), body)


def fire_inject(
    store: Store,
    session_id: str,
    token: str,
    *,
    inject: str | None = None,
    text: str | None = None,
    audience: Sequence[str] = (ALL,),
    channel: str = "message",
) -> Move:
    """Fire an MSEL inject now (by id), or a new one written on the spot (facilitator only)."""
    a = open_session(store, session_id, token)
    require_facilitator(a, "fire injects")
    require_running(a)
    if inject is not None:
        found = [i for i in a.exercise.injects if i.id == inject]
        if not found:
            raise NotFoundError(f"no inject {inject!r} in the exercise")
        with store.transaction() as con:
            return _inject_move(con, session_id, a.row.turn, found[0])
    if not text:
        raise InputError.at("an inject needs an id or a text", field="inject")
    if tuple(audience) not in ((ALL,), ("public",)):
        known = {r.id for r in a.exercise.roles}
        for name in audience:
            if name not in known:
                raise NotFoundError(f"no role {name!r} in session {session_id!r}")
    else:
        audience = (ALL,)
    made = Inject(f"control-{a.row.turn}", a.row.turn, channel, tuple(audience), text)
    with store.transaction() as con:
        return _inject_move(con, session_id, a.row.turn, made)


@dataclass(frozen=True)
class RoleSeat(AsDict):
    """Who plays a role now (None: its AI counterpart)."""

    role: str
    player: str | None


def seat(store: Store, session_id: str, token: str, role: str, player: str | None) -> RoleSeat:
    """Give `role` to `player`, or back to the AI with None (facilitator only)."""
    a = open_session(store, session_id, token)
    require_facilitator(a, "assign roles")
    if role not in {r.id for r in a.exercise.roles}:
        raise NotFoundError(f"no role {role!r} in session {session_id!r}")
    with store.transaction() as con:
        set_player(con, session_id, role, player)
        add_move(
            con,
            session_id,
            a.row.turn,
            CONTROL,
            "player",
            (CONTROL,),
            {"role": role, "player": player},
        )
    return RoleSeat(role, player)


@dataclass(frozen=True)
class SessionSummary(AsDict):
    """A stored session as a list shows it (no tokens, no briefs)."""

    session_id: str
    exercise: str
    title: str
    turn: int
    status: str


def list_sessions(store: Store) -> tuple[SessionSummary, ...]:
    """Every session in the store (public facts only); none when no session was ever
    started in it (nothing is created: a read)."""
    if not _readable(store):
        return ()
    return tuple(
        SessionSummary(r.session_id, r.exercise, r.title, r.turn, r.status)
        for r in session_rows(store.con)
    )


def turn_rng(seed: int, turn: int) -> np.random.Generator:
    """The AI counterparts' generator of a turn (independent of the world's stream)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1, turn)))


def planned_moves(a: Access, engine: Engine, done: Sequence[Move]) -> list[Planned]:
    """The AI moves and the defaults of unanswered decisions of the current turn."""
    turn = a.row.turn
    ai = frozenset(r.id for r in a.exercise.roles) - a.humans()
    planned = ai_moves(a.exercise, engine, done, turn, ai, turn_rng(a.row.seed, turn))
    answered = {m.body.get("decision") for m in done if m.kind == "decide"}
    answered |= {p.body.get("decision") for p in planned if p.kind == "decide"}
    for d in a.exercise.decisions:
        if d.turn == turn and d.id not in answered:
            body = decide_body(d, d.default, default=True)
            planned.append(Planned(CONTROL, "decide", decision_audience(d, d.default), body))
    return planned
