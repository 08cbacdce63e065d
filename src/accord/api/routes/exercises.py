"""`/api/exercises`: the shipped exercises, and sessions played over HTTP with live updates.

Starting a session is a write like any other (origin check, the server's token when it has
one). Everything under `/api/exercises/sessions/{sid}/` is done with a session token instead:
the facilitator's or a role's invite, sent as `Authorization: Bearer <token>` or `?token=`
(an EventSource cannot set headers). A token sees and does what `accord.exercises.session`
lets it: a wrong token, another role's brief or a private message is a 404 exactly like
something that does not exist; no token at all is a 403. Every answer is the core result
dataclass (`as_dict()`), as the CLI's `--json` prints it.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from pathlib import Path as FilePath
from typing import Annotated, Any, TypeVar

from anyio import to_thread
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from pydantic import BaseModel, BeforeValidator, Field, StrictBool, field_validator

from accord.api.exercise_live import SessionHub, announce_turn, sse, sync
from accord.api.problems import ApiError, ErrorOut, ProblemOut
from accord.api.routes.alerts_stream import KEEPALIVE
from accord.api.security import Writer
from accord.api.services import Services, Svc
from accord.errors import UnknownNameError
from accord.exercises import (
    EXERCISE_DIR,
    ClockState,
    Debrief,
    ExerciseList,
    ExerciseOutline,
    Inbox,
    Move,
    RoleBrief,
    RoleSeat,
    SessionStarted,
    SessionSummary,
    SessionView,
    TableView,
    TurnReport,
    act,
    advance,
    clock_state,
    debrief,
    decide,
    extend,
    fire_inject,
    inbox,
    list_exercises,
    list_sessions,
    outline_exercise,
    override,
    pause,
    propose,
    render_html,
    respond,
    resume,
    role_brief,
    seat,
    send_message,
    session_view,
    start_session,
    table_view,
)
from accord.exercises.session import Access, facilitator_token, open_session, visible
from accord.exercises.store_io import ENDED, moves
from accord.store import Store

router = APIRouter(
    prefix="/api/exercises",
    tags=["exercises"],
    responses={403: {"model": ErrorOut, "description": "No session token was sent."}},
)

#: The exercises that ship with Accord (`exercises/` at the project root).
#: How the API names a shipped exercise's file in answers (never a server path).
SHOWN_DIR = "exercises"

NAME = r"^[a-z0-9][a-z0-9-]{0,63}$"
ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
SessionId = Annotated[str, Path(pattern=ID, description="The session's id.")]
IdPath = Annotated[str, Path(pattern=ID)]
TokenQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        description="The session token, for clients that cannot send "
        "`Authorization: Bearer <token>` (an EventSource).",
    ),
]
T = TypeVar("T")


def _no_bool(value: Any) -> Any:
    """Let no JSON `true`/`false` pass as a number (pydantic would read `false` as 0)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    return value


Int = Annotated[int, BeforeValidator(_no_bool)]
Num = Annotated[float, BeforeValidator(_no_bool)]


def session_token(request: Request, token: TokenQuery = None) -> str:
    """The session token of a request: `?token=` or the bearer token; 403 without one."""
    if token:
        return token
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    raise ApiError(
        403,
        "session token needed",
        [
            ProblemOut(
                message="send the session token as 'Authorization: Bearer <token>' or ?token=",
                field="token",
            )
        ],
    )


Token = Annotated[str, Depends(session_token)]


def hub_of(request: Request) -> SessionHub:
    """The app's session hub."""
    hub: SessionHub = request.app.state.exercise_hub
    return hub


