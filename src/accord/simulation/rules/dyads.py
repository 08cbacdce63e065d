"""Dangerous dyads: which pairs of states can fight (opportunity) and how willing they are.

Opportunity (Most and Starr 1989, *Inquiry, Logic and International Politics*): states fight
those they can reach. A dyad can start a militarised dispute only when it is *politically
relevant* (Maoz and Russett 1993; Lemke and Reed 2001): the two are contiguous by land or by
up to 400 miles of water (COW Direct Contiguity v3.2, types 1-5, Stinnett et al. 2002), or
their capitals are within `reach_km` of each other, or one of them is a major power with global
reach (COW major powers 2016: USA, GBR, FRA, DEU, RUS, CHN, JPN). Only relevant dyads can reach
the war rung, and only a side that reaches the other can attack it (rules.crises): a distant
minor power cannot project force.

Willingness. The yearly probability that a relevant dyad starts a militarised interstate
dispute (MID) is `sigmoid(x)` with

`x = intercept + contiguity * land_or_12mi + near_water * (types 3-5) - distance * log(km / 1000)
+ major * (a major power in the dyad) + rivalry * (strategic rivals) - alliance * (allied)
- joint_democracy * (both Free) - preponderance * log(stronger / weaker power)`.

- `contiguity` = 2.0: Bremer (1992, JCR 36: 309-341): contiguity is the strongest single
  correlate of war onset; Oneal and Russett (1999, World Politics 52) and Russett and Oneal
  (2001, *Triangulating Peace*, ch. 3) report logit coefficients of about 1.9-2.3 for contiguity
- `near_water` = 1.0: the same studies: sea contiguity counts less than a land border (about
  half the land coefficient)
- `distance` = 0.5: Russett and Oneal (2001): log distance between capitals, coefficients about
  -0.5
- `major` = 1.8: Bremer (1992), Russett and Oneal (2001): major-power dyads, coefficients about
  1.8-2.4
- `rivalry` = 2.5: Thompson (2001, ISQ 45: 557-586), Klein, Goertz and Diehl (2006, JPR 43:
  331-348): strategic and enduring rivals, a few per cent of dyads, account for about half of
  all MIDs (odds ratios of 10-30)
- `alliance` = 0.4: Bremer (1992); Russett and Oneal (2001): allied dyads, coefficients about
  -0.4 to -0.5
- `joint_democracy` = 1.0: Russett and Oneal (2001): -0.06 per point of the lower Polity score,
  about -1 between a joint democracy and a mixed dyad; here "Free" in Freedom House's Freedom in
  the World 2023
- `preponderance` = 0.25: Bremer (1992); Russett and Oneal (2001): log capability ratio,
  coefficients about -0.2 to -0.3 (parity is dangerous, preponderance deters)
- `intercept` = -5.3: calibrated: the default world without shocks gives yearly MID onsets
  inside the MID 5.0 post-Cold-War range (docs/validation-simulation.md)
- `major_reach_km` = 6000: Boulding (1962, *Conflict and Defense*): power declines with distance
  (the loss-of-strength gradient); a major power reaches about its continent and neighbouring
  regions, the leading military spender (global reach) everywhere
- `reach_km` = 950: Gleditsch and Ward (2001, JPR 38: 739-758) use 950 km between capitals as
  the proximity threshold
- `relation` = 1.5: how much a worsening relation (against its value at the start) raises the
  odds; set so that scenario shocks matter (not from the literature)

The signs and magnitudes come from the studies cited; their models differ in specification,
so the values are rounded orders of magnitude, not estimates re-used exactly. The data are
shipped in `accord/simulation/data/` with their sources (`data/README.md`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from accord.simulation.state import BoolArray, FloatArray, SimState

#: States with nuclear weapons (SIPRI Yearbook 2024, ch. 7, World nuclear forces, January 2024).
NUCLEAR: frozenset[str] = frozenset({"USA", "RUS", "GBR", "FRA", "CHN", "IND", "PAK", "ISR", "PRK"})


@dataclass(frozen=True)
class DyadParams:
    """Weights of the dyadic MID-onset logit and the reach of minor powers (module docstring)."""

    intercept: float = -5.3
    contiguity: float = 2.0
    near_water: float = 1.0
    distance: float = 0.5
    major: float = 1.8
    rivalry: float = 2.5
    alliance: float = 0.4
    joint_democracy: float = 1.0
    preponderance: float = 0.25
    reach_km: float = 950.0
    major_reach_km: float = 6000.0
    relation: float = 1.5


@dataclass(frozen=True)
class Geography:
    """The dyad facts of a set of states, in their order: COW contiguity type (0 none, 1-5),
    capital distance (km), major power, Freedom House "Free", rivalry, nuclear weapons."""

    contiguity: npt.NDArray[np.int8]
    distance: FloatArray
    major: BoolArray
    free: BoolArray
    rival: BoolArray
    nuclear: BoolArray
    global_reach: BoolArray


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("accord.simulation").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def _tables() -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    return _rows("states.csv"), _rows("contiguity.csv"), _rows("rivalries.csv")


def geography(codes: tuple[str, ...], military: FloatArray | None = None) -> Geography:
    """The dyad facts for `codes` (a state missing from the data is far from everyone, minor,
    not Free, without rivals)."""
    states, contiguity, rivalries = _tables()
    index = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    lat, lon = np.full(n, np.nan), np.full(n, np.nan)
    major, free = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    for row in states:
        i = index.get(row["code"])
        if i is not None:
            lat[i], lon[i] = float(row["lat"]), float(row["lon"])
            major[i] = row["major_power"] == "1"
            free[i] = row["fh_status"] == "F"
    cont = np.zeros((n, n), dtype=np.int8)
    for row in contiguity:
        a, b = index.get(row["a"]), index.get(row["b"])
        if a is not None and b is not None:
            cont[a, b] = cont[b, a] = int(row["type"])
    rival = np.zeros((n, n), dtype=bool)
    for row in rivalries:
        a, b = index.get(row["a"]), index.get(row["b"])
        if a is not None and b is not None:
            rival[a, b] = rival[b, a] = True
    nuclear = np.array([c in NUCLEAR for c in codes], dtype=bool)
    top = np.zeros(n, dtype=bool)
    if military is not None and n:
        top[int(np.argmax(military))] = True
    return Geography(cont, _great_circle(lat, lon), major, free, rival, nuclear, top)


def _great_circle(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Capital-to-capital distances in km (haversine, Earth radius 6,371 km); unknown: 20,000."""
    p, q = np.radians(lat), np.radians(lon)
    dp = p[:, None] - p[None, :]
    dq = q[:, None] - q[None, :]
    h = np.sin(dp / 2) ** 2 + np.cos(p)[:, None] * np.cos(p)[None, :] * np.sin(dq / 2) ** 2
    km: FloatArray = 2.0 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return np.where(np.isfinite(km), km, 20000.0)


