"""Pieces every command group shares: the `--db` option, JSON output, error reporting.

The conventions every command follows (tests/test_cli_conventions.py checks them):
- exit status 0 on success, 1 for bad input or any `AccordError` (a message on stderr naming the
  file, line and field when known, never a traceback), 2 for usage errors found by Typer;
- machine-readable output through `--json` and `print_json`;
- a file or directory the command writes is `-o/--output` (`output_option`);
- a command that reads or writes the store takes `--db` (`db_option`); a store the command
  creates is filled at once with the default world and the curated timeline (`fill_store`);
- help pages show a flag as a flag (no `<bool>`), tables keep numbers whole at 80 columns
  (`number_column`);
- output goes through `console`, `err_console`, `print_json` and `progress_bar`, which print
  wherever the running command's output belongs: this process's terminal, or the client's when
  a server runs the command for it (`accord.cli.remote`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar, cast

import typer
from rich.console import Console
from typer import rich_utils
from typer.core import TyperOption

from accord.errors import AccordError, InputError, StoreError

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn
    from rich.table import Table

    from accord.events import IngestReport
    from accord.store import Store
    from accord.store.discovery import ServerRecord

P = ParamSpec("P")
T = TypeVar("T")

#: The consoles of the command running in this context when a server runs it for a client
#: (`routed`); None: this process's own stdout and stderr.
_ROUTE: ContextVar[tuple[Console, Console] | None] = ContextVar("accord_consoles", default=None)

#: The store a command run for a client uses when it names none (the client's default store).
FORWARDED_DB: ContextVar[Path | None] = ContextVar("accord_forwarded_db", default=None)


class _RoutedConsole:
    """A console printing to the running command's output (`routed`), else to its default."""

    def __init__(self, index: int, default: Console) -> None:
        self._index = index
        self._default = default

    def current(self) -> Console:
        route = _ROUTE.get()
        return self._default if route is None else route[self._index]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)


#: Standard output and standard error of the running command, as rich consoles.
console = cast(Console, _RoutedConsole(0, Console()))
err_console = cast(Console, _RoutedConsole(1, Console(stderr=True, soft_wrap=True)))


def new_consoles(out: Any, err: Any, *, terminal: dict[str, Any]) -> tuple[Console, Console]:
    """Consoles like `console` and `err_console` writing to the files `out` and `err`, for a
    client whose terminal is `terminal` ({is_terminal, color_system, width, height} per stream,
    keys `stdout` and `stderr`), so the output is what the client would have printed itself."""

    def like(file: Any, seen: dict[str, Any], **options: Any) -> Console:
        return Console(
            file=file,
            force_terminal=bool(seen.get("is_terminal")),
            color_system=seen.get("color_system"),
            width=seen.get("width"),
            height=seen.get("height"),
            **options,
        )

    return like(out, terminal["stdout"]), like(err, terminal["stderr"], soft_wrap=True)


def terminal_of_consoles() -> dict[str, dict[str, Any]]:
    """What this process's consoles are (terminal or not, colours, size): what `new_consoles`
    needs to print for it elsewhere."""

    def seen(c: Console) -> dict[str, Any]:
        return {
            "is_terminal": c.is_terminal,
            "color_system": c.color_system,
            "width": c.width,
            "height": c.height,
        }

    return {"stdout": seen(console), "stderr": seen(err_console)}


@contextmanager
def routed(out: Console, err: Console) -> Iterator[None]:
    """Send `console` and `err_console` output of this context (thread) to `out` and `err`."""
    token = _ROUTE.set((out, err))
    try:
        yield
    finally:
        _ROUTE.reset(token)


def progress_bar(*columns: ProgressColumn, stdout: bool = False, **options: Any) -> Progress:
    """A rich progress bar on the running command's stderr (stdout with `stdout=True`), bound
    to that console now: its refresh thread draws where the command's output goes. Off when
    that is no terminal (a file or a pipe): it drew nothing there but a blank line."""
    from rich.progress import Progress

    chosen = console if stdout else err_console
    target = chosen.current() if isinstance(chosen, _RoutedConsole) else chosen
    options.setdefault("disable", not target.is_terminal)
    return Progress(*columns, console=target, **options)


DB_HELP = "DuckDB store file (default: $ACCORD_DB, else accord.duckdb in ~/.local/share/accord)."


def _flag_type(self: TyperOption, ctx: Any) -> str | None:
    """No type label for a flag: Typer's rich help would print `<bool>` beside `--json`."""
    if self.is_flag and not self.count:
        return None
    return _option_type(self, ctx)


_option_type = TyperOption.display_type_rich
TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def _flowing(paragraphs: list[str], markup_mode: Any) -> str:
    """A help page's paragraphs after its first, each wrapped to the terminal as one text:
    Typer kept the docstring's own line ends, so at 80 columns every source line broke twice.
    A paragraph of list items, indented lines or command lines (or marked `\\b`) keeps its
    lines."""
    return "\n\n".join(_flow(paragraph) for paragraph in paragraphs)


