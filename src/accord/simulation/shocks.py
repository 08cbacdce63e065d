"""Shocks: scenario events applied at a step (invasions, incidents, sanctions coalitions,
pandemics, summits, mediations, new alliances).

`resolve_shocks` turns the names in a scenario (states by code, name or alias; organizations
standing for their members on the start date) into state indices, reporting unknown names with
the scenario's file, line and field. `apply_shock` changes the state arrays and records the
shock's own events (CAMEO-coded like every other action) and tie changes.

A pandemic raises the salience of issues (health, by default by 0.4); salience then returns
toward its initial value by `SALIENCE_RECOVERY` of the gap per step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from accord.bargaining.limits import MAX_STAKEHOLDERS
from accord.errors import InputError, Problem, UnknownNameError
from accord.simulation.actions import INDEX
from accord.simulation.parameters import Parameters
from accord.simulation.results import EventLog, Negotiation, TieChange
from accord.simulation.rules import negotiation
from accord.simulation.scenario import (
    NAME_ARGS,
    SHOCK_PAIRS,
    SINGLE_NAME_ARGS,
    Shock,
    SimulationScenario,
)
from accord.simulation.state import SimState
from accord.world import World

SALIENCE_RECOVERY = 0.02

#: Relation drop between the parties of an invasion, incident or new sanctions.
INVASION_SHOCK = 0.5
INCIDENT_SHOCK = 0.2
SANCTION_SHOCK = 0.2

_RUNG_ACTION = {1: "accuse", 2: "threaten", 3: "mobilise", 4: "coerce", 5: "assault"}


@dataclass(frozen=True)
class ResolvedShock:
    """A shock with state indices: `groups[name]` holds the indices its field names."""

    step: int
    kind: str
    groups: dict[str, tuple[int, ...]]
    args: dict[str, Any] = field(default_factory=dict)


def _names(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


def resolve_shocks(
    scenario: SimulationScenario, world: World, state: SimState
) -> list[ResolvedShock]:
    """Resolve every shock's names to state indices; InputError lists unknown names."""
    problems: list[Problem] = []
    out: list[ResolvedShock] = []
    for shock in scenario.shocks:
        before = len(problems)
        groups: dict[str, tuple[int, ...]] = {}
        args: dict[str, Any] = {}
        for key, value in shock.args.items():
            if key not in NAME_ARGS:
                args[key] = value
                continue
            found: list[int] = []
            for k, name in enumerate(_names(value)):
                path = f"{shock.path}.{key}" + (f"[{k}]" if not isinstance(value, str) else "")
                code = world.resolve(name)
                if code is not None and code in state.index:
                    found.append(state.index[code])
                elif code is not None and code in state.orgs:
                    if key in SINGLE_NAME_ARGS:
                        problems.append(
                            scenario.problem(
                                f"{name!r} is an organization; a single state is needed", path
                            )
                        )
                    col = state.member[:, state.orgs.index(code)]
                    found.extend(int(i) for i in np.flatnonzero(col))
                else:
                    problems.append(scenario.problem(_unknown(world, name, scenario.start), path))
            groups[key] = tuple(dict.fromkeys(found))
            if key == "parties" and len(groups[key]) > MAX_STAKEHOLDERS:
                problems.append(
                    scenario.problem(
                        f"{len(groups[key]):,} parties on {scenario.start}: a summit is a "
                        f"bargaining case of at most {MAX_STAKEHOLDERS} stakeholders",
                        f"{shock.path}.parties",
                    )
                )
        pair = SHOCK_PAIRS.get(shock.kind)
        if pair and len(groups.get(pair[0], ())) == 1 and groups[pair[0]] == groups.get(pair[1]):
            message = f"{pair[0]} and {pair[1]} are the same state"
            problems.append(scenario.problem(message, f"{shock.path}.{pair[1]}"))
        if len(problems) == before:  # its names resolved: does it do anything?
            problems += _idle(scenario, shock, groups)
        out.append(ResolvedShock(shock.step, shock.kind, groups, args))
    if problems:
        raise InputError(problems)
    return out


def _idle(
    scenario: SimulationScenario, shock: Shock, groups: dict[str, tuple[int, ...]]
) -> list[Problem]:
    """Problems of a shock that would do nothing: senders naming no state, a target among its
    own senders, a summit of fewer than two parties (each was accepted and changed nothing)."""
    found = []
    for key, members in groups.items():
        if not members:
            found.append(scenario.problem(f"{key} names no state", f"{shock.path}.{key}"))
    target, senders = groups.get("target", ()), groups.get("senders", ())
    if target and set(target) & set(senders):
        found.append(
            scenario.problem("the target is among its own senders", f"{shock.path}.senders")
        )
    if len(groups.get("parties", (0, 1))) == 1:
        found.append(
            scenario.problem("a summit needs at least two parties", f"{shock.path}.parties")
        )
    return found


def _unknown(world: World, name: str, on: object) -> str:
    """Why `name` names no state or organization of the run: unknown (with close matches, as
    every face says it), or known but absent on the scenario's start."""
    try:
        world.code_for(name)
    except UnknownNameError as exc:
        return str(exc)
    return f"unknown state or organization {name!r} on {on}"


@dataclass
class _Applying:
    """One shock being applied at step `at`, and what it has produced so far."""

    shock: ResolvedShock
    g: dict[str, npt.NDArray[np.intp]]
    state: SimState
    params: Parameters
    log: EventLog
    at: int
    ties: list[TieChange] = field(default_factory=list)
    talks: list[Negotiation] = field(default_factory=list)
    forced: list[tuple[int, int, int]] = field(default_factory=list)

    def one(self, group: str) -> int:
        """The single state index of a group (`attacker`, `target`, `host`, ...)."""
        return int(self.g[group][0])


