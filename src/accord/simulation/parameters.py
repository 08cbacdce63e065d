"""All rule parameters in one value, with per-rule overrides from a scenario."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
