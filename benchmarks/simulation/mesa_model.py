"""The simulation's core rules as a plain Mesa model: one agent object per state, stepping in
Python. Used only as the benchmark baseline (Mesa is in the `bench` extra).

Each step every agent, for every other state, draws its contacts (Poisson), picks an action
per contact from the same multinomial logit (`accord.simulation.rules.actions.WEIGHTS`), then
updates its relations from the step's Goldstein sums and, for each dyad it leads, runs the
crisis onset / escalation rule of `rules.crises` - the same formulas, one agent at a time.
"""

from __future__ import annotations

import math
from typing import Any

import mesa
import numpy as np

from accord.simulation.actions import ACTIONS, action_table
from accord.simulation.rules.actions import WEIGHTS, base_rates
from accord.simulation.runner import Prepared

_W = [WEIGHTS[a.name] for a in ACTIONS]


class StateAgent(mesa.Agent):  # type: ignore[misc]
    """One state: its own attributes and its rows of the dyad matrices as Python lists."""

    def __init__(self, model: Any, i: int, ready: Prepared, rates: np.ndarray) -> None:
        super().__init__(model)
        s = ready.state
        self.i = i
        self.hard = float(s.hard[i])
        self.constructivism = float(s.constructivism[i])
        self.realism = float(s.realism[i])
        self.liberalism = float(s.liberalism[i])
        self.risk = float(s.risk[i])
        self.soft = float(s.soft[i])
        self.health = float(s.salience[i, s.issue("health")])
        self.relation = s.relation[i].tolist()
        self.ally = s.ally[i].tolist()
        self.sanction = s.sanction[i].tolist()
        self.shared = s.shared_orgs[i].tolist()
        self.crisis = [0] * s.n
        self.rates = rates[i].tolist()
        self.sent = [0.0] * s.n
        self.hostile = [0] * s.n

    def act(self) -> None:
        agents = self.model.states
        gold, quad = self.model.gold, self.model.quad
        rng = self.model.random
        for j, rate in enumerate(self.rates):
            if rate <= 0:
                continue
            lam = rate * (1.0 + 1.5 * self.crisis[j])
            k, p, u = 0, math.exp(-lam), rng.random()
            cum = p
            while u > cum:
                k += 1
                p *= lam / k
                cum += p
            other = agents[j]
            for _ in range(k):
                c = self.crisis[j] / 5.0
                x = (
                    1.0,
                    self.relation[j] * (0.5 + self.constructivism),
                    c,
                    float(self.ally[j]),
                    self.liberalism * min(self.shared[j], 10.0) / 10.0,
                    self.realism * (2.0 * self.hard / (self.hard + other.hard) - 1.0),
                    float(self.sanction[j]),
                    self.risk * c,
                    self.health,
                    0.0,
                    self.soft,
                )
                logits = [sum(w * v for w, v in zip(row, x, strict=True)) for row in _W]
                top = max(logits)
                weights = [math.exp(v - top) for v in logits]
                pick = rng.random() * sum(weights)
                a, acc = 0, weights[0]
                while acc < pick and a < len(weights) - 1:
                    a += 1
                    acc += weights[a]
                self.sent[j] += gold[a]
                if quad[a] >= 3:
                    self.hostile[j] += 1
                self.model.events += 1

    def settle(self) -> None:
        agents = self.model.states
        rng = self.model.random
        for j, other in enumerate(agents):
            if j == self.i:
                continue
            impulse = math.tanh((self.sent[j] + other.sent[self.i]) / 10.0)
            r = self.relation[j] + 0.03 * impulse + 0.03 * (0.05 - self.relation[j])
            self.relation[j] = max(-1.0, min(1.0, r))
            if j > self.i:
                h = self.hostile[j] + other.hostile[self.i]
                level = self.crisis[j]
                rs = (self.relation[j] + other.relation[self.i]) / 2.0
                if level == 0 and h > 0:
                    if rng.random() < 1.0 - math.exp(-0.01 * h * (1.0 - rs) / 2.0):
                        level = 1
                elif level > 0:
                    share = self.hard / (self.hard + other.hard)
                    e = -3.2 - 2.0 * rs + (1.0 - abs(2 * share - 1)) + max(self.risk, other.risk)
                    up = 1.0 / (1.0 + math.exp(-e)) * (0.05 if level == 4 else 1.0)
                    down = (1.0 - up) / (1.0 + math.exp(1.8 - 2.0 * rs))
                    u = rng.random()
                    level = level + 1 if u < up else level - 1 if u < up + down else level
                self.crisis[j] = other.crisis[self.i] = min(level, 5)
        self.sent = [0.0] * len(agents)
        self.hostile = [0] * len(agents)


class SystemModel(mesa.Model):  # type: ignore[misc]
    """The international system as a Mesa model of StateAgents."""

    def __init__(self, ready: Prepared, seed: int = 0) -> None:
        super().__init__(seed=seed)
        table = action_table()
        self.gold = table.goldstein.tolist()
        self.quad = table.quad.tolist()
        self.events = 0
        rates = base_rates(ready.state, ready.params.actions)
        self.states = [StateAgent(self, i, ready, rates) for i in range(ready.state.n)]

    def step(self) -> None:
        for agent in self.states:
            agent.act()
        for agent in self.states:
            agent.settle()