def apply_shock(
    shock: ResolvedShock,
    state: SimState,
    params: Parameters,
    log: EventLog,
    at: int,
) -> tuple[list[TieChange], list[Negotiation], list[tuple[int, int, int]]]:
    """Apply one shock (in place). Returns tie changes, negotiations and forced mediations."""
    g = {k: np.array(v, dtype=np.intp) for k, v in shock.groups.items()}
    c = _Applying(shock, g, state, params, log, at)
    handler = _HANDLERS.get(shock.kind)
    if handler is not None:
        handler(c)
    return c.ties, c.talks, c.forced


def _invasion(c: _Applying) -> None:
    """The attacker goes to war with the target: rung 5, relations hit, assaults logged."""
    state, at = c.state, c.at
    i, j = c.one("attacker"), c.one("target")
    state.crisis[i, j] = state.crisis[j, i] = 5
    state.mark(np.array([i]), np.array([j]))
    if not state.war[i, j]:
        state.war[i, j] = True
        c.ties.append(TieChange(at, "war", state.codes[i], state.codes[j], "start", "invasion"))
    _hit(state, i, j, INVASION_SHOCK)
    c.log.add(at, [i, i, i], j, INDEX["assault"])


def _incident(c: _Applying) -> None:
    """A crisis between a and b at least at `level` (3 by default), with an accusation back."""
    state, at = c.state, c.at
    i, j = c.one("a"), c.one("b")
    level = int(c.shock.args.get("level", 3))
    state.crisis[i, j] = state.crisis[j, i] = max(int(state.crisis[i, j]), level)
    state.mark(np.array([i]), np.array([j]))
    _hit(state, i, j, INCIDENT_SHOCK)
    c.log.add(at, i, j, INDEX[_RUNG_ACTION[level]])
    c.log.add(at, j, i, INDEX["accuse"])


def _sanctions(c: _Applying) -> None:
    """Senders impose (or lift) sanctions on the target; imposing hits relations both ways."""
    state, at, codes = c.state, c.at, c.state.codes
    senders, t = c.g["senders"], c.one("target")
    senders = senders[senders != t]
    imposing = c.shock.kind == "sanctions"
    changed = senders[state.sanction[senders, t] != imposing]
    state.sanction[senders, t] = imposing
    if imposing:
        state.relation[senders, t] -= SANCTION_SHOCK
        state.relation[t, senders] -= SANCTION_SHOCK
        np.clip(state.relation, -1.0, 1.0, out=state.relation)
    c.log.add(at, senders, t, INDEX["sanction" if imposing else "concede"])
    c.ties.extend(
        TieChange(at, "sanction", codes[s], codes[t], "start" if imposing else "end", "scenario")
        for s in changed.tolist()
    )


def _pandemic(c: _Applying) -> None:
    """The salience of issues (health by default) rises for the states named (default all)."""
    state = c.state
    who = c.g.get("states", np.arange(state.n))
    for issue, delta in (c.shock.args.get("salience") or {"health": 0.4}).items():
        k = state.issue(issue)
        state.salience[who, k] = np.clip(state.salience[who, k] + float(delta), 0.0, 1.0)


def _summit(c: _Applying) -> None:
    """The host and parties negotiate an issue; those who agree sign a treaty with the host."""
    state, at, args = c.state, c.at, c.shock.args
    host = c.one("host")
    parties = np.union1d(c.g["parties"], [host]).astype(np.intp)
    record, signed = negotiation.negotiate(
        state,
        c.params.negotiation,
        args["issue"],
        parties,
        host,
        args.get("model", "compromise"),
        at,
    )
    c.talks.append(record)
    held = np.setdiff1d(parties, signed)
    c.log.add(at, signed, host, INDEX["sign"])
    c.log.add(at, held, host, INDEX["reject"])
    name = f"SIM-{record.issue.upper()}-{at}"
    c.ties.extend(
        TieChange(at, "treaty", state.codes[s], state.codes[host], "start", name)
        for s in signed.tolist()
        if s != host  # the host is party to its own treaty, not tied to itself
    )


def _mediation(c: _Applying) -> None:
    """A mediation between a and b by the mediator, attempted this step by rules.mediation."""
    c.forced.append((c.one("mediator"), c.one("a"), c.one("b")))


def _alliance(c: _Applying) -> None:
    """A and b become allies (a signed agreement both ways)."""
    state, at = c.state, c.at
    i, j = c.one("a"), c.one("b")
    if not state.ally[i, j]:
        state.ally[i, j] = state.ally[j, i] = True
        c.ties.append(
            TieChange(at, "alliance", state.codes[i], state.codes[j], "start", "scenario")
        )
    c.log.add(at, [i, j], [j, i], INDEX["sign"])


#: What each kind of shock does to the state.
_HANDLERS: dict[str, Callable[[_Applying], None]] = {
    "invasion": _invasion,
    "incident": _incident,
    "sanctions": _sanctions,
    "lift_sanctions": _sanctions,
    "pandemic": _pandemic,
    "summit": _summit,
    "mediation": _mediation,
    "alliance": _alliance,
}


def _hit(state: SimState, i: int, j: int, amount: float) -> None:
    state.relation[i, j] = max(-1.0, state.relation[i, j] - amount)
    state.relation[j, i] = max(-1.0, state.relation[j, i] - amount)


def recover_salience(state: SimState) -> None:
    """Move salience back toward its initial values (after a pandemic, say)."""
    state.salience += SALIENCE_RECOVERY * (state.salience0 - state.salience)
