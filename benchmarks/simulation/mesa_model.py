"""Accord's simulation step written as a plain Mesa model: one agent object per state, stepping
in Python. The benchmark baseline only (Mesa is in the `bench` extra).

Same rules, same parameters (read from the prepared scenario's `Parameters`) and same step
order as `accord.simulation.runner` on a scenario without shocks:

1. contacts (a Poisson total per agent spread over partners by rate, plus a Poisson draw per
   partner in crisis: the sampling scheme of `rules.action_choice.ContactSampler`) and one action
   per contact from the same multinomial logit (`rules.action_choice.WEIGHTS`);
2. mediation of crises at rung >= 2 by the best-placed third party;
3. collective defence by allies of attacked states;
4. relations: events and reversion toward the ties' baseline;
5. crisis onset on the politically relevant dyads with their yearly MID odds (rules.dyads),
   escalation with the reach and nuclear gates, settlement, the end hazard and wars;
6. sanction costs, impositions and lifts;
7. alliance formation and dissolution, organization suspension and accession (every 4 steps);
8. salience recovery and the metrics (a Mesa `DataCollector`).

It is written the way a careful Mesa modeller would write it, not handicapped: ties are Python
sets, each agent caches its baseline row and only the dyads a tie change touches are
recomputed (as Accord caches its baseline between tie changes), candidate dyads are visited
instead of every pair where the rule allows it, and the polarisation metric uses NumPy on the
gathered relation matrix.
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from accord.simulation.actions import ACTIONS, INDEX, action_table
from accord.simulation.metrics import BlocTracker
from accord.simulation.rules.action_choice import WEIGHTS, base_rates
from accord.simulation.runner import Prepared
from accord.simulation.shocks import SALIENCE_RECOVERY

_W = [WEIGHTS[a.name] for a in ACTIONS]
_W_ARRAY = np.array(_W).T  # (features, actions)
_MEDIATE, _MOBILISE = INDEX["mediate"], INDEX["mobilise"]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class StateAgent(mesa.Agent):  # type: ignore[misc]
    """One state: its attributes, its row of relations and its ties as Python sets."""

    def __init__(self, model: SystemModel, i: int, ready: Prepared, rates: np.ndarray) -> None:
        super().__init__(model)
        s = ready.state
        self.i = i
        self.code = s.codes[i]
        self.region = s.regions[i]
        self.hard0 = float(s.hard0[i])
        self.econ = float(s.econ[i])
        self.soft = float(s.soft[i])
        self.position = s.position[i].tolist()
        self.salience = s.salience[i].tolist()
        self.salience0 = s.salience0[i].tolist()
        self.realism = float(s.realism[i])
        self.liberalism = float(s.liberalism[i])
        self.constructivism = float(s.constructivism[i])
        self.risk = float(s.risk[i])
        self.relation = s.relation[i].tolist()
        self.memory = s.memory[i].tolist()
        self.allies = set(np.flatnonzero(s.ally[i]).tolist())
        self.orgs = {s.orgs[o] for o in np.flatnonzero(s.member[i])}
        self.sanctions = set(np.flatnonzero(s.sanction[i]).tolist())
        self.attacks: set[int] = set()
        self.reaches: set[int] = set()  # states this one can project force onto (rules.dyads)
        self.crisis: dict[int, int] = {}  # partner -> rung (mirrored on the partner)
        row = rates[i]
        self.partners = np.flatnonzero(row > 0).tolist()
        self.cum_rates = np.cumsum(row[self.partners]).tolist()
        self.rate = rates[i].tolist()
        self.baseline: list[float] = []
        self.gold: dict[int, float] = {}  # this step's Goldstein sum sent to each partner
        self.hostile: dict[int, int] = {}  # this step's hostile events sent to each partner

    @property
    def hard(self) -> float:
        return self.hard0 * self.econ

    # -- contacts and actions -------------------------------------------------------------
    def targets(self) -> list[int]:
        """This step's contacts: a Poisson total spread over partners by rate, plus a
        Poisson draw per partner in crisis (sorted)."""
        model = self.model
        total = self.cum_rates[-1] if self.cum_rates else 0.0
        calm = int(model.rng.poisson(total))
        targets = (
            model.random.choices(self.partners, cum_weights=self.cum_rates, k=calm) if calm else []
        )
        boost = model.p.actions.crisis_boost
        for j, rung in self.crisis.items():
            targets.extend([j] * int(model.rng.poisson(self.rate[j] * boost * rung)))
        targets.sort()
        return targets

    def act(self) -> None:
        """Draw this step's contacts and choose an action for each."""
        states = self.model.states
        for j in self.targets():
            self.choose(states[j])

    def features(self, other: StateAgent) -> tuple[float, ...]:
        """The choice features toward `other` (rules.action_choice.FEATURES order)."""
        j = other.i
        c = self.crisis.get(j, 0) / 5.0
        hard, hard_j = self.hard, other.hard
        return (
            1.0,
            self.relation[j] * (0.5 + self.constructivism),
            c,
            1.0 if j in self.allies else 0.0,
            self.liberalism * min(len(self.orgs & other.orgs), 10.0) / 10.0,
            self.realism * (2.0 * hard / (hard + hard_j) - 1.0),
            1.0 if j in self.sanctions else 0.0,
            self.risk * c,
            self.salience[4],
            1.0 if (j in self.attacks or self.i in other.attacks) else 0.0,
            self.soft,
        )

    def choose(self, other: StateAgent) -> None:
        """One action toward `other` from the multinomial logit, in plain Python."""
        model = self.model
        x = self.features(other)
        temperature = model.p.actions.temperature
        logits = [sum(w * v for w, v in zip(row, x, strict=True)) / temperature for row in _W]
        top = max(logits)
        cum, acc = [], 0.0
        for v in logits:
            acc += math.exp(v - top)
            cum.append(acc)
        u = model.random.random() * acc
        a = 0
        while a < len(cum) - 1 and cum[a] < u:
            a += 1
        model.record(self, other, a)

    # -- relations ------------------------------------------------------------------------
    def refresh_baseline(self, j: int) -> None:
        """What the ties predict for this agent's relation to j (rules.attitudes.baseline)."""
        if j == self.i:
            self.baseline[j] = 0.0
            return
        p = self.model.p.relations
        other = self.model.states[j]
        b = (
            p.offset
            + (p.ally if j in self.allies else 0.0)
            + min(p.institutions * len(self.orgs & other.orgs), p.institutions_cap)
            + (p.region if self.region and self.region == other.region else 0.0)
            - (p.sanction if (j in self.sanctions or self.i in other.sanctions) else 0.0)
            - (p.regime if (self.model.under_regime[self.i] or self.model.under_regime[j]) else 0.0)
            - (p.war if (j in self.attacks or self.i in other.attacks) else 0.0)
            - p.issue_distance * self.model.distance[self.i][j]
            + p.memory_weight * self.memory[j]
        )
        self.baseline[j] = max(-1.0, min(1.0, b))

    def update_relations(self) -> None:
        """Revert toward the baseline; events move the relation (both directions' sums)."""
        p = self.model.p.relations
        keep, rev = 1.0 - p.reversion, p.reversion
        self.relation = [
            r * keep + rev * b for r, b in zip(self.relation, self.baseline, strict=True)
        ]
        states = self.model.states
        touched = set(self.gold) | {j for j in self.model.received[self.i]}
        for j in touched:
            g = self.gold.get(j, 0.0) + states[j].gold.get(self.i, 0.0)
            r = self.relation[j] + p.learning * math.tanh(g / 10.0)
            self.relation[j] = max(-1.0, min(1.0, r))


