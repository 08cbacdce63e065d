"""Zeuthen's strategy (Zeuthen 1930; Harsanyi 1956): the party less willing to risk conflict
concedes.

Each party's risk is (u(own offer) - u(other's offer)) / u(own offer), the largest chance of
breakdown it would accept rather than take the other's offer. At its turn the agent concedes
one step (in its own utility) if its risk is not larger than the opponent's. Harsanyi showed
the process ends near the Nash bargaining solution. Needs the opponent's utility (complete
information) and exactly one opponent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from accord.bargaining.protocols.domain import Outcome
from accord.bargaining.strategies.base import Context, Strategy
from accord.errors import InputError


def _risk(own_offer: float, other_offer: float) -> float:
    return 0.0 if own_offer <= 0 else (own_offer - other_offer) / own_offer


@dataclass
class Zeuthen(Strategy):
    """Monotonic concession by the rule of least risk."""

    step_size: float = 0.01

    name: ClassVar[str] = "zeuthen"
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
        """Concede a step when this agent has the lower risk."""
        me, other = self.ctx.utility, self.ctx.others[0]
        if self.seen and self.mine is not None:
            theirs = self.seen[-1]
            if _risk(me(self.mine), me(theirs)) <= _risk(other(theirs), other(self.mine)):
                self.level = max(self.level - self.step_size, me.reservation)
        self.mine = me.toward(self.level, other.ideal)
        return self.mine

    def accept(self, step: int, offer: Outcome) -> bool:
        """Accept anything at least as good as the current demand."""
        return self.ctx.utility(offer) >= self.level - 1e-12
