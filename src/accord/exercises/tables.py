"""Negotiation tables in play: proposals, answers, agreements, and the AI at the table.

A proposal made in a turn stands from the next turn on (each proposer's latest one); the
parties accept or reject the standing proposals, an acceptance holding until its party rejects
the proposal (or the proposer replaces it), and at adjudication a proposal accepted by every
party but its proposer (all parties when a mediator proposed it) becomes the table's
agreement, which closes the table. AI parties negotiate with an `accord.bargaining` strategy:
their utility is linear in the distance to their position, weighted by salience
(`LinearUtility`), their reservation value the status quo's utility (0 without one), the
deadline the exercise's last turn; an AI mediator proposes the compromise model's forecast
(capability x salience weighted mean: Achen 2006).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.bargaining import LinearUtility, Strategy, make_model, make_strategy
from accord.bargaining.strategies import Context
from accord.exercises.model import Table
from accord.exercises.store_io import Move
from accord.jsonable import AsDict


@dataclass(frozen=True)
class Proposal(AsDict):
    """A standing proposal: the move that made it, who, which turn, the values per issue."""

    seq: int
    role: str
    turn: int
    values: dict[str, float]


@dataclass(frozen=True)
class TableState(AsDict):
    """A table at a turn: open or agreed, its standing proposals, and the agreement if any."""

    table: str
    standing: tuple[Proposal, ...]
    agreement: dict[str, float] | None
    agreed_turn: int | None


def table_moves(table: Table, moves: Sequence[Move]) -> list[Move]:
    """The moves made at `table` (proposals, answers, agreements), in order."""
    kinds = ("propose", "accept", "reject", "agreement")
    return [m for m in moves if m.kind in kinds and m.body.get("table") == table.id]


def table_state(table: Table, moves: Sequence[Move], turn: int) -> TableState:
    """The table as it stands during `turn`: proposals from earlier turns, latest per proposer,
    and the agreement reached before `turn` if any."""
    latest: dict[str, Proposal] = {}
    deal: Move | None = None
    for m in table_moves(table, moves):
        if m.kind == "agreement" and m.turn < turn:
            deal = m  # the last one counts: the facilitator may override an agreement
        if m.kind == "propose" and m.turn < turn:
            latest[m.role] = Proposal(m.seq, m.role, m.turn, dict(m.body["values"]))
    if deal is not None:
        return TableState(table.id, (), dict(deal.body["values"]), deal.turn)
    standing = tuple(sorted(latest.values(), key=lambda p: p.seq))
    return TableState(table.id, standing, None, None)


def standing_answers(table: Table, state: TableState, answers: Sequence[Move]) -> list[Move]:
    """Each party's latest answer (accept or reject moves, in order) to each proposal standing
    at `table`: an acceptance holds until its party rejects the proposal or the proposer
    replaces it, so acceptances given in different turns add up."""
    standing = {p.seq for p in state.standing}
    latest: dict[tuple[str, int], Move] = {}
    for m in answers:
        if m.kind not in ("accept", "reject") or m.body.get("table") != table.id:
            continue
        if int(m.body["proposal"]) in standing:
            latest[(m.role, int(m.body["proposal"]))] = m
    return sorted(latest.values(), key=lambda m: m.seq)


def agreed(table: Table, state: TableState, answers: Sequence[Move]) -> Proposal | None:
    """The first standing proposal every other party accepts by its latest answer in
    `answers` (the accept and reject moves so far), or None."""
    accepted: dict[int, set[str]] = {}
    for m in standing_answers(table, state, answers):
        if m.kind == "accept":
            accepted.setdefault(int(m.body["proposal"]), set()).add(m.role)
    for p in state.standing:
        needed = set(table.roles) - {p.role}
        if needed <= accepted.get(p.seq, set()):
            return p
    return None


def utility(table: Table, role: str) -> LinearUtility:
    """The linear utility of `role` at `table` (ideal = its positions, weights = salience)."""
    party = table.party(role)
    names = [i.name for i in table.issues]
    weights = [max(party.salience[n], 1e-6) for n in names]
    u = LinearUtility(
        [party.positions[n] for n in names],
        [i.low for i in table.issues],
        [i.high for i in table.issues],
        weights,
    )
    if table.status_quo is not None and set(table.status_quo) >= set(names):
        sq = tuple(table.status_quo[n] for n in names)
        return LinearUtility(u.ideal, u.low, u.high, u.weights, reservation=max(u(sq), 0.0))
    return u


def as_values(table: Table, outcome: Sequence[float]) -> dict[str, float]:
    """An outcome tuple as issue -> value, rounded to 4 decimals (stable JSON)."""
    return {i.name: round(float(x), 4) for i, x in zip(table.issues, outcome, strict=True)}


def as_outcome(table: Table, values: dict[str, float]) -> tuple[float, ...]:
    """Issue -> value as an outcome tuple in issue order."""
    return tuple(float(values[i.name]) for i in table.issues)


def strategy_for(
    table: Table,
    role: str,
    name: str,
    turns: int,
    rng: np.random.Generator,
    seen: Sequence[Proposal],
) -> Strategy:
    """A fresh `name` strategy for `role`, reset for a negotiation of `turns` steps, having
    observed the other parties' proposals `seen` (in order)."""
    strategy = make_strategy(name)
    index = table.roles.index(role)
    others = tuple(utility(table, r) for r in table.roles if r != role)
    strategy.reset(Context(index, utility(table, role), others, turns, rng))
    for p in seen:
        if p.role != role:
            strategy.observe(
                table.roles.index(p.role) if p.role in table.roles else -1,
                as_outcome(table, p.values),
            )
    return strategy


def mediator_proposal(table: Table) -> dict[str, float]:
    """The compromise model's forecast of the table's case: what an AI mediator proposes."""
    forecast = make_model("compromise").forecast(table.case())
    return {f.issue: round(float(f.forecast), 4) for f in forecast.issues}
