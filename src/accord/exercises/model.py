"""An exercise as plain data: roles, negotiation tables, the MSEL of injects, decision points.

An `Exercise` is what `accord.exercises.load_exercise` reads from a YAML file; it never changes
once read. A session (`accord.exercises.session`) plays one exercise and keeps the file's text,
so a session survives edits to the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from accord.bargaining import Case, Issue, Stakeholder
from accord.jsonable import AsDict

#: Kinds of role: a state delegation, an international organization, a mediator, a track-two
#: NGO, a firm, the press.
ROLE_KINDS: tuple[str, ...] = ("state", "igo", "mediator", "ngo", "firm", "press")
#: Channels an inject arrives by.
CHANNELS: tuple[str, ...] = ("news", "cable", "message")
#: Everyone (an audience, or who may read a move).
ALL = "*"
#: The facilitator's name as a sender (injects, messages from control).
CONTROL = "control"


@dataclass(frozen=True)
class Objective(AsDict):
    """A measurable objective of a role: its text in the objective language, its weight."""

    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class Role(AsDict):
    """One role: who it is (`actor`: an ISO3 code for a state, any code otherwise), its briefs,
    objectives and how its AI counterpart negotiates (`strategy`, an `accord.bargaining`
    strategy name)."""

    id: str
    name: str
    kind: str
    actor: str
    public_brief: str
    private_brief: str
    objectives: tuple[Objective, ...] = ()
    strategy: str = "linear"

    @property
    def is_state(self) -> bool:
        """True for a state delegation (its actions move the simulated state)."""
        return self.kind == "state"


@dataclass(frozen=True)
class Party(AsDict):
    """A role at a negotiation table: capability, position and salience per issue."""

    role: str
    capability: float
    positions: Mapping[str, float]
    salience: Mapping[str, float]


@dataclass(frozen=True)
class Table(AsDict):
    """A negotiation table: a bargaining case whose stakeholders are roles, and optionally a
    mediator role (not a party) who may table proposals. An agreement at a `ceasefire` table
    ends the wars among its parties' states in the simulation (`accord.exercises.engine`)."""

    id: str
    title: str
    issues: tuple[Issue, ...]
    parties: tuple[Party, ...]
    status_quo: Mapping[str, float] | None = None
    mediator: str | None = None
    ceasefire: bool = False

    @property
    def roles(self) -> tuple[str, ...]:
        """The ids of the roles seated at the table."""
        return tuple(p.role for p in self.parties)

    def party(self, role: str) -> Party:
        """The party of `role` (KeyError when the role is not seated here)."""
        for p in self.parties:
            if p.role == role:
                return p
        raise KeyError(role)

    def case(self, actors: Mapping[str, str] | None = None) -> Case:
        """The table as an `accord.bargaining.Case` (stakeholders named by role id)."""
        actors = actors or {}
        return Case(
            name=self.id,
            issues=self.issues,
            stakeholders=tuple(
                Stakeholder(
                    p.role,
                    p.capability,
                    dict(p.positions),
                    dict(p.salience),
                    actor=actors.get(p.role),
                )
                for p in self.parties
            ),
            status_quo=self.status_quo,
        )


@dataclass(frozen=True)
class Effect(AsDict):
    """What an inject or a decision option does at adjudication: `kind` is `shock` (a
    simulation shock: `args` as a scenario shock), `event` (`source`, `target`, `action` of
    the vocabulary) or `world` (`relation` between `a` and `b` set to `value`, or a state's
    `risk`)."""

    kind: str
    args: Mapping[str, Any]


@dataclass(frozen=True)
class Inject(AsDict):
    """One MSEL entry: fires `minute` minutes of playing time into `turn` (0: at its start) on
    `channel` to `audience` (role ids or everyone), with an optional effect applied at that
    turn's adjudication (a minute inject the turn did not reach fires just before it)."""

    id: str
    turn: int
    channel: str
    audience: tuple[str, ...]
    text: str
    sender: str = CONTROL
    effects: tuple[Effect, ...] = ()
    minute: float = 0.0


@dataclass(frozen=True)
class Option(AsDict):
    """One option of a decision point, with its effects; a `public` option, once taken, is
    announced to every role (a statement, a deployment), the others reach only the role."""

    id: str
    text: str
    effects: tuple[Effect, ...] = ()
    public: bool = False


@dataclass(frozen=True)
class Decision(AsDict):
    """A decision point put to `role` in `turn`; `default` applies when nobody answers."""

    id: str
    role: str
    turn: int
    question: str
    options: tuple[Option, ...]
    default: str

    def option(self, option_id: str) -> Option:
        """The option called `option_id` (KeyError when absent)."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


@dataclass(frozen=True)
class Exercise(AsDict):
    """A validated exercise file."""

    name: str
    title: str
    start: dt.date
    turn_days: int
    turns: int
    roles: tuple[Role, ...]
    description: str = ""
    background: str = ""
    sources: tuple[str, ...] = ()
    seed: int = 0
    world_source: str = "default"
    doctrines: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    injects: tuple[Inject, ...] = ()
    decisions: tuple[Decision, ...] = ()
    file: str | None = None
    turn_minutes: float | None = None

    def role(self, role_id: str) -> Role:
        """The role called `role_id` (KeyError when absent)."""
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)

    def table(self, table_id: str) -> Table:
        """The table called `table_id` (KeyError when absent)."""
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def decision(self, decision_id: str) -> Decision:
        """The decision point called `decision_id` (KeyError when absent)."""
        for d in self.decisions:
            if d.id == decision_id:
                return d
        raise KeyError(decision_id)

    def date_of(self, turn: int) -> dt.date:
        """The calendar date turn `turn` (1-based) begins on."""
        return self.start + dt.timedelta(days=self.turn_days * (turn - 1))
