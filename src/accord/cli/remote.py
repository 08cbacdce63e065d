"""The CLI beside a running server: a command on a store that `accord serve` holds runs there.

DuckDB lets one process at a time write a store file, and `accord serve` keeps its store open.
So when a command's `--db` names a store that a live server announces
(`accord.store.discovery`), the command does not open the file: `main` sends its argv, working
directory and terminal to the server (`forward`, `POST /api/cli` with the server's local token),
the server runs the very same command in a thread of its own against the store it holds
(`run_forwarded`), and its stdout, stderr and exit status come back as they are produced, so
tables, `--json` output, progress bars and errors read exactly as from a local run. The server's
write lock (`accord.store.database.write_lock`) serialises the writes of every client.

The server runs each command in a thread with its own working directory (Linux: the thread
unshares its filesystem context), so relative paths mean what they mean to the client. Ctrl+C
in the client closes the request, and the server interrupts the command (a transaction under
way is rolled back). The API side is `accord.api.routes.cli_forward`.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from accord.cli.common import FORWARDED_DB, err_console, new_consoles, routed, terminal_of_consoles

if TYPE_CHECKING:
    from accord.store.discovery import ServerRecord

#: Seconds a client waits for a server that is starting (its process alive, not yet listening).
STARTUP_WAIT = 60.0

#: Where the API serves forwarded commands.
CLI_PATH = "/api/cli"


# -- the client ------------------------------------------------------------------------------
def forward(server: ServerRecord, argv: list[str]) -> int:
    """Run `accord argv` through `server`: its output here as it comes; its exit status."""
    import httpx

    payload = {"argv": argv, "cwd": os.getcwd(), "terminal": terminal_of_consoles()}
    headers = {"Authorization": f"Bearer {server.token}"}
    started = time.monotonic()
    waiting = False
    with httpx.Client(timeout=httpx.Timeout(10.0, read=None)) as client:
        while True:
            try:
                with client.stream(
                    "POST", server.url + CLI_PATH, json=payload, headers=headers
                ) as answer:
                    return _relay(server, answer)
            except httpx.ConnectError as exc:  # a server starting: its process is alive
                if time.monotonic() - started > STARTUP_WAIT:
                    return _unreachable(server, exc)
                if not waiting:
                    err_console.print(f"waiting for the Accord server at {server.url} to start")
                    waiting = True
                time.sleep(0.2)
            except httpx.TransportError as exc:
                return _unreachable(server, exc)
            except KeyboardInterrupt:
                return 130
            except BrokenPipeError:  # `| head` closed the pipe: stop quietly, as a local run
                _silence_stdout()
                return 1


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit does not fail again on the
    closed pipe (the request is closed, and the server interrupts the command)."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stdout.fileno())
    finally:
        os.close(null)


def _relay(server: ServerRecord, answer: Any) -> int:
    """Copy a forwarded command's output lines to this process's stdout and stderr."""
    if answer.status_code != 200:
        answer.read()
        try:
            problems = answer.json().get("problems", [])
            detail = "; ".join(str(p.get("message")) for p in problems) or answer.text
        except ValueError:
            detail = answer.text
        err_console.print(
            f"[bold red]error:[/] the Accord server at {server.url}, which holds the store, "
            f"refused the command ({answer.status_code}): {detail}",
            highlight=False,
        )
        return 1
    for line in answer.iter_lines():
        if not line:
            continue
        message = json.loads(line)
        if "exit" in message:
            return int(message["exit"])
        stream = sys.stdout if "out" in message else sys.stderr
        stream.write(message.get("out", message.get("err", "")))
        stream.flush()
    err_console.print(
        f"[bold red]error:[/] the Accord server at {server.url} stopped before the command "
        "finished; what it had written is kept",
        highlight=False,
    )
    return 1


def _unreachable(server: ServerRecord, exc: Exception) -> int:
    err_console.print(
        f"[bold red]error:[/] the store {server.db} is held by the Accord server at "
        f"{server.url} (process {server.pid}), which does not answer: {exc}",
        highlight=False,
    )
    return 1


# -- the server ------------------------------------------------------------------------------
#: Where `sys.stdout` and `sys.stderr` write in this context (a forwarded command's sinks).
_STREAMS: ContextVar[tuple[TextIO, TextIO] | None] = ContextVar("accord_streams", default=None)


class _Sink(io.TextIOBase):
    """A text file sending what is written to one stream of a forwarded command's client."""

    def __init__(self, name: str, emit: Callable[[str, str], None], terminal: bool) -> None:
        self._name = name
        self._emit = emit
        self._terminal = terminal

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "strict"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._terminal

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("a forwarded command's output takes text")
        if text:
            self._emit(self._name, text)
        return len(text)


