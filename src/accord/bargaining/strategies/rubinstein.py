"""The subgame-perfect strategy of Rubinstein's alternating-offers game (Rubinstein 1982).

With discount factors d_i (own) and d_j (opponent's), the proposer demands the share
(1 - d_j) / (1 - d_i d_j) of the surplus and the responder accepts any offer worth at least
d_i times what it would demand itself. The first offer is accepted at once. Needs the
opponent's discount factor (complete information) and one opponent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from accord.bargaining.protocols.domain import Outcome
from accord.bargaining.strategies.base import Context, Strategy
from accord.errors import InputError


def rubinstein_share(own_discount: float, other_discount: float) -> float:
    """The proposer's equilibrium share (1 - d_j) / (1 - d_i d_j)."""
    if own_discount * other_discount >= 1.0:
        return 0.5
    return (1.0 - other_discount) / (1.0 - own_discount * other_discount)


@dataclass
class Rubinstein(Strategy):
    """Play the unique subgame-perfect equilibrium."""

    name: ClassVar[str] = "rubinstein"
    summary: ClassVar[str] = (
        "Demands the subgame-perfect equilibrium share set by both discount factors and accepts"
        " what waiting is worth."
    )
    reference: ClassVar[str] = "Rubinstein (1982), Econometrica 50(1)"
    classifier: ClassVar[dict[str, Any]] = {"complete_information": True, "bilateral": True}

    def reset(self, ctx: Context) -> None:
        """Insist on a single opponent."""
        if len(ctx.others) != 1:
            raise InputError.at("Rubinstein's strategy is bilateral", field="strategy")
        super().reset(ctx)

    def demand(self) -> float:
        """Own equilibrium utility as proposer."""
        me, other = self.ctx.utility, self.ctx.others[0]
        return max(rubinstein_share(me.discount, other.discount), me.reservation)

    def propose(self, step: int) -> Outcome:
        """Demand the equilibrium share."""
        return self.ctx.utility.toward(self.demand(), self.ctx.others[0].ideal)

    def accept(self, step: int, offer: Outcome) -> bool:
        """Accept what waiting a period to propose would be worth."""
        me = self.ctx.utility
        return me(offer) >= max(me.discount * self.demand(), me.reservation) - 1e-9
