"""The one serialisable form of a played-out negotiation: the scenario, its trace and verdict.

`negotiate(scenario, name)` runs a `NegotiationScenario` and judges the agreement against the
Pareto frontier and the Nash point (`scenario.analyse`). The answer, `NegotiationReport`, names
the scenario and repeats its set-up (issues, each party's ideal, weights, reservation, discount
and strategy, the mediator), so a result is never shown apart from the case that produced it.
`accord negotiate --json` prints its `as_dict()` and `POST /api/negotiations` returns it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from accord.bargaining.protocols.alternating import NegotiationResult
from accord.bargaining.protocols.mediated import Mediator
from accord.bargaining.protocols.scenario import NegotiationScenario, analyse
from accord.jsonable import AsDict

__all__ = [
    "IssueBounds",
    "MediatorSetup",
    "NashPoint",
    "NegotiationReport",
    "NegotiationStep",
    "PartySetup",
    "negotiate",
    "report",
]


@dataclass(frozen=True)
class IssueBounds(AsDict):
    """One issue of the scenario and the range its outcomes take."""

    name: str
    low: float
    high: float


@dataclass(frozen=True)
class PartySetup(AsDict):
    """One party as the scenario set it up (weights normalised to sum to one)."""

    name: str
    strategy: str
    ideal: dict[str, float]
    weights: dict[str, float]
    reservation: float
    discount: float


@dataclass(frozen=True)
class MediatorSetup(AsDict):
    """The mediator of a mediated negotiation: drafts, step size, bias and favoured party."""

    iterations: int
    step: float
    bias: float
    favour: str


@dataclass(frozen=True)
class NegotiationStep(AsDict):
    """One offer (alternating) or adopted draft (mediated), with every party's utility of it."""

    step: int
    agent: str
    outcome: dict[str, float]
    utilities: dict[str, float]


@dataclass(frozen=True)
class NashPoint(AsDict):
    """The Nash bargaining point of the outcome grid (None when no outcome beats disagreement)."""

    outcome: dict[str, float] | None
    utilities: dict[str, float] | None


@dataclass(frozen=True)
class NegotiationReport(AsDict):
    """A negotiation played out: the scenario's name and set-up, the offer trace, the agreement
    (None when there is none) with the step it came at and each party's discounted utility, and
    the agreement's distance (in utilities) to the Pareto frontier and to the Nash point."""

    scenario: str
    protocol: str
    parties: tuple[str, ...]
    issues: tuple[IssueBounds, ...]
    setup: tuple[PartySetup, ...]
    steps: int
    seed: int | None
    mediator: MediatorSetup | None
    trace: tuple[NegotiationStep, ...]
    agreement: dict[str, float] | None
    step: int | None
    utilities: dict[str, float]
    nash: NashPoint
    distance_to_frontier: float | None
    distance_to_nash: float | None
    frontier_size: int


def negotiate(scenario: NegotiationScenario, name: str = "scenario") -> NegotiationReport:
    """Run `scenario` (called `name`, e.g. its file's stem) and report it."""
    return report(scenario, scenario.run(), name)


def report(
    scenario: NegotiationScenario, result: NegotiationResult, name: str = "scenario"
) -> NegotiationReport:
    """The report of a result `scenario` produced: its trace, agreement and how good it is."""
    an = analyse(scenario, result)
    parties = scenario.parties
    named = _by(scenario.issues)
    by_party = _by(parties)
    trace = tuple(
        NegotiationStep(
            step=o.step,
            agent=parties[o.agent] if o.agent >= 0 else "mediator",
            outcome=named(o.outcome),
            utilities=by_party(u(o.outcome) for u in scenario.utilities),
        )
        for o in result.trace
    )
    return NegotiationReport(
        scenario=name,
        protocol=scenario.protocol,
        parties=parties,
        issues=_issues(scenario),
        setup=_setup(scenario),
        steps=scenario.steps,
        seed=scenario.seed,
        mediator=_mediator(scenario),
        trace=trace,
        agreement=None if result.agreement is None else named(result.agreement),
        step=result.step,
        utilities=by_party(result.utilities),
        nash=NashPoint(
            outcome=None if an.nash_outcome is None else named(an.nash_outcome),
            utilities=None if an.nash_utilities is None else by_party(an.nash_utilities),
        ),
        distance_to_frontier=an.distance_to_frontier,
        distance_to_nash=an.distance_to_nash,
        frontier_size=len(an.frontier),
    )


def _by(keys: Sequence[str]) -> Callable[[Iterable[float]], dict[str, float]]:
    """A function naming a sequence of values by `keys` (issues or parties), in order."""

    def named(values: Iterable[float]) -> dict[str, float]:
        return dict(zip(keys, (float(v) for v in values), strict=True))

    return named


def _issues(scenario: NegotiationScenario) -> tuple[IssueBounds, ...]:
    """The scenario's issues with their bounds (every party shares them)."""
    u0 = scenario.utilities[0]
    return tuple(
        IssueBounds(n, lo, hi) for n, lo, hi in zip(scenario.issues, u0.low, u0.high, strict=True)
    )


def _setup(scenario: NegotiationScenario) -> tuple[PartySetup, ...]:
    """Each party's preferences and strategy, as the protocol used them."""
    named = _by(scenario.issues)
    return tuple(
        PartySetup(
            name=p,
            strategy=s.name,
            ideal=named(u.ideal),
            weights=named(u.weights),
            reservation=u.reservation,
            discount=u.discount,
        )
        for p, u, s in zip(scenario.parties, scenario.utilities, scenario.strategies, strict=True)
    )


def _mediator(scenario: NegotiationScenario) -> MediatorSetup | None:
    """The mediator a mediated scenario runs with (the protocol's default when none is set)."""
    if scenario.protocol != "mediated":
        return None
    m = scenario.mediator or Mediator()
    return MediatorSetup(m.iterations, m.step, m.bias, scenario.parties[m.favour])
