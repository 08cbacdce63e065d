"""The state of the simulated system as NumPy arrays over states and dyads.

Every mechanism in `rules/` reads and writes these arrays in bulk: there is one row per state
and one cell per directed dyad, never one Python object per agent. `build_state` derives the
initial arrays from an `accord.world.World` on a date; `SimState.copy` gives each run its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from accord.errors import InputError
from accord.simulation.doctrine import Doctrine
from accord.world import Obligation, OrgKind, State, World
from accord.world.ties import FULL_ROLES

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

#: Issues every state has a position (0..1) and a salience (0..1) on.
ISSUES: tuple[str, ...] = ("climate", "trade", "security", "human_rights", "health")


#: Dyad arrays set when a scenario is prepared and only read by a run (the memory of real
#: events, regions, force projection): `SimState.copy` shares them (n x n each).
FIXED = frozenset({"memory", "same_region", "reach"})
#: The lazy decay's references and kept products, which a copy starts without (settled).
LAZY = frozenset({"base"})


@dataclass
class Kept:
    """`relation @ columns` (or `relation.T @ columns`, `transposed`) kept through the writes
    of a run with lazy decay: `base @ columns + scale * dev`, `dev` the stored deviation's."""

    columns: FloatArray
    transposed: bool
    base: FloatArray
    dev: FloatArray

    def add(self, cells: npt.NDArray[np.int64], moved: FloatArray, n: int, *, dev: bool) -> None:
        """Add `moved` at the dyads `cells` (to the deviation's product or, with `dev` False,
        to the baseline's, which moves the deviation the other way)."""
        rows, cols = np.divmod(cells, n)
        into, by = (cols, rows) if self.transposed else (rows, cols)
        for k in range(self.columns.shape[1]):
            add = np.bincount(into, moved * self.columns[by, k], minlength=n)
            if dev:
                self.dev[:, k] += add
            else:
                self.base[:, k] += add
                self.dev[:, k] -= add


