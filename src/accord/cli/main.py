"""Entry point of the `accord` command: assembles the command groups, each loaded on first use.

`accord --help` must answer at once, so this module imports no command module: each group's
module (and with it DuckDB, pandas, Ibis, NumPy...) is imported only when that group runs or
shows its own help. `COMMANDS` lists every top-level command with the one line `accord --help`
prints for it (tests/cli/test_cli_views.py checks it against the modules' own help).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, NamedTuple

import typer
from typer import _click as click  # the Click that Typer ships and builds on
from typer.core import TyperCommand, TyperGroup

from accord import __version__
from accord.cli import common  # shows flags as flags in every help page; forwards commands


class Entry(NamedTuple):
    """Where a top-level command lives: its module, the attribute, and its one-line help.

    `attribute` is `app` for a command group (a Typer app), else the name of a command that
    the module's `register` function adds to the root app."""

    module: str
    attribute: str
    help: str


# Top-level commands in the order data flows: world, events, relations, bargaining,
# simulation, exercises, then the service. One line each.
COMMANDS: dict[str, Entry] = {
    "world": Entry(
        "accord.cli.world",
        "app",
        "The world on any date: actors, memberships, treaties, alliances, sanctions.",
    ),
    "events": Entry(
        "accord.cli.events",
        "app",
        "Event data: fetch, follow or ingest GDELT, ICEWS, POLECAT, PLOVER or CSV files; "
        "stats; log.",
    ),
    "relations": Entry(
        "accord.cli.relations",
        "app",
        "Relations between countries from events: dyads, partners, alerts, blocs, affinity.",
    ),
    "forecast": Entry(
        "accord.cli.bargaining",
        "forecast",
        "Forecast where a negotiation lands, with one model or all of them.",
    ),
    "negotiate": Entry(
        "accord.cli.bargaining",
        "negotiate",
        "Play a negotiation out with the named strategies and judge the agreement.",
    ),
    "backtest": Entry(
        "accord.cli.bargaining",
        "backtest",
        "Mean absolute error per model on the cases that carry an actual outcome.",
    ),
    "simulate": Entry(
        "accord.cli.simulate",
        "simulate",
        "Run SCENARIO as an ensemble; store its events and print the final metrics.",
    ),
    "exercise": Entry(
        "accord.cli.exercise",
        "app",
        "Train diplomats: exercises with roles, turns, injects and a debrief.",
    ),
    "serve": Entry("accord.cli.serve", "serve", "Serve the REST API and the browser dashboard."),
}


def load_command(name: str) -> click.Command:
    """The Click command of top-level command `name`, importing its module now."""
    entry = COMMANDS[name]
    module = importlib.import_module(entry.module)
    if entry.attribute == "app":
        return typer.main.get_command(module.app)
    holder = typer.Typer()
    module.register(holder)
    holder.callback()(lambda: None)
    group = typer.main.get_command(holder)
    assert isinstance(group, TyperGroup)
    command: click.Command = group.commands[name]
    return command


class LazyGroup(TyperGroup):
    """The root group: lists every command from `COMMANDS`, imports one only to run it."""

    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if self._listing:  # the root's help needs only names and one-line help
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name].help)
        if cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            # Typer words a bad choice as pydantic does: "Value error, 'fortnight' is not ..."
            exc.message = str(exc.message).removeprefix("Value error, ")
            raise

    def format_help(self, ctx: click.Context, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="accord",
    help="Model, monitor and simulate diplomatic relations between countries.",
    epilog=(
        "First steps:\n\n"
        "  accord world summary   (the first command creates the store with the default "
        "world and the curated timeline)\n\n"
        "  accord events ingest FILE...   then: accord relations dyad USA RUS --by month\n\n"
        "  accord serve   (the dashboard at http://127.0.0.1:8000)\n\n"
        "Every command takes --help, every query --json; the store is --db PATH (default: "
        "$ACCORD_DB, else ~/.local/share/accord/accord.duckdb)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Accord: world model, events and relations, bargaining and simulation."""


def main() -> None:
    """Run the CLI (console script `accord`); a command on a store that a running server holds
    is run by that server (`accord.cli.remote`)."""
    try:
        app()
    except common.ServedStore as served:
        from accord.cli.remote import forward

        raise SystemExit(forward(served.server, sys.argv[1:])) from None


if __name__ == "__main__":
    main()
