"""`POST /api/cli`: run an `accord` command for a CLI client on this server's store.

While `accord serve` holds a store, no other process can open it, so the CLI sends a command on
that store here (`accord.cli.remote.forward`) and this server runs it, in a thread of its own,
with the runner that `accord serve` installs (`install`; the API does not import the CLI). The
answer streams the command's output as it comes, one JSON object a line: `{"out": text}`,
`{"err": text}`, then `{"exit": status}`. Only this machine may ask (loopback clients), with the
token the server wrote beside the store (`accord.store.discovery`); a browser page of another
site is refused by the origin guard like any write. A client that goes away (Ctrl+C) interrupts
its command. Not part of the public API schema: it is the CLI's own channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import hmac
import json
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

router = APIRouter(prefix="/api", tags=["service"])

#: Runs a forwarded command (the request's JSON) and sends its output through `emit(stream,
#: text)`; its exit status.
Runner = Callable[[dict[str, Any], Callable[[str, str], None]], int]

#: Client addresses allowed to run commands: this machine only.
LOOPBACK = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


class TerminalIn(BaseModel):
    """What one of the client's output streams is: a terminal or not, colours, size."""

    is_terminal: bool = False
    color_system: str | None = Field(None, pattern="^(standard|256|truecolor|windows)$")
    width: int | None = Field(None, ge=10, le=2000)
    height: int | None = Field(None, ge=1, le=2000)


class CliRequest(BaseModel):
    """A command to run: `accord` argv, the client's working directory and terminal."""

    argv: list[str] = Field(max_length=10_000)
    cwd: str
    terminal: dict[str, TerminalIn]


def install(app: FastAPI, runner: Runner, token: str, clients: frozenset[str] = LOOPBACK) -> None:
    """Serve `POST /api/cli` on `app`, running commands with `runner` for `clients` that show
    `token` (`accord serve` calls this; an app without it answers 404)."""
    app.state.cli_runner = runner
    app.state.cli_token = token
    app.state.cli_clients = clients
    app.include_router(router)


def _check(request: Request) -> Runner:
    """The runner, when this client may use it (else 403 or 401)."""
    state = request.app.state
    runner: Runner | None = getattr(state, "cli_runner", None)
    if runner is None:
        raise HTTPException(404, "this server runs no commands for the CLI")
    host = request.client.host if request.client is not None else ""
    if host not in state.cli_clients:
        raise HTTPException(403, "commands are run for clients on this machine only")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), str(state.cli_token).encode()
    ):
        raise HTTPException(401, "this endpoint needs the token the server wrote beside the store")
    return runner


@router.post("/cli", include_in_schema=False)
async def run_cli(body: CliRequest, request: Request) -> StreamingResponse:
    """Run the command and stream its output lines (see the module's docstring)."""
    runner = _check(request)
    payload = body.model_dump()
    payload["terminal"] = {name: payload["terminal"].get(name, {}) for name in ("stdout", "stderr")}
    return StreamingResponse(_run(runner, payload), media_type="application/x-ndjson")


async def _run(runner: Runner, payload: dict[str, Any]) -> AsyncIterator[str]:
    """Run the command in a thread and yield its output lines; interrupt it if we stop early."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def put(item: dict[str, Any]) -> None:
        with contextlib.suppress(RuntimeError):  # the server is stopping: nobody reads any more
            loop.call_soon_threadsafe(queue.put_nowait, item)

    def work() -> None:
        status = 1
        try:
            status = runner(payload, lambda stream, text: put({stream: text}))
        finally:
            put({"exit": status})

    thread = threading.Thread(target=work, name="accord-cli", daemon=True)
    thread.start()
    finished = False
    try:
        while not finished:
            item = await queue.get()
            finished = "exit" in item
            yield json.dumps(item, ensure_ascii=False) + "\n"
    finally:
        if not finished:
            _interrupt(thread)


def _interrupt(thread: threading.Thread) -> None:
    """Raise KeyboardInterrupt in a command's thread still running (its client went away)."""
    if thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(KeyboardInterrupt)
        )
