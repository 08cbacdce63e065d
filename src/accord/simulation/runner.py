"""The runner: prepare a scenario once, then run it for any run index, deterministically.

`prepare` builds the initial state arrays from the world and resolves the shocks; the result
is plain data (picklable), shipped unchanged to any executor. `run_one(prepared, run, seed)`
draws all its randomness from `numpy.random.default_rng(SeedSequence(seed, spawn_key=(run,)))`
(the run-th child of the master seed), so a run's result depends only on the scenario, the
seed and the run index: never on the engine or the number of workers.

Before step 0, `prepare` runs the relation burn-in (rules.attitudes) and attaches the dyad data
of opportunity and willingness (rules.dyads). One step, in order: shocks of the step; contacts
and actions (rules.action_choice); mediation (rules.mediation); collective defence
(rules.alliances); relations (rules.attitudes); crises (rules.crises); sanction costs and
coalitions (rules.sanctions); alliance formation (rules.alliances); memberships
(rules.organizations); salience recovery; metrics.

What depends only on the ties (relation baseline, shared organizations, sanctioning dyads)
is cached in a `derived.TieView`, updated after a step with tie changes and rebuilt after a
shock.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from accord.errors import InputError
from accord.simulation.actions import INDEX, action_table
from accord.simulation.derived import PAIR_KINDS, TieView, tie_view
from accord.simulation.limits import check_states
from accord.simulation.memory import event_memory
from accord.simulation.metrics import BlocTracker, initial_split, step_metrics
from accord.simulation.parameters import Parameters
from accord.simulation.results import (
    METRICS,
    EventLog,
    Events,
    Negotiation,
    RunResult,
    TieChange,
)
from accord.simulation.rules import (
    action_choice,
    alliances,
    attitudes,
    crises,
    dyads,
    mediation,
    organizations,
    sanctions,
)
from accord.simulation.scenario import SimulationScenario
from accord.simulation.shocks import ResolvedShock, apply_shock, recover_salience, resolve_shocks
from accord.simulation.state import FloatArray, SimState, build_state, sorted_unique
from accord.store import Store
from accord.world import World, default_world, open_world, read_world_dir


@dataclass(frozen=True)
class Prepared:
    """A scenario ready to run: initial state, parameters and resolved shocks."""

    scenario: SimulationScenario
    state: SimState
    params: Parameters
    shocks: tuple[ResolvedShock, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return self.state.codes

    def start(self) -> RunStart:
        """What every run derives from the initial state alone (issue distances, the tie view,
        the contact sampler): computed on the first run in a process and shared by the next
        ones (each copies what it changes), not pickled with the scenario."""
        cached = self.__dict__.get("_start")
        if not isinstance(cached, RunStart):
            distance = attitudes.issue_distance(self.state)
            cached = RunStart(
                distance,
                tie_view(self.state, self.params.relations, distance),
                action_choice.ContactSampler(
                    action_choice.base_rates(self.state, self.params.actions), self.params.actions
                ),
                initial_split(self.state.relation),
            )
            object.__setattr__(self, "_start", cached)
        return cached

    def __getstate__(self) -> dict[str, object]:
        """The fields without the per-process cache of `start`."""
        return {k: v for k, v in self.__dict__.items() if k != "_start"}


@dataclass(frozen=True)
class RunStart:
    """The derived arrays a run starts from (`Prepared.start`): read-only, shared by runs."""

    distance: FloatArray
    view: TieView
    sampler: action_choice.ContactSampler
    split: FloatArray  # the converged bloc split of the initial relations (metrics)


def load_world(scenario: SimulationScenario, store: Store | None = None) -> World:
    """The world a scenario names: `default`, `store` (the store's world) or a directory
    of world files (relative to the scenario file)."""
    source = scenario.world_source
    if source == "default":
        return default_world()
    if source == "store":
        return open_world(store if store is not None else Store())
    base = Path(scenario.file).parent if scenario.file else Path.cwd()
    folder = base / source
    if not folder.is_dir():  # named where the scenario names it, with its line
        message = f"world.source {source!r} is not 'default', 'store' or a folder of world files"
        raise InputError(scenario.problem(f"{message} (looked for {folder})", "world.source"))
    return read_world_dir(folder)


def prepare(
    scenario: SimulationScenario, world: World | None = None, store: Store | None = None
) -> Prepared:
    """Build the initial state (with real-event memory when `store` holds events)."""
    world = world if world is not None else load_world(scenario, store)
    try:
        check_states(len(world.states_on(scenario.start)))
        state = build_state(
            world, scenario.start, dict(scenario.doctrines), scenario.default_doctrine
        )
    except InputError as exc:  # too few or too many states that day: at the scenario's start
        raise InputError(scenario.problem(p.message, "world.start") for p in exc.problems) from None
    if store is not None:
        memory = event_memory(store, state.codes, scenario.start)
        if memory is not None:
            state.memory = memory
    ready = prepare_state(scenario, state)
    return replace(ready, shocks=tuple(resolve_shocks(scenario, world, ready.state)))


def prepare_state(
    scenario: SimulationScenario, state: SimState, geography: dyads.Geography | None = None
) -> Prepared:
    """Finish an initial state built elsewhere (in place): relation baseline, burn-in and the
    dyad data (`geography` when given, else the shipped data for the state codes); no shocks.
    `prepare` uses it for the world's states; the benchmark for a synthetic world."""
    params = Parameters().with_overrides(scenario.parameters)
    distance = attitudes.issue_distance(state)
    state.relation = attitudes.baseline(state, params.relations, distance)
    del distance
    with threadpool_limits(limits=1):
        burn_in(state, params, params.relations.burn_in)
    dyads.attach(state, params.dyads, scenario.step_days, geography)
    return Prepared(scenario, state, params, ())


#: The seed of the burn-in: one fixed stream, so every run starts from the same state.
BURN_IN_SEED = 20240101


def burn_in(state: SimState, params: Parameters, steps: int) -> None:
    """Move relations to their stationary level before step 0 (in place): `steps` steps of
    contacts, actions and the relation update, without crises or tie changes
    (rules.attitudes, "Burn-in")."""
    if steps <= 0:
        return
    rng = np.random.default_rng(BURN_IN_SEED)
    p = params
    view = tie_view(state, p.relations, attitudes.issue_distance(state))
    sampler = action_choice.ContactSampler(action_choice.base_rates(state, p.actions), p.actions)
    gold_of = action_table().goldstein
    hostile_of = (action_table().quad >= 3).astype(np.float64)
    for _ in range(steps):
        src, tgt = sampler.draw(state, rng)
        chosen = action_choice.choose(state, src, tgt, p.actions, rng, view.shared)
        log = EventLog()
        log.add(0, src, tgt, chosen)
        a, b, gold, _ = _dyad_sums(state.n, log.finish(), gold_of, hostile_of)
        attitudes.update(state, p.relations, view.base, a, b, gold)


def run_id(scenario: SimulationScenario, seed: int, run: int) -> str:
    """The identifier of a run, stored with its events: `<scenario>-s<seed>-r<run>`."""
    return f"{scenario.name}-s{seed}-r{run:04d}"


def run_rng(seed: int, run: int) -> np.random.Generator:
    """The run-th child generator of the master seed (same as SeedSequence.spawn)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run,)))


def run_one(prepared: Prepared, run: int, seed: int, keep_events: bool = True) -> RunResult:
    """Run the scenario once; identical output for identical (prepared, run, seed).

    BLAS is limited to one thread: the matrices are small (states x states), so threads only
    add overhead, and ensembles get their parallelism from running many runs at once.
    """
    with threadpool_limits(limits=1):
        return _run(prepared, run, seed, keep_events)


def start_run(prepared: Prepared, seed: int, run: int = 0) -> _RunLoop:
    """A run at step 0 that its caller steps one step at a time (`step(t)`), adding shocks to
    `shocks[t]` before a step: `accord.exercises` adjudicates one turn per step this way."""
    return _RunLoop.start(prepared, run_rng(seed, run))


def _dyad_sums(
    n: int, events: Events, gold_of: FloatArray, hostile_of: FloatArray
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray, FloatArray]:
    """The unordered dyads (a < b) with events this step, with the Goldstein sum and the
    number of hostile events (quad classes 3-4) over both directions."""
    src = events.source.astype(np.intp)
    tgt = events.target.astype(np.intp)
    key = np.minimum(src, tgt) * n + np.maximum(src, tgt)
    if key.size == 0:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty.copy(), np.zeros(0), np.zeros(0)
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    action = events.action[order]
    gold = np.add.reduceat(gold_of[action], first)
    hostile = np.add.reduceat(hostile_of[action], first)
    a, b = np.divmod(key[first], n)
    return a, b, gold, hostile


def _run(prepared: Prepared, run: int, seed: int, keep_events: bool) -> RunResult:
    loop = _RunLoop.start(prepared, run_rng(seed, run))
    state = loop.state
    steps = prepared.scenario.steps
    log = EventLog()
    metrics = np.zeros((steps, len(METRICS)))
    loop.blocs = BlocTracker(state.n, start=prepared.start().split)
    loop.attach()  # lazy decay from here on (rules.attitudes)
    for t in range(steps):
        events = loop.step(t)
        metrics[t] = loop.metrics(events)
        if keep_events:
            log.extend(events)
    state.settle()
    return RunResult(
        run=run,
        run_id=run_id(prepared.scenario, seed, run),
        seed=seed,
        codes=state.codes,
        metrics=metrics,
        events=log.finish(),
        ties=loop.ties,
        negotiations=loop.talks,
        final_relation=state.relation.astype(np.float32),
    )


@dataclass
class _RunLoop:
    """The state of one run between steps, and the step itself (rules in the documented order).

    Randomness is drawn from `rng` in one fixed order, so a run repeats exactly.
    """

    state: SimState
    p: Parameters
    rng: np.random.Generator
    shocks: dict[int, list[ResolvedShock]]
    gold_of: FloatArray
    hostile_of: FloatArray
    distance: FloatArray
    sampler: action_choice.ContactSampler
    view: TieView
    ties: list[TieChange] = field(default_factory=list)
    talks: list[Negotiation] = field(default_factory=list)
    seen: int = 0  # tie changes reflected in `view`
    #: the run's bloc tracker (`metrics`), when the runner records metrics
    blocs: BlocTracker | None = None
    #: the alliance review's candidates, kept between reviews in a run with lazy decay
    review: alliances.Review | None = None

    @classmethod
    def start(cls, prepared: Prepared, rng: np.random.Generator) -> _RunLoop:
        """A run at step 0: a copy of the prepared state, the shocks by step, the cached views
        (`Prepared.start`: derived once, the tie view copied because a run patches it)."""
        state = prepared.state.copy()
        state.track()
        p = prepared.params
        by_step: dict[int, list[ResolvedShock]] = defaultdict(list)
        for shock in prepared.shocks:
            by_step[shock.step].append(shock)
        start = prepared.start()
        return cls(
            state=state,
            p=p,
            rng=rng,
            shocks=by_step,
            gold_of=action_table().goldstein,
            hostile_of=(action_table().quad >= 3).astype(np.float64),
            distance=start.distance,
            sampler=start.sampler,
            view=start.view.copy(),
        )

    def step(self, t: int) -> Events:
        """Advance the run by step `t` (in place); return the step's events."""
        step_log = EventLog()
        forced = self._apply_shocks(t, step_log)
        src, tgt = self.sampler.draw(self.state, self.rng)
        chosen = action_choice.choose(
            self.state, src, tgt, self.p.actions, self.rng, self.view.shared
        )
        step_log.add(t, src, tgt, chosen)
        mediated = self._mediate(t, forced, step_log)
        self._defend(t, step_log)
        events = step_log.finish()
        self._evolve(t, events, mediated)
        if len(self.ties) != self.seen:
            self._update_view(self.ties[self.seen :])
            self.seen = len(self.ties)
        return events

    def attach(self) -> None:
        """Relations decay lazily toward the view's baseline from now on, and the alliance
        review keeps its candidates (after a scan of the settled relations)."""
        self.state.attach(self.view.base)
        self.review = alliances.Review.scan(self.state, self.p.alliances, self.view.base)
        self.state.watch("regard", *organizations.regard_columns(self.state, self.p.organizations))

    def _update_view(self, changes: list[TieChange]) -> None:
        """The tie view after the step's tie changes (patched, or rebuilt: then the lazy
        decay and the alliance review start again from the settled relations)."""
        view, lazy = self.view, self.state.base is not None
        if lazy and view.rebuilds(changes):
            self.state.settle()  # the stored relations are relative to the old baseline
        self.view = view.update(self.state, self.p.relations, self.distance, changes)
        if lazy and self.view is not view:
            self.attach()
        elif self.review is not None:
            pairs = [c for c in changes if c.kind in PAIR_KINDS]
            if pairs:
                n, at = self.state.n, self.state.index
                a = np.array([at[c.a] for c in pairs], dtype=np.int64)
                b = np.array([at[c.b] for c in pairs], dtype=np.int64)
                self.review.touch(sorted_unique(np.minimum(a, b) * n + np.maximum(a, b)))

    def metrics(self, events: Events) -> FloatArray:
        """The METRICS row of the step just run (`step_metrics`). The polarisation's bloc
        sums are the state's kept products while the split is held; on a new split the
        relations are settled, and the products are kept for the new split."""
        assert self.blocs is not None
        blocs, state = self.blocs, self.state
        due = blocs.due
        if due:
            state.settle()
        sums = state.product("blocs")  # of the held split
        row = step_metrics(
            state, events.action, blocs, (self.view.held.size, self.view.alliances), sums
        )
        if due:
            columns = blocs.split_columns()
            if state.product("blocs", columns) is None:
                state.watch("blocs", columns)
        return row

    def _apply_shocks(self, t: int, step_log: EventLog) -> list[tuple[int, int, int]]:
        """Apply the shocks of step `t` and refresh the cached tie view; return the mediations
        the shocks ask for."""
        forced: list[tuple[int, int, int]] = []
        shocks = self.shocks.get(t, ())
        if shocks:
            self.state.settle()  # shocks read and write whole rows of relations
        for shock in shocks:
            changes, negotiated, wanted = apply_shock(shock, self.state, self.p, step_log, t)
            self.ties += changes
            self.talks += negotiated
            forced += wanted
            if negotiated:
                self.distance = attitudes.issue_distance(self.state)
        if shocks:
            self.view = tie_view(self.state, self.p.relations, self.distance)
            self.seen = len(self.ties)
            if self.state.base is not None:
                self.attach()
            if self.blocs is not None:
                self.blocs.wake()  # shocks move relations in bulk: a new split at once
        return forced

    def _mediate(
        self, t: int, forced: list[tuple[int, int, int]], step_log: EventLog
    ) -> mediation.Mediations:
        """Mediation attempts (rules.mediation), logged as events toward both sides."""
        mediated = mediation.mediate(self.state, self.p.mediation, self.rng, forced)
        step_log.add(
            t,
            np.concatenate([mediated.mediator, mediated.mediator]),
            np.concatenate([mediated.a, mediated.b]),
            np.full(2 * mediated.a.size, action_choice.MEDIATE),
        )
        return mediated

    def _defend(self, t: int, step_log: EventLog) -> None:
        """Collective defence (rules.alliances): allies mobilise against an attacker."""
        joined, attacker, changes = alliances.collective_defence(
            self.state, self.p.alliances, self.rng, t
        )
        self.ties += changes
        step_log.add(t, joined, attacker, np.full(joined.size, INDEX["mobilise"]))

    def _evolve(self, t: int, events: Events, mediated: mediation.Mediations) -> None:
        """Relations, crises, sanctions, alliances and memberships move after the step's events."""
        state, p, rng = self.state, self.p, self.rng
        n = state.n
        a, b, gold, _ = _dyad_sums(n, events, self.gold_of, self.hostile_of)
        attitudes.update(state, p.relations, self.view.base, a, b, gold)
        sa, sb = mediated.a[mediated.success], mediated.b[mediated.success]
        settled = np.minimum(sa, sb).astype(np.int64) * n + np.maximum(sa, sb)
        fresh = _wars_started(self.ties, state.index, n, t)
        self.ties += crises.step(state, p.crises, p.dyads, rng, settled, t, fresh)
        sanctions.costs(state, p.sanctions, self.view.sender, self.view.target)
        self.ties += sanctions.evolve(state, p.sanctions, rng, t, self.view.held)
        self.ties += alliances.evolve(state, p.alliances, rng, t, self.review)
        self.ties += organizations.evolve(state, p.organizations, rng, t)
        recover_salience(state)


def _wars_started(
    ties: list[TieChange], index: dict[str, int], n: int, t: int
) -> npt.NDArray[np.int64]:
    """Keys `a * n + b` (a < b) of the dyads whose war a shock (an invasion) began earlier in
    step `t`: they hold their rung through this step's crisis moves. (Allies joining a war
    are `defence` ties and follow the crisis rules as before.)"""
    keys: list[int] = []
    for c in reversed(ties):  # ties are appended in step order: this step's come last
        if c.step < t:
            break
        if c.step == t and c.kind == "war" and c.change == "start":
            i, j = sorted((index[c.a], index[c.b]))
            keys.append(i * n + j)
    return np.array(sorted(keys), dtype=np.int64)
