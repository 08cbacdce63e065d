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

Arithmetic: the same code runs on floats or on `Decimal`s. decide computes in Python's
28-digit decimals, and whether a later exchange may still move an NBS that an earlier one put
exactly on an actor's position turns on the last digits, so `Board` evaluates every sum and
product in decide's order (position x salience x capability, actors in file order); with
decimals the rounds then agree with decide's digit for digit.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias

_TINY = 1e-10
#: Gains within this relative distance of the highest are a tie, broken by the candidates'
#: order (decide breaks exact ties at random).
TIE = 1e-9

#: A number of the exchange's arithmetic: a float, or a `Decimal` in the exact mode that
#: reproduces decide's 28-digit decimals operation by operation.
Num: TypeAlias = Any


@dataclass
class Side:
    """One actor's side of a candidate exchange: it moves on `supply`, gains on `demand`."""

    actor: int
    supply: int
    demand: int
    start: Num  # its position on `supply` at the start of the round
    x: Num  # its current position on `supply` (after earlier exchanges this round)
    moves: list[Num] = field(default_factory=list)
    move: Num = 0.0
    y: Num = 0.0  # its voting position on `supply` if this exchange is realised


@dataclass
class Deal:
    """A candidate exchange: `i` supplies q and demands p, `j` supplies p and demands q."""

    i: Side
    j: Side
    gain: Num = 0.0
    valid: bool = True
    seen: dict[int, dict[int, Num]] = field(default_factory=dict)  # issue -> actor -> pos


@dataclass(frozen=True)
class Board:
    """The round's fixed data, (actor, issue) lists: start positions (0-100), saliences,
    capabilities, who takes part, and the NBS denominators (sum of salience x capability).

    Every figure is computed in `decide`'s order of operations, so that with `Decimal`
    numbers (28 digits, decide's arithmetic) the results agree with decide's digit for digit.
    """

    x: list[list[Num]]
    s: list[list[Num]]
    c: list[list[Num]]
    present: list[list[bool]]
    den: list[Num]
    tie: Num = TIE

    @classmethod
    def build(
        cls, x: list[list[Num]], s: list[list[Num]], c: list[list[Num]], present: list[list[bool]]
    ) -> Board:
        """The board of a round; each denominator sums salience x capability in actor order."""
        den = []
        for t in range(len(x[0]) if x else 0):
            total: Num = 0
            for k in range(len(x)):
                if present[k][t]:
                    total += s[k][t] * c[k][t]
            den.append(total if total > 0 else 1)
        tie = Decimal("1e-9") if x and isinstance(x[0][0], Decimal) else TIE
        return cls(x, s, c, present, den, tie)

    def active(self, k: int, t: int) -> bool:
        """Actor k takes part on issue t: present, with salience and capability."""
        return self.present[k][t] and self.s[k][t] > 0 and self.c[k][t] > 0

    def numerator(self, issue: int, seen: dict[int, Num]) -> Num:
        """Sum of position x salience x capability on `issue`, with `seen` positions swapped in."""
        total: Num = 0
        for k, row in enumerate(self.x):
            if self.present[k][issue]:
                total += seen.get(k, row[issue]) * self.s[k][issue] * self.c[k][issue]
        return total

    def nbs(self, issue: int, seen: dict[int, Num]) -> Num:
        """The NBS of `issue` from the start positions with the positions in `seen` swapped in."""
        return self.numerator(issue, seen) / self.den[issue]

    def shift(self, actor: int, issue: int, distance: Num) -> Num:
        """How far the NBS of `issue` moves when `actor` moves `distance` on it."""
        return distance * self.s[actor][issue] * self.c[actor][issue] / self.den[issue]

    def move_for(self, actor: int, issue: int, shift: Num) -> Num:
        """How far `actor` must move on `issue` to shift its NBS by `shift`."""
        return shift * self.den[issue] / (self.c[actor][issue] * self.s[actor][issue])


def _move_ok(side: Side) -> bool:
    """`decide`'s validity of a move: not tiny, inside [0, 100], one direction only."""
    if abs(side.move) > 100 or abs(side.move) <= _TINY:
        return False
    if not 0.0 <= side.x + side.move <= 100.0 or sum(side.moves) > 100:
        return False
    return bool(min(side.moves) > 0 or max(side.moves) < 0)


