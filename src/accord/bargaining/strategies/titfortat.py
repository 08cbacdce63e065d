"""Relative tit-for-tat (Faratin, Sierra & Jennings 1998; Axelrod 1984).

The agent concedes, in its own utility, as much as the opponent's last move gained it, so
it mirrors the opponent's concessions. An opening concession breaks the deadlock of two
tit-for-tat agents waiting for each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from accord.bargaining.protocols.domain import Outcome
from accord.bargaining.strategies.base import Context, Strategy


@dataclass
class TitForTat(Strategy):
    """Mirror the opponent's concessions, measured in own utility."""

    opening: float = 0.05

    name: ClassVar[str] = "titfortat"
    summary: ClassVar[str] = (
        "Concedes, in its own utility, as much as the opponent's last offer conceded to it."
    )
    reference: ClassVar[str] = "Faratin, Sierra & Jennings (1998); Axelrod (1984)"
    classifier: ClassVar[dict[str, Any]] = {"time_based": False, "opponent_model": False}

    level: float = field(init=False, default=1.0)
    moved: bool = field(init=False, default=False)

    def reset(self, ctx: Context) -> None:
        """Start at the ideal."""
        super().reset(ctx)
        self.level, self.moved = 1.0, False

    def propose(self, step: int) -> Outcome:
        """Concede what the opponent conceded since its previous offer."""
        u = self.ctx.utility
        if len(self.seen) >= 2:
            conceded = u(self.seen[-1]) - u(self.seen[-2])
            self.level -= max(conceded, 0.0)
        elif self.seen and not self.moved:
            self.level -= self.opening
            self.moved = True
        self.level = max(self.level, u.reservation)
        return u.toward(self.level, self.anchor())

    def accept(self, step: int, offer: Outcome) -> bool:
        """Accept offers at least as good as the current level."""
        return self.ctx.utility(offer) >= self.level - 1e-12
