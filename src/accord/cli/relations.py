"""`accord relations ...`: dyad series, partners, tension alerts, blocs, plots, UN-vote affinity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer

from accord.cli.common import (
    checked_day,
    code_column,
    console,
    db_option,
    examples,
    json_option,
    new_table,
    number_column,
    output_option,
    print_json,
    reports_errors,
)
from accord.errors import InputError
from accord.relations import (
    SECTOR_NAMES,
    Alert,
    AlertSettings,
    DyadSeries,
    Engine,
    EventScope,
    IdealPoints,
    Period,
    dyad_report,
    event_scope,
    nearest,
    network_blocs,
    open_events,
    pair_affinity,
    partners,
    read_ideal_points,
    tension_alerts,
)
from accord.relations.affinity import covered, year_session
from accord.relations.measures import check_filters, real_datasets
from accord.relations.network_blocs import UNSTABLE_BELOW, NetworkBlocs
from accord.relations.plot import periods_spanned, plot_dyad
from accord.store import Store
from accord.world import open_world
from accord.world.dates import parse_day

app = typer.Typer(
    help="Relations between countries from events: dyads, partners, alerts, blocs, affinity.",
    epilog=examples(
        "accord relations dyad USA RUS --by month --from 2018-01-01",
        "accord relations partners CHN",
        "accord relations alerts --by year --min-events 2 --min-history 2",
        "accord relations blocs --from 2022-01-01 --to 2022-12-31 --min-events 1",
        "accord relations affinity USA CHN --file IdealpointestimatesAll_Apr2020.csv",
    ),
    add_completion=False,
)


def _engine_option() -> Any:
    return typer.Option(Engine.DUCKDB, "--engine", help="Query engine: duckdb or spark.")


def _from_option() -> Any:
    return typer.Option(
        None, "--from", help="First day YYYY-MM-DD (inclusive).", callback=checked_day
    )


def _to_option() -> Any:
    return typer.Option(None, "--to", help="Last day YYYY-MM-DD (inclusive).", callback=checked_day)


def _dataset_option() -> Any:
    return typer.Option(None, "--dataset", help="Only events of this dataset (gdelt1, icews...).")


def _run_option() -> Any:
    return typer.Option(None, "--run", help="Events of this simulation run instead of real events.")


def _sector_option() -> Any:
    return typer.Option(
        None,
        "--sector",
        help=f"Only events whose both actors are in these sectors (comma-separated: "
        f"{', '.join(SECTOR_NAMES)}).",
    )


def _convention_option() -> Any:
    return typer.Option(
        "dataset",
        "--convention",
        help="Quad classes and Goldstein: each dataset's own (dataset) or GDELT's (gdelt).",
    )


def _igo_option() -> Any:
    return typer.Option(
        False,
        "--igo-as-state",
        help="Count officials of international organisations for their home state.",
    )


def _scope(sector: str | None, convention: str, igo_as_state: bool) -> EventScope:
    return event_scope(sector, convention, igo_as_state)


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise InputError.at(str(exc), field=option) from None


def _countries(db: Path | None, *names: tuple[str, str]) -> list[str]:
    """ISO3 codes of country arguments given as codes, names or aliases of the store's world."""
    with Store(db) as store:
        world = open_world(store)
    return [world.code_for(name) for name, _ in names]


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _dyad_points(
    db: Path | None,
    engine: Engine,
    a: str,
    b: str,
    by: Period,
    start: str | None,
    end: str | None,
    *,
    directed: bool,
    dataset: str | None,
    run: str | None,
    scope: EventScope,
) -> tuple[DyadSeries, str]:
    """Resolve the two countries and compute their series (shared by `dyad` and `plot`), with
    what it counted (`_counted`)."""
    first, last = _day(start, "from"), _day(end, "to")
    code_a, code_b = _countries(db, (a, "a"), (b, "b"))
    with open_events(db, engine) as events:
        check_filters(events, dataset=dataset, run_id=run)
        counted = _counted(events, start, end, dataset, run)
        series = dyad_report(
            events,
            code_a,
            code_b,
            by=by,
            start=first,
            end=last,
            directed=directed,
            dataset=dataset,
            run_id=run,
            scope=scope,
        )
    return series, counted


