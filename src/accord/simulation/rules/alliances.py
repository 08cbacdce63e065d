"""Alliances: collective-defence duties when an ally is attacked, and alliance formation.

Collective defence. While state i wages war on state j, every state k that owes j defence
(a defence obligation, and none toward i) honours it this step with probability
`sigmoid(honour_bias + honour_liberalism * liberalism_k + honour_relation * r_kj)`; a state
that honours joins the crisis against i at rung `join_level` (mobilisation) at least, its
relation with the attacker drops by `join_shock`, and it mobilises (CAMEO 154) against i.

Formation and dissolution. Two states without an alliance form one with probability
`form_rate` per step when their mutual relation exceeds `form_threshold` and they share an
enemy (a state both regard below `enemy_threshold`); an alliance whose mutual relation falls
below `dissolve_threshold` ends with probability `dissolve_rate` per step. Formation and
dissolution are reviewed every `every` steps (rates are per review).

The review finds its candidates tile by tile over the upper triangle of the relation matrix
(`mutual = r_ij + r_ji` of a tile and its mirror, in cache), never forming the n x n sum or
its masks; the enemy test reads only the candidates' rows. Same dyads, same order, same draws.

In a run, a `Review` keeps the candidates between reviews instead (a scan only when the ties
are rebuilt): between two writes a relation only decays toward its baseline, so a dyad that
is friendly now was friendly at the last review, is friendly by its baseline, or was written
since (events, mediation, defence, a tie change). The review evaluates those dyads and the
allied ones: the same dyads as the scan, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.results import TieChange
from accord.simulation.state import FloatArray, SimState, sorted_unique

#: Side of the square tiles of the alliance review: a float64 tile and its mirror, 1 MB,
#: stay in a core's L2 cache; the default world (200 states) is one tile.
TILE = 256


@dataclass(frozen=True)
class AllianceParams:
    """Parameters of collective defence, formation and dissolution (module docstring)."""

    honour_bias: float = 0.5
    honour_liberalism: float = 1.5
    honour_relation: float = 2.0
    join_level: int = 3
    join_shock: float = 0.3
    form_rate: float = 0.008
    form_threshold: float = 0.55
    enemy_threshold: float = -0.3
    dissolve_rate: float = 0.08
    dissolve_threshold: float = -0.1
    every: int = 4


def collective_defence(
    state: SimState, p: AllianceParams, rng: np.random.Generator, at: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], list[TieChange]]:
    """Allies of attacked states join against the attacker (in place).

    Returns the (ally, attacker) pairs that joined this step, and their tie changes.
    """
    attackers = state.aggressors()
    if not attackers.size:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), []
    # owes[k, a]: some ally of k is attacked by attackers[a] (few wars: loop-free over pairs)
    war_of, victim = np.nonzero(state.war[attackers])
    owes = np.zeros((state.n, attackers.size), dtype=bool)
    np.logical_or.at(owes.T, war_of, state.ally[:, victim].T)
    owes &= ~state.ally[:, attackers]  # no duty against one's own ally
    owes[attackers, np.arange(attackers.size)] = False
    owes &= state.crisis[:, attackers] < p.join_level
    owes &= ~state.war[:, attackers]  # already attacking
    k, a = np.nonzero(owes)
    i = attackers[a]
    if k.size == 0:
        return k, i, []
    # the ally's attitude toward the victim(s) it defends: the best one
    victims = state.war[i]  # (m, n) victims of each attacker
    best = np.where(victims & state.ally[k], state.rel_rows(k), -1.0).max(axis=1)
    logit = p.honour_bias + p.honour_liberalism * state.liberalism[k] + p.honour_relation * best
    honour = rng.random(k.size) < 1.0 / (1.0 + np.exp(-logit))
    k, i = k[honour], i[honour]
    state.crisis[k, i] = np.maximum(state.crisis[k, i], p.join_level)
    state.crisis[i, k] = state.crisis[k, i]
    state.mark(k, i)
    for x, y in ((k, i), (i, k)):
        state.rel_put(x, y, np.maximum(state.rel_at(x, y) - p.join_shock, -1.0))
    changes = [
        TieChange(at, "defence", state.codes[a], state.codes[b], "start", "honours defence duty")
        for a, b in zip(k.tolist(), i.tolist(), strict=True)
    ]
    return k, i, changes


Keys = npt.NDArray[np.int64]


@dataclass
class Review:
    """The dyads (keys `a * n + b`, a < b, sorted) an alliance review must visit, kept by a
    run between reviews (module docstring): `standing` may be friendly without being written
    (friendly by the baseline, or at the last review, or with a tie changed since), `allied`
    are the allied dyads."""

    standing: Keys
    allied: Keys
    base_friendly: Keys

    @classmethod
    def scan(cls, state: SimState, p: AllianceParams, base: FloatArray) -> Review:
        """From a scan of the (settled) relations and the baseline `base`."""
        friendly, allied = _tiles(state.relation, state.ally, p)
        base_friendly, _ = _tiles(base, state.ally, p)
        return cls(sorted_unique(friendly, base_friendly), allied, base_friendly)

    def touch(self, keys: Keys) -> None:
        """Dyads whose baseline changed (a tie): candidates from now on."""
        self.base_friendly = sorted_unique(self.base_friendly, keys)
        self.standing = sorted_unique(self.standing, keys)

    def candidates(self, state: SimState) -> Keys:
        """Every dyad that may be friendly or allied now (the written ones included)."""
        keys = sorted_unique(self.standing, self.allied, *state.take_written())
        i, j = np.divmod(keys, state.n)
        out: Keys = keys[i != j]
        return out

    def reviewed(self, friendly: Keys, formed: Keys, ended: Keys) -> None:
        """After a review: its friendly dyads and the alliances it formed and ended."""
        self.standing = sorted_unique(friendly, self.base_friendly)
        allied = sorted_unique(self.allied, formed)
        self.allied = allied[~np.isin(allied, ended)]


def evolve(
    state: SimState,
    p: AllianceParams,
    rng: np.random.Generator,
    at: int,
    review: Review | None = None,
) -> list[TieChange]:
    """Form and dissolve alliances (in place); return the tie changes.

    Only candidate dyads are visited: friendly non-allies (checked for a common enemy) and
    allies whose relation has soured; each draws one number. With `review` (a run), the
    candidates are its dyads (module docstring), else a scan of every dyad finds them."""
    if at % p.every:
        return []
    a, b, da, db = _reviewed(state, p) if review is None else _visited(state, p, review)
    friendly = a.astype(np.int64) * state.n + b
    if a.size:
        rows, where = np.unique(np.concatenate([a, b]), return_inverse=True)
        enemy = state.rel_rows(rows) < p.enemy_threshold
        common = (enemy[where[: a.size]] & enemy[where[a.size :]]).any(axis=1)
        a, b = a[common], b[common]
        keep = rng.random(a.size) < p.form_rate
        a, b = a[keep], b[keep]
    keep = rng.random(da.size) < p.dissolve_rate
    if review is not None:
        n = state.n
        review.reviewed(
            friendly, a.astype(np.int64) * n + b, da[keep].astype(np.int64) * n + db[keep]
        )
    changes: list[TieChange] = []
    for x, y, value, change in ((a, b, True, "start"), (da[keep], db[keep], False, "end")):
        state.ally[x, y] = value
        state.ally[y, x] = value
        changes.extend(
            TieChange(at, "alliance", state.codes[i], state.codes[j], change, "defence")
            for i, j in zip(x.tolist(), y.tolist(), strict=True)
        )
    return changes


def _visited(
    state: SimState, p: AllianceParams, review: Review
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """`_reviewed` from the review's candidates (sorted keys: the same row-major order)."""
    n = state.n
    keys = review.candidates(state)
    i, j = np.divmod(keys, n)
    mutual = state.rel_flat(keys) + state.rel_flat(j * n + i)
    allied = state.ally.take(keys)
    a, b = np.divmod(keys[(mutual > 2.0 * p.form_threshold) & ~allied], n)
    da, db = np.divmod(keys[(mutual < 2.0 * p.dissolve_threshold) & allied], n)
    return a, b, da, db


