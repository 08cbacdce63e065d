"""One round of equal-gain exchanges, with the bookkeeping of the `decide` program.

Stokman & Van Oosten (1994) and the `decide` program (J. Draaijer, foarsitter/decide-exchange-
model, documentation "Equal Gain model") run a round as follows, on positions scaled to 0-100:

1. every pair of actors on opposite sides of the Nash bargaining solution (NBS) on two issues
   (an actor at the NBS counts as left of it) gets one candidate exchange; the supplier of p
   moves all the way to the demander's position on p, the demander moves on q by the equal-gain
   rate, and when that move would overshoot, the demander moves all the way and the supplier
   less; when the NBS would pass the demander's position, the move is cut to reach it;
2. the candidate with the highest gain is realised; every remaining candidate that shares an
   actor and its supply issue with it starts from the realised voting position, and every one
   that shares an actor and its demand issue sees the realised partner's move in its NBS; those
   are recomputed and dropped when they no longer gain or would move an actor back and forth;
3. repeat until no candidate is left.

Candidates that the realised exchange does not touch keep their figures, as in `decide`. Every
number here is this module's own code; the rules are those the program documents and applies.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from accord.bargaining.case import FloatArray

_TINY = 1e-10
#: Gains within this relative distance of the highest are a tie, broken by the candidates'
#: order (decide breaks exact ties at random; its 28-digit decimals order mathematically
#: equal gains by rounding noise, which floating point cannot reproduce).
TIE = 1e-9


@dataclass
class Side:
    """One actor's side of a candidate exchange: it moves on `supply`, gains on `demand`."""

    actor: int
    supply: int
    demand: int
    start: float  # its position on `supply` at the start of the round
    x: float  # its current position on `supply` (after earlier exchanges this round)
    moves: list[float] = field(default_factory=list)
    move: float = 0.0
    y: float = 0.0  # its voting position on `supply` if this exchange is realised


@dataclass
class Deal:
    """A candidate exchange: `i` supplies q and demands p, `j` supplies p and demands q."""

    i: Side
    j: Side
    gain: float = 0.0
    valid: bool = True
    seen: dict[int, dict[int, float]] = field(default_factory=dict)  # issue -> actor -> pos


@dataclass(frozen=True)
class Board:
    """The round's fixed data: start positions (0-100), saliences, weights and NBS denominators."""

    x: FloatArray
    s: FloatArray
    w: FloatArray
    den: FloatArray
    present: np.ndarray

    @property
    def active(self) -> np.ndarray:
        """Actors that take part on an issue: present, with salience and capability."""
        out: np.ndarray = self.present & (self.w > 0)
        return out

    def nbs(self, issue: int, seen: dict[int, float]) -> float:
        """The NBS of `issue` from the start positions with the positions in `seen` swapped in."""
        col = np.where(self.present[:, issue], self.x[:, issue], 0.0).copy()
        for actor, pos in seen.items():
            col[actor] = pos
        return float(np.dot(self.w[:, issue], col) / self.den[issue])


def _move_ok(side: Side) -> bool:
    """`decide`'s validity of a move: not tiny, inside [0, 100], one direction only."""
    if abs(side.move) > 100 or abs(side.move) <= _TINY:
        return False
    if not 0.0 <= side.x + side.move <= 100.0 or sum(side.moves) > 100:
        return False
    return min(side.moves) > 0 or max(side.moves) < 0


def _rate(b: Board, giver: Side, taker: Side) -> float:
    """Equal-gain rate: the taker's NBS shift per unit of the giver's (Dijkstra et al. 2008)."""
    t, u = giver.supply, giver.demand
    return float(
        (b.s[giver.actor, t] + b.s[taker.actor, t]) / (b.s[giver.actor, u] + b.s[taker.actor, u])
    )


def _gain(b: Board, side: Side, own: float, other: float) -> float:
    """|gain| of `side` when its NBS shift is `own` and the other's is `other`."""
    return float(abs(other * b.s[side.actor, side.demand] - own * b.s[side.actor, side.supply]))


def _place(side: Side, target: float) -> None:
    """Sign the move towards `target`, replace the last recorded move, set the voting position."""
    if side.x > target:
        side.move = -side.move
    side.moves[-1] = side.move
    side.y = side.x + side.move


def calculate(b: Board, d: Deal) -> None:
    """(Re)compute deal `d` from its sides' current positions."""
    i, j = d.i, d.j
    p, q = j.supply, i.supply
    target_j, target_i = b.x[i.actor, p], b.x[j.actor, q]  # each moves towards the other's start
    dp = abs(target_j - j.x) * b.w[j.actor, p] / b.den[p]
    dq = dp * _rate(b, j, i)
    i.move, j.move = dq * b.den[q] / b.w[i.actor, q], abs(target_j - j.x)
    if abs(i.move) > abs(target_i - i.x):
        dq = abs(target_i - i.x) * b.w[i.actor, q] / b.den[q]
        dp = dq * _rate(b, i, j)
        i.move, j.move = abs(target_i - i.x), dp * b.den[p] / b.w[j.actor, p]
    i.moves.append(0.0)
    j.moves.append(0.0)
    _place(i, target_i)
    _place(j, target_j)
    d.gain = _gain(b, i, dq, dp)
    d.valid = _move_ok(i) and _move_ok(j) and d.gain >= _TINY
    if d.valid:
        _check_nbs(b, d, i, j)
        _check_nbs(b, d, j, i)


