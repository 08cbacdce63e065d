"""Pieces every command group shares: the `--db` option, JSON output, error reporting.

The conventions every command follows (tests/test_cli_conventions.py checks them):
- exit status 0 on success, 1 for bad input or any `AccordError` (a message on stderr naming the
  file, line and field when known, never a traceback), 2 for usage errors found by Typer;
- machine-readable output through `--json` and `print_json`;
- a file or directory the command writes is `-o/--output` (`output_option`);
- a command that reads or writes the store takes `--db` (`db_option`); a store the command
  creates is filled at once with the default world and the curated timeline (`fill_store`);
- help pages show a flag as a flag (no `<bool>`), tables keep numbers whole at 80 columns
  (`number_column`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from typer.core import TyperOption

from accord.errors import AccordError, InputError

if TYPE_CHECKING:
    from rich.table import Table

    from accord.events import IngestReport
    from accord.store import Store

P = ParamSpec("P")
T = TypeVar("T")

console = Console()
err_console = Console(stderr=True, soft_wrap=True)

DB_HELP = "DuckDB store file (default: $ACCORD_DB or ~/.local/share/accord/accord.duckdb)."


def _flag_type(self: TyperOption, ctx: Any) -> str | None:
    """No type label for a flag: Typer's rich help would print `<bool>` beside `--json`."""
    if self.is_flag and not self.count:
        return None
    return _option_type(self, ctx)


_option_type = TyperOption.display_type_rich
TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def fill_store(store: Store) -> IngestReport | None:
    """Fill a store with the default world and the curated timeline where it lacks them (the
    one place a face seeds a store: `accord serve` and every command creating a store)."""
    from accord.events.timeline import ensure_timeline
    from accord.world import open_world

    open_world(store)
    return ensure_timeline(store)


def _fill_new_store(db: Path | None) -> Path | None:
    """`--db` callback: a store this command is about to create starts filled (`fill_store`)."""
    from accord.store import Store, default_db_path

    path = db if db is not None else default_db_path()
    if str(path) != ":memory:" and not path.expanduser().exists():
        with Store(path) as store:
            fill_store(store)
    return db


def db_option() -> Any:
    return typer.Option(None, "--db", help=DB_HELP, dir_okay=False, callback=_fill_new_store)


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
    return typer.Option(None, "--on", help="Date YYYY-MM-DD (default: today).")


def parse_on(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


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


def text_column(table: Table, header: str) -> None:
    """Add a column of words: it takes the width left and wraps (never the numbers' columns)."""
    table.add_column(header, overflow="fold")


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


def reports_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Turn Accord errors into a clear message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            err_console.print(f"[bold red]error:[/] {len(exc.problems)} problem(s) in the input")
            for problem in exc.problems[:200]:
                err_console.print(f"  {problem}", markup=False, highlight=False)
            if len(exc.problems) > 200:
                err_console.print(f"  ... and {len(exc.problems) - 200} more")
            raise typer.Exit(1) from None
        except AccordError as exc:
            err_console.print("[bold red]error:[/]", end=" ")
            err_console.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(1) from None

    return wrapper