class BatchedStateAgent(StateAgent):
    """A hybrid, for reference: each agent scores all its contacts of the step with one NumPy
    matrix product (its own rows only) instead of one Python logit per contact. Everything
    else is the plain agent; the benchmark reports it separately."""

    def act(self) -> None:
        model = self.model
        targets = self.targets()
        if not targets:
            return
        states = model.states
        x = np.array([self.features(states[j]) for j in targets])
        logits = x @ _W_ARRAY / model.p.actions.temperature
        logits -= logits.max(axis=1, keepdims=True)
        cum = np.exp(logits).cumsum(axis=1)
        u = model.rng.random(len(targets)) * cum[:, -1]
        chosen = np.minimum((cum < u[:, None]).sum(axis=1), len(_W) - 1)
        for j, a in zip(targets, chosen.tolist(), strict=True):
            model.record(self, states[j], a)


class SystemModel(mesa.Model):  # type: ignore[misc]
    """The international system as a Mesa model of StateAgents."""

    def __init__(
        self, ready: Prepared, seed: int = 0, agent_class: type[StateAgent] = StateAgent
    ) -> None:
        super().__init__(seed=seed)
        self.p = ready.params
        table = action_table()
        self.gold_of = table.goldstein.tolist()
        self.hostile_of = (table.quad >= 3).tolist()
        self.quad_of = table.quad.tolist()
        self.org_names = ready.state.orgs
        s = ready.state
        self.under_regime = s.regimes.tolist() if s.regimes.size else [False] * s.n
        self.regimes = sum(self.under_regime)
        self.distance = _issue_distance(s.position.tolist(), s.salience.tolist())
        rates = base_rates(ready.state, ready.params.actions)
        self.states = [agent_class(self, i, ready, rates) for i in range(s.n)]
        for i, row in enumerate(s.crisis):
            for j in np.flatnonzero(row).tolist():
                self.states[i].crisis[j] = int(row[j])
        for i, row in enumerate(s.war):
            self.states[i].attacks = set(np.flatnonzero(row).tolist())
        for agent in self.states:
            agent.baseline = [0.0] * s.n
            for j in range(s.n):
                agent.refresh_baseline(j)
        self.nuclear = s.nuclear.tolist() if s.nuclear.size else [False] * s.n
        for agent in self.states:
            agent.reaches = (
                set(np.flatnonzero(s.reach[agent.i]).tolist()) if s.reach.size else set()
            )
        self.candidates = list(
            zip(
                s.onset_a.tolist(),
                s.onset_b.tolist(),
                s.onset_logit.tolist(),
                s.onset_relation0.tolist(),
                strict=True,
            )
        )
        self.step_years = s.step_years
        self.attacked: set[int] = set()
        self.details: list[str] = []
        self.t = 0
        self.events: list[tuple[int, int, int, int]] = []
        self.step_actions: list[int] = []
        self.received: list[set[int]] = [set() for _ in self.states]
        self.mediated: set[tuple[int, int]] = set()
        self.ties: list[tuple[int, str, str, str, str]] = []
        self.blocs = BlocTracker(s.n)
        self.polarisation = 0.0
        self.datacollector = mesa.DataCollector(
            model_reporters={
                "cooperation": _cooperation,
                "goldstein_mean": lambda m: (
                    sum(m.gold_of[a] for a in m.step_actions) / len(m.step_actions)
                    if m.step_actions
                    else 0.0
                ),
                "events": lambda m: len(m.step_actions),
                "active_crises": lambda m: sum(
                    1 for a in m.states for j in a.crisis if j > a.i and a.crisis[j] > 0
                ),
                "wars": lambda m: sum(len(a.attacks) for a in m.states),
                "polarisation": "polarisation",
                "sanctions": lambda m: sum(len(a.sanctions) for a in m.states) + m.regimes,
                "alliances": lambda m: sum(len(a.allies) for a in m.states) // 2,
            }
        )

    # -- bookkeeping ----------------------------------------------------------------------
    def record(self, src: StateAgent, tgt: StateAgent, action: int) -> None:
        """Keep an event and its effect on this step's dyad sums."""
        if src.i == tgt.i:
            return
        self.events.append((self.t, src.i, tgt.i, action))
        self.step_actions.append(action)
        src.gold[tgt.i] = src.gold.get(tgt.i, 0.0) + self.gold_of[action]
        if self.hostile_of[action]:
            src.hostile[tgt.i] = src.hostile.get(tgt.i, 0) + 1
        self.received[tgt.i].add(src.i)

    def tie(self, kind: str, a: int, b: int, change: str, detail: str = "") -> None:
        self.ties.append((self.t, kind, self.states[a].code, self.states[b].code, change))
        if detail:
            self.details.append(detail)
        self.states[a].refresh_baseline(b)
        self.states[b].refresh_baseline(a)

    def set_crisis(self, a: int, b: int, rung: int) -> None:
        sa, sb = self.states[a], self.states[b]
        if rung > 0:
            sa.crisis[b] = sb.crisis[a] = rung
        else:
            sa.crisis.pop(b, None)
            sb.crisis.pop(a, None)

    def crisis_dyads(self, min_rung: int = 1) -> list[tuple[int, int, int]]:
        return sorted(
            (a.i, j, r)
            for a in self.states
            for j, r in a.crisis.items()
            if j > a.i and r >= min_rung
        )

    # -- the step -------------------------------------------------------------------------
    def step(self) -> None:
        self.step_actions = []
        self.mediated = set()
        for agent in self.states:
            agent.act()
        self.mediate()
        self.collective_defence()
        for agent in self.states:
            agent.update_relations()
        self.crises()
        self.sanction_costs()
        self.sanction_coalitions()
        if self.t % self.p.alliances.every == 0:
            self.alliances()
        if self.t % self.p.organizations.every == 0:
            self.organizations()
        for agent in self.states:
            agent.salience = [
                s + SALIENCE_RECOVERY * (s0 - s)
                for s, s0 in zip(agent.salience, agent.salience0, strict=True)
            ]
            agent.gold = {}
            agent.hostile = {}
        self.received = [set() for _ in self.states]
        # the bloc split needs the whole matrix: NumPy on the gathered rows, once a step
        self.polarisation = self.blocs.polarisation(np.array([a.relation for a in self.states]))
        self.datacollector.collect(self)
        self.t += 1

    def mediate(self) -> None:
        p = self.p.mediation
        for a, b, rung in self.crisis_dyads(p.min_level):
            if self.random.random() >= p.attempt_rate:
                continue
            sa, sb = self.states[a], self.states[b]
            best, standing = -1, -math.inf
            for k in self.states:
                if k.i in (a, b) or sa.crisis.get(k.i, 0) > 0 or sb.crisis.get(k.i, 0) > 0:
                    continue
                s = min(k.relation[a], k.relation[b]) + p.standing_soft * k.soft
                if s > standing:
                    best, standing = k.i, s
            if best < 0:
                continue
            logit = p.success_bias + p.success_standing * standing - p.success_level * rung / 5
            success = self.random.random() < _sigmoid(logit)
            mediator = self.states[best]
            self.record(mediator, sa, _MEDIATE)
            self.record(mediator, sb, _MEDIATE)
            if success:
                self.mediated.add((a, b))
                self.set_crisis(a, b, max(rung - 1, 0))
                sa.relation[b] = min(1.0, sa.relation[b] + p.relation_boost)
                sb.relation[a] = min(1.0, sb.relation[a] + p.relation_boost)

    def collective_defence(self) -> None:
        p = self.p.alliances
        for attacker in [a for a in self.states if a.attacks]:
            i = attacker.i
            for k in self.states:
                if k.i == i or i in k.allies or i in k.attacks:
                    continue
                if k.crisis.get(i, 0) >= p.join_level:
                    continue
                defended = [v for v in attacker.attacks if v in k.allies]
                if not defended:
                    continue
                best = max(k.relation[v] for v in defended)
                logit = (
                    p.honour_bias + p.honour_liberalism * k.liberalism + p.honour_relation * best
                )
                if self.random.random() < _sigmoid(logit):
                    self.set_crisis(k.i, i, max(k.crisis.get(i, 0), p.join_level))
                    k.relation[i] = max(-1.0, k.relation[i] - p.join_shock)
                    attacker.relation[k.i] = max(-1.0, attacker.relation[k.i] - p.join_shock)
                    self.ties.append((self.t, "defence", k.code, attacker.code, "start"))
                    self.record(k, attacker, _MOBILISE)

    def effective_power(self, agent: StateAgent) -> float:
        return agent.hard + self.p.crises.ally_weight * sum(
            self.states[j].hard for j in agent.allies
        )

    def covered(self, agent: StateAgent) -> bool:
        """Nuclear weapons, or a defence ally that has them (rules.crises)."""
        return self.nuclear[agent.i] or any(self.nuclear[j] for j in agent.allies)

    def onsets(self) -> None:
        """Calm politically relevant dyads start a dispute with the dyadic odds (rules.dyads)."""
        dp, years = self.p.dyads, self.step_years
        for a, b, logit, r0 in self.candidates:
            sa, sb = self.states[a], self.states[b]
            r = (sa.relation[b] + sb.relation[a]) / 2.0
            yearly = _sigmoid(logit - dp.relation * (r - r0))
            hit = self.random.random() < 1.0 - (1.0 - yearly) ** years
            if hit and sa.crisis.get(b, 0) == 0:
                self.set_crisis(a, b, 1)
                self.ties.append((self.t, "dispute", sa.code, sb.code, "start"))

    def crises(self) -> None:
        p = self.p.crises
        active = self.crisis_dyads()
        self.onsets()
        for a, b, rung in active:
            sa, sb = self.states[a], self.states[b]
            ea, eb = self.effective_power(sa), self.effective_power(sb)
            share = ea / (ea + eb)
            defended = 1.0 - (sb.hard / eb if share < 0.5 else sa.hard / ea)
            r = (sa.relation[b] + sb.relation[a]) / 2.0
            e = (
                p.escalate_bias
                - p.hostility * r
                + p.parity * (1.0 - abs(2.0 * share - 1.0))
                + p.resolve * max(sa.risk, sb.risk)
                - p.deterrence * defended
            )
            gate = p.war_gate * (p.nuclear_gate if self.covered(sa) and self.covered(sb) else 1.0)
            if b not in sa.reaches and a not in sb.reaches:
                gate = 0.0
            up = 0.0 if rung >= 5 else _sigmoid(e) * (gate if rung == 4 else 1.0)
            s = p.settle_bias + p.settle_relation * r
            s += p.mediated if (a, b) in self.mediated else 0.0
            s -= p.war_settle_penalty if rung >= 5 else 0.0
            down = (1.0 - up) * _sigmoid(s)
            u = self.random.random()
            new = rung + 1 if u < up else rung - 1 if u < up + down else rung
            if self.random.random() < (p.war_end_rate if new >= 5 else p.end_rate):
                new = 0  # the crisis's end hazard
            self.set_crisis(a, b, new)
            if new == 5 and rung < 5:
                strong_a = ea * sa.risk >= eb * sb.risk
                strong_a = b in sa.reaches and (strong_a or a not in sb.reaches)
                att, vic = (sa, sb) if strong_a else (sb, sa)
                if vic.i not in att.attacks and att.i not in vic.attacks:
                    fighting = any(x.attacks or x.i in self.attacked for x in (sa, sb))
                    att.attacks.add(vic.i)
                    self.attacked.add(vic.i)
                    self.tie("war", att.i, vic.i, "start", "joins" if fighting else "")
        # wars end whenever their dyad is below the war rung (mediation may have lowered it)
        for x in self.states:
            for j in sorted(x.attacks):
                if x.crisis.get(j, 0) < 5:
                    x.attacks.discard(j)
                    self.tie("war", x.i, j, "end")
        self.attacked = {j for x in self.states for j in x.attacks}

    def sanction_costs(self) -> None:
        p = self.p.sanctions
        gdp = [a.hard for a in self.states]
        total = sum(gdp)
        loss = [0.0] * len(self.states)
        for a in self.states:
            for t in a.sanctions:
                loss[t] += p.cost_target * gdp[a.i] / total
                loss[a.i] += p.cost_sender * gdp[t] / total
        for a in self.states:
            econ = a.econ * (1.0 - loss[a.i]) + p.recovery * (1.0 - a.econ)
            a.econ = max(0.2, min(1.0, econ))

    def sanction_coalitions(self) -> None:
        p = self.p.sanctions
        aggressors = {a.i for a in self.states if a.attacks}
        pressing = {(a, b) for a, b, _ in self.crisis_dyads(p.impose_level)}
        pressing |= {(b, a) for a, b in pressing}
        pressing |= {(k, g) for g in aggressors for k in range(len(self.states))}
        impose = []
        for i, j in sorted(pressing):
            a = self.states[i]
            if i == j or j in a.sanctions or a.relation[j] >= p.impose_threshold:
                continue
            if self.random.random() < p.impose_rate * (0.5 + a.liberalism):
                impose.append((i, j))
        lift = []
        for a in self.states:
            for j in sorted(a.sanctions):
                calm = a.relation[j] > p.lift_threshold and a.crisis.get(j, 0) == 0
                if calm and self.random.random() < p.lift_rate:
                    lift.append((a.i, j))
        for i, j in impose:
            self.states[i].sanctions.add(j)
            self.tie("sanction", i, j, "start")
        for i, j in lift:
            self.states[i].sanctions.discard(j)
            self.tie("sanction", i, j, "end")

    def alliances(self) -> None:
        p = self.p.alliances
        enemies = [
            {k for k, r in enumerate(a.relation) if r < p.enemy_threshold} for a in self.states
        ]
        form, dissolve = [], []
        for a in self.states:
            for b in self.states[a.i + 1 :]:
                mutual = a.relation[b.i] + b.relation[a.i]
                if b.i in a.allies:
                    if mutual < 2.0 * p.dissolve_threshold:
                        dissolve.append((a.i, b.i))
                elif mutual > 2.0 * p.form_threshold and enemies[a.i] & enemies[b.i]:
                    form.append((a.i, b.i))
        form = [d for d in form if self.random.random() < p.form_rate]
        dissolve = [d for d in dissolve if self.random.random() < p.dissolve_rate]
        for (i, j), value in [(d, True) for d in form] + [(d, False) for d in dissolve]:
            a, b = self.states[i], self.states[j]
            if value:
                a.allies.add(j)
                b.allies.add(i)
            else:
                a.allies.discard(j)
                b.allies.discard(i)
            self.tie("alliance", i, j, "start" if value else "end")

    def organizations(self) -> None:
        p = self.p.organizations
        members = {o: [a for a in self.states if o in a.orgs] for o in self.org_names}
        # column sums of the members' relation rows: sum over members m of r[m][s]
        totals = {
            o: [sum(col) for col in zip(*(m.relation for m in ms), strict=True)] if ms else []
            for o, ms in members.items()
        }

        def regard(agent: StateAgent, org: str) -> float:
            count = len(members[org]) - (1 if org in agent.orgs else 0)
            return totals[org][agent.i] / count if count > 0 else 0.0

        suspend = []
        for agent in self.states:
            if not agent.attacks:
                continue
            for org in sorted(agent.orgs):
                if org in p.protected or regard(agent, org) >= p.suspend_threshold:
                    continue
                if self.random.random() < p.suspend_rate:
                    suspend.append((agent, org))
        join = []
        for org in self.org_names:
            if org not in p.open_orgs:
                continue
            for agent in self.states:
                if org in agent.orgs or regard(agent, org) <= p.join_threshold:
                    continue
                if any(agent.crisis.get(m.i, 0) > 0 for m in members[org]):
                    continue
                if self.random.random() < p.join_rate:
                    join.append((agent, org))
        for agent, org in suspend:
            agent.orgs.discard(org)
        for agent, org in join:
            agent.orgs.add(org)
        for agent, org in suspend + join:
            change = "start" if org in agent.orgs else "end"
            self.ties.append((self.t, "membership", agent.code, org, change))
            for other in self.states:  # shared organizations changed: row and column
                agent.refresh_baseline(other.i)
                other.refresh_baseline(agent.i)


def _issue_distance(position: list[list[float]], salience: list[list[float]]) -> list[list[float]]:
    """Salience-weighted mean distance of issue positions (rules.attitudes.issue_distance)."""
    out = []
    for pi, si in zip(position, salience, strict=True):
        total = max(sum(si), 1e-9)
        w = [s / total for s in si]
        out.append(
            [sum(wk * abs(a - b) for wk, a, b in zip(w, pi, pj, strict=True)) for pj in position]
        )
    return out


def _cooperation(model: SystemModel) -> float:
    events = len(model.step_actions)
    coop = sum(1 for a in model.step_actions if model.quad_of[a] <= 2)
    return (2.0 * coop - events) / events if events else 0.0
