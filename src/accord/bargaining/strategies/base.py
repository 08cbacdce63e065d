"""The negotiating strategy interface: propose an outcome, or accept / reject an offer.

Strategies are dataclasses whose init fields are their parameters; the state of a run lives
in non-init fields set by `reset`, so `clone()` (a `dataclasses.replace`) gives a fresh agent
with the same parameters, and a run with the same seed is reproducible.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from accord.bargaining.protocols.domain import LinearUtility, Outcome


@dataclass
class Context:
    """What a strategy knows: itself, the others' preferences (used only by the
    complete-information strategies), the deadline, and a seeded random generator."""

    index: int
    utility: LinearUtility
    others: tuple[LinearUtility, ...]
    n_steps: int
    rng: np.random.Generator


@dataclass
class Strategy(ABC):
    """Base of every strategy; subclasses implement `propose` and `accept`."""

    name: ClassVar[str]
    #: What it does, in one line (the dashboard and `/api/negotiations/catalogue` show it).
    summary: ClassVar[str]
    reference: ClassVar[str]
    classifier: ClassVar[dict[str, Any]] = {}

    ctx: Context = field(init=False, repr=False)
    seen: list[Outcome] = field(init=False, repr=False)

    def reset(self, ctx: Context) -> None:
        """Prepare for a new negotiation."""
        self.ctx = ctx
        self.seen = []

    def clone(self) -> Strategy:
        """A fresh strategy with the same parameters and no state."""
        return dataclasses.replace(self)

    def observe(self, agent: int, offer: Outcome) -> None:
        """Record an offer made by another agent."""
        if agent != self.ctx.index:
            self.seen.append(offer)

    def time(self, step: int) -> float:
        """Relative time in [0, 1]."""
        return step / max(self.ctx.n_steps - 1, 1)

    def anchor(self) -> Outcome:
        """Where concessions head: the opponents' first offers (their ideals, usually)."""
        if not self.seen:
            return self.ctx.utility.ideal
        return self.seen[0]

    @abstractmethod
    def propose(self, step: int) -> Outcome:
        """The offer to make at `step`."""

    @abstractmethod
    def accept(self, step: int, offer: Outcome) -> bool:
        """Whether to accept `offer` at `step`."""
