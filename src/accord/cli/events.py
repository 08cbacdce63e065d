"""`accord events ...`: fetch, follow or ingest event files, and see what the store holds and how
it got there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from accord.cli.common import (
    checked_day,
    code_column,
    console,
    db_option,
    err_console,
    examples,
    json_option,
    new_table,
    number_column,
    parse_on,
    print_json,
    progress_bar,
    reports_errors,
    text_column,
)
from accord.errors import AccordError, InputError, RemoteError
from accord.events import (
    CompactReport,
    IngestError,
    IngestProgress,
    IngestReport,
    compact,
    ingest,
    ingest_log,
    stats,
)
from accord.events.feeds import (
    FeedSettings,
    FetchProgress,
    FetchReport,
    Webhook,
    fetch,
    parse_every,
)
from accord.jsonable import jsonable
from accord.store import Store

app = typer.Typer(
    help="Event data: fetch, follow or ingest GDELT, ICEWS, POLECAT, PLOVER or CSV files; "
    "stats; log.",
    epilog=examples(
        "accord events ingest events.2018.sample.tab gdelt/   (files, folders or globs)",
        "accord events stats",
        "accord events timeline --actor UKR --from 2022-01-01",
        "accord events fetch gdelt2 --from 2024-07-01 --to 2024-07-02",
    ),
    add_completion=False,
)

FORMAT_HELP = (
    "File format: auto (guess per file), gdelt1, gdelt2, gdelt-bq (a BigQuery export), icews, "
    "polecat (POLECAT's weekly files), plover (PLOVER JSON) or csv."
)


@contextmanager
def _lent(store: Store) -> Iterator[Store]:
    """The command's own store, lent to a follower for each of its steps."""
    yield store


def _print_report(report: IngestReport) -> None:
    table = new_table("Ingest")
    text_column(table, "file")
    code_column(table, "format")
    for column in ("read", "stored", "duplicate", "rejected"):
        number_column(table, column)
    code_column(table, "status")
    for f in report.files:
        table.add_row(
            f.file,
            f.format,
            f"{f.rows_read:,}",
            f"{f.stored:,}",
            f"{f.duplicate:,}",
            f"{f.rejected:,}",
            f.status,
        )
    console.print(table)
    for f in report.files:
        for problem in f.rejections[:20]:
            console.print(f"  rejected {problem}", markup=False, highlight=False)
        if f.rejected > 20:
            console.print(f"  ... {f.rejected - 20:,} more rejections (see `accord events log`)")
        for note in f.notes:
            console.print(f"  note {note}", markup=False, highlight=False)
    for entry in report.passed_over:
        console.print(f"note {entry}", markup=False, highlight=False)
    unmapped = report.unmapped
    if unmapped:
        top = ", ".join(f"{raw} ({n:,})" for raw, n in unmapped.most_common(10))
        console.print(
            f"{sum(unmapped.values()):,} actor sides name no known state (kept raw): {top}",
            markup=False,
            highlight=False,
        )