class _RoutedStream(io.TextIOBase):
    """`sys.stdout` or `sys.stderr` of a server: a forwarded command's sink in its context,
    else the stream it replaced."""

    def __init__(self, index: int, default: TextIO) -> None:
        self._index = index
        self.default = default

    def current(self) -> TextIO:
        streams = _STREAMS.get()
        return self.default if streams is None else streams[self._index]

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(self.current().encoding)

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        errors = self.current().errors
        return None if errors is None else str(errors)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.current().isatty()

    def fileno(self) -> int:
        return self.current().fileno()

    def write(self, text: str) -> int:
        return self.current().write(text)

    def flush(self) -> None:
        self.current().flush()


def _route_std_streams() -> None:
    """Make `sys.stdout` and `sys.stderr` follow the running forwarded command (once)."""
    if not isinstance(sys.stdout, _RoutedStream):
        sys.stdout = _RoutedStream(0, sys.stdout)
    if not isinstance(sys.stderr, _RoutedStream):
        sys.stderr = _RoutedStream(1, sys.stderr)


def _own_working_directory(cwd: str) -> bool:
    """Give this thread its own working directory `cwd` (Linux: unshare the filesystem
    context); False where the platform cannot, and then paths stay the server's."""
    if not sys.platform.startswith("linux") or not Path(cwd).is_dir():
        return False
    clone_fs = 0x00000200
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(clone_fs) != 0:
        return False
    os.chdir(cwd)
    return True


def run_forwarded(request: dict[str, Any], emit: Callable[[str, str], None], db: Path) -> int:
    """Run the command a client forwarded (`forward`'s payload) in this thread against store
    `db`, its output sent through `emit(stream, text)`; its exit status. Called by the API in a
    thread of its own for each command."""
    from typer.main import get_command

    from accord.cli.main import app

    terminal = request["terminal"]
    out = _Sink("out", emit, bool(terminal["stdout"].get("is_terminal")))
    err = _Sink("err", emit, bool(terminal["stderr"].get("is_terminal")))
    _own_working_directory(str(request.get("cwd", "")))
    _route_std_streams()
    streams = _STREAMS.set((cast(TextIO, out), cast(TextIO, err)))
    forwarded = FORWARDED_DB.set(db)
    try:
        with routed(*new_consoles(out, err, terminal=terminal)):
            return _invoke(lambda: get_command(app).main(list(request["argv"]), "accord"), err)
    finally:
        FORWARDED_DB.reset(forwarded)
        _STREAMS.reset(streams)


def _invoke(command: Callable[[], Any], err: _Sink) -> int:
    """Run a Click command in standalone mode; its exit status (1 and a traceback on a bug)."""
    try:
        command()
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
    except Exception:
        err.write(traceback.format_exc())
        return 1
    return 0


@contextlib.contextmanager
def announced(db: Path, url: str, token: str) -> Iterator[None]:
    """Announce this server of `db` beside it (`accord.store.discovery`) for the block."""
    from accord.store.discovery import announce, withdraw

    announce(db, url, token)
    # uvicorn stops on SIGTERM, then raises it again with the handler it found: make that an
    # exit through this block, so the record goes with the server
    before = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        withdraw(db)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, before)


def _exit_on_signal(number: int, frame: Any) -> None:
    raise SystemExit(128 + number)