@dataclass
class SimState:
    """Arrays describing every state (n) and dyad (n x n) at one step.

    Relations `relation[i, j]` are state i's attitude toward j in [-1, 1]; `crisis` is the
    symmetric rung (0 none .. 5 war) of the dyad's crisis; `war[i, j]` means i attacks j;
    `sanction[i, j]` means i sanctions j; `ally[i, j]` a defence obligation between i and j.
    """

    codes: tuple[str, ...]
    regions: tuple[str, ...]
    orgs: tuple[str, ...]
    hard0: FloatArray
    econ: FloatArray
    soft: FloatArray
    position: FloatArray
    salience: FloatArray
    salience0: FloatArray
    realism: FloatArray
    liberalism: FloatArray
    constructivism: FloatArray
    risk: FloatArray
    relation: FloatArray
    memory: FloatArray
    ally: BoolArray
    member: BoolArray
    sanction: BoolArray
    crisis: npt.NDArray[np.int8]
    war: BoolArray
    same_region: BoolArray
    #: targets of sanctions by a universal organization (UN regimes: one sender, counted once)
    regimes: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: politically relevant dyads (rules.dyads): only they start disputes or reach war
    reach: BoolArray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    nuclear: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: military expenditure (US$, latest; imputed as in `_power`)
    military: FloatArray = field(default_factory=lambda: np.zeros(0))
    #: candidate dyads (a < b) of MID onset, their yearly log-odds and starting relation
    onset_a: npt.NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    onset_b: npt.NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    onset_logit: FloatArray = field(default_factory=lambda: np.zeros(0))
    onset_relation0: FloatArray = field(default_factory=lambda: np.zeros(0))
    step_years: float = 7.0 / 365.25
    #: keys a * n + b (a < b) of the dyads that may be in crisis or at war, sorted: a superset
    #: kept by the rules while `tracked` (a run), so that no rule scans every dyad to find
    #: the few in crisis; untracked, `hot_dyads` scans the arrays
    hot: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    tracked: bool = False
    index: dict[str, int] = field(default_factory=dict)
    #: lazy decay (a run; rules.attitudes): while `base` (the baseline, the run's
    #: `TieView.base`) is set, the relation of dyad (i, j) is `base + scale * (relation -
    #: base)`; the decay toward the baseline multiplies `scale` only, and `settle` writes
    #: the relations out (a dense pass) when a rule reads the whole matrix. Read and write
    #: single dyads with `rel_at`, `rel_flat`, `rel_rows`, `rel_cols` and `rel_put`.
    base: FloatArray | None = None
    scale: float = 1.0
    #: products of the relations with a few columns kept up to date through the writes
    #: (`watch`, `product`): the polarisation's bloc sums, the organizations' regard
    kept: dict[str, Kept] = field(default_factory=dict)
    #: keys a * n + b (a <= b) of the dyads written (`rel_put`) while `base` is set, since
    #: the rule that reads them last took them (`take_written`): the review's candidates
    written: list[npt.NDArray[np.int64]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = {code: i for i, code in enumerate(self.codes)}

    @property
    def n(self) -> int:
        return len(self.codes)

    @property
    def hard(self) -> FloatArray:
        """Current hard power: the base share scaled by the economy (sanctions erode it)."""
        return self.hard0 * self.econ

    @property
    def shared_orgs(self) -> FloatArray:
        """Number of organizations each pair of states both belong to (n x n)."""
        m = self.member.astype(np.float64)
        shared = m @ m.T
        np.fill_diagonal(shared, 0.0)
        return shared

    def copy(self) -> SimState:
        """A copy with its own arrays, so a run never changes the prepared initial state
        (the tuples of names are immutable and shared, and so are the `FIXED` dyad arrays,
        which only `prepare` sets: a run never writes them)."""
        self.settle()
        arrays = {
            f.name: getattr(self, f.name).copy()
            for f in fields(self)
            if isinstance(getattr(self, f.name), np.ndarray) and f.name not in FIXED | LAZY
        }
        copied = replace(self, **arrays)
        copied.base, copied.kept, copied.written = None, {}, []
        return copied

    @property
    def lazy(self) -> bool:
        """Whether the stored relations are not the relations (a decay is pending)."""
        return self.base is not None and self.scale != 1.0

    def rel_flat(self, cell: npt.NDArray[np.integer[Any]]) -> FloatArray:
        """The relations of the flat dyad indices `cell` (i * n + j)."""
        r: FloatArray = self.relation.take(cell)
        if self.lazy and self.base is not None:
            b = self.base.take(cell)
            r -= b
            r *= self.scale
            r += b
        return r

    def rel_at(self, i: npt.NDArray[np.intp], j: npt.NDArray[np.intp]) -> FloatArray:
        """The relations of the dyads (i[k], j[k])."""
        return self.rel_flat(np.asarray(i, dtype=np.int64) * self.n + j)

    def rel_rows(self, rows: npt.NDArray[np.intp]) -> FloatArray:
        """Whole rows of the relations (i's attitudes to everyone, one row per i)."""
        r: FloatArray = self.relation[rows]
        if self.lazy and self.base is not None:
            b = self.base[rows]
            r -= b
            r *= self.scale
            r += b
        return r

    def rel_cols(self, cols: npt.NDArray[np.intp]) -> FloatArray:
        """Whole columns of the relations (everyone's attitude to j, one column per j)."""
        r: FloatArray = self.relation[:, cols]
        if self.lazy and self.base is not None:
            b = self.base[:, cols]
            r -= b
            r *= self.scale
            r += b
        return r

    def rel_put(
        self,
        i: npt.NDArray[np.intp],
        j: npt.NDArray[np.intp],
        values: FloatArray,
        distinct: bool = False,
    ) -> None:
        """Set the relations of the dyads (i[k], j[k]) (the last value of a repeated dyad),
        keeping `relation_sums` up to date; `distinct` says that no dyad repeats."""
        flat = np.asarray(i, dtype=np.int64) * self.n + j
        stored = np.asarray(values, dtype=np.float64)
        if self.lazy and self.base is not None:
            b = self.base.take(flat)
            stored = b + (stored - b) / self.scale
        cells = old = None
        if self.kept and flat.size:
            cells = flat if distinct else sorted_unique(flat)
            old = self.relation.take(cells)
        self.relation[i, j] = stored
        if self.base is not None:  # the unordered dyad: the review's candidates
            self.written.append(np.minimum(i, j).astype(np.int64) * self.n + np.maximum(i, j))
        if cells is not None and old is not None:
            moved = self.relation.take(cells) - old
            for kept in self.kept.values():
                kept.add(cells, moved, self.n, dev=True)

    def take_written(self) -> list[npt.NDArray[np.int64]]:
        """The keys `a * n + b` (a <= b) of the dyads written since the last call (repeats
        possible)."""
        out, self.written = self.written, []
        return out

    def decay(self, keep: float) -> None:
        """Every relation moves toward the baseline: `r <- base + keep * (r - base)` (lazy:
        the scale only; written out when the scale falls below one half)."""
        self.scale *= keep
        if self.scale < 0.5:
            self.settle()

    def settle(self) -> None:
        """Write the pending decay into the stored relations (one blocked pass): afterwards
        `relation` holds the relations themselves."""
        if not self.lazy or self.base is None:
            return
        s, r, b = self.scale, self.relation, self.base
        for rows in row_blocks(r.shape[0], r.shape[1] * r.itemsize):
            block = r[rows]
            block -= b[rows]
            block *= s
            block += b[rows]  # in [-1, 1] up to rounding (~1e-16)
        self.scale = 1.0
        for kept in self.kept.values():
            kept.dev *= s  # the stored deviation is scaled by s

    def rebase(self, i: npt.NDArray[np.intp], j: npt.NDArray[np.intp], values: FloatArray) -> None:
        """The baseline of the dyads (i[k], j[k]) becomes `values` (a tie changed); their
        relations stay what they are."""
        flat = np.asarray(i, dtype=np.int64) * self.n + j
        cells, first = np.unique(flat, return_index=True)
        ci, cj = np.divmod(cells, self.n)
        keep = self.rel_flat(cells)
        if self.base is not None:
            new = np.asarray(values, dtype=np.float64)[first]
            moved = new - self.base.take(cells)
            for kept in self.kept.values():
                kept.add(cells, moved, self.n, dev=False)
            self.base[ci, cj] = new
        self.rel_put(ci, cj, keep, distinct=True)

    def attach(self, base: FloatArray) -> None:
        """Start (or, after the ties were rebuilt, resume) the lazy decay toward `base` (the
        relations must be settled); kept products are recomputed."""
        self.settle()
        self.base = base
        for name, kept in list(self.kept.items()):
            self.watch(name, kept.columns, kept.transposed)

    def watch(self, name: str, columns: FloatArray, transposed: bool = False) -> None:
        """Keep `relation @ columns` (`relation.T @ columns`) as `name` from now on (two
        dense products); only with lazy decay (`base` set)."""
        if self.base is None:
            return
        b = self.base.T if transposed else self.base
        r = self.relation.T if transposed else self.relation
        base = b @ columns
        self.kept[name] = Kept(columns, transposed, base, r @ columns - base)

    def product(self, name: str, columns: FloatArray | None = None) -> FloatArray | None:
        """The kept product `name` of the relations as they are, or None if none is kept (or
        it is kept for other `columns` than those given)."""
        kept = self.kept.get(name)
        if kept is None or (columns is not None and not np.array_equal(columns, kept.columns)):
            return None
        out: FloatArray = kept.base + self.scale * kept.dev
        return out

    def issue(self, name: str) -> int:
        return ISSUES.index(name)

    def track(self) -> None:
        """Start keeping `hot` (a full scan of the crisis and war arrays): call after any
        change of crises or wars made outside the rules (a shock, a test)."""
        a, b = upper_nonzero((self.crisis > 0) | self.war | self.war.T)
        self.hot = a.astype(np.int64) * self.n + b
        self.tracked = True

    def mark(self, a: npt.NDArray[np.intp], b: npt.NDArray[np.intp]) -> None:
        """Note that the dyads (a[k], b[k]) may have entered a crisis (a rule raised them)."""
        if self.tracked and a.size:
            keys = np.minimum(a, b).astype(np.int64) * self.n + np.maximum(a, b)
            self.hot = sorted_unique(self.hot, keys)

    def hot_dyads(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """(a, b), a < b in row-major order, of every dyad in crisis or at war (either way)."""
        if not self.tracked:
            return upper_nonzero((self.crisis > 0) | self.war | self.war.T)
        a, b = np.divmod(self.hot, self.n)
        flat, back = self.hot, b * self.n + a
        live = (self.crisis.take(flat) > 0) | self.war.take(flat) | self.war.take(back)
        self.hot = self.hot[live]
        return a[live].astype(np.intp), b[live].astype(np.intp)

    def crisis_dyads(self, min_level: int = 1) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """(a, b), a < b in row-major order, of the dyads at rung `min_level` or above: what
        `upper_nonzero(crisis >= min_level)` gives, without the scan while tracked."""
        a, b = self.hot_dyads()
        keep = self.crisis[a, b] >= max(min_level, 1)
        return a[keep], b[keep]

    def wars(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """(attacker, victim) of every war in row-major order: `np.nonzero(war)`."""
        a, b = self.hot_dyads()
        x, y = np.concatenate([a, b]), np.concatenate([b, a])
        keep = self.war[x, y]
        cells = np.sort(x[keep] * self.n + y[keep])
        return np.divmod(cells, self.n)

    def aggressors(self) -> npt.NDArray[np.intp]:
        """States waging a war of aggression, ascending: `flatnonzero(war.any(axis=1))`."""
        out: npt.NDArray[np.intp] = np.unique(self.wars()[0])
        return out


#: Bytes of one block of rows in the blocked passes over dyad arrays: small enough that a block
#: stays in a core's L2 cache between the operations fused over it (13 rows of a 5,000-state
#: float64 matrix; measured best at 16-64). A float64 matrix of up to 256 states is one block,
#: so on the default world (200 states) the passes are the plain whole-matrix operations.
BLOCK_BYTES = 1 << 19


def sorted_unique(*parts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The sorted distinct values of the concatenated `parts`: `np.unique` by a sort, which
    is many times faster than its hashing on the ~1e5 dyad keys of a step at scale."""
    x = np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    if x.size < 2:
        return x
    out: npt.NDArray[np.int64] = x[np.concatenate(([True], x[1:] != x[:-1]))]
    return out


def row_blocks(rows: int, row_bytes: int) -> list[slice]:
    """Slices of consecutive rows covering `rows` rows of `row_bytes` bytes each, one block
    of at most `BLOCK_BYTES` (at least one row): the unit of the blocked dense passes."""
    step = max(1, BLOCK_BYTES // max(row_bytes, 1))
    return [slice(start, min(start + step, rows)) for start in range(0, rows, step)]


def upper_nonzero(mask: BoolArray) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Indices (i, j), i < j, of the True cells of a symmetric boolean dyad mask, in row-major
    order. Cheaper than indexing every unordered pair when few cells are set (crises, wars)."""
    flat = np.flatnonzero(mask)
    i, j = np.divmod(flat, mask.shape[1])
    keep = i < j
    return i[keep], j[keep]


def _latest(world: World, code: str, indicator: str) -> float | None:
    found = world.capabilities_of(code, indicator)
    return found[0].value if found else None


def _power(world: World, codes: list[str]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Hard power (CINC-like mean of GDP, military spending and population shares) and soft
    power (diplomatic missions, else a GDP-based estimate), with documented imputation:
    a missing GDP is the 5th percentile of known GDPs scaled by population where known;
    missing military spending is 1.5% of GDP; a missing population is 1/1000 of GDP in US$."""
    gdp = np.array([_latest(world, c, "gdp") or np.nan for c in codes])
    pop = np.array([_latest(world, c, "population") or np.nan for c in codes])
    mil = np.array([_latest(world, c, "military_expenditure") or np.nan for c in codes])
    missions = np.array([_latest(world, c, "diplomatic_missions") or np.nan for c in codes])
    known = gdp[np.isfinite(gdp)]
    floor = float(np.percentile(known, 5)) if known.size else 1e10
    per_capita = float(np.nanmedian(gdp / pop)) if np.isfinite(gdp / pop).any() else 5000.0
    gdp = np.where(np.isfinite(gdp), gdp, np.where(np.isfinite(pop), pop * per_capita, floor))
    gdp = np.where(np.isfinite(pop) | np.isfinite(gdp), gdp, floor)
    pop = np.where(np.isfinite(pop), pop, gdp / 1000.0)
    mil = np.where(np.isfinite(mil), mil, 0.015 * gdp)
    hard = (gdp / gdp.sum() + mil / mil.sum() + pop / pop.sum()) / 3.0
    estimate = 20.0 * (gdp / 1e11) ** 0.4
    missions = np.where(np.isfinite(missions), missions, np.clip(estimate, 5.0, 150.0))
    soft = np.log1p(missions) / np.log1p(missions.max())
    return hard, soft, mil


def _positions(
    world: World,
    codes: list[str],
    on: dt.date,
    member: BoolArray,
    orgs: list[str],
    ally_with: dict[str, BoolArray],
    sanctioned: BoolArray,
) -> tuple[FloatArray, FloatArray]:
    """Issue positions and saliences derived from each state's ties (documented heuristic):
    Paris Agreement parties and EU members lean green; WTO/OECD/APEC members lean to open
    trade; US allies sit at one end of the security axis and allies of Russia or China (CSTO,
    SCO) at the other; EU and OECD members weigh human rights; WHO members health."""

    def m(org: str) -> FloatArray:
        return member[:, orgs.index(org)].astype(float) if org in orgs else np.zeros(len(codes))

    try:
        paris = {p.party for p in world.treaty_parties("PARIS", on)}
    except LookupError:
        paris = set()
    in_paris = np.array([c in paris for c in codes], dtype=float)
    west = ally_with.get("USA", np.zeros(len(codes), dtype=bool)).astype(float)
    east = np.maximum(
        ally_with.get("RUS", np.zeros(len(codes), dtype=bool)).astype(float),
        np.maximum(m("CSTO"), m("SCO")),
    )
    position = np.column_stack(
        [
            0.3 + 0.3 * in_paris + 0.2 * m("EU") - 0.15 * m("OPEC"),
            0.3 + 0.3 * m("WTO") + 0.2 * m("OECD") + 0.1 * m("APEC"),
            0.5 + 0.35 * west - 0.35 * east,
            0.4 + 0.25 * m("EU") + 0.15 * m("OECD") - 0.2 * sanctioned.astype(float),
            0.4 + 0.3 * m("WHO"),
        ]
    )
    salience = np.column_stack(
        [
            0.35 + 0.3 * m("EU"),
            0.45 + 0.2 * m("G20"),
            0.4 + 0.3 * np.maximum(west, east),
            0.25 + 0.35 * m("EU"),
            np.full(len(codes), 0.2),
        ]
    )
    return np.clip(position, 0.0, 1.0), np.clip(salience, 0.0, 1.0)


def _states(world: World, on: dt.date) -> list[State]:
    """The states existing on `on`, sorted by code; an input error when fewer than two exist
    (nothing to simulate between: a start before the world's states)."""
    states = sorted(world.states_on(on), key=lambda s: s.code)
    if len(states) < 2:
        first = min((s.start for s in world.states if s.start is not None), default=None)
        later = f"; the world's first state begins on {first}" if first else ""
        raise InputError.at(
            f"{len(states)} state(s) of the world exist on {on}: a simulation needs at least "
            f"two{later}",
            field="start",
        )
    return states


def build_state(
    world: World,
    on: dt.date,
    doctrines: dict[str, Doctrine] | None = None,
    default_doctrine: Doctrine | None = None,
) -> SimState:
    """The initial arrays for every state of `world` existing on `on`.

    Alliances are the world's defence obligations on the date; memberships its full
    memberships; sanctions every regime in force (an organization sender stands for its
    members); relations start at zero and are set by `rules.attitudes.baseline`.
    """
    states = _states(world, on)
    codes = [s.code for s in states]
    idx = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    orgs = sorted(o.code for o in world.organizations)
    member = _memberships(world, codes, orgs, on)
    ally = _defence_allies(world, codes, idx, on)
    universal = {o.code for o in world.organizations if o.kind == OrgKind.UNIVERSAL}
    sanction, regimes = _sanctions(world, idx, orgs, member, on, universal)
    ally_with: dict[str, BoolArray] = {c: ally[idx[c]] for c in ("USA", "RUS", "CHN") if c in idx}
    sanctioned: BoolArray = np.asarray(sanction.any(axis=0), dtype=bool)
    position, salience = _positions(world, codes, on, member, orgs, ally_with, sanctioned)
    hard, soft, military = _power(world, codes)
    docs = _doctrines(codes, doctrines, default_doctrine)
    regions = tuple(s.region or "" for s in states)
    reg = np.array(regions)
    return SimState(
        codes=tuple(codes),
        regions=regions,
        orgs=tuple(orgs),
        hard0=hard,
        econ=np.ones(n),
        soft=soft,
        position=position,
        salience=salience,
        salience0=salience.copy(),
        realism=np.array([d.realism for d in docs]),
        liberalism=np.array([d.liberalism for d in docs]),
        constructivism=np.array([d.constructivism for d in docs]),
        risk=np.array([d.risk for d in docs]),
        relation=np.zeros((n, n)),
        memory=np.zeros((n, n)),
        ally=ally,
        member=member,
        sanction=sanction,
        crisis=np.zeros((n, n), dtype=np.int8),
        war=np.zeros((n, n), dtype=bool),
        same_region=(reg[:, None] == reg[None, :]) & (reg[:, None] != ""),
        regimes=regimes,
        military=military,
    )


def _memberships(world: World, codes: list[str], orgs: list[str], on: dt.date) -> BoolArray:
    """`member[i, k]`: state i is a full member of organization k on the date."""
    member = np.zeros((len(codes), len(orgs)), dtype=bool)
    for i, code in enumerate(codes):
        for ms in world.memberships(code, on, FULL_ROLES):
            if ms.org in orgs:
                member[i, orgs.index(ms.org)] = True
    return member


def _defence_allies(world: World, codes: list[str], idx: dict[str, int], on: dt.date) -> BoolArray:
    """`ally[i, j]`: a defence obligation links i and j on the date (symmetric)."""
    n = len(codes)
    ally = np.zeros((n, n), dtype=bool)
    for i, code in enumerate(codes):
        for link in world.allies(code, on, Obligation.DEFENCE):
            j = idx.get(link.ally)
            if j is not None:
                ally[i, j] = ally[j, i] = True
    return ally


def _sanctions(
    world: World,
    idx: dict[str, int],
    orgs: list[str],
    member: BoolArray,
    on: dt.date,
    universal: set[str],
) -> tuple[BoolArray, BoolArray]:
    """`sanction[i, j]`: i sanctions j on the date (a regional organization sender stands for
    its members; never a state itself); `regimes[j]`: j is under sanctions of a universal
    organization (the UN), one sender counted once rather than every member state."""
    n = len(idx)
    sanction = np.zeros((n, n), dtype=bool)
    regimes = np.zeros(n, dtype=bool)
    for sl in world.sanctions(on=on):
        t = idx.get(sl.regime.target)
        if t is None:
            continue
        if sl.sender in universal:
            regimes[t] = True
        elif sl.sender in idx:
            sanction[idx[sl.sender], t] = True
        elif sl.sender in orgs:
            senders = np.flatnonzero(member[:, orgs.index(sl.sender)])
            sanction[senders, t] = True
    np.fill_diagonal(sanction, False)
    return sanction, regimes


def _doctrines(
    codes: list[str], doctrines: dict[str, Doctrine] | None, default_doctrine: Doctrine | None
) -> list[Doctrine]:
    """Each state's normalised doctrine: its own when the scenario gives one, else the default."""
    chosen = doctrines or {}
    base = (default_doctrine or Doctrine()).normalised()
    return [chosen[c].normalised() if c in chosen else base for c in codes]
