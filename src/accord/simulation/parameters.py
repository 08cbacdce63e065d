"""All rule parameters in one value, with per-rule overrides from a scenario."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from accord.simulation.limits import MAX_STEPS
from accord.simulation.rules.action_choice import ActionParams
from accord.simulation.rules.alliances import AllianceParams
from accord.simulation.rules.attitudes import RelationParams
from accord.simulation.rules.crises import CrisisParams
from accord.simulation.rules.dyads import DyadParams
from accord.simulation.rules.mediation import MediationParams
from accord.simulation.rules.negotiation import NegotiationParams
from accord.simulation.rules.organizations import OrganizationParams
from accord.simulation.rules.sanctions import SanctionParams


@dataclass(frozen=True)
class Parameters:
    """The parameters of every rule; each field's class documents its own."""

    actions: ActionParams = field(default_factory=ActionParams)
    relations: RelationParams = field(default_factory=RelationParams)
    crises: CrisisParams = field(default_factory=CrisisParams)
    dyads: DyadParams = field(default_factory=DyadParams)
    alliances: AllianceParams = field(default_factory=AllianceParams)
    sanctions: SanctionParams = field(default_factory=SanctionParams)
    mediation: MediationParams = field(default_factory=MediationParams)
    organizations: OrganizationParams = field(default_factory=OrganizationParams)
    negotiation: NegotiationParams = field(default_factory=NegotiationParams)

    def with_overrides(self, overrides: Mapping[str, Mapping[str, Any]]) -> Parameters:
        """A copy with `{rule: {parameter: value}}` applied (names checked by the scenario
        validator; see `parameter_types`)."""
        changed = {
            rule: dataclasses.replace(getattr(self, rule), **dict(values))
            for rule, values in overrides.items()
        }
        return dataclasses.replace(self, **changed)


def parameter_types() -> dict[str, dict[str, Any]]:
    """`{rule: {parameter: default value}}`: what a scenario's `parameters` may set."""
    defaults = Parameters()
    return {
        f.name: {
            g.name: getattr(getattr(defaults, f.name), g.name)
            for g in dataclasses.fields(getattr(defaults, f.name))
        }
        for f in dataclasses.fields(defaults)
    }


#: Most events a step may draw (`actions.events_per_step`; the default is 1,200).
MAX_EVENTS_PER_STEP = 100_000
#: Largest magnitude of any other numeric parameter (biases and coefficients of logits: e**20
#: is odds of 500 million to one, and larger ones overflow `exp`).
MAX_COEFFICIENT = 20.0
#: Longest reach of a state, in kilometres (half the Earth's circumference, about 20,000 km).
MAX_REACH_KM = 20_100.0
#: Parameters that are probabilities (per step) or shares, so within [0, 1].
_UNIT = frozenset({"onset", "learning", "reversion", "memory_weight", "join_shock"})
#: Parameters that multiply a rate or scale a value, so never negative.
_NON_NEGATIVE = frozenset({"activity_exponent"})


def parameter_bounds(name: str) -> tuple[float, float]:
    """The closed range a parameter's value must lie in, from its name: rates and shares in
    [0, 1], thresholds on relations in [-1, 1], crisis rungs in [1, 5], periods in steps up to
    `MAX_STEPS`, boosts, weights and gates not negative, any other coefficient within
    +-`MAX_COEFFICIENT`: every value stays a finite float through a run (a 21-digit boost
    raised OverflowError, a negative rate ValueError, and `burn_in: 10**21` ran for ever)."""
    if name == "every":
        return 1, MAX_STEPS
    if name == "burn_in":
        return 0, MAX_STEPS
    if name.endswith("_level"):
        return 1, 5
    if name == "events_per_step":
        return 0, MAX_EVENTS_PER_STEP
    if name == "temperature":
        return 0.01, 100.0
    if name.endswith("_km"):
        return 0, MAX_REACH_KM
    if name.endswith("_rate") or name in _UNIT:
        return 0, 1
    if name.endswith("_threshold"):
        return -1, 1
    if name in _NON_NEGATIVE or name.endswith(("_boost", "_weight", "_gate")):
        return 0, MAX_COEFFICIENT
    return -MAX_COEFFICIENT, MAX_COEFFICIENT


def parameter_problem(name: str, default: object, value: object) -> str | None:
    """What is wrong with `value` for a parameter whose default is `default` (None if fine):
    a list of names where the default is one, a whole number where it is an int, a finite
    number within `parameter_bounds` otherwise."""
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"expected a list of organization codes, got {str(value)[:40]}"
        return None
    whole = isinstance(default, int)
    if isinstance(value, bool) or not isinstance(value, int if whole else int | float):
        kind = "a whole number" if whole else "a number"
        return f"expected {kind}, got {type(value).__name__} {str(value)[:40]}"
    low, high = parameter_bounds(name)
    if not low <= value <= high:  # compared as given: nan fails, a huge int is no float
        return f"must be between {low:g} and {high:g}, got {str(value)[:40]}"
    return None
