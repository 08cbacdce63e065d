"""Entry point of the `accord` command: assembles the command groups."""

from __future__ import annotations

import typer

from accord import __version__
from accord.cli import bargaining as bargaining_cli
from accord.cli import events as events_cli
from accord.cli import exercise as exercise_cli
from accord.cli import relations as relations_cli
from accord.cli import serve as serve_cli
from accord.cli import simulate as simulate_cli
from accord.cli import world as world_cli

app = typer.Typer(
    name="accord",
    help="Model, monitor and simulate diplomatic relations between countries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


# Command groups register here, one line each, in the order data flows: world, events,
# relations, bargaining, simulation, exercises, then the service.
app.add_typer(world_cli.app, name="world")
app.add_typer(events_cli.app, name="events")
app.add_typer(relations_cli.app, name="relations")
bargaining_cli.register(app)
simulate_cli.register(app)
app.add_typer(exercise_cli.app, name="exercise")
app.add_typer(serve_cli.app, name="serve")


def main() -> None:
    """Run the CLI (console script `accord`)."""
    app()


if __name__ == "__main__":
    main()