def _rate(b: Board, giver: Side, taker: Side) -> Num:
    """Equal-gain rate: the taker's NBS shift per unit of the giver's (Dijkstra et al. 2008)."""
    t, u = giver.supply, giver.demand
    s = b.s
    return (s[giver.actor][t] + s[taker.actor][t]) / (s[giver.actor][u] + s[taker.actor][u])


def _gain(b: Board, side: Side, own: Num, other: Num) -> Num:
    """|gain| of `side` when its NBS shift is `own` and the other's is `other`."""
    return abs(own * b.s[side.actor][side.supply] - other * b.s[side.actor][side.demand])


def _place(side: Side, target: Num) -> None:
    """Sign the move towards `target`, replace the last recorded move, set the voting position."""
    if side.x > target:
        side.move = -side.move
    side.moves[-1] = side.move
    side.y = side.x + side.move


def calculate(b: Board, d: Deal) -> None:
    """(Re)compute deal `d` from its sides' current positions."""
    i, j = d.i, d.j
    p, q = j.supply, i.supply
    target_j, target_i = b.x[i.actor][p], b.x[j.actor][q]  # each moves towards the other's start
    dp = b.shift(j.actor, p, abs(target_j - j.x))
    dq = _rate(b, j, i) * dp
    i.move, j.move = b.move_for(i.actor, q, dq), abs(target_j - j.x)
    if abs(i.move) > abs(target_i - i.x):
        dq = b.shift(i.actor, q, abs(target_i - i.x))
        dp = _rate(b, i, j) * dq
        i.move, j.move = abs(target_i - i.x), b.move_for(j.actor, p, dp)
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
    goal = b.x[o.actor][t]
    nbs0 = b.nbs(t, {**seen, a.actor: a.x})
    nbs1 = b.nbs(t, {**seen, a.actor: a.y})
    if (goal >= nbs0 and goal >= nbs1) or (goal <= nbs0 and goal <= nbs1):
        return
    # The shift of a that puts the NBS on o's position (positions seen this round win over a's).
    here = b.numerator(t, {a.actor: a.x, **seen})
    a.move = abs((goal * b.den[t] - here) / (b.s[a.actor][t] * b.c[a.actor][t]))
    own = b.shift(a.actor, t, a.move)
    other = _rate(b, a, o) * own
    o.move = abs(b.move_for(o.actor, o.supply, other))
    _place(o, b.x[a.actor][a.demand])
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
    n, m = len(b.x), len(b.den)
    nbs = [b.nbs(t, {}) for t in range(m)]
    deals: list[Deal] = []
    for p, q in itertools.combinations(range(m), 2):
        both = [k for k in range(n) if b.active(k, p) and b.active(k, q)]
        group = {k: int(b.x[k][p] <= nbs[p]) + 2 * int(b.x[k][q] <= nbs[q]) for k in both}
        for g, h in ((0, 3), (1, 2)):
            for a in (k for k in both if group[k] == g):
                for c in (k for k in both if group[k] == h):
                    deals.append(_new_deal(b, a, c, p, q))
    return deals


def _new_deal(b: Board, a: int, c: int, p: int, q: int) -> Deal:
    """The candidate between a and c on (p, q): the one keener on p demands p."""
    s = b.s
    if s[a][p] / s[a][q] < s[c][p] / s[c][q]:
        a, c = c, a
    i = Side(a, supply=q, demand=p, start=b.x[a][q], x=b.x[a][q])
    j = Side(c, supply=p, demand=q, start=b.x[c][p], x=b.x[c][p])
    deal = Deal(i, j)
    calculate(b, deal)
    return deal


def _best(deals: list[Deal], tie: Num) -> int:
    """Index of the deal with the highest gain, the first one among ties."""
    top = max(d.gain for d in deals)
    return next(k for k, d in enumerate(deals) if d.gain >= top - top * tie)


def run_round(b: Board) -> list[Deal]:
    """Realise the best candidate, update the others, repeat; the realised deals in order."""
    open_ = initial_deals(b)
    realised: list[Deal] = []
    while open_:
        best = open_.pop(_best(open_, b.tie))
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