@app.command(
    epilog=examples(
        "accord relations dyad USA RUS --by month --from 2018-01-01",
        "accord relations dyad USA CHN --dataset icews --by day --json",
    )
)
@reports_errors
def dyad(
    a: str = typer.Argument(..., help="First country (ISO3, name or alias)."),
    b: str = typer.Argument(..., help="Second country."),
    by: Period = typer.Option(Period.MONTH, "--by", help="Period length."),
    start: str | None = _from_option(),
    end: str | None = _to_option(),
    directed: bool = typer.Option(False, "--directed", help="Only events from A to B."),
    dataset: str | None = _dataset_option(),
    run: str | None = _run_option(),
    sector: str | None = _sector_option(),
    convention: str = _convention_option(),
    igo_as_state: bool = _igo_option(),
    engine: Engine = _engine_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Event counts, quad classes, Goldstein and net cooperation of a dyad per period."""
    scope = _scope(sector, convention, igo_as_state)
    series, counted = _dyad_points(
        db, engine, a, b, by, start, end, directed=directed, dataset=dataset, run=run, scope=scope
    )
    points = series.points
    if as_json:
        print_json(series.as_dict())
        return
    arrow = "->" if directed else "<->"
    table = new_table(f"{series.a} {arrow} {series.b} by {by.value}")
    code_column(table, "period")
    for column in ("events", "verbal coop", "material coop", "verbal conflict"):
        number_column(table, column)
    for column in ("material conflict", "Goldstein sum", "Goldstein mean", "net coop"):
        number_column(table, column)
    for p in points:
        table.add_row(
            p.period,
            str(p.events),
            str(p.verbal_coop),
            str(p.material_coop),
            str(p.verbal_conflict),
            str(p.material_conflict),
            _fmt(p.goldstein_sum, 1),
            _fmt(p.goldstein_mean, 2),
            _fmt(p.net_cooperation),
        )
    if not points:
        _no_events(f"between {series.a} and {series.b}", start, end, dataset, run)
        return
    console.print(table)
    periods = _period_note(by) if start else ""
    console.print(
        f"{counted}. {GOLDSTEIN_NOTE}; {NET_COOP_NOTE}{periods}", style="dim", highlight=False
    )


def _period_note(by: Period) -> str:
    """How a period is named, said when --from is given: its first period may start before
    that day (only the events from it are counted)."""
    if by == Period.DAY:
        return ""
    first = (
        "a week is named by its Monday"
        if by == Period.WEEK
        else f"a {by.value} is named by its first day"
    )
    return f"; {first}: the first may start before --from (only events from --from on count)"


def _counted(
    events: Any, start: str | None, end: str | None, dataset: str | None, run: str | None
) -> str:
    """What a table counted, said under it: which events (a run, a dataset, or every real
    dataset the store holds, named) over which window; pooled datasets may count one event
    twice, which the line says."""
    window = f"from {start or 'the first event'} to {end or 'the last event'}"
    if run:
        return f"counted: the events of simulation run {run}, {window}"
    if dataset:
        return f"counted: the events of dataset {dataset}, {window}"
    held = real_datasets(events)
    pooled = (
        "; an event two datasets both report counts twice: --dataset NAME counts one"
        if len(held) > 1
        else ""
    )
    return f"counted: the events of every real dataset ({', '.join(held)}), {window}{pooled}"


def _no_events(
    what: str, start: str | None, end: str | None, dataset: str | None, run: str | None
) -> None:
    """Say that no event counted, in which window and data, and where to look instead."""
    window = f"from {start or 'the first event'} to {end or 'the last event'}"
    data = f"run {run}" if run else f"dataset {dataset}" if dataset else "every real dataset"
    console.print(
        f"no events {what} {window}, {data} (`accord events stats` shows what the store holds; "
        "`accord events ingest FILE` adds events)",
        highlight=False,
    )


@app.command(
    "partners",
    epilog=examples(
        "accord relations partners CHN --from 2018-01-01",
        "accord relations partners USA --top 5 --json",
    ),
)
@reports_errors
def partners_cmd(
    country: str = typer.Argument(..., help="Country (ISO3, name or alias)."),
    start: str | None = _from_option(),
    end: str | None = _to_option(),
    top: int = typer.Option(10, "--top", min=1, help="Partners per ranking."),
    dataset: str | None = _dataset_option(),
    run: str | None = _run_option(),
    sector: str | None = _sector_option(),
    convention: str = _convention_option(),
    igo_as_state: bool = _igo_option(),
    engine: Engine = _engine_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Top partners of a country by cooperation and by conflict over a window."""
    first, last = _day(start, "from"), _day(end, "to")
    (code,) = _countries(db, (country, "country"))
    with open_events(db, engine) as events:
        check_filters(events, dataset=dataset, run_id=run)
        counted = _counted(events, start, end, dataset, run)
        profile = partners(
            events,
            code,
            start=first,
            end=last,
            top=top,
            dataset=dataset,
            run_id=run,
            scope=_scope(sector, convention, igo_as_state),
        )
    if as_json:
        print_json(profile.as_dict())
        return
    if not profile.by_cooperation and not profile.by_conflict:
        _no_events(f"of {code} with another country", start, end, dataset, run)
        return
    for title, ranking in (
        ("by cooperation", profile.by_cooperation),
        ("by conflict", profile.by_conflict),
    ):
        table = new_table(f"{code}: partners {title}")
        code_column(table, "partner")
        for column in ("events", "coop", "conflict", "Goldstein mean", "net coop"):
            number_column(table, column)
        for p in ranking:
            table.add_row(
                p.partner,
                str(p.events),
                str(p.cooperation),
                str(p.conflict),
                _fmt(p.goldstein_mean, 2),
                _fmt(p.net_cooperation),
            )
        console.print(table)
    console.print(
        f"{counted}. {PARTNERS_NOTE}; {GOLDSTEIN_NOTE}; {NET_COOP_NOTE}",
        style="dim",
        highlight=False,
    )


#: `accord relations alerts --help`: what the default count model does (docs/relations.md).
ALERTS_HELP = (
    "Dyad-periods that broke away from their own baseline: by default a count model's p-value, "
    "read as a z-score.\n\n"
    "The default --model count gives each period p, the chance of a conflict count (or "
    "Goldstein mean) at least this far from what the dyad's previous periods predict, and z, p "
    "as a signed normal score; an alert fires when z <= -THRESHOLD (--direction up: z >= "
    "THRESHOLD; both: either). --model spread is the earlier rule: z = (value - EWMA baseline) "
    "/ the history's standard deviation. See docs/relations.md."
)
THRESHOLD_HELP = "Alert when |z| reaches this (2: a one-sided p of about 0.023)."
MODEL_HELP = "count (beta-binomial p-value as z) or spread (z in standard deviations of an EWMA)."


@app.command(
    help=ALERTS_HELP,
    epilog=examples(
        "accord relations alerts --by year --min-events 2 --min-history 2",
        "accord relations alerts --dataset gdelt1 --direction both --json",
    ),
)
@reports_errors
def alerts(
    start: str | None = typer.Option(
        None, "--from", help="Report periods from this day.", callback=checked_day
    ),
    end: str | None = typer.Option(
        None, "--to", help="Ignore events after this day.", callback=checked_day
    ),
    by: Period = typer.Option(Period.MONTH, "--by", help="Period length."),
    metric: str = typer.Option(
        "net_cooperation", "--metric", help="net_cooperation or goldstein_mean."
    ),
    window: int = typer.Option(12, "--window", help="Trailing periods in the baseline."),
    span: float = typer.Option(6.0, "--span", help="EWMA span of the baseline level."),
    threshold: float = typer.Option(2.0, "--threshold", help=THRESHOLD_HELP),
    min_history: int = typer.Option(4, "--min-history", help="Baseline periods needed."),
    min_events: int = typer.Option(5, "--min-events", help="Events a period needs to count."),
    direction: str = typer.Option("down", "--direction", help="down, up or both."),
    drivers: int = typer.Option(5, "--drivers", help="Events reported per alert."),
    model: str = typer.Option("count", "--model", help=MODEL_HELP),
    dataset: str | None = _dataset_option(),
    run: str | None = _run_option(),
    sector: str | None = _sector_option(),
    convention: str = _convention_option(),
    igo_as_state: bool = _igo_option(),
    engine: Engine = _engine_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Dyad-periods that broke away from their own baseline (`ALERTS_HELP`)."""
    if direction not in ("down", "up", "both"):
        raise InputError.at(f"--direction must be down, up or both, got {direction!r}")
    settings = AlertSettings(
        metric=metric,  # type: ignore[arg-type]  # checked by AlertSettings
        by=by,
        window=window,
        span=span,
        threshold=threshold,
        min_history=min_history,
        min_events=min_events,
        direction=direction,  # type: ignore[arg-type]
        drivers=drivers,
        model=model,  # type: ignore[arg-type]  # checked by AlertSettings
    )
    scope = _scope(sector, convention, igo_as_state)
    first, last = _day(start, "from"), _day(end, "to")
    with open_events(db, engine) as events:
        check_filters(events, dataset=dataset, run_id=run)
        counted = _counted(events, start, end, dataset, run)
        found = tension_alerts(
            events, settings, start=first, end=last, dataset=dataset, run_id=run, scope=scope
        )
    if as_json:
        print_json([a.as_dict() for a in found])
        return
    _print_alerts(found, settings)
    if found:
        console.print(f"{counted}.", style="dim", highlight=False)


def _alert_rule(settings: AlertSettings) -> str:
    """The z an alert needs in the settings' direction, as `z <= -2`."""
    t = f"{settings.threshold:g}"
    return {"down": f"z <= -{t}", "up": f"z >= {t}"}.get(settings.direction, f"|z| >= {t}")


def _print_alerts(found: list[Alert], settings: AlertSettings) -> None:
    """Alerts as text: one line per alert, then its drivers; when none, what was required."""
    if not found:
        console.print(
            f"no alerts: no dyad {settings.by.value} with at least {settings.min_events} events "
            f"scored {_alert_rule(settings)} (--model {settings.model}) against a baseline of "
            "at least "
            f"{settings.min_history} such periods (sparse data: try --by year --min-events 2 "
            "--min-history 2)",
            highlight=False,
        )
        return
    for alert in found:
        console.print(
            f"[bold]{alert.a}-{alert.b}[/] {alert.period}: {alert.metric} {alert.value:.3f} "
            f"vs baseline {alert.baseline:.3f} (sd {alert.spread:.3f}, z {alert.z:.2f}, "
            f"p {alert.p_value:.2g}, {alert.events} events)"
        )
        for d in alert.drivers:
            console.print(
                f"    {d.date} {d.source}->{d.target} CAMEO {d.cameo_code} "
                f"Goldstein {_fmt(d.goldstein, 1)} {d.url or ''}",
                highlight=False,
            )
    console.print(
        f"baseline, sd: the value and spread expected from the dyad's previous periods (up to "
        f"{settings.window} with {settings.min_events}+ events; --model {settings.model}, "
        "docs/relations.md); p: the chance of a period at least this far off; z: p as a signed "
        "normal score; under each alert the events that drove it (source or URL last)",
        style="dim",
        highlight=False,
    )


@app.command(
    epilog=examples("accord relations blocs --from 2022-01-01 --to 2022-12-31 --min-events 1")
)
@reports_errors
def blocs(
    start: str | None = _from_option(),
    end: str | None = _to_option(),
    min_events: int = typer.Option(3, "--min-events", help="Events a dyad needs to be an edge."),
    weight: str = typer.Option(
        "net_cooperation", "--weight", help="Edge sign from net_cooperation or goldstein_mean."
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the random restarts and bootstrap."),
    bootstrap: int = typer.Option(
        20, "--bootstrap", min=0, help="Bootstrap replicates for the blocs' stability (0: none)."
    ),
    dataset: str | None = _dataset_option(),
    run: str | None = _run_option(),
    sector: str | None = _sector_option(),
    convention: str = _convention_option(),
    igo_as_state: bool = _igo_option(),
    engine: Engine = _engine_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Partition the signed network of dyads into blocs and measure polarisation."""
    first, last = _day(start, "from"), _day(end, "to")
    with Store(db) as store:
        world = open_world(store)
    with open_events(db, engine) as events:
        check_filters(events, dataset=dataset, run_id=run)
        result = network_blocs(
            events,
            world,
            start=first,
            end=last,
            min_events=min_events,
            weight=weight,  # type: ignore[arg-type]  # checked by signed_network
            seed=seed,
            dataset=dataset,
            run_id=run,
            scope=_scope(sector, convention, igo_as_state),
            bootstrap=bootstrap,
        )
    if as_json:
        print_json(result.as_dict())
        return
    console.print(
        f"{len(result.nodes)} countries, {len(result.edges)} dyads; "
        f"{len(result.blocs)} blocs; polarisation {result.polarisation:.3f}, "
        f"balance {result.balance:.3f}, frustrated edges {result.frustration_share:.3f}, "
        f"stability {_fmt(result.stability)}"
    )
    for line in _bloc_lines(result):
        console.print(line, highlight=False)
    console.print(BLOCS_NOTE, style="dim")


def _bloc_lines(result: NetworkBlocs) -> list[str]:
    """One line per bloc, numbered from 0 as the JSON's `bloc`, each country with its
    stability (`*` below `UNSTABLE_BELOW`), then a line naming the weak placements."""
    stability = {n.code: n.stability for n in result.nodes}
    lines = [
        f"  bloc {i} ({len(bloc)}): {' '.join(_member(c, stability.get(c)) for c in bloc)}"
        for i, bloc in enumerate(result.blocs)
    ]
    weak = sorted(
        (n for n in result.nodes if n.stability is not None and n.stability < UNSTABLE_BELOW),
        key=lambda n: (n.stability, n.code),
    )
    if weak:
        lines.append(
            f"  * weak placement, stability below {UNSTABLE_BELOW:g} "
            f"({' '.join(n.code for n in weak)}): the bootstrap often groups "
            f"{'it' if len(weak) == 1 else 'them'} otherwise, so the bloc shown is uncertain"
        )
    return lines


def _member(code: str, stability: float | None) -> str:
    """A country of a bloc line, `FRA:0.49*`: its code and stability, `*` below `UNSTABLE_BELOW`."""
    if stability is None:
        return code
    return f"{code}:{stability:.2f}{'*' if stability < UNSTABLE_BELOW else ''}"


#: What the dyad and partner tables' score columns measure.
GOLDSTEIN_NOTE = "Goldstein: conflict-cooperation weight of each event, -10 to +10"
NET_COOP_NOTE = "net coop: (cooperation - conflict) / events, -1 to 1"
#: What the partners tables count.
PARTNERS_NOTE = (
    "events: between the country and the partner, both directions; coop / conflict: how many "
    "of them are cooperative (quad classes 1-2) / conflictual (3-4)"
)
#: What the four figures of `accord relations blocs` measure (docs/relations.md).
BLOCS_NOTE = (
    "polarisation: share of |weight| on hostile edges between blocs (0 none, 1 hostile blocs); "
    "balance: 1 - frustrated |weight| / total; frustrated edges: share of edges against the "
    "partition; stability: share of country pairs bootstrap replicates group alike (1: always), "
    "after each country its own; blocs are numbered from 0, as in --json"
)


@app.command(epilog=examples("accord relations plot USA CHN -o usa-chn.png --from 2013-01-01"))
@reports_errors
def plot(
    a: str = typer.Argument(..., help="First country."),
    b: str = typer.Argument(..., help="Second country."),
    output: Path = output_option("PNG file to write.", required=True, dir_okay=False),
    by: Period = typer.Option(Period.MONTH, "--by", help="Period length."),
    start: str | None = _from_option(),
    end: str | None = _to_option(),
    directed: bool = typer.Option(False, "--directed", help="Only events from A to B."),
    dataset: str | None = _dataset_option(),
    run: str | None = _run_option(),
    sector: str | None = _sector_option(),
    convention: str = _convention_option(),
    igo_as_state: bool = _igo_option(),
    engine: Engine = _engine_option(),
    db: Path | None = db_option(),
) -> None:
    """Plot a dyad: quad classes stacked per period and the Goldstein mean."""
    scope = _scope(sector, convention, igo_as_state)
    series, counted = _dyad_points(
        db, engine, a, b, by, start, end, directed=directed, dataset=dataset, run=run, scope=scope
    )
    arrow = "->" if directed else "-"
    title = f"{series.a} {arrow} {series.b} by {by.value}"
    points = list(series.points)
    written = plot_dyad(points, output, title=title)
    console.print(f"wrote {written}")
    console.print(f"{counted}.", style="dim", highlight=False)
    spanned = periods_spanned(points)
    if spanned > 48 and spanned > 4 * len(points):
        console.print(
            f"the plot spans {points[0].period} to {points[-1].period}: {spanned} periods "
            f"({by.value}), {len(points)} with events, so its bars are thin; --from and --to "
            "narrow it to where the events are",
            highlight=False,
        )


#: What the columns of `accord relations affinity` are (docs/relations.md).
AFFINITY_NOTE = (
    "year: the year the UN General Assembly session opened (session N: 1945 + N)\n"
    "points: ideal points, about -3 to 3; distance: |a point - b point| (0 = alike)"
)


def _session_of(session: int | None, year: int | None, options: str) -> int | None:
    """The session a --session or --year option names (a year: the session that opened then)."""
    if session is not None and year is not None:
        raise InputError.at(f"give {options}, not both", field=options.split()[-1])
    return year_session(year) if year is not None else session


def _voter(points: IdealPoints, given: str) -> str:
    """The code under which `points` holds `given`: itself, in capitals, or the ISO3 code of
    a country name or code the default world knows ('United States', 'russia'); a name no
    state has is an `UnknownNameError` with suggestions."""
    for code in (given, given.upper()):
        if points.known(code):
            return code
    from accord.world import default_world

    return default_world().code_for(given)


@app.command()
@reports_errors
def affinity(
    a: str = typer.Argument(..., help="Country (ISO3 or COW code, or a name)."),
    b: str | None = typer.Argument(None, help="Second country; omit to list the nearest."),
    file: Path = typer.Option(
        ..., "--file", exists=True, dir_okay=False, help="Ideal-point estimates CSV."
    ),
    year: int | None = typer.Option(
        None, "--year", help="Year a UNGA session opened (nearest: default the latest)."
    ),
    session: int | None = typer.Option(
        None, "--session", help="UNGA session number instead (session N opened in 1945 + N)."
    ),
    from_year: int | None = typer.Option(None, "--from-year", help="First year of a pair."),
    to_year: int | None = typer.Option(None, "--to-year", help="Last year of a pair."),
    first: int | None = typer.Option(None, "--from-session", help="First session of a pair."),
    last: int | None = typer.Option(None, "--to-session", help="Last session of a pair."),
    top: int = typer.Option(10, "--top", min=1, help="Countries listed when B is omitted."),
    as_json: bool = json_option(),
) -> None:
    """UN General Assembly voting affinity: ideal-point distance per year (session)."""
    chosen = _session_of(session, year, "--session or --year")
    first = _session_of(first, from_year, "--from-session or --from-year")
    last = _session_of(last, to_year, "--to-session or --to-year")
    points = IdealPoints(read_ideal_points(file))
    a = _voter(points, a)
    b = _voter(points, b) if b is not None else None
    if b is None:
        latest = (points.sessions or [0])[-1]
        rows = nearest(points, a, chosen if chosen is not None else latest, top=top)
    else:
        if chosen is not None:
            first = last = chosen
        rows = pair_affinity(points, a, b, first=first, last=last)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    table = new_table("UN voting affinity: ideal-point distance (0 = vote alike)")
    for column in ("year", "session", "a", "b", "a point", "b point", "distance"):
        number_column(table, column)
    for r in rows:
        cells = (_fmt(r.a_point), _fmt(r.b_point), _fmt(r.distance))
        table.add_row(str(r.year), str(r.session), r.a, r.b, *cells)
    console.print(table)
    if not rows:  # a pair that sat in no session of the range asked
        console.print(
            f"No session in which both {a} and {b} sat, in the range asked; {covered(points)}."
        )
    console.print(AFFINITY_NOTE, style="dim")