def _tiles(m: FloatArray, ally: npt.NDArray[np.bool_], p: AllianceParams) -> tuple[Keys, Keys]:
    """Sorted keys (a < b) of the non-allied dyads with `m_ab + m_ba` above twice the
    formation threshold, and of the allied dyads (one scan by tiles)."""
    n = m.shape[0]
    friendly: list[Keys] = []
    allied: list[Keys] = []
    for i0 in range(0, n, TILE):
        rows = slice(i0, min(i0 + TILE, n))
        for j0 in range(i0, n, TILE):
            cols = slice(j0, min(j0 + TILE, n))
            tie = ally[rows, cols]
            mutual = m[rows, cols] + m[cols, rows].T
            for mask, found in (
                ((mutual > 2.0 * p.form_threshold) & ~tie, friendly),
                (tie, allied),
            ):
                x, y = np.nonzero(mask)
                upper = x + i0 < y + j0
                found.append(((x[upper] + i0) * n + y[upper] + j0).astype(np.int64))
    return np.sort(np.concatenate(friendly)), np.sort(np.concatenate(allied))


def _reviewed(
    state: SimState, p: AllianceParams
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """(a, b) of the friendly non-allied dyads and (da, db) of the soured allied ones, a < b
    in row-major order: `upper_nonzero` of the masks of `mutual = r + r.T`, tile by tile."""
    rel, ally, n = state.relation, state.ally, state.n
    friendly: list[npt.NDArray[np.intp]] = []
    soured: list[npt.NDArray[np.intp]] = []
    for i0 in range(0, n, TILE):
        rows = slice(i0, min(i0 + TILE, n))
        for j0 in range(i0, n, TILE):
            cols = slice(j0, min(j0 + TILE, n))
            mutual = rel[rows, cols] + rel[cols, rows].T  # twice the mean relation of each dyad
            allied = ally[rows, cols]
            for mask, found in (
                ((mutual > 2.0 * p.form_threshold) & ~allied, friendly),
                ((mutual < 2.0 * p.dissolve_threshold) & allied, soured),
            ):
                x, y = np.nonzero(mask)
                upper = x + i0 < y + j0
                found.append((x[upper] + i0) * n + y[upper] + j0)
    a, b = np.divmod(np.sort(np.concatenate(friendly)), n)
    da, db = np.divmod(np.sort(np.concatenate(soured)), n)
    return a, b, da, db