def _flow(paragraph: str) -> str:
    lines = paragraph.split("\n")
    if paragraph.startswith("\b") or any(
        line.startswith((" ", "-", "*", "accord ")) for line in lines
    ):
        return paragraph
    return " ".join(line.strip() for line in lines)


rich_utils._fix_linebreaks = _flowing


def fill_store(store: Store) -> IngestReport | None:
    """Fill a store with the default world and the curated timeline where it lacks them (the
    one place a face seeds a store: `accord serve` and every command creating a store)."""
    from accord.events.timeline import ensure_timeline
    from accord.world import open_world

    open_world(store)
    return ensure_timeline(store)


class ServedStore(StoreError):
    """Internal: the command's store is held by a running Accord server, which must run the
    command (raised by the `--db` callback before the command starts; `main` forwards it)."""

    def __init__(self, server: ServerRecord) -> None:
        super().__init__(f"the store {server.db} is served at {server.url}")
        self.server = server


def _fill_new_store(db: Path | None) -> Path | None:
    """`--db` callback: a store held by a running server sends the whole command there
    (`ServedStore`); a store this command is about to create starts filled (`fill_store`)."""
    from accord.store import Store, default_db_path
    from accord.store.database import ON_WRITE_WAIT
    from accord.store.discovery import serving

    forwarded = FORWARDED_DB.get()
    if db is None and forwarded is not None:
        db = forwarded
    ON_WRITE_WAIT.set(_say_waiting)
    path = db if db is not None else default_db_path()
    if str(path) == ":memory:":
        return db
    server = serving(path) if forwarded is None else None
    if server is not None:
        raise ServedStore(server)
    if not path.expanduser().exists():
        if err_console.is_terminal:  # a person waits: say why the first command takes seconds
            err_console.print(
                f"creating the store {path} with the default world and the curated timeline "
                "(once, a few seconds)",
                style="dim",
                highlight=False,
            )
        try:
            with Store(path) as store:
                fill_store(store)
        except AccordError as exc:  # a callback runs before `reports_errors` can catch
            _report(exc)
            raise typer.Exit(1) from None
    return db


def _say_waiting() -> None:
    """Tell the user a write of this command waits for another on the store (`ON_WRITE_WAIT`)."""
    err_console.print(
        "waiting for another write on the store to end (an ingest, a simulation or another "
        "command the server runs); this command goes on after it",
        style="dim",
        highlight=False,
    )


def _unserved_store(db: Path | None) -> Path | None:
    """`accord serve`'s `--db` callback: a store already served is named with its address."""
    from accord.store import default_db_path
    from accord.store.discovery import serving

    if FORWARDED_DB.get() is not None:  # a client asked this very server to serve
        err_console.print("[bold red]error:[/] this store is served already (here)")
        raise typer.Exit(1)
    path = db if db is not None else default_db_path()
    server = serving(path) if str(path) != ":memory:" else None
    if server is not None:
        err_console.print(
            f"[bold red]error:[/] the store {server.db} is already served by Accord at "
            f"[bold]{server.url}[/] (process {server.pid}, since {server.started_at}); open that "
            "address, and run `accord` commands on the store as usual: that server runs them",
            highlight=False,
        )
        raise typer.Exit(1)
    return _fill_new_store(db)


def db_option(*, serving: bool = False) -> Any:
    """`--db`: the store the command reads or writes. A command on a store that a running
    server holds is run by that server (`serving=True`, for `accord serve` itself: refused)."""
    callback = _unserved_store if serving else _fill_new_store
    return typer.Option(None, "--db", help=DB_HELP, dir_okay=False, callback=callback)


def output_option(help: str, *, required: bool = False, dir_okay: bool = True) -> Any:
    """The one spelling of a file or directory a command writes: `-o/--output`."""
    return typer.Option(... if required else None, "-o", "--output", help=help, dir_okay=dir_okay)


def hidden_alias(*names: str) -> Any:
    """An old spelling of an option, still accepted but hidden from help (see `deprecated`)."""
    return typer.Option(None, *names, hidden=True)


def deprecated(value: T, alias_value: T | None, alias: str, option: str) -> T:
    """The option's value, or its old spelling's with a warning on stderr when that was given."""
    if alias_value is None:
        return value
    err_console.print(f"warning: {alias} is deprecated; use {option}", style="yellow")
    return alias_value


def json_option() -> Any:
    return typer.Option(False, "--json", help="Print machine-readable JSON.")


def on_option() -> Any:
    """`--on`: the day a query looks at; a bad date is a usage error naming `--on`."""
    return typer.Option(
        None, "--on", help="Date YYYY-MM-DD (default: today).", callback=checked_day
    )


def parse_on(value: str | None) -> dt.date:
    """A date option's day (None: today); a bad one is a usage error with the message every
    face gives (`accord.world.dates.parse_day`), which click prefixes with the option."""
    from accord.world.dates import parse_day  # here: `accord.world` is slow to import

    if value is None:
        return dt.date.today()
    try:
        return parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def checked_day(value: str | None) -> str | None:
    """An option callback: a date given as text is checked as YYYY-MM-DD when the command line
    is read, so a bad date is a usage error (exit 2) naming its option, as for `--on`."""
    if value is not None:
        parse_on(value)
    return value


