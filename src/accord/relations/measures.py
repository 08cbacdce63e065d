"""The relation measures every view shares, as Ibis expressions over the `events` table.

Which events count is an `EventScope`: the actor sectors to keep, the quad-class and Goldstein
convention, and whether officials of international organisations count for their home state.
Quad classes (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict) follow each dataset's own convention by default (`convention="dataset"`: ICEWS rows
take ICEWS's classes from their CAMEO root, other rows the class their file or reader gave) or
GDELT's for every CAMEO-coded row (`convention="gdelt"`, which also puts ICEWS rows on GDELT's
Goldstein weights; `accord.events.ontology` documents both). Cooperation is classes 1 + 2,
conflict 3 + 4, and net cooperation is `(cooperation - conflict) / events`, in [-1, 1]. Goldstein
sums and means skip events without a score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import ibis
import ibis.expr.types as ir

from accord.errors import InputError, UnknownNameError
from accord.events.ontology import (
    GOLDSTEIN_DIFFERENCES,
    NATIONAL_ROLES,
    QUAD_BREAKS,
    SECTORS,
    sector_pattern,
)

#: Names of the measure columns, in output order.
MEASURES: tuple[str, ...] = (
    "events",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "net_cooperation",
)

#: The `events` columns `select_events` and `counts` read (a query may select these first).
SCOPE_COLUMNS: tuple[str, ...] = (
    "dataset",
    "event_date",
    "source_country",
    "source_sector",
    "target_country",
    "target_sector",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "simulated",
    "run_id",
)

#: A date bound given as a value or as an Ibis expression (a query parameter's placeholder).
DateArg: TypeAlias = dt.date | ir.Value | None
#: A string given as a value or as an Ibis expression (a query parameter's placeholder).
TextArg: TypeAlias = str | ir.Value | None


#: Quad-class and Goldstein conventions: each dataset's own, or GDELT's for all.
Convention = Literal["dataset", "gdelt"]
CONVENTIONS: tuple[str, ...] = ("dataset", "gdelt")

#: The actor sectors a scope may name (`accord.events.ontology.SECTORS`).
SECTOR_NAMES: tuple[str, ...] = tuple(SECTORS)

_ROOTS = tuple(f"{r:02d}" for r in range(1, 21))


@dataclass(frozen=True)
class EventScope:
    """Which events a relation measure counts and how it reads them.

    `sectors`: when not empty, an event counts only if its source and its target each belong
    to one of these sectors (`accord.events.ontology.SECTORS`); `convention`: quad classes and
    Goldstein weights as each dataset defines them or harmonised to GDELT's; `igo_as_state`:
    when false (the default) an event whose source or target is an official of an
    international organisation counts for that organisation, so not for any country dyad.
    """

    sectors: tuple[str, ...] = ()
    convention: Convention = "dataset"
    igo_as_state: bool = False

    def __post_init__(self) -> None:
        unknown = [name for name in self.sectors if name not in SECTORS]
        if unknown:
            known = ", ".join(SECTORS)
            raise InputError.at(f"unknown sector {unknown[0]!r} (known: {known})", field="sector")
        if self.convention not in CONVENTIONS:
            raise InputError.at(
                f"convention must be one of {CONVENTIONS}, got {self.convention!r}",
                field="convention",
            )


#: The default scope: every sector, each dataset's convention, IGO officials apart.
DEFAULT_SCOPE = EventScope()


def event_scope(
    sector: str | Iterable[str] | None = None,
    convention: str = "dataset",
    igo_as_state: bool = False,
) -> EventScope:
    """An `EventScope` from user input: `sector` a name, a comma-separated list or names."""
    if sector is None:
        names: tuple[str, ...] = ()
    elif isinstance(sector, str):
        names = tuple(part.strip().lower() for part in sector.split(",") if part.strip())
    else:
        names = tuple(str(part).strip().lower() for part in sector)
    return EventScope(tuple(sorted(set(names))), convention, igo_as_state)  # type: ignore[arg-type]


def _sector_in(column: ir.StringValue, names: tuple[str, ...]) -> ir.BooleanValue:
    codes = sorted({code for name in names for code in SECTORS[name].cameo})
    pattern = sector_pattern(tuple(p for name in names for p in SECTORS[name].icews))
    found = column.upper().isin(codes) | column.re_search(pattern)
    return found.fill_null(False)


def _igo_official(column: ir.StringValue) -> ir.BooleanValue:
    """An IGO actor: CAMEO type IGO, or ICEWS IGO sectors without a national government role."""
    igo = SECTORS["igo"]
    icews = column.re_search(sector_pattern(igo.icews)) & ~column.re_search(
        sector_pattern(NATIONAL_ROLES)
    )
    return (column.upper().isin(list(igo.cameo)) | icews).fill_null(False)


def _quad_from_root(root: ir.StringValue, convention: str) -> ir.IntegerValue:
    second, third, fourth = (f"{b:02d}" for b in QUAD_BREAKS[convention])
    quad = ibis.cases((root < second, 1), (root < third, 2), (root < fourth, 3), else_=4)
    return quad.cast("int8")


def with_convention(t: ir.Table, convention: str) -> ir.Table:
    """`quad_class` and `goldstein` under a convention (see the module docstring)."""
    valid = t.cameo_root.isin(list(_ROOTS))
    if convention == "dataset":
        quad = (valid & (t.dataset == "icews")).ifelse(
            _quad_from_root(t.cameo_root, "icews"), t.quad_class
        )
        return t.mutate(quad_class=quad)
    gdelt = {code: g for code, (_, g) in GOLDSTEIN_DIFFERENCES.items()}
    weight = ibis.cases(
        *[((t.dataset == "icews") & (t.cameo_code == c), g) for c, g in sorted(gdelt.items())],
        else_=t.goldstein,
    )
    quad = valid.ifelse(_quad_from_root(t.cameo_root, "gdelt"), t.quad_class)
    return t.mutate(quad_class=quad, goldstein=weight.cast("float64"))


def in_scope(t: ir.Table, scope: EventScope) -> ir.Table:
    """Events of `t` the scope keeps (IGO rule, sectors), read under its convention."""
    if not scope.igo_as_state:
        t = t.filter(~_igo_official(t.source_sector) & ~_igo_official(t.target_sector))
    if scope.sectors:
        t = t.filter(
            _sector_in(t.source_sector, scope.sectors) & _sector_in(t.target_sector, scope.sectors)
        )
    return with_convention(t, scope.convention)


def select_events(
    events: ir.Table,
    *,
    start: DateArg = None,
    end: DateArg = None,
    dataset: TextArg = None,
    run_id: TextArg = None,
    scope: EventScope = DEFAULT_SCOPE,
) -> ir.Table:
    """Events between two different known countries, within the dates (inclusive), in `scope`.

    Without `run_id` only real (non-simulated) events count; with it, only that simulation run's.
    """
    t = events
    own_run = events.run_id == run_id if run_id is not None else ~events.simulated.fill_null(False)
    t = t.filter(own_run)
    if dataset is not None:
        t = t.filter(t.dataset == dataset)
    if start is not None:
        t = t.filter(t.event_date >= start)
    if end is not None:
        t = t.filter(t.event_date <= end)
    t = t.filter(
        t.source_country.notnull()
        & t.target_country.notnull()
        & (t.source_country != t.target_country)
    )
    return in_scope(t, scope)


#: File formats whose rows are stored under another dataset name.
_DATASET_OF_FORMAT = {"polecat": "plover", "gdelt-bq": "gdelt2"}


def check_filters(
    events: ir.Table, *, dataset: str | None = None, run_id: str | None = None
) -> None:
    """`UnknownNameError` for a dataset or a simulation run that `events` do not hold, so a
    typo in a filter is an error naming it, never an empty answer; `InputError` for a dataset
    of simulated events only asked without a run (`check_real`)."""
    if dataset is not None:
        known = _distinct(events, events.dataset)
        if dataset not in known:
            hint = _DATASET_OF_FORMAT.get(dataset.lower())
            raise UnknownNameError(
                "dataset",
                dataset,
                known,
                hint=None if hint is None else f"{dataset} files are stored as dataset {hint!r}",
            )
    if run_id is not None:
        runs = events.filter(events.run_id == run_id).limit(1).count().execute()
        if not runs:
            some = _distinct(events.filter(events.run_id.notnull()), events.run_id)
            ensemble = run_id.rsplit("-r", 1)[0] + "-r"
            kept = "-r" in run_id and any(k.startswith(ensemble) for k in some)
            hint = (
                "its ensemble kept the events of the runs listed only (the scenario's "
                "output.events: simulate --events all keeps every run's)"
            )
            raise UnknownNameError("simulation run", run_id, some, hint=hint if kept else None)
    if dataset is not None and run_id is None:
        check_real(events, dataset)


#: How many runs a simulated-only dataset's error names (`check_real`).
_RUNS_NAMED = 10


def check_real(events: ir.Table, dataset: str) -> None:
    """`InputError` (field `dataset`) when every event of `dataset` is simulated: without a
    run none of them counts (`select_events`), so the error names the runs to choose from."""
    held = events.filter(events.dataset == dataset)
    if held.filter(~held.simulated.fill_null(False)).limit(1).count().execute():
        return
    runs = _distinct(held, held.run_id)
    named = ", ".join(runs[:_RUNS_NAMED])
    more = f" and {len(runs) - _RUNS_NAMED} more" if len(runs) > _RUNS_NAMED else ""
    raise InputError.at(
        f"dataset {dataset!r} holds only simulated events, which count only for one simulation "
        f"run or exercise session: choose one with --run (the API's run=): {named}{more}"
        if runs
        else f"dataset {dataset!r} holds only simulated events, none of them with a run id, "
        "so no relation measure counts them",
        field="dataset",
    )


def real_datasets(events: ir.Table) -> list[str]:
    """The datasets of the real (not simulated) events held, sorted: what an unfiltered
    count pools."""
    return _distinct(events.filter(~events.simulated.fill_null(False)), events.dataset)


def _distinct(t: ir.Table, column: ir.Column) -> list[str]:
    """The distinct non-null values of a text column, sorted."""
    name = column.get_name()
    rows = t.select(name).filter(t[name].notnull()).distinct().order_by(name).to_pyarrow()
    return [str(v) for v in rows.column(0).to_pylist()]


def counts(t: ir.Table) -> dict[str, Any]:
    """Aggregations: events, the four quad-class counts, Goldstein sum and mean."""
    q = t.quad_class
    return {
        "events": t.count(),
        "verbal_coop": t.count(where=q == 1),
        "material_coop": t.count(where=q == 2),
        "verbal_conflict": t.count(where=q == 3),
        "material_conflict": t.count(where=q == 4),
        "goldstein_sum": t.goldstein.sum().fill_null(0.0).cast("float64"),
        "goldstein_mean": t.goldstein.mean().cast("float64"),
    }


def with_net_cooperation(t: ir.Table) -> ir.Table:
    """Add `net_cooperation` to a table of `counts` aggregations."""
    coop = t.verbal_coop + t.material_coop
    conflict = t.verbal_conflict + t.material_conflict
    return t.mutate(net_cooperation=(coop - conflict).cast("float64") / t.events)


def pair_columns(t: ir.Table) -> ir.Table:
    """Add the undirected pair `a` < `b` (alphabetical ISO3 codes) of each row.

    Written as one comparison and two conditionals rather than `least`/`greatest`: on DuckDB
    the generic `LEAST`/`GREATEST` on strings cost more than the whole aggregation that follows.
    """
    src, tgt = t.source_country, t.target_country
    first = src < tgt
    return t.mutate(a=first.ifelse(src, tgt), b=first.ifelse(tgt, src))


def pair_aggregate(
    t: ir.Table,
    keys: tuple[str, ...] = (),
    extra: Callable[[ir.Table], dict[str, Any]] | None = None,
) -> ir.Table:
    """`counts` and net cooperation per undirected pair `a`, `b` and the extra `keys`; `extra`
    adds aggregations of its own."""
    pairs = pair_columns(t)
    metrics = counts(pairs) | (extra(pairs) if extra is not None else {})
    return with_net_cooperation(pairs.group_by(["a", "b", *keys]).aggregate(**metrics))


def check_country(code: str, field: str) -> str:
    """An ISO3 code as given (upper-cased), or an `InputError` naming the field."""
    value = code.strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise InputError.at(
            f"expected an ISO3 country code, got {code!r} (relation series are between states; "
            "an organization's members: accord world members CODE)",
            field=field,
        )
    return value
