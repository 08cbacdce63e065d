"""Zeuthen's strategy (Zeuthen 1930) with Harsanyi's (1956) risk limits: the party less
willing to risk conflict concedes.

A party's risk limit is the share of its gain over the disagreement point that it would lose
by accepting the other's offer instead of its own, (u(own) - u(theirs)) / (u(own) - d), d its
reservation utility: the largest chance of breakdown it would run rather than give in. At its
turn the agent concedes one step (`step_size`, in its own utility, never below d) when its
risk limit is not larger than the opponent's. Since r_A <= r_B exactly when A's offer has the
smaller Nash product (u_A - d_A)(u_B - d_B), the process ends at the Nash bargaining solution
(Harsanyi 1956), to within about one step. Offers are Pareto-efficient: the best outcome for
the opponent among those worth the demanded level (with several issues, the agent gives up
first the issues the opponent values most per unit of its own loss). Needs the opponent's
utility (complete information) and exactly one opponent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

from accord.bargaining.protocols.domain import LinearUtility, Outcome
from accord.bargaining.strategies.base import Context, Strategy
from accord.errors import InputError


def risk_limit(own_offer: float, other_offer: float, disagreement: float) -> float:
    """Harsanyi's risk limit: (u(own) - u(theirs)) / (u(own) - d); infinite when the own
    offer gains nothing over the disagreement point (nothing left to concede)."""
    gain = own_offer - disagreement
    if gain <= 1e-12:
        return math.inf
    return (own_offer - other_offer) / gain


def efficient_offer(me: LinearUtility, other: LinearUtility, target: float) -> Outcome:
    """The outcome worth `target` to `me` that is best for `other` (a point of the Pareto
    frontier): a fractional knapsack over the issues, cheapest gains for `other` first."""
    if len(me.ideal) == 1:
        return me.toward(target, other.ideal)
    moves = []
    for k, (mine, theirs) in enumerate(zip(me.ideal, other.ideal, strict=True)):
        span = me.high[k] - me.low[k] or 1.0
        cost, gain = me.weights[k] / span, other.weights[k] / span
        if mine != theirs and gain > 0:
            moves.append((cost / gain, k, cost * abs(theirs - mine)))
    out = list(me.ideal)
    budget = max(1.0 - target, 0.0)
    for _, k, full in sorted(moves):
        share = 1.0 if full <= budget else budget / full
        out[k] = me.ideal[k] + share * (other.ideal[k] - me.ideal[k])
        budget -= share * full
        if budget <= 0:
            break
    return tuple(out)


@dataclass
class Zeuthen(Strategy):
    """Monotonic concession by the rule of least risk, risk measured against the
    disagreement point."""

    step_size: float = 0.01

    name: ClassVar[str] = "zeuthen"
    summary: ClassVar[str] = (
        "The party with less to lose from conflict (the smaller risk limit) concedes a step; "
        "offers stay Pareto-efficient."
    )
    reference: ClassVar[str] = "Zeuthen (1930); Harsanyi (1956), Econometrica 24(2)"
    classifier: ClassVar[dict[str, Any]] = {"complete_information": True, "bilateral": True}

    level: float = field(init=False, default=1.0)
    mine: Outcome | None = field(init=False, default=None)

    def reset(self, ctx: Context) -> None:
        """Start at the ideal; insist on a single opponent."""
        if len(ctx.others) != 1:
            raise InputError.at("Zeuthen's strategy is bilateral", field="strategy")
        super().reset(ctx)
        self.level, self.mine = 1.0, None

    def propose(self, step: int) -> Outcome:
        """Concede a step when this agent's risk limit is not larger than the opponent's."""
        me, other = self.ctx.utility, self.ctx.others[0]
        if self.seen and self.mine is not None:
            theirs = self.seen[-1]
            own = risk_limit(me(self.mine), me(theirs), me.reservation)
            opp = risk_limit(other(theirs), other(self.mine), other.reservation)
            if own <= opp:
                self.level = max(self.level - self.step_size, me.reservation)
        self.mine = efficient_offer(me, other, self.level)
        return self.mine

    def accept(self, step: int, offer: Outcome) -> bool:
        """Accept anything at least as good as the current demand."""
        return self.ctx.utility(offer) >= self.level - 1e-12