def examples(*commands: str) -> str:
    """The epilog of a group's `--help`: example command lines, one a line, so a first-time
    user sees how the group is called (tests/test_cli_conventions.py checks every group)."""
    return "Examples:\n\n" + "\n\n".join(f"  {command}" for command in commands)


def new_table(title: str | None = None) -> Table:
    """A table that fits 80 columns: one space between columns, no outer padding; text columns
    wrap (`text_column`), numbers never do (`number_column`); a narrow table is widened to
    its title so the title does not wrap word by word."""
    from rich import box
    from rich.table import Table

    width = min(len(title), 80) if title else None
    return Table(title=title, box=box.SIMPLE_HEAD, padding=0, min_width=width)


def number_column(table: Table, header: str) -> None:
    """Add a right-aligned column of numbers (or dates, codes) that never wraps nor cuts its
    values; a header of several words is set on several lines instead."""
    table.add_column(header.replace(" ", "\n"), justify="right", no_wrap=True)


def code_column(table: Table, header: str) -> None:
    """Add a left-aligned column of codes or dates, whole on one line like numbers."""
    table.add_column(header.replace(" ", "\n"), no_wrap=True)


def text_column(table: Table, header: str, min_width: int | None = None) -> None:
    """Add a column of words: it takes the width left and wraps (never the numbers' columns),
    never narrower than `min_width` when given."""
    table.add_column(header, overflow="fold", min_width=min_width)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def print_json(payload: Any) -> None:
    """Print JSON on stdout (plain, unwrapped, so other programs can read it)."""
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=_jsonable))
    _PRINTED_JSON.set(True)


def reports_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Turn Accord errors into a clear message on stderr and exit status 1; with `--json`
    (a command's `as_json`) also into a JSON object on stdout (`error_json`), so a script
    reading stdout gets a reason instead of nothing."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        printed = _PRINTED_JSON.set(False)
        # a command that printed its JSON before failing (an ingest report naming the file
        # that failed) said it there: a second document would break the reader's parse
        as_json = bool(kwargs.get("as_json"))
        try:
            return func(*args, **kwargs)
        except AccordError as exc:
            _fail(exc, as_json=as_json and not _PRINTED_JSON.get())
        except Exception as exc:
            if not _unreadable_store(exc):
                raise
            _fail(StoreError(_UNREADABLE.format(exc=exc)), as_json=as_json)
        finally:
            _PRINTED_JSON.reset(printed)

    return wrapper


#: Whether the running command printed JSON on stdout (`print_json`).
_PRINTED_JSON: ContextVar[bool] = ContextVar("printed_json", default=False)


#: What a command says when DuckDB cannot read the store's file (`_unreadable_store`).
_UNREADABLE = (
    "the store cannot be read: {exc} (the file may be damaged or cut short: restore it from a "
    "copy, or name another store with --db)"
)


def _unreadable_store(exc: Exception) -> bool:
    """Whether `exc` is DuckDB failing to read the store's file (a file cut short, damaged
    blocks): found by its type's name, so that this module need not import DuckDB."""
    return type(exc).__module__.lstrip("_").startswith("duckdb") and type(exc).__name__ in {
        "IOException",
        "SerializationException",
    }


def _fail(exc: AccordError, *, as_json: bool) -> NoReturn:
    """Report `exc` (as JSON on stdout too with `--json`) and exit with status 1."""
    if as_json:
        print_json(error_json(exc))
    _report(exc)
    raise typer.Exit(1) from None


#: Problems of one input error listed on stderr and in its JSON at most.
_SHOWN_PROBLEMS = 200


def error_json(exc: AccordError) -> dict[str, Any]:
    """What `--json` prints for a failed command: `{"error": {"type", "message"}}`, and for
    bad input its problems, each with file, line and field (null when unknown)."""
    error: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, InputError):
        error["message"] = f"{len(exc.problems)} problem(s) in the input"
        error["problems"] = [
            {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in exc.problems[:_SHOWN_PROBLEMS]
        ]
        error["problems_total"] = len(exc.problems)
    return {"error": error}


def _report(exc: AccordError) -> None:
    """Print `exc` on stderr: an input error's problems one per line (at most
    `_SHOWN_PROBLEMS`), else its message."""
    if isinstance(exc, InputError):
        err_console.print(f"[bold red]error:[/] {len(exc.problems)} problem(s) in the input")
        for problem in exc.problems[:_SHOWN_PROBLEMS]:
            err_console.print(f"  {problem}", markup=False, highlight=False)
        if len(exc.problems) > _SHOWN_PROBLEMS:
            err_console.print(f"  ... and {len(exc.problems) - _SHOWN_PROBLEMS} more")
        return
    err_console.print("[bold red]error:[/]", end=" ")
    err_console.print(str(exc), markup=False, highlight=False)
