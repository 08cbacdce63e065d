"""The subgame-perfect strategy of Rubinstein's alternating-offers game (Rubinstein 1982), for
the game the protocol plays: a deadline, per-step discounting, and reservation values.

With no deadline and no outside option, the proposer demands (1 - d_j) / (1 - d_i d_j) of the
surplus (`rubinstein_share`, d_i its own discount factor, d_j the opponent's). The protocol ends
at a deadline, where each party gets its reservation value, so the strategy plays the game's
own equilibrium, found by backward induction from the deadline (Stahl 1972; Osborne and
Rubinstein, Bargaining and Markets, 1990, ch. 3): at each step the proposer offers the
responder exactly what rejecting is worth to it (the responder's value of the next step, or
its reservation value after the last), if keeping the rest beats what the proposer gets by
waiting; the responder accepts an offer worth at least its value of rejecting. A long
deadline gives the infinite-horizon shares (to 3e-5 at 100 steps with d = 0.9); a short one
gives the last proposer the advantage (deadline 2, d = 0.9 / 0.8: the first proposer gets
0.2); an outside option larger than the equilibrium share is what its holder gets (the
outside-option principle). Offers lie on the segment between the two ideals. Needs the
opponent's preferences (complete information) and one opponent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from accord.bargaining.protocols.domain import LinearUtility, Outcome
from accord.bargaining.strategies.base import Context, Strategy
from accord.errors import InputError


def rubinstein_share(own_discount: float, other_discount: float) -> float:
    """The proposer's infinite-horizon equilibrium share (1 - d_j) / (1 - d_i d_j)."""
    if own_discount * other_discount >= 1.0:
        return 0.5
    return (1.0 - other_discount) / (1.0 - own_discount * other_discount)


@dataclass(frozen=True)
class Plan:
    """The equilibrium path: `offers[t]` the proposal made at step t (None: one the responder
    rejects, waiting is worth more to the proposer), `values[t]` what each party ends with
    (discounted, by party index) when play starts at step t (`values[n_steps]`: the
    reservation values)."""

    offers: tuple[Outcome | None, ...]
    values: tuple[tuple[float, float], ...]


def equilibrium(parties: tuple[LinearUtility, LinearUtility], n_steps: int) -> Plan:
    """Backward induction from the deadline: party `t % 2` proposes at step t."""
    values: list[tuple[float, float]] = [(parties[0].reservation, parties[1].reservation)]
    offers: list[Outcome | None] = []
    for step in range(n_steps - 1, -1, -1):
        proposer, responder = step % 2, 1 - step % 2
        after = values[-1]
        p, r = parties[proposer], parties[responder]
        weight = r.discount**step
        need = after[responder] / weight if weight > 0 else float("inf")
        offer = r.toward(need, p.ideal)  # the proposer's best outcome giving r `need`
        gets = [0.0, 0.0]
        gets[proposer] = p(offer) * p.discount**step
        gets[responder] = r(offer) * weight
        if r(offer) >= need - 1e-12 and gets[proposer] >= after[proposer] - 1e-12:
            values.append((gets[0], gets[1]))
            offers.append(offer)
        else:
            values.append(after)
            offers.append(None)
    return Plan(tuple(reversed(offers)), tuple(reversed(values)))


@dataclass
class Rubinstein(Strategy):
    """Play the subgame-perfect equilibrium of the negotiation as the protocol runs it."""

    name: ClassVar[str] = "rubinstein"
    summary: ClassVar[str] = (
        "Plays the subgame-perfect equilibrium (backward induction from the deadline, both"
        " discount factors and reservation values): offers what rejecting is worth to the"
        " other, accepts what waiting is worth."
    )
    reference: ClassVar[str] = "Rubinstein (1982), Econometrica 50(1); Stahl (1972)"
    classifier: ClassVar[dict[str, Any]] = {"complete_information": True, "bilateral": True}

    plan: Plan = field(init=False, repr=False)

    def reset(self, ctx: Context) -> None:
        """Insist on a single opponent; work out the equilibrium path."""
        if len(ctx.others) != 1:
            raise InputError.at("Rubinstein's strategy is bilateral", field="strategy")
        super().reset(ctx)
        other = ctx.others[0]
        parties = (ctx.utility, other) if ctx.index == 0 else (other, ctx.utility)
        self.plan = equilibrium(parties, ctx.n_steps)

    def demand(self) -> float:
        """Own (undiscounted) utility of the first offer on the equilibrium path."""
        first = next((o for o in self.plan.offers if o is not None), None)
        return self.ctx.utility.reservation if first is None else self.ctx.utility(first)

    def propose(self, step: int) -> Outcome:
        """The equilibrium offer of this step (one's own ideal where waiting is better). Asked
        out of turn (a protocol where every party proposes every step, as an exercise's
        tables), its offer of its own next turn, never the opponent's offer to it."""
        own = step if step % 2 == self.ctx.index else step + 1
        offer = self.plan.offers[own] if own < len(self.plan.offers) else None
        return self.ctx.utility.ideal if offer is None else offer

    def accept(self, step: int, offer: Outcome) -> bool:
        """Accept an offer worth at least what rejecting it is worth (both discounted)."""
        me = self.ctx.utility
        later = self.plan.values[min(step + 1, len(self.plan.values) - 1)][self.ctx.index]
        return me(offer) * me.discount**step >= later - 1e-9
