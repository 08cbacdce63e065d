"""Mediated single-text negotiation (Raiffa 1982; Klein, Faratin, Sayama & Bar-Yam 2003).

A mediator holds one draft agreement and proposes changes to it; each party accepts a change
that does not make it worse off and vetoes otherwise; unvetoed changes are adopted, so the
text climbs towards the Pareto frontier. The mediator's `bias` (0 = neutral, 1 = partisan)
pulls its proposals towards the `favour`ed party's ideal. The final text is an agreement
when it is individually rational for everyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.bargaining.limits import MAX_MEDIATOR_ITERATIONS, MAX_PARTIES, check_count, raise_if
from accord.bargaining.protocols.alternating import NegotiationResult, Offer
from accord.bargaining.protocols.domain import LinearUtility, Outcome
from accord.errors import InputError


@dataclass(frozen=True)
class Mediator:
    """How the mediator drafts: step size (share of each issue's span), bias and favourite."""

    iterations: int = 500
    step: float = 0.05
    bias: float = 0.0
    favour: int = 0


#: What the protocol does, in one line, and its sources (shown by the dashboard and the API).
SUMMARY = (
    "A mediator proposes changes to a single draft; any party that would lose vetoes a change, "
    "so the text climbs towards the Pareto frontier."
)
REFERENCE = "Raiffa (1982); Klein, Faratin, Sayama & Bar-Yam (2003), Complexity 8(4)"


def single_text(
    utilities: Sequence[LinearUtility],
    mediator: Mediator | None = None,
    start: Outcome | None = None,
    seed: int | None = None,
) -> NegotiationResult:
    """Run hill-climbing single-text mediation; the trace holds every adopted draft."""
    med = mediator or Mediator()
    if len(utilities) < 2:
        raise InputError.at("need at least two parties", field="parties")
    if not 0.0 <= med.bias <= 1.0 or not 0 <= med.favour < len(utilities):
        raise InputError.at("bias must be in [0, 1] and favour a party index", field="mediator")
    raise_if(check_count(len(utilities), MAX_PARTIES, "parties", what="parties"))
    raise_if(
        check_count(
            med.iterations, MAX_MEDIATOR_ITERATIONS, "mediator.iterations", what="iterations"
        )
    )
    rng = np.random.default_rng(seed)
    low = np.asarray(utilities[0].low, float)
    high = np.asarray(utilities[0].high, float)
    span = np.where(high > low, high - low, 1.0)
    ideals = np.array([u.ideal for u in utilities], dtype=float)
    text = ideals.mean(axis=0) if start is None else np.asarray(start, float)
    current = np.array([u(tuple(text)) for u in utilities])
    target = ideals[med.favour]
    trace = [Offer(0, -1, tuple(text.tolist()))]
    for it in range(1, med.iterations + 1):
        noise = rng.normal(0.0, med.step, size=text.shape) * span
        pull = med.bias * med.step * (target - text)
        draft = np.clip(text + (1 - med.bias) * noise + pull, low, high)
        values = np.array([u(tuple(draft)) for u in utilities])
        if (values >= current - 1e-12).all():  # nobody vetoes
            text, current = draft, values
            trace.append(Offer(it, -1, tuple(text.tolist())))
    ok = all(v >= u.reservation for v, u in zip(current, utilities, strict=True))
    final = tuple(text.tolist())
    return NegotiationResult(
        final if ok else None,
        med.iterations if ok else None,
        tuple(current.tolist()) if ok else tuple(u.reservation for u in utilities),
        tuple(trace),
    )