@app.command("ingest")
@reports_errors
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, directories or globs (.gz, .zip)."),
    format: str = typer.Option("auto", "--format", "-f", help=FORMAT_HELP),
    mapping: Path | None = typer.Option(
        None,
        "--mapping",
        help="Column-mapping file (YAML or JSON) of a CSV file; implies --format csv.",
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Abort on the first rejected row or failing file."
    ),
    encoding: str | None = typer.Option(
        None,
        "--encoding",
        help="The files' text encoding (default UTF-8, or a CSV mapping's `encoding`), "
        "e.g. latin-1, cp1252.",
    ),
    then_compact: bool = typer.Option(
        False, "--compact", help="Then store all events in date order (`accord events compact`)."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Ingest event files into the store (idempotent: re-ingesting stores nothing new).

    A file that cannot be read, or whose rows are all rejected, is reported by name and
    nothing of it stored; the other files are ingested, then the command exits 1."""
    options: dict[str, Any] = {
        "format": _csv_format(format, mapping),
        "strict": strict,
        "mapping": mapping,
        "encoding": encoding,
    }
    failed: IngestError | None = None
    with Store(db) as store:
        try:
            report = (
                ingest(store, paths, **options)
                if as_json
                else _ingest_with_bar(store, paths, options)
            )
        except IngestError as exc:
            report, failed = exc.report, exc
        done = compact(store) if then_compact and as_json else None
        if then_compact and not as_json:
            done = _compact_with_bar(store)
    if as_json:
        data = report.as_dict()
        if done is not None:
            data["compact"] = done.as_dict()
        print_json(data)
    else:
        _print_report(report)
        if done is not None:
            _print_compact(done)
    if failed is not None:
        raise failed


def _csv_format(format: str, mapping: Path | None) -> str:
    """The format `--format` and `--mapping` ask for: a mapping alone implies csv, csv needs a
    mapping, and no other format takes one (the core names no flags: say which one here)."""
    if mapping is not None and format == "auto":
        return "csv"
    if format == "csv" and mapping is None:
        raise InputError.at(
            "--format csv needs a column-mapping file (docs/events.md, A CSV of your own)",
            field="--mapping",
        )
    if mapping is not None and format != "csv":
        raise InputError.at(
            f"a column mapping serves --format csv only, not --format {format}", field="--mapping"
        )
    return format


def _ingest_with_bar(store: Store, paths: list[str], options: dict[str, Any]) -> IngestReport:
    """`ingest` with a progress bar per file on stderr."""
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]:>12,} rows"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with progress_bar(*columns, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def show(p: IngestProgress) -> None:
            label = f"[{p.index + 1}/{p.files}] {Path(p.file).name}"
            if p.file not in tasks:
                tasks[p.file] = bar.add_task(label, total=p.size, rows=0)
            if p.stage == "storing":  # read: DuckDB sorts and writes the rows
                label += ": storing the rows in date order"
            bar.update(tasks[p.file], completed=p.position, rows=p.rows, description=label)

        return ingest(store, paths, progress=show, **options)


def _compact_with_bar(store: Store, *, force: bool = False) -> CompactReport:
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with progress_bar(*columns, transient=True) as bar:
        task = bar.add_task("compacting events", total=1.0)
        return compact(store, force=force, progress=lambda f: bar.update(task, completed=f))


def _print_compact(report: CompactReport) -> None:
    if not report.rewritten:
        console.print(f"{report.events:,} events already in date order: nothing rewritten")
        return
    console.print(
        f"rewrote {report.rows:,} events in date order in {report.seconds:.1f} s "
        f"({report.out_of_order:,} {'was' if report.out_of_order == 1 else 'were'} stored "
        "after a later-dated event)"
    )


@app.command("compact")
@reports_errors
def compact_cmd(
    force: bool = typer.Option(False, "--force", help="Rewrite even if already in order."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Store events in date order: faster date filters and period aggregations (atomic)."""
    with Store(db) as store:
        report = compact(store, force=force) if as_json else _compact_with_bar(store, force=force)
    if as_json:
        print_json(report.as_dict())
        return
    _print_compact(report)


@app.command("stats")
@reports_errors
def stats_cmd(db: Path | None = db_option(), as_json: bool = json_option()) -> None:
    """Events per dataset, date range, countries and unmapped actors."""
    with Store(db) as store:
        data = stats(store)
    if as_json:
        print_json(data.as_dict())
        return
    table = new_table(f"{data.events:,} events")
    text_column(table, "dataset")
    for column in ("events", "first", "last", "countries", "no src country", "no tgt country"):
        number_column(table, column)
    for d in data.datasets:
        table.add_row(
            d.dataset,
            f"{d.events:,}",
            str(d.first or ""),
            str(d.last or ""),
            str(d.source_countries),
            f"{d.unmapped_source:,}",
            f"{d.unmapped_target:,}",
        )
    console.print(table)
    console.print(
        "countries: distinct source countries; no src/tgt country: events whose source or "
        "target is no known state (an organization, a region, an unresolved name)",
        style="dim",
        highlight=False,
    )
    console.print(f"{data.files_ingested} file(s) ingested, {data.rejected_rows:,} row(s) rejected")


@app.command("log")
@reports_errors
def log_cmd(
    limit: int = typer.Option(50, "--limit", help="Show at most this many entries."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """The ingest log: per file, rows read, stored, duplicate, rejected, status."""
    with Store(db) as store:
        entries = ingest_log(store, limit=limit)
    if as_json:
        print_json([e.as_dict() for e in entries])
        return
    table = new_table("Ingest log (newest first)")
    number_column(table, "started")
    text_column(table, "file")
    code_column(table, "format")
    for column in ("read", "stored", "dup", "rejected"):
        number_column(table, column)
    code_column(table, "status")
    for e in entries:
        table.add_row(
            e.started.isoformat(sep=" ")[:19],
            e.file,
            e.format or "",
            f"{e.rows_read:,}",
            f"{e.stored:,}",
            f"{e.duplicate:,}",
            f"{e.rejected:,}",
            e.status,
        )
    console.print(table)


@app.command("timeline")
@reports_errors
def timeline_cmd(
    actor: str | None = typer.Option(
        None, "--actor", help="Only events of this country (ISO3, name or alias) on either side."
    ),
    start: str | None = typer.Option(
        None, "--from", help="First date YYYY-MM-DD.", callback=checked_day
    ),
    end: str | None = typer.Option(
        None, "--to", help="Last date YYYY-MM-DD.", callback=checked_day
    ),
    load: bool = typer.Option(False, "--load", help="Also ingest it into the store."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """The curated timeline of major diplomatic events since 2013 that ships with Accord."""
    from accord.events.timeline import load_timeline, timeline_entries
    from accord.world import open_world

    with Store(db) as store:
        world = open_world(store)
        if load:
            report = load_timeline(store)
            err_console.print(f"stored {sum(f.stored for f in report.files)} new curated events")
    entries = timeline_entries(
        actor, parse_on(start) if start else None, parse_on(end) if end else None, world=world
    )
    if as_json:
        print_json([e.as_dict() for e in entries])
        return
    table = new_table(f"Curated timeline: {len(entries)} events")
    for col in ("id", "date", "from", "to", "CAMEO"):
        code_column(table, col)
    text_column(table, "summary")
    for e in entries:
        table.add_row(
            e.event_id,
            e.event_date.isoformat(),
            e.source_country or e.source_actor,  # an organization or a person: its name
            e.target_country or e.target_actor,
            e.cameo_code,
            e.summary,
        )
    console.print(table)
    if not entries:
        every = timeline_entries(world=world)
        first = min(e.event_date for e in every)
        last = max(e.event_date for e in every)
        console.print(
            f"no curated event matches: the timeline holds {len(every)} major events from "
            f"{first} to {last} (every event of a dyad: accord relations dyad A B, after "
            "ingesting a dataset)",
            highlight=False,
        )


def _print_fetch(report: FetchReport) -> None:
    table = new_table(f"Fetch {report.source} {report.start} to {report.end}")
    for column in ("file", "status", "stored", "duplicate", "rejected", "why"):
        if column in _COUNTS:
            number_column(table, column)
        else:
            text_column(table, column)
    for f in report.files:
        table.add_row(
            f.name,
            f.status,
            f"{f.stored:,}",
            f"{f.duplicate:,}",
            f"{f.rejected:,}",
            f.reason or "",
        )
    console.print(table)
    console.print(
        f"{report.count('ingested')} ingested, {report.count('skipped')} already in the store, "
        f"{report.count('failed')} failed"
    )


_COUNTS = {"stored", "duplicate", "rejected"}


def _failed(report: FetchReport) -> None:
    if report.failed:
        names = ", ".join(f.name for f in report.failed[:5])
        more = f" and {len(report.failed) - 5} more" if len(report.failed) > 5 else ""
        raise RemoteError(f"{len(report.failed)} file(s) could not be fetched: {names}{more}")


@app.command("fetch")
@reports_errors
def fetch_cmd(
    source: str = typer.Argument(..., help="Publisher: gdelt1, gdelt2, icews or polecat."),
    start: str = typer.Option(..., "--from", help="First day YYYY-MM-DD."),
    end: str = typer.Option(..., "--to", help="Last day YYYY-MM-DD."),
    concurrency: int = typer.Option(4, "--concurrency", help="Downloads running at once."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Download a publisher's files for the days asked, checked and ingested as they arrive."""
    first, last = parse_on(start), parse_on(end)
    with Store(db) as store:
        settings = FeedSettings.from_env(store.path, concurrency=concurrency)
        if as_json:
            report = fetch(store, source, first, last, settings=settings)
        else:
            report = _fetch_with_bar(store, source, first, last, settings)
    if as_json:
        print_json(report.as_dict())
    else:
        _print_fetch(report)
    _failed(report)


def _fetch_with_bar(
    store: Store, source: str, first: Any, last: Any, settings: FeedSettings
) -> FetchReport:
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[files]}"),
        DownloadColumn(),
        TimeElapsedColumn(),
    )
    with progress_bar(*columns, transient=True) as bar:
        task = bar.add_task(f"fetching {source}", total=None, files="listing files")

        def show(p: FetchProgress) -> None:
            bar.update(
                task,
                completed=p.bytes_done,
                total=p.bytes_total or None,
                files=f"{p.files_done}/{p.files_total} files",
            )

        return fetch(store, source, first, last, settings=settings, progress=show)


@app.command("follow")
@reports_errors
def follow_cmd(
    source: str = typer.Argument("gdelt2", help="Publisher to follow: gdelt2."),
    every: str = typer.Option("15m", "--every", help="Poll interval, e.g. 15m, 30s, 1h."),
    webhook: str | None = typer.Option(
        None, "--webhook", help="Also POST every announcement as JSON to this URL."
    ),
    steps: int | None = typer.Option(
        None, "--steps", help="Stop after this many polls (default: run until Ctrl+C)."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Poll a publisher, ingest each new file and print every new alert as a JSON line."""
    import json
    import threading

    from accord.relations.live import following

    seconds = parse_every(every)
    hook = Webhook(webhook) if webhook else None

    def announce(message: dict[str, Any]) -> None:
        if message["kind"] == "alert" or as_json:
            typer.echo(json.dumps(jsonable(message), ensure_ascii=False), nl=True)
        else:
            err_console.print(
                f"stored {message['stored']:,} events from {len(message['files'])} file(s)"
            )
        if hook is not None:
            hook.send(message)

    def report_error(exc: AccordError) -> None:
        err_console.print(f"[yellow]poll failed (retrying next time):[/] {exc}", highlight=False)

    stop = threading.Event()
    with Store(db) as store:
        settings = FeedSettings.from_env(store.path)
        follower = following(
            lambda: _lent(store),
            announce,
            source=source,
            settings=settings,
            every=seconds,
            on_error=report_error,
        )
        err_console.print(f"following {source} every {every}; Ctrl+C to stop")
        try:
            follower.run(stop, steps=steps)
        except KeyboardInterrupt:
            stop.set()
        finally:
            if hook is not None:
                hook.close()
