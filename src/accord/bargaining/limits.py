"""The documented limits of bargaining: every input that sizes a model's or a protocol's work.

A case (from any reader, the API or code), a negotiation scenario and the CLI options are
checked against these before a model runs, so a 44 KB file of 2,000 stakeholders is an error
naming the field, not 25 seconds of work that starves every other request. The values are those
of the API's JSON bodies, so every path accepts the same cases; docs/reliability.md ("Limits")
lists them. Outcome spaces have their own limit (`accord.bargaining.outcomes.MAX_OUTCOMES`):
larger ones are sampled, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.errors import InputError, Problem

__all__ = [
    "GRID_CELLS_PER_UNIT",
    "MAX_ANALYSIS_OUTCOMES",
    "MAX_ISSUES",
    "MAX_MEDIATOR_ITERATIONS",
    "MAX_MODEL_WORK",
    "MAX_NEGOTIATION_STEPS",
    "MAX_OPTIONS",
    "MAX_PARTIES",
    "MAX_ROUNDS",
    "MAX_SEED",
    "MAX_STAKEHOLDERS",
    "WorkBudget",
    "check_count",
    "check_model_work",
    "model_work",
    "raise_if",
]

#: Most outcomes of the grid a negotiation's agreement is judged on (frontier, Nash point):
#: with three or more parties fewer (`protocols.scenario.analysis_outcomes`).
MAX_ANALYSIS_OUTCOMES = 200_000
#: Largest magnitude of any number of a case or scenario (bounds, positions, capabilities),
#: the API's bound too: past it the models' sums overflow (1e308 squared is infinite).
MAX_MAGNITUDE = 1e9
#: Most stakeholders of a case (every reader, the API and simulated summits).
MAX_STAKEHOLDERS = 300
#: Most issues of a case or a negotiation scenario.
MAX_ISSUES = 20
#: Most options of a discrete issue.
MAX_OPTIONS = 50
#: Most rounds of an iterative model (expected utility, exchange).
MAX_ROUNDS = 50
#: Largest seed (seeds are stored as signed 64-bit integers; none is negative).
MAX_SEED = 2**63 - 1
#: Most work of one iterative model on one case, in the units of `model_work`: about 40 s of
#: one core (measured in 2026 on a shared machine: 1.8 us a unit for eum, 2.5-3.5 for
#: exchange). It stops runs of minutes to days (eum on 300 x 20 x 50 rounds, exchange past 40
#: stakeholders); the API's time budget (30 s a forecast) stops its requests sooner.
MAX_MODEL_WORK = 20_000_000
#: Grid cells (outcome x stakeholder x issue) the bargaining solutions (nbs, ks) score in
#: one unit of `model_work`: about 6 ns a cell (measured in 2026 on a shared machine, 300
#: stakeholders x 20 discrete issues of 50 options: 1.5e9 cells, 8.5 s), against 1.8 us a
#: unit for eum, rounded down so that the estimate errs on the side of more work.
GRID_CELLS_PER_UNIT = 250
#: Most parties of a negotiation scenario (alternating offers or mediated).
MAX_PARTIES = 20
#: Longest deadline of an alternating-offers negotiation, in steps.
MAX_NEGOTIATION_STEPS = 50_000
#: Most drafts a mediator proposes in a single-text negotiation.
MAX_MEDIATOR_ITERATIONS = 10_000


def check_count(
    value: int,
    high: int,
    field: str,
    *,
    low: int = 1,
    what: str = "",
    file: str | None = None,
    line: int | None = None,
) -> Problem | None:
    """A problem when `value` is outside `[low, high]` (naming the field), else None."""
    if low <= value <= high:
        return None
    noun = f" {what}" if what else ""
    bound = f"at most {high:,} are allowed" if value > high else f"at least {low:,} are needed"
    return Problem(f"{value:,}{noun}; {bound}", file, line, field)


def raise_if(problem: Problem | None) -> None:
    """Raise the problem as an `InputError` when there is one."""
    if problem is not None:
        raise InputError(problem)


def model_work(model: str, stakeholders: int, issues: int, rounds: int, outcomes: int = 0) -> int:
    """The work of a model, as measured: the expected utility model compares every pair of
    stakeholders on every issue each round; the exchange model recomputes the exchanges of
    every pair of stakeholders on every pair of issues after each exchange; the bargaining
    solutions (nbs, ks) on a case with more option combinations than they solve one by one
    score every stakeholder's utility on each of `outcomes` grid outcomes (memory is held
    to blocks). Other models do bounded work, counted as 0, and so is the exchange model on
    one issue (nothing to trade: one round, no pair of issues)."""
    if model == "eum":
        return stakeholders**2 * issues * rounds
    if model == "exchange" and issues >= 2:
        return stakeholders**3 * issues**2 * rounds
    if model in ("nbs", "ks"):
        return outcomes * stakeholders * issues // GRID_CELLS_PER_UNIT
    return 0


@dataclass
class WorkBudget:
    """The work (units of `model_work`) an iterative model may still do on one case, spent
    round by round: the up-front check (`check_model_work`) counts the rounds shown, but a
    model runs until its positions settle, up to its `max_rounds` (500 for eum), so a large
    case that settles late is stopped here, with an error, once it has spent `MAX_MODEL_WORK`."""

    model: str
    left: int = MAX_MODEL_WORK

    def spend(self, units: int, rounds: int) -> None:
        """Count `units` more; an `InputError` when the budget is spent (`rounds`: run so far)."""
        self.left -= units
        if self.left < 0:
            raise InputError(
                Problem(
                    f"model {self.model!r} had not settled after {rounds:,} rounds when it "
                    f"reached its work limit ({MAX_MODEL_WORK:,} units, about 40 s of one "
                    "core): fewer stakeholders or issues, or another model",
                    field="models",
                )
            )


def check_model_work(
    model: str,
    stakeholders: int,
    issues: int,
    rounds: int,
    field: str = "models",
    *,
    asked: int | None = None,
    outcomes: int = 0,
) -> Problem | None:
    """A problem when `model` would do more than `MAX_MODEL_WORK` on a case of that size in
    `rounds` rounds (or scoring `outcomes` grid outcomes: nbs, ks); `asked`, the rounds the
    user asked for when the model may run more (until it settles, up to its `max_rounds`),
    is quoted too, so the message says both."""
    work = model_work(model, stakeholders, issues, rounds, outcomes)
    if work <= MAX_MODEL_WORK:
        return None
    if model in ("nbs", "ks"):
        return Problem(
            f"model {model!r} on {stakeholders:,} stakeholders x {issues:,} issues scores "
            f"{outcomes:,} outcomes of the discrete issues' options: {work:,} units of work, "
            f"more than the {MAX_MODEL_WORK:,} allowed: fewer stakeholders, issues, discrete "
            "issues or options, or another model",
            field=field,
        )
    why, fewer = "", "fewer rounds, issues or stakeholders"
    if asked is not None and asked != rounds:
        why = (
            f" ({asked:,} rounds asked: the model runs until its positions settle, up to "
            f"{rounds:,} rounds, so fewer rounds do not help)"
        )
        fewer = "fewer issues or stakeholders"
    return Problem(
        f"model {model!r} on {stakeholders:,} stakeholders x {issues:,} issues x {rounds:,} "
        f"rounds is {work:,} units of work, more than the {MAX_MODEL_WORK:,} allowed{why}: "
        f"{fewer}, or another model",
        field=field,
    )