def reach(geo: Geography, p: DyadParams) -> BoolArray:
    """`reach[i, j]`: i can project force onto j (contiguous, capitals within `reach_km`, or
    i a major power). A dyad is politically relevant when either side reaches the other."""
    directed = (geo.contiguity > 0) | (geo.distance <= p.reach_km)
    directed |= geo.major[:, None] & (geo.distance <= p.major_reach_km)
    directed |= geo.global_reach[:, None]
    np.fill_diagonal(directed, False)
    out: BoolArray = directed
    return out


def yearly_log_odds(state: SimState, geo: Geography, p: DyadParams) -> FloatArray:
    """The log-odds of a MID onset within a year for every dyad (module docstring)."""
    hard = np.maximum(state.hard0, 1e-12)
    ratio = np.log(
        np.maximum(hard[:, None], hard[None, :]) / np.minimum(hard[:, None], hard[None, :])
    )
    close = (geo.contiguity >= 1) & (geo.contiguity <= 2)
    water = geo.contiguity >= 3
    x = (
        p.intercept
        + p.contiguity * close
        + p.near_water * water
        - p.distance * np.log(np.maximum(geo.distance, 100.0) / 1000.0)
        + p.major * (geo.major[:, None] | geo.major[None, :])
        + p.rivalry * geo.rival
        - p.alliance * state.ally
        - p.joint_democracy * (geo.free[:, None] & geo.free[None, :])
        - p.preponderance * ratio
    )
    out: FloatArray = x
    return out


def attach(state: SimState, p: DyadParams, step_days: int, geo: Geography | None = None) -> None:
    """Store the opportunity and willingness arrays on a prepared state (in place): `reach`,
    `nuclear`, the candidate dyads (a < b, relevant) with their yearly log-odds and the
    relation they start from, and the step's length in years. `geo` defaults to the shipped
    data for the state codes."""
    geo = geography(state.codes, state.military) if geo is None else geo
    state.reach = reach(geo, p)
    state.nuclear = geo.nuclear
    a, b = np.nonzero(np.triu(state.reach | state.reach.T, 1))
    state.onset_a, state.onset_b = a.astype(np.intp), b.astype(np.intp)
    state.onset_logit = yearly_log_odds(state, geo, p)[a, b]
    state.onset_relation0 = (state.relation[a, b] + state.relation[b, a]) / 2.0
    state.step_years = step_days / 365.25


def onset_probability(state: SimState, p: DyadParams) -> FloatArray:
    """The probability that each candidate dyad starts a MID this step: the yearly odds moved
    by the change of its relation since the start, over the step's length."""
    a, b = state.onset_a, state.onset_b
    r = (state.rel_at(a, b) + state.rel_at(b, a)) / 2.0
    x = state.onset_logit - p.relation * (r - state.onset_relation0)
    yearly = 1.0 / (1.0 + np.exp(-x))
    out: FloatArray = 1.0 - (1.0 - yearly) ** state.step_years
    return out