def _read(svc: Services, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a session operation that only reads, on this thread's own connection
    (`Services.reader`): it never waits for a write holding the store, such as an ingest."""
    return fn(svc.reader(), *args, **kwargs)


def _locked(svc: Services, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a session operation that writes, holding the store."""
    with svc.locked_store() as store:
        return fn(store, *args, **kwargs)


def _write(
    request: Request, svc: Services, sid: str, fn: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    """Run a session operation that writes, then announce its moves to the streams."""
    out = _locked(svc, fn, sid, *args, **kwargs)
    sync(svc, hub_of(request), sid)
    return out


# -- the shipped exercises ----------------------------------------------------------------------


def shipped_exercise(name: str) -> FilePath:
    """The file of the shipped exercise `name`; `UnknownNameError` (404) naming the others."""
    by_name = {p.stem: p for p in sorted(EXERCISE_DIR.glob("*.yaml"))}
    if name not in by_name:
        raise UnknownNameError("exercise", name, sorted(by_name))
    return by_name[name]


def _shown(listing: ExerciseList) -> ExerciseList:
    found = tuple(
        dataclasses.replace(e, file=f"{SHOWN_DIR}/{FilePath(e.file).name}")
        for e in listing.exercises
    )
    return ExerciseList(found, listing.sessions)


@router.get("")
def exercises(svc: Svc) -> ExerciseList:
    """The shipped exercises and the store's sessions (as `accord exercise list --json`)."""
    return _shown(list_exercises(EXERCISE_DIR, svc.reader()))


@router.get("/sessions")
def sessions(svc: Svc) -> list[SessionSummary]:
    """Every session in the store: public facts only, no tokens."""
    return list(_read(svc, list_sessions))


@router.get("/{name}")
def exercise(name: Annotated[str, Path(pattern=NAME)]) -> ExerciseOutline:
    """A shipped exercise as everyone may read it: title, background, the roles' public
    briefs, the tables and turns (no private brief, objective or MSEL)."""
    path = shipped_exercise(name)
    return dataclasses.replace(outline_exercise(path), file=f"{SHOWN_DIR}/{path.name}")


class StartRequest(BaseModel):
    exercise: str = Field(pattern=NAME, examples=["south-china-sea"])
    players: dict[str, Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=dict, description="Role id -> player name; other roles are AI."
    )
    seed: int | None = Field(default=None, strict=True, ge=0, le=2**32 - 1)
    turn_minutes: float | None = Field(default=None, ge=0.01, le=7 * 24 * 60)

    _numbers = field_validator("seed", "turn_minutes", mode="before")(_no_bool)


@router.post("/sessions", status_code=201, dependencies=[Writer])
def start(request: Request, svc: Svc, body: StartRequest) -> SessionStarted:
    """Start a session of a shipped exercise: the facilitator's token and one invite link per
    role (hand each only to its player)."""
    path = shipped_exercise(body.exercise)
    started = _locked(
        svc, start_session, path, seed=body.seed, players=body.players,
        turn_minutes=body.turn_minutes,
    )  # fmt: skip
    sync(svc, hub_of(request), started.session_id)
    return started


# -- reading a session ----------------------------------------------------------------------------


@router.get("/sessions/{sid}")
def view(svc: Svc, sid: SessionId, token: Token) -> SessionView:
    """The session as the token sees it, with its clock."""
    return _read(svc, session_view, sid, token)


@router.get("/sessions/{sid}/clock")
def clock(svc: Svc, sid: SessionId, token: Token) -> ClockState:
    """The session's clock: turn, status, deadline and seconds left."""
    return _read(svc, clock_state, sid, token)


@router.get("/sessions/{sid}/roles/{role}")
def brief(svc: Svc, sid: SessionId, role: IdPath, token: Token) -> RoleBrief:
    """A role's private brief and objectives (its own player and the facilitator)."""
    return _read(svc, role_brief, sid, token, role)


@router.get("/sessions/{sid}/inbox")
def read_inbox(
    svc: Svc, sid: SessionId, token: Token, since: Annotated[int, Query(ge=0)] = 0
) -> Inbox:
    """The moves the token may read after move number `since`."""
    return _read(svc, inbox, sid, token, since=since)


@router.get("/sessions/{sid}/tables/{table}")
def table(svc: Svc, sid: SessionId, table: IdPath, token: Token) -> TableView:
    """A table for a party, its mediator or the facilitator."""
    return _read(svc, table_view, sid, token, table)


# -- moves ----------------------------------------------------------------------------------------

Text = Annotated[str, Field(min_length=1, max_length=4000)]
RoleId = Annotated[str, Field(min_length=1, max_length=64)]


class MessageRequest(BaseModel):
    to: list[RoleId] = Field(min_length=1, max_length=64, examples=[["CHN"], ["public"]])
    text: Text


class ActionRequest(BaseModel):
    action: str = Field(min_length=1, max_length=64, examples=["consult"])
    target: RoleId


class ProposalRequest(BaseModel):
    values: dict[str, Num] = Field(description="Issue -> value within its bounds.")


class ResponseRequest(BaseModel):
    proposal: Int = Field(ge=1, description="The standing proposal's move number.")
    accept: StrictBool


class DecisionRequest(BaseModel):
    option: str = Field(min_length=1, max_length=64)


class SeatRequest(BaseModel):
    role: RoleId
    player: str | None = Field(default=None, max_length=80)


@router.post("/sessions/{sid}/messages", status_code=201)
def message(request: Request, svc: Svc, sid: SessionId, token: Token, body: MessageRequest) -> Move:
    """Send a message to roles, or to everyone with `to: ["public"]` (the facilitator writes
    as control)."""
    return _write(request, svc, sid, send_message, token, body.to, body.text)


@router.post("/sessions/{sid}/actions", status_code=201)
def action(request: Request, svc: Svc, sid: SessionId, token: Token, body: ActionRequest) -> Move:
    """Take an action of the vocabulary toward a role or an actor."""
    return _write(request, svc, sid, act, token, body.action, body.target)


@router.post("/sessions/{sid}/tables/{table}/proposals", status_code=201)
def proposal(
    request: Request, svc: Svc, sid: SessionId, table: IdPath, token: Token, body: ProposalRequest
) -> Move:
    """Table a proposal at a table (parties and its mediator)."""
    return _write(request, svc, sid, propose, token, table, body.values)


@router.post("/sessions/{sid}/tables/{table}/responses", status_code=201)
def response(
    request: Request, svc: Svc, sid: SessionId, table: IdPath, token: Token, body: ResponseRequest
) -> Move:
    """Accept or reject a standing proposal (parties only)."""
    return _write(request, svc, sid, respond, token, table, body.proposal, body.accept)


@router.post("/sessions/{sid}/decisions/{decision}", status_code=201)
def decision(
    request: Request,
    svc: Svc,
    sid: SessionId,
    decision: IdPath,
    token: Token,
    body: DecisionRequest,
) -> Move:
    """Answer a decision point put to the token's role."""
    return _write(request, svc, sid, decide, token, decision, body.option)


@router.post("/sessions/{sid}/seats")
def seat_role(
    request: Request, svc: Svc, sid: SessionId, token: Token, body: SeatRequest
) -> RoleSeat:
    """Give a role to a player, or back to the AI with `player: null` (facilitator)."""
    return _write(request, svc, sid, seat, token, body.role, body.player)


# -- the facilitator's controls ------------------------------------------------------------------


class InjectRequest(BaseModel):
    id: str | None = Field(default=None, max_length=64, description="An MSEL inject to fire now.")
    text: str | None = Field(default=None, min_length=1, max_length=4000)
    audience: list[RoleId] = Field(default_factory=lambda: ["*"], max_length=64)
    channel: str = Field(default="message", pattern=r"^(news|cable|message)$")


class ExtendRequest(BaseModel):
    minutes: Num = Field(ge=-10080, le=10080, description="Minutes more (negative: fewer).")


class OverrideRequest(BaseModel):
    table: str | None = Field(default=None, max_length=64)
    values: dict[str, Num] | None = None
    decision: str | None = Field(default=None, max_length=64)
    option: str | None = Field(default=None, max_length=64)
    note: str = Field(default="", max_length=400)


@router.post("/sessions/{sid}/advance")
def advance_turn(request: Request, svc: Svc, sid: SessionId, token: Token) -> TurnReport:
    """Adjudicate the current turn and open the next (facilitator)."""
    report = _write(request, svc, sid, advance, token)
    announce_turn(hub_of(request), report)
    return report


@router.post("/sessions/{sid}/injects", status_code=201)
def inject(request: Request, svc: Svc, sid: SessionId, token: Token, body: InjectRequest) -> Move:
    """Fire an MSEL inject now (`id`), or one written on the spot (`text`, `audience`,
    `channel`) (facilitator)."""
    return _write(
        request, svc, sid, fire_inject, token,
        inject=body.id, text=body.text, audience=body.audience, channel=body.channel,
    )  # fmt: skip


def _clock_change(
    request: Request, svc: Svc, sid: str, fn: Callable[..., ClockState], *args: Any
) -> ClockState:
    state = _locked(svc, fn, sid, *args)
    hub_of(request).note(sid, "clock", state.as_dict())
    return state


@router.post("/sessions/{sid}/pause")
def pause_clock(request: Request, svc: Svc, sid: SessionId, token: Token) -> ClockState:
    """Stop the clock; moves wait until resume (facilitator)."""
    return _clock_change(request, svc, sid, pause, token)


@router.post("/sessions/{sid}/resume")
def resume_clock(request: Request, svc: Svc, sid: SessionId, token: Token) -> ClockState:
    """Start the clock again (facilitator)."""
    return _clock_change(request, svc, sid, resume, token)


@router.post("/sessions/{sid}/extend")
def extend_clock(
    request: Request, svc: Svc, sid: SessionId, token: Token, body: ExtendRequest
) -> ClockState:
    """Give the current turn more (or fewer) minutes (facilitator)."""
    return _clock_change(request, svc, sid, extend, token, body.minutes)


@router.post("/sessions/{sid}/override", status_code=201)
def override_outcome(
    request: Request, svc: Svc, sid: SessionId, token: Token, body: OverrideRequest
) -> Move:
    """Override an outcome as control: set a table's agreement (`table`, `values`) or a
    decision's option (`decision`, `option`) (facilitator)."""
    return _write(
        request, svc, sid, override, token,
        table=body.table, values=body.values, decision=body.decision, option=body.option,
        note=body.note,
    )  # fmt: skip


# -- debrief ------------------------------------------------------------------------------------


def _debrief(store: Store, sid: str, token: str) -> Debrief:
    """The debrief for the facilitator, or for any player of a session that has ended."""
    a = open_session(store, sid, token)
    if not a.facilitator and a.row.status == ENDED:
        token = facilitator_token(store, sid)
    return debrief(store, sid, token)


@router.get("/sessions/{sid}/debrief")
def debrief_json(svc: Svc, sid: SessionId, token: Token) -> Debrief:
    """The after-action review (facilitator; every player once the session has ended)."""
    return _read(svc, _debrief, sid, token)


#: The policy of the debrief page: its own inline CSS and SVG only (it has no script).
DEBRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


@router.get(
    "/sessions/{sid}/debrief.html",
    response_class=Response,  # errors are JSON; the page is documented below
    responses={200: {"content": {"text/html": {}}, "description": "The report."}},
)
def debrief_html(
    svc: Svc,
    sid: SessionId,
    token: Token,
    download: Annotated[bool, Query(description="Save as a file instead of showing it.")] = False,
) -> Response:
    """The after-action review as one self-contained HTML file (opens offline): shown in the
    browser, or saved with `download=true`."""
    report = _read(svc, _debrief, sid, token)
    disposition = "attachment" if download else "inline"
    headers = {
        "Content-Disposition": f'{disposition}; filename="{sid}-debrief.html"',
        "Content-Security-Policy": DEBRIEF_CSP,
    }
    return HTMLResponse(render_html(report), headers=headers)


# -- the live stream ----------------------------------------------------------------------------

_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `event: move` (id = the move number, data: the "
        "`Move`), `event: clock` (a `ClockState`), `event: turn` (a `TurnReport`).",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


def _last_seen(request: Request, since: int | None) -> int | None:
    """The move number the client saw last: `Last-Event-ID` (a reconnection), else `since`."""
    raw = request.headers.get("last-event-id", "")
    return int(raw) if raw.isdigit() else since


def _opened(svc: Services, sid: str, token: str) -> Access:
    """The session as the token may see it (a read: it never waits for a write)."""
    return open_session(svc.reader(), sid, token)


def _missed(
    svc: Services, a: Access, token: str, after: int | None
) -> tuple[list[Move], ClockState]:
    """The visible moves after `after` (none when None) and the clock now."""
    sid = a.row.session_id
    store = svc.reader()
    found = [] if after is None else moves(store.con, sid, since=after)
    return [m for m in found if visible(a, m)], clock_state(store, sid, token)


@router.get("/sessions/{sid}/stream", response_class=StreamingResponse, responses=_STREAM_DOC)
async def stream(
    request: Request,
    svc: Svc,
    sid: SessionId,
    token: Token,
    since: Annotated[
        int | None, Query(ge=0, description="Send the moves after this one first.")
    ] = None,
) -> StreamingResponse:
    """What the token may see, live: each new visible move, clock changes and adjudicated
    turns; a client reconnecting with `Last-Event-ID` (or `?since=N`) first gets the moves
    after that one."""
    hub = hub_of(request)
    a = await to_thread.run_sync(_opened, svc, sid, token)  # 404 before the hub knows the id
    await to_thread.run_sync(sync, svc, hub, sid)  # where a first stream's announcements start
    listener, drop = hub.subscribe(sid, a)  # before reading the store: nothing falls between
    after = _last_seen(request, since)
    try:
        missed, state = await to_thread.run_sync(_missed, svc, a, token, after)
        await to_thread.run_sync(sync, svc, hub, sid)
    except BaseException:
        drop()
        raise
    sent = max((m.seq for m in missed), default=after or 0)

    async def events() -> AsyncIterator[str]:
        nonlocal sent
        try:
            yield "retry: 3000\n: connected\n\n"
            yield sse(None, "clock", state.as_dict())
            for m in missed:
                yield sse(m.seq, "move", m.as_dict())
            while not await request.is_disconnected():
                try:
                    number, text = await asyncio.wait_for(listener.queue.get(), KEEPALIVE)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                if number is not None:
                    if number <= sent:
                        continue
                    sent = number
                yield text
        finally:
            drop()

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)
