"""`accord serve`: run the REST API and the dashboard with uvicorn."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from accord.cli.common import console, db_option, deprecated, examples, reports_errors
from accord.errors import AccordError, UnknownNameError

#: The one line `accord --help` and `accord serve --help` print for the command.
HELP = "Serve the REST API and the browser dashboard."


def _following(settings: Any, follow: str | None, every: str, webhook: str | None) -> Any:
    """`settings` with the follower `--follow` asks for (checked), announced on the console."""
    from accord.events.feeds import FOLLOWABLE, parse_every

    if follow is None:
        return settings
    if follow not in FOLLOWABLE:
        raise UnknownNameError("followable source", follow, FOLLOWABLE)
    console.print(f"following {follow} every {every}: alerts at /api/alerts/stream")
    return replace(settings, follow=follow, follow_every=parse_every(every), webhook=webhook)


@contextmanager
def serving_the_cli(settings: Any) -> Iterator[Callable[[Any], None]]:
    """While the block runs, `accord` commands on this store are run by this server: a record
    beside the store, written first (a CLI started meanwhile waits for the server to answer),
    tells the CLI where the server is, and the app given to the function yielded serves
    `POST /api/cli` to run them (`accord.cli.remote`)."""
    import secrets

    from accord.api.routes import cli_forward
    from accord.cli.remote import announced, run_forwarded

    db = Path(settings.db).expanduser().absolute()
    token = settings.token or secrets.token_urlsafe(32)
    host, clients = _local_address(settings.host.strip("[]"), cli_forward.LOOPBACK)
    url = f"http://{f'[{host}]' if ':' in host else host}:{settings.port}"

    def install(application: Any) -> None:
        runner: cli_forward.Runner = lambda request, emit: run_forwarded(request, emit, db)  # noqa: E731
        cli_forward.install(application, runner, token, clients)

    with announced(db, url, token):
        yield install


def _local_address(host: str, loopback: frozenset[str]) -> tuple[str, frozenset[str]]:
    """The address a CLI on this machine reaches a server bound to `host` at, and the client
    addresses the server then accepts commands from."""
    import ipaddress

    if host in ("0.0.0.0", "::"):  # every interface: loopback among them
        return ("127.0.0.1" if host == "0.0.0.0" else "::1"), loopback
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    return host, loopback if local else loopback | {host}


def _announce(settings: Any, token: str | None) -> None:
    """Say where the service is and what its write endpoints need."""
    console.print(f"Accord is serving {settings.db} at [bold]{settings.url}[/]")
    if settings.token is not None and token is None:
        console.print(f"write endpoints need: Authorization: Bearer {settings.token}")
    elif settings.token is not None:
        console.print("write endpoints need the token given with --token / $ACCORD_TOKEN")
    console.print("press Ctrl+C to stop", style="dim")


@reports_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    db: Path | None = db_option(serving=True),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="ACCORD_TOKEN",
        help="Bearer token for write endpoints (made up and printed when binding beyond "
        "loopback without one).",
    ),
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Directory for uploads and run outputs (default: beside the db)."
    ),
    fill: bool = typer.Option(
        True,
        "--fill/--no-fill",
        help="Fill an empty store with the default world and the curated event timeline.",
    ),
    follow: str | None = typer.Option(
        None, "--follow", help="Follow a publisher while serving (gdelt2): live alerts."
    ),
    every: str = typer.Option("15m", "--every", help="Poll interval of --follow (15m, 30s...)."),
    webhook: str | None = typer.Option(
        None, "--webhook", help="Also POST every --follow announcement as JSON to this URL."
    ),
    seed: bool | None = typer.Option(None, "--seed/--no-seed", hidden=True),
) -> None:
    """Start the service and print the address to open."""
    fill = deprecated(fill, seed, "--seed/--no-seed", "--fill/--no-fill")
    import uvicorn

    from accord.api import Settings, create_app

    settings = _following(
        Settings.build(host=host, port=port, db=db, token=token, data_dir=data_dir),
        follow,
        every,
        webhook,
    )
    listening = _listen(settings.host.strip("[]"), settings.port)
    with listening, serving_the_cli(settings) as install:
        if fill:
            _fill(settings.db)
        application = create_app(settings)
        install(application)
        _announce(settings, token)
        config = uvicorn.Config(
            application,
            log_level=os.environ.get("ACCORD_LOG_LEVEL", "warning"),
            timeout_graceful_shutdown=3,
        )
        uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port`, taken before the server says where it serves or tells
    the CLI: a port another server holds is an error, not an announcement of that server's
    address for this store."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise AccordError(
            f"--host {host}: not an address of this machine ({exc.strerror})"
        ) from None
    listening = socket.socket(family, kind, proto)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind(address)
    except OSError as exc:
        listening.close()
        busy = exc.errno == errno.EADDRINUSE
        hint = ": another server holds it; choose another with --port (make run PORT=8001)"
        hint = hint if busy else ""
        raise AccordError(f"cannot listen on {host} port {port} ({exc.strerror}){hint}") from None
    listening.listen(2048)
    listening.set_inheritable(True)
    return listening


def _fill(db: Path) -> None:
    """Fill the store with the default world and the curated timeline where it lacks them."""
    from accord.events.timeline import ensure_timeline
    from accord.store import Store
    from accord.world import open_world

    with Store(db) as store:
        open_world(store)
        report = ensure_timeline(store)
    if report is not None:
        stored = sum(f.stored for f in report.files)
        console.print(f"loaded the curated timeline into the store: {stored} events")


def register(app: typer.Typer) -> None:
    """Add the top-level `serve` command (a command, not a group: it has no subcommands)."""
    app.command(
        "serve",
        help=HELP,
        epilog=examples(
            "accord serve   (then open http://127.0.0.1:8000)",
            "accord serve --port 8080 --db analysis.duckdb",
            "curl -s http://127.0.0.1:8000/api/health   (docs/api.md: first requests)",
        ),
    )(serve)
