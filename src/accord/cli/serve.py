"""`accord serve`: run the REST API and the dashboard with uvicorn."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from accord.cli.common import console, db_option, deprecated, reports_errors
from accord.errors import UnknownNameError

app = typer.Typer(help="Serve the REST API and the browser dashboard.")


def _following(settings: Any, follow: str | None, every: str, webhook: str | None) -> Any:
    """`settings` with the follower `--follow` asks for (checked), announced on the console."""
    from accord.events.feeds import FOLLOWABLE, parse_every

    if follow is None:
        return settings
    if follow not in FOLLOWABLE:
        raise UnknownNameError("followable source", follow, FOLLOWABLE)
    console.print(f"following {follow} every {every}: alerts at /api/alerts/stream")
    return replace(settings, follow=follow, follow_every=parse_every(every), webhook=webhook)


def _announce(settings: Any, token: str | None) -> None:
    """Say where the service is and what its write endpoints need."""
    console.print(f"Accord is serving {settings.db} at [bold]{settings.url}[/]")
    if settings.token is not None and token is None:
        console.print(f"write endpoints need: Authorization: Bearer {settings.token}")
    elif settings.token is not None:
        console.print("write endpoints need the token given with --token / $ACCORD_TOKEN")
    console.print("press Ctrl+C to stop", style="dim")


@app.callback(invoke_without_command=True)
@reports_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    db: Path | None = db_option(),
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
    from accord.events.timeline import ensure_timeline
    from accord.store import Store
    from accord.world import open_world

    settings = _following(
        Settings.build(host=host, port=port, db=db, token=token, data_dir=data_dir),
        follow,
        every,
        webhook,
    )
    if fill:
        with Store(settings.db) as store:
            open_world(store)
            report = ensure_timeline(store)
        if report is not None:
            stored = sum(f.stored for f in report.files)
            console.print(f"loaded the curated timeline into the store: {stored} events")
    application = create_app(settings)
    _announce(settings, token)
    uvicorn.run(
        application,
        host=settings.host.strip("[]"),
        port=settings.port,
        log_level=os.environ.get("ACCORD_LOG_LEVEL", "warning"),
        timeout_graceful_shutdown=3,
    )
