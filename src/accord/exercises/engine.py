"""Adjudication: a turn's moves applied to the simulated world, then one simulation step.

The world of a session is the simulation of `accord.simulation` on the exercise's start date
(default world, the exercise's doctrines and parameters, no memory of stored events so that a
session depends only on its file, seed and moves), stepped once per turn with the turn's
length. Turn t (1-based) is simulation step t - 1, with the run's random stream
(`runner.start_run(prepared, seed)`), so replaying the stored moves from the seed rebuilds the
world of any turn exactly; that is how a session survives a restart.

At the adjudication of a turn, in order:
1. world changes of the turn's injects and decisions (relation set, risk attitude);
2. the relation impulse of every move between two states, with the simulation's own rule
   (`rules.attitudes`: learning x tanh(Goldstein sum / 10), both directions);
3. shocks: those of injects and decisions, and those the actions set off (sanctions, incident
   rungs, invasion: `accord.exercises.actions`), added to the step;
4. one simulation step: the states nobody plays act by their doctrine, crises, mediation,
   alliances and sanctions evolve.

The turn's events are the moves (each with its own CAMEO code) and the step's events; a
step event that only repeats a move's shock is dropped, and so are the step's events from a
state a person plays toward another role (the player speaks for that state there), except
those an inject's or decision's shock logs (the script acts there, not the player).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from accord.exercises.actions import coding, move_action
from accord.exercises.loader import parse_exercise
from accord.exercises.model import Effect, Exercise
from accord.exercises.store_io import Move
from accord.simulation import Doctrine, SimulationScenario, prepare
from accord.simulation.actions import ACTIONS, INDEX
from accord.simulation.runner import Prepared, load_world, start_run
from accord.simulation.scenario import NAME_ARGS
from accord.simulation.shocks import ResolvedShock
from accord.world import World

#: An event row before its id and date: source actor, country, sector, then the target's, and
#: the CAMEO code.
Row = tuple[str, str | None, str | None, str, str | None, str | None, str]

#: Event sector of each kind of role.
SECTORS = {
    "state": "GOV",
    "igo": "IGO",
    "mediator": "IGO",
    "ngo": "NGO",
    "firm": "BUS",
    "press": "MED",
}

#: The simulated events a move's shock logs itself (dropped from the step: the move is the event).
_ECHO = {"sanctions": "sanction", "lift_sanctions": "concede", "invasion": "assault"}
_RUNG_ACTION = {1: "accuse", 2: "threaten", 3: "mobilise", 4: "coerce", 5: "assault"}
#: The crisis rung a war drops to when a ceasefire table agrees (forces stay mobilised).
TRUCE_RUNG = 3
#: Quad class of material conflict (CAMEO 18-20: coerce, assault, fight).
MATERIAL_CONFLICT = 4


def scenario_of(exercise: Exercise) -> SimulationScenario:
    """The simulation scenario under an exercise: its world, date, turn length and doctrines."""
    default = Doctrine(**exercise.doctrines.get("default", {}))
    doctrines = {
        code: Doctrine(
            **{
                **{
                    k: getattr(default, k)
                    for k in ("realism", "liberalism", "constructivism", "risk")
                },
                **d,
            }
        )
        for code, d in exercise.doctrines.items()
        if code != "default"
    }
    return SimulationScenario(
        name=exercise.name,
        steps=exercise.turns,
        start=exercise.start,
        world_source=exercise.world_source,
        step_days=exercise.turn_days,
        seed=exercise.seed,
        parameters=exercise.parameters,
        doctrines=doctrines,
        default_doctrine=default,
        file=exercise.file,
    )


def world_of(exercise: Exercise) -> World:
    """The world an exercise plays in (`world.source`: default, store or a directory)."""
    return load_world(scenario_of(exercise))


@lru_cache(maxsize=4)
def compiled(text: str, file: str | None) -> tuple[Exercise, Prepared]:
    """The exercise a file's text holds, its names resolved against its world, and its
    prepared simulation (cached by text: preparing costs about half a second)."""
    world = world_of(parse_exercise(text, file))
    exercise = parse_exercise(text, file, world)
    return exercise, prepare(scenario_of(exercise), world=world)


@dataclass
class TurnOutcome:
    """What the adjudication of a turn produced: event rows and the facts the objectives and
    the debrief read (wars, sanctions, relations among the roles' states)."""

    rows: list[Row]
    facts: dict[str, Any]


@dataclass
class _Turn:
    """The effects collected from a turn's moves before they are applied."""

    rows: list[Row] = field(default_factory=list)
    gold: defaultdict[tuple[int, int], float] = field(default_factory=lambda: defaultdict(float))
    shocks: list[ResolvedShock] = field(default_factory=list)
    echoes: Counter[tuple[int, int, int]] = field(default_factory=Counter)
    scripted: Counter[tuple[int, int, int]] = field(default_factory=Counter)


def scripted_events(shock: ResolvedShock) -> Counter[tuple[int, int, int]]:
    """(source, target, action) of the events an inject's or decision's shock logs in the
    step (`accord.simulation.shocks`), at most as many of each: kept in the record even between
    played states, since the exercise's script, not the player, sets them off (a boarding by
    a played coast guard is still in the debrief). A summit's signatures and refusals are not
    known beforehand: each party's either is allowed once."""
    g, out = shock.groups, Counter[tuple[int, int, int]]()
    if shock.kind == "incident":
        a, b = g["a"][0], g["b"][0]
        out[(a, b, INDEX[_RUNG_ACTION[int(shock.args.get("level", 3))]])] += 1
        out[(b, a, INDEX["accuse"])] += 1
    elif shock.kind == "invasion":
        out[(g["attacker"][0], g["target"][0], INDEX["assault"])] += 3
    elif shock.kind in ("sanctions", "lift_sanctions"):
        action = INDEX["sanction" if shock.kind == "sanctions" else "concede"]
        out.update((s, g["target"][0], action) for s in g["senders"] if s != g["target"][0])
    elif shock.kind == "alliance":
        a, b = g["a"][0], g["b"][0]
        out.update([(a, b, INDEX["sign"]), (b, a, INDEX["sign"])])
    elif shock.kind == "summit":
        host = g["host"][0]
        for party in dict.fromkeys((*g["parties"], host)):
            out.update([(party, host, INDEX["sign"]), (party, host, INDEX["reject"])])
    return out


class Engine:
    """The simulated world of one session, advanced turn by turn."""

    def __init__(self, exercise: Exercise, prepared: Prepared, seed: int) -> None:
        self.exercise = exercise
        self.loop = start_run(prepared, seed)
        self.state = self.loop.state
        self.kind_of = {r.actor: r.kind for r in exercise.roles}
        self.role_actors = frozenset(r.actor for r in exercise.roles)
        self.turn = 1

    def replay(self, moves: Sequence[Move], until: int) -> None:
        """Apply the stored moves of every turn before `until` (turns already adjudicated)."""
        by_turn: defaultdict[int, list[Move]] = defaultdict(list)
        for m in moves:
            by_turn[m.turn].append(m)
        while self.turn < until:
            self.adjudicate(by_turn[self.turn])

    def index(self, code: str) -> int | None:
        """The state index of an actor code (None for organizations and non-state roles)."""
        return self.state.index.get(code)

    def actor_row(self, code: str) -> tuple[str, str | None, str | None]:
        """Actor, country and sector columns of an actor code."""
        sector = SECTORS.get(self.kind_of.get(code, "state" if code in self.state.index else ""))
        return code, code if code in self.state.index else None, sector

    def adjudicate(
        self, moves: Sequence[Move], humans: frozenset[str] = frozenset()
    ) -> TurnOutcome:
        """Apply one turn's moves and step the world; `humans` are the actors people play."""
        turn = _Turn()
        last = {m.body.get("decision"): m.seq for m in moves if m.kind == "decide"}
        for m in moves:
            if m.kind == "decide" and last[m.body.get("decision")] != m.seq:
                continue  # a decision answered again (the facilitator's override): the last counts
            self._collect(m, turn)
        self._impulse(turn.gold)
        step = self.turn - 1
        self.loop.shocks.setdefault(step, []).extend(turn.shocks)
        events = self.loop.step(step)
        rows = turn.rows + self._step_rows(events, turn, humans)
        self.turn += 1
        return TurnOutcome(rows, self.facts())

    def _collect(self, m: Move, turn: _Turn) -> None:
        """Gather the effects of one move."""
        body = m.body
        if m.kind == "action":
            self._event(body["source"], body["target"], body["action"], turn, move=True)
        elif m.kind in ("decide", "inject"):
            for effect in body.get("effects", []):
                self._effect(Effect(effect["kind"], effect["args"]), turn)
        elif m.kind == "agreement":
            parties = body["actors"]
            for a in parties:
                for b in parties:
                    if a < b:
                        self._event(a, b, "sign", turn)
                        self._event(b, a, "sign", turn)
            if self._is_ceasefire(str(body.get("table"))):
                self._truce(parties)

    def _is_ceasefire(self, table_id: str) -> bool:
        return any(t.id == table_id and t.ceasefire for t in self.exercise.tables)

    def _truce(self, actors: Sequence[str]) -> None:
        """A ceasefire among `actors`' states: each war between two of them drops to the
        `TRUCE_RUNG` standoff, so the step's crisis rule ends the war (recording it); the
        crisis may escalate again in later turns, as ceasefires do break down."""
        found = [i for a in actors if (i := self.index(a)) is not None]
        s = self.state
        for i in found:
            for j in found:
                if i < j and (s.war[i, j] or s.war[j, i]):
                    s.crisis[i, j] = s.crisis[j, i] = min(int(s.crisis[i, j]), TRUCE_RUNG)

    def _effect(self, effect: Effect, turn: _Turn) -> None:
        """Apply or gather one effect of an inject or decision."""
        args = effect.args
        if effect.kind == "event":
            self._event(args["source"], args["target"], args["action"], turn)
        elif effect.kind == "shock":
            shock = self._shock(dict(args))
            if shock is not None:
                turn.shocks.append(shock)
                turn.scripted.update(scripted_events(shock))
        elif "relation" in args:
            i, j = self.index(args["relation"]["a"]), self.index(args["relation"]["b"])
            if i is not None and j is not None:
                self.state.relation[i, j] = self.state.relation[j, i] = float(
                    args["relation"]["value"]
                )
        elif "risk" in args:
            i = self.index(args["risk"]["state"])
            if i is not None:
                self.state.risk[i] = float(args["risk"]["value"])

    def _event(
        self, source: str, target: str, action: str, turn: _Turn, *, move: bool = False
    ) -> None:
        """An event between two actors: its row, its relation impulse and, for a move, the shock
        the action sets off."""
        act = move_action(action)
        turn.rows.append((*self.actor_row(source), *self.actor_row(target), act.cameo))
        i, j = self.index(source), self.index(target)
        if i is None or j is None or i == j:
            return
        turn.gold[(min(i, j), max(i, j))] += coding(act.cameo).goldstein
        if act.shock is None:
            return
        if act.shock == "incident":
            args: dict[str, Any] = {"a": source, "b": target, "level": act.level}
            echo = _RUNG_ACTION[act.level]
        elif act.shock == "invasion":
            args, echo = {"attacker": source, "target": target}, "assault"
        else:
            args, echo = {"senders": [source], "target": target}, _ECHO[act.shock]
        args["kind"] = act.shock
        shock = self._shock(args)
        if shock is not None:
            turn.shocks.append(shock)
            turn.echoes[(i, j, INDEX[echo])] += 3 if act.shock == "invasion" else 1

    def _shock(self, args: dict[str, Any]) -> ResolvedShock | None:
        """A shock with state indices (organizations stand for their members; a shock naming
        no state is skipped)."""
        kind = args.pop("kind")
        groups: dict[str, tuple[int, ...]] = {}
        plain: dict[str, Any] = {}
        for key, value in args.items():
            if key not in NAME_ARGS:
                plain[key] = value
                continue
            found: list[int] = []
            for code in [value] if isinstance(value, str) else value:
                if code in self.state.index:
                    found.append(self.state.index[code])
                elif code in self.state.orgs:
                    col = self.state.member[:, self.state.orgs.index(code)]
                    found.extend(int(k) for k in np.flatnonzero(col))
            if not found:
                return None
            groups[key] = tuple(dict.fromkeys(found))
        return ResolvedShock(self.turn - 1, kind, groups, plain)

    def _impulse(self, gold: dict[tuple[int, int], float]) -> None:
        """The relation impulse of the moves between states (the simulation's rule)."""
        learning = self.loop.p.relations.learning
        r = self.state.relation
        for (i, j), g in gold.items():
            delta = learning * float(np.tanh(g / 10.0))
            r[i, j] = min(1.0, max(-1.0, r[i, j] + delta))
            r[j, i] = min(1.0, max(-1.0, r[j, i] + delta))

    def _step_rows(self, events: Any, turn: _Turn, humans: frozenset[str]) -> list[Row]:
        """The step's events as rows, without the moves' echoes and the played states' events
        toward other roles, but with the events the script's shocks logged (`scripted_events`)."""
        codes = self.state.codes
        rows: list[Row] = []
        left, scripted = Counter(turn.echoes), Counter(turn.scripted)
        for s, t, a in zip(
            events.source.tolist(), events.target.tolist(), events.action.tolist(), strict=True
        ):
            if left[(s, t, a)] > 0:
                left[(s, t, a)] -= 1
                continue
            src, tgt = codes[s], codes[t]
            if scripted[(s, t, a)] > 0:
                scripted[(s, t, a)] -= 1
            elif src in humans and tgt in self.role_actors and not self._fighting(s, t, a):
                continue
            rows.append((src, src, "GOV", tgt, tgt, "GOV", ACTIONS[a].cameo))
        return rows

    def _fighting(self, s: int, t: int, action: int) -> bool:
        """Whether an event of the step is the fighting of a war between s and t (material
        conflict while the two are at war): the war's doing, kept even from a played state."""
        war = self.state.war
        at_war = bool(war[s, t] or war[t, s])
        return at_war and coding(ACTIONS[action].cameo).quad == MATERIAL_CONFLICT

    def facts(self) -> dict[str, Any]:
        """Wars, sanctions, crisis rungs and relations among the roles' states now."""
        idx = sorted(
            (code, self.state.index[code]) for code in self.role_actors if code in self.state.index
        )
        wars, sanctions, relations, crises = [], [], {}, {}
        s = self.state
        for a, i in idx:
            for b, j in idx:
                if i == j:
                    continue
                if s.sanction[i, j]:
                    sanctions.append([a, b])
                if a < b:
                    if s.war[i, j] or s.war[j, i]:
                        wars.append([a, b])
                    relations[f"{a}-{b}"] = round(
                        float((s.relation[i, j] + s.relation[j, i]) / 2), 6
                    )
                    if s.crisis[i, j]:
                        crises[f"{a}-{b}"] = int(s.crisis[i, j])
        return {"wars": wars, "sanctions": sanctions, "relations": relations, "crises": crises}


def event_date(exercise: Exercise, turn: int) -> dt.date:
    """The date a turn's events carry: the turn's first day."""
    return exercise.date_of(turn)
