"""Alternating offers with a deadline and discounting, bilateral or multilateral.

Rubinstein's (1982) protocol, stacked for more parties (Aydogan et al. 2017, SAOP): agents
propose in turn; every other agent, in order, accepts or rejects; the offer is the agreement
when all accept. Each step is one proposal; a party's utility of an agreement at step t is
u(o) d^t. With no agreement by the deadline everyone gets its reservation value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.bargaining.limits import MAX_NEGOTIATION_STEPS, MAX_PARTIES, check_count, raise_if
from accord.bargaining.protocols.domain import LinearUtility, Outcome
from accord.bargaining.strategies.base import Context, Strategy
from accord.errors import InputError


@dataclass(frozen=True)
class Offer:
    """One proposal in the trace."""

    step: int
    agent: int
    outcome: Outcome


@dataclass(frozen=True)
class NegotiationResult:
    """Agreement (or None), when it came, each party's (discounted) utility, and the trace."""

    agreement: Outcome | None
    step: int | None
    utilities: tuple[float, ...]
    trace: tuple[Offer, ...]


#: What the protocol does, in one line, and its sources (shown by the dashboard and the API).
SUMMARY = (
    "Parties propose in turn and the others accept or reject; each step discounts the gains, "
    "and no deal by the deadline leaves everyone its reservation value."
)
REFERENCE = "Rubinstein (1982), Econometrica 50(1); Aydogan et al. (2017), stacked offers"


def alternating_offers(
    utilities: Sequence[LinearUtility],
    strategies: Sequence[Strategy],
    n_steps: int = 100,
    seed: int | None = None,
    record: bool = True,
) -> NegotiationResult:
    """Run the protocol; strategies are reset with a context built from `seed`."""
    n = len(utilities)
    if n < 2 or len(strategies) != n:
        raise InputError.at("need at least two parties, one strategy each", field="parties")
    if n_steps < 1:
        raise InputError.at("the deadline must be at least one step", field="steps")
    raise_if(check_count(n, MAX_PARTIES, "parties", what="parties"))
    raise_if(check_count(n_steps, MAX_NEGOTIATION_STEPS, "steps", what="steps"))
    root = np.random.default_rng(seed)
    for k, (u, strat) in enumerate(zip(utilities, strategies, strict=True)):
        others = tuple(v for j, v in enumerate(utilities) if j != k)
        strat.reset(Context(k, u, others, n_steps, np.random.default_rng(root.integers(2**63))))
    trace: list[Offer] = []
    for step in range(n_steps):
        agent = step % n
        offer = strategies[agent].propose(step)
        if record:
            trace.append(Offer(step, agent, offer))
        agreed = True
        for k in range(1, n):
            other = strategies[(agent + k) % n]
            other.observe(agent, offer)
            if not other.accept(step, offer):
                agreed = False
                break
        if agreed:
            return NegotiationResult(
                offer,
                step,
                tuple(u(offer) * u.discount**step for u in utilities),
                tuple(trace),
            )
    return NegotiationResult(None, None, tuple(u.reservation for u in utilities), tuple(trace))
