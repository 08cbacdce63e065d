"""Multilateral negotiations (climate targets, trade) settled with `accord.bargaining`.

The parties become the stakeholders of a one-issue `accord.bargaining.Case`: capability is
hard power, position the state's position on the issue (on a 0-100 scale), salience its
salience. The outcome is the forecast of the chosen bargaining model (`compromise`, the
capability x salience weighted mean, or `eum`, Bueno de Mesquita's expected utility model).

A party signs when its position lies within `tolerance` (on the 0-1 scale) of the outcome,
widened by `(1 - salience)` times `indifference` (states that care little accept more).
Signatories move their position `convergence` of the way toward the outcome and their
mutual relations rise by `relation_boost`; holdouts' relations with the signatories fall by
`holdout_penalty`. A party signing is CAMEO 057 (sign agreement) toward the host; a holdout
is CAMEO 120 (reject).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.models.base import Model
from accord.bargaining.models.compromise import CompromiseModel
from accord.bargaining.models.eum import ExpectedUtilityModel
from accord.simulation.results import Negotiation
from accord.simulation.state import SimState

MODELS: dict[str, type[Model]] = {"compromise": CompromiseModel, "eum": ExpectedUtilityModel}


@dataclass(frozen=True)
class NegotiationParams:
    """Parameters of acceptance and of the agreement's effects (module docstring)."""

    tolerance: float = 0.15
    indifference: float = 0.2
    convergence: float = 0.5
    relation_boost: float = 0.1
    holdout_penalty: float = 0.03


def build_case(state: SimState, issue: str, parties: npt.NDArray[np.intp]) -> Case:
    """The bargaining case of a negotiation among `parties` on `issue`."""
    k = state.issue(issue)
    hard = state.hard
    return Case(
        name=f"simulated {issue} negotiation",
        issues=(Issue(issue, 0.0, 100.0),),
        stakeholders=tuple(
            Stakeholder(
                name=state.codes[i],
                capability=float(hard[i]),
                positions={issue: float(100.0 * state.position[i, k])},
                saliences={issue: float(state.salience[i, k])},
                actor=state.codes[i],
            )
            for i in parties.tolist()
        ),
    )


def negotiate(
    state: SimState,
    p: NegotiationParams,
    issue: str,
    parties: npt.NDArray[np.intp],
    host: int,
    model: str,
    at: int,
) -> tuple[Negotiation, npt.NDArray[np.intp]]:
    """Settle one negotiation (in place); return its record and the signatories' indices."""
    k = state.issue(issue)
    case = build_case(state, issue, parties)
    outcome = MODELS[model]().forecast(case).value(issue) / 100.0
    pos = state.position[parties, k]
    sal = state.salience[parties, k]
    signs = np.abs(pos - outcome) <= p.tolerance + (1.0 - sal) * p.indifference
    signed = parties[signs]
    held = parties[~signs]
    state.position[signed, k] += p.convergence * (outcome - state.position[signed, k])
    block = np.ix_(signed, signed)
    state.relation[block] += p.relation_boost
    state.relation[np.ix_(held, signed)] -= p.holdout_penalty
    state.relation[np.ix_(signed, held)] -= p.holdout_penalty
    np.fill_diagonal(state.relation, 0.0)
    np.clip(state.relation, -1.0, 1.0, out=state.relation)
    record = Negotiation(
        step=at,
        issue=issue,
        model=model,
        host=state.codes[host],
        outcome=float(outcome),
        parties=tuple(state.codes[i] for i in parties.tolist()),
        signatories=tuple(state.codes[i] for i in signed.tolist()),
        capability=tuple(float(x) for x in state.hard[parties]),
        position=tuple(float(x) for x in pos),
        salience=tuple(float(x) for x in sal),
    )
    return record, signed
