"""Time-based concession: Boulware, linear and conceder (Faratin, Sierra & Jennings 1998).

The aspiration at relative time t is rv + (1 - rv)(1 - t^(1/e)): e < 1 holds firm until close
to the deadline (Boulware), e = 1 concedes linearly, e > 1 concedes early (Conceder). The
agent offers the outcome toward the opponent's first offer that gives it its aspiration and
accepts any offer worth at least that much.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from accord.bargaining.protocols.domain import Outcome
from accord.bargaining.strategies.base import Strategy


@dataclass
class TimeBased(Strategy):
    """Concede along t^(1/e) to the reservation value by the deadline."""

    exponent: float = 1.0

    name: ClassVar[str] = "timebased"
    summary: ClassVar[str] = (
        "Concedes along time to its reservation value by the deadline, at a pace set by its "
        "exponent."
    )
    reference: ClassVar[str] = "Faratin, Sierra & Jennings (1998), Robotics Auton. Syst. 24"
    classifier: ClassVar[dict[str, Any]] = {"time_based": True, "opponent_model": False}

    def aspiration(self, step: int) -> float:
        """Target utility at `step`."""
        rv = self.ctx.utility.reservation
        return float(rv + (1.0 - rv) * (1.0 - self.time(step) ** (1.0 / self.exponent)))

    def propose(self, step: int) -> Outcome:
        """Offer the outcome worth the current aspiration."""
        return self.ctx.utility.toward(self.aspiration(step), self.anchor())

    def accept(self, step: int, offer: Outcome) -> bool:
        """Accept offers at or above the aspiration."""
        return self.ctx.utility(offer) >= self.aspiration(step) - 1e-12


@dataclass
class Boulware(TimeBased):
    """Hard-headed: concedes little until the deadline nears (e = 0.2)."""

    exponent: float = 0.2
    name: ClassVar[str] = "boulware"
    summary: ClassVar[str] = "Time-based and hard-headed: concedes little until the deadline nears."


@dataclass
class Linear(TimeBased):
    """Concedes at a constant rate (e = 1)."""

    exponent: float = 1.0
    name: ClassVar[str] = "linear"
    summary: ClassVar[str] = (
        "Time-based: concedes at a constant rate from its ideal to its reservation value."
    )


@dataclass
class Conceder(TimeBased):
    """Concedes early (e = 2)."""

    exponent: float = 2.0
    name: ClassVar[str] = "conceder"
    summary: ClassVar[str] = "Time-based and soft: concedes most of the way early on."
