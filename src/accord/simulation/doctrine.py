"""Doctrines: how much each state's choices follow realist, liberal and constructivist motives.

A doctrine mixes three motives (weights normalised to sum to 1) and a risk attitude:

- `realism` weighs the balance of power: stronger states coerce more, weaker ones concede.
- `liberalism` weighs institutions: shared organizations raise agreements and aid, and
  liberal states honour sanctions coalitions and collective-defence duties more readily.
- `constructivism` weighs identity and memory: the remembered relation with a partner
  shapes the choice of action more strongly.
- `risk` (0 averse .. 1 acceptant) raises escalation under crisis and the odds of war.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Doctrine:
    """One state's doctrine (motive weights are normalised by `normalised`)."""

    realism: float = 1 / 3
    liberalism: float = 1 / 3
    constructivism: float = 1 / 3
    risk: float = 0.5

    def normalised(self) -> Doctrine:
        """The same doctrine with motive weights summing to 1 (equal weights if all zero)."""
        total = self.realism + self.liberalism + self.constructivism
        if total <= 0:
            return Doctrine(risk=self.risk)
        return Doctrine(
            self.realism / total, self.liberalism / total, self.constructivism / total, self.risk
        )


#: Field names a scenario may set in a doctrine.
DOCTRINE_FIELDS: tuple[str, ...] = ("realism", "liberalism", "constructivism", "risk")