def _check_nbs(b: Board, d: Deal, a: Side, o: Side) -> None:
    """Cut a's move when it would carry the NBS past o's position (as `decide` computes it)."""
    t = a.supply
    seen = d.seen.get(t, {})
    goal = float(b.x[o.actor, t])
    nbs0 = b.nbs(t, {**seen, a.actor: a.x})
    nbs1 = b.nbs(t, {**seen, a.actor: a.y})
    if (goal >= nbs0 and goal >= nbs1) or (goal <= nbs0 and goal <= nbs1):
        return
    # The shift of a that puts the NBS on o's position (positions seen this round win over a's).
    here = b.nbs(t, {a.actor: a.x, **seen}) * b.den[t]
    a.move = abs((goal * b.den[t] - here) / b.w[a.actor, t])
    own = a.move * b.w[a.actor, t] / b.den[t]
    other = own * _rate(b, a, o)
    o.move = abs(other * b.den[o.supply] / b.w[o.actor, o.supply])
    _place(o, float(b.x[a.actor, a.demand]))
    _place(a, goal)
    d.gain = _gain(b, o, other, own)
    d.valid = _move_ok(o) and _move_ok(a)


def _follow_supply(d: Deal, r: Deal) -> bool:
    """Sides of d that move on the issue a side of r moved on start from r's voting position."""
    hit = False
    for side in (d.i, d.j):
        for done in (r.i, r.j):
            if side.actor == done.actor and side.supply == done.supply:
                side.x = done.y
                side.moves.append(done.moves[-1])
                hit = True
                break
    return hit


def _see(d: Deal, mover: Side, issue: int) -> None:
    """Record in d's view of `issue` the realised voting position of `mover`."""
    seen = d.seen.setdefault(issue, {})
    old = seen.get(mover.actor)
    if old is None:
        seen[mover.actor] = mover.y
    elif mover.start <= old:
        seen[mover.actor] = min(old, mover.y)
    else:
        seen[mover.actor] = max(old, mover.y)


def recalculate(b: Board, d: Deal, r: Deal) -> None:
    """Update candidate d after r was realised; recompute it when r touched it."""
    redo = _follow_supply(d, r)
    if redo:
        d.i.moves.pop()
        d.j.moves.pop()
    mine = {(d.i.actor, d.i.demand), (d.j.actor, d.j.demand)}
    for demander, mover in ((r.j, r.i), (r.i, r.j)):
        if (demander.actor, demander.demand) in mine:
            _see(d, mover, demander.demand)
            if not redo:
                d.i.moves.pop()
                d.j.moves.pop()
                redo = True
    if redo:
        calculate(b, d)


def initial_deals(b: Board) -> list[Deal]:
    """Every candidate of the round, in `decide`'s order (issue pairs, then groups, actors)."""
    n, m = b.x.shape
    wsum = np.where(b.present, b.w * b.x, 0.0).sum(axis=0)
    left = b.x <= (wsum / b.den)[None, :]
    deals: list[Deal] = []
    for p, q in itertools.combinations(range(m), 2):
        both = [k for k in range(n) if b.active[k, p] and b.active[k, q]]
        group = {k: int(left[k, p]) + 2 * int(left[k, q]) for k in both}
        for g, h in ((0, 3), (1, 2)):
            for a in (k for k in both if group[k] == g):
                for c in (k for k in both if group[k] == h):
                    deals.append(_new_deal(b, a, c, p, q))
    return deals


def _new_deal(b: Board, a: int, c: int, p: int, q: int) -> Deal:
    """The candidate between a and c on (p, q): the one keener on p demands p."""
    if b.s[a, p] / b.s[a, q] < b.s[c, p] / b.s[c, q]:
        a, c = c, a
    i = Side(a, supply=q, demand=p, start=float(b.x[a, q]), x=float(b.x[a, q]))
    j = Side(c, supply=p, demand=q, start=float(b.x[c, p]), x=float(b.x[c, p]))
    deal = Deal(i, j)
    calculate(b, deal)
    return deal


def _best(deals: list[Deal]) -> int:
    """Index of the deal with the highest gain, the first one among ties."""
    top = max(d.gain for d in deals)
    return next(k for k, d in enumerate(deals) if d.gain >= top - TIE * top)


def run_round(b: Board) -> list[Deal]:
    """Realise the best candidate, update the others, repeat; the realised deals in order."""
    open_ = initial_deals(b)
    realised: list[Deal] = []
    while open_:
        best = open_.pop(_best(open_))
        if not best.valid:
            continue
        realised.append(best)
        kept = []
        for d in open_:
            if d.valid:
                recalculate(b, d, best)
                if d.valid:
                    kept.append(d)
        open_ = kept
    return realised
