"""Nash and Kalai-Smorodinsky with a status quo that leaves only a narrow region where everyone
gains, a discrete issue, or a stakeholder with salience 0: every expected value comes from a
dense grid of outcomes computed here with the utility formula written out, not from Accord."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accord.bargaining import Case, Issue, Stakeholder, make_model

#: The probe's one-issue case: status quo 16.7, A at 18.3 gains only on (16.7, 19.9).
NARROW = (
    ("A", 0.32, 18.3, 0.96),
    ("B", 0.23, 88.0, 0.93),
    ("C", 0.70, 81.2, 0.77),
    ("D", 0.74, 66.8, 0.87),
)
#: The probe's two-issue case (random seed 3, trial 33): the old 9-point grid found no outcome
#: where all five gain and forecast the status quo (49.91, 8.61).
TWO = (
    ("A0", 0.96, (43.0, 64.6), (0.85, 0.74)),
    ("A1", 0.74, (19.6, 43.9), (0.64, 0.15)),
    ("A2", 0.58, (64.7, 30.7), (0.89, 0.53)),
    ("A3", 0.69, (21.7, 10.6), (0.72, 0.21)),
    ("A4", 0.31, (80.5, 87.6), (0.77, 0.23)),
)
TWO_SQ = (49.9068, 8.6093)


def _narrow(venue: bool = False) -> Case:
    issues: tuple[Issue, ...] = (Issue("x", 0.0, 100.0),)
    sq: dict[str, float] = {"x": 16.7}
    if venue:
        issues += (Issue("venue", options=("Geneva", "Vienna", "Oslo")),)
        sq["venue"] = 0.0
    people = tuple(
        Stakeholder(
            n,
            c,
            {"x": p, **({"venue": 0.0} if venue else {})},
            {"x": s, **({"venue": 0.1} if venue else {})},
        )
        for n, c, p, s in NARROW
    )
    return Case("narrow", issues, people, status_quo=sq)


def _two() -> Case:
    people = tuple(
        Stakeholder(n, c, {"p": x[0], "q": x[1]}, {"p": s[0], "q": s[1]}) for n, c, x, s in TWO
    )
    issues = (Issue("p", 0.0, 100.0), Issue("q", 0.0, 100.0))
    return Case("two", issues, people, status_quo={"p": TWO_SQ[0], "q": TWO_SQ[1]})


def _utilities(ideal: np.ndarray, sal: np.ndarray, x: np.ndarray) -> np.ndarray:
    """(outcomes, actors) quadratic-loss utilities on 0-100 issues, saliences normalised."""
    sigma = sal / sal.sum(axis=1, keepdims=True)
    out: np.ndarray = 1.0 - (sigma[None] * ((x[:, None, :] - ideal[None]) / 100.0) ** 2).sum(axis=2)
    return out


def _forecast(model: str, case: Case) -> np.ndarray:
    return np.array([f.forecast for f in make_model(model).forecast(case).issues])


def _narrow_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    ideal = np.array([[p] for _, _, p, _ in NARROW])
    sal = np.array([[s] for _, _, _, s in NARROW])
    c = np.array([c for _, c, _, _ in NARROW])
    d = _utilities(ideal, sal, np.array([[16.7]]))[0]
    return ideal, sal, c / c.sum(), d


def test_nash_finds_a_narrow_region_where_all_gain() -> None:
    ideal, sal, c, d = _narrow_arrays()
    x = np.linspace(0.0, 100.0, 200_001)[:, None]  # spacing 0.0005
    gains = _utilities(ideal, sal, x) - d
    ok = (gains > 0).all(axis=1)
    assert x[ok].min() > 16.7 and x[ok].max() < 19.91  # the region is 3.2 points wide
    score = np.where(ok, (c * np.log(np.where(gains > 0, gains, 1.0))).sum(axis=1), -np.inf)
    best = float(x[int(np.argmax(score)), 0])
    assert best == pytest.approx(19.449, abs=1e-3)
    # the old search forecast 16.7, the status quo (no deal)
    assert _forecast("nbs", _narrow())[0] == pytest.approx(best, abs=1e-3)


def test_nash_of_two_issues_where_a_coarse_grid_found_no_deal() -> None:
    ideal = np.array([x for _, _, x, _ in TWO])
    sal = np.array([s for _, _, _, s in TWO])
    c = np.array([c for _, c, _, _ in TWO])
    c = c / c.sum()
    d = _utilities(ideal, sal, np.array([TWO_SQ]))[0]
    axis = np.linspace(0.0, 100.0, 801)
    grid = np.array(list(itertools.product(axis, axis)))
    gains = _utilities(ideal, sal, grid) - d
    ok = (gains > 0).all(axis=1)
    score = np.where(ok, (c * np.log(np.where(gains > 0, gains, 1.0))).sum(axis=1), -np.inf)
    best = grid[int(np.argmax(score))]
    got = _forecast("nbs", _two())
    assert got == pytest.approx(best, abs=0.13)  # grid spacing 0.125; the old answer: TWO_SQ
    mine = (c * np.log(_utilities(ideal, sal, got[None])[0] - d)).sum()
    assert mine >= score.max() - 1e-9


def _ks_by_grid(
    ideal: np.ndarray, sal: np.ndarray, d: np.ndarray, grid: np.ndarray
) -> tuple[np.ndarray, float, np.ndarray]:
    """KS over the grid: utopia over the individually rational outcomes, then the outcome with
    the largest smallest share; returns utopia, that share and the outcome."""
    u = _utilities(ideal, sal, grid)
    rational = (u >= d).all(axis=1)
    utopia = u[rational].max(axis=0)
    share = np.where(rational, ((u - d) / (utopia - d)).min(axis=1), -np.inf)
    k = int(np.argmax(share))
    return utopia, float(share[k]), grid[k]


def test_kalai_smorodinsky_utopia_is_the_best_individually_rational_outcome() -> None:
    ideal, sal, _, d = _narrow_arrays()
    utopia, _, best = _ks_by_grid(ideal, sal, d, np.linspace(0.0, 100.0, 200_001)[:, None])
    assert (utopia[1:] < 0.99).all()  # B, C, D cannot have their own positions: A would lose
    assert best[0] == pytest.approx(19.095, abs=1e-3)
    assert _forecast("ks", _narrow())[0] == pytest.approx(best[0], abs=2e-3)  # was 19.83


def test_kalai_smorodinsky_of_two_issues_reaches_the_grid_share() -> None:
    ideal = np.array([x for _, _, x, _ in TWO])
    sal = np.array([s for _, _, _, s in TWO])
    d = _utilities(ideal, sal, np.array([TWO_SQ]))[0]
    axis = np.linspace(0.0, 100.0, 801)
    utopia, share, best = _ks_by_grid(ideal, sal, d, np.array(list(itertools.product(axis, axis))))
    got = _forecast("ks", _two())
    mine = ((_utilities(ideal, sal, got[None])[0] - d) / (utopia - d)).min()
    assert mine >= share - 1e-4  # at least the grid's best smallest share, 0.5296
    assert got == pytest.approx(best, abs=0.15)  # (45.375, 26.75); with utopia 1: (44.5, 31)


@pytest.mark.parametrize("model", ["nbs", "ks"])
def test_a_discrete_issue_never_leaves_anyone_below_the_status_quo(model: str) -> None:
    ideal, sal, _, d = _narrow_arrays()
    case = _narrow(venue=True)
    found = make_model(model).forecast(case)
    x, venue = (f.forecast for f in found.issues)
    assert venue == 0.0  # Geneva, where every party sits
    gains = _utilities(ideal, sal, np.array([[x]])) - d
    assert (gains > 0).all()  # the old KS fell back to the compromise, 65.27: A lost
    expected = {"nbs": 19.449, "ks": 19.095}[model]  # the one-issue grid values above
    assert x == pytest.approx(expected, abs=2e-3)
    assert any("venue" in n and "3 option combinations" in n for n in found.notes)


def test_a_discrete_issue_solves_the_continuous_issue_exactly() -> None:
    # tests/bargaining/fixtures/tiny.yaml: tariff 0-10 (status quo 10), venue of three options
    people = (
        Stakeholder("Alpha", 0.6, {"tariff": 2.0, "venue": 0.0}, {"tariff": 0.9, "venue": 0.2}),
        Stakeholder("Beta", 0.4, {"tariff": 8.0, "venue": 2.0}, {"tariff": 0.5, "venue": 0.7}),
    )
    issues = (Issue("tariff", 0.0, 10.0), Issue("venue", options=("Geneva", "Vienna", "Oslo")))
    case = Case("tiny", issues, people, status_quo={"tariff": 10.0, "venue": 0.0})
    grid = np.array(list(itertools.product(np.linspace(0, 10, 100_001), (0.0, 1.0, 2.0))))
    sigma = np.array([[0.9, 0.2], [0.5, 0.7]])
    sigma = sigma / sigma.sum(axis=1, keepdims=True)
    ideal, span = np.array([[2.0, 0.0], [8.0, 2.0]]), np.array([10.0, 2.0])

    def util(x: np.ndarray) -> np.ndarray:
        out: np.ndarray = 1.0 - (sigma[None] * ((x[:, None, :] - ideal[None]) / span) ** 2).sum(
            axis=2
        )
        return out

    gains = util(grid) - util(np.array([[10.0, 0.0]]))[0]
    c = np.array([0.6, 0.4])
    score = np.where(
        (gains > 0).all(axis=1), (c * np.log(np.abs(gains) + 1e-300)).sum(axis=1), -np.inf
    )
    best = grid[int(np.argmax(score))]
    got = _forecast("nbs", case)
    assert got == pytest.approx(best, abs=1e-3)  # (3.735, Vienna); on the 21-point grid 3.5


ZERO = (("A", 0.0, 0.8), ("B", 100.0, 0.8), ("C", 60.0, 0.5))


def _zero_case(with_d: bool) -> Case:
    rows = ZERO + ((("D", 80.0, 0.0),) if with_d else ())
    people = tuple(Stakeholder(n, 1.0, {"x": p}, {"x": s}) for n, p, s in rows)
    return Case("zero", (Issue("x", 0.0, 100.0),), people)


@pytest.mark.parametrize(("model", "expected"), [("nbs", 53.858), ("ks", 50.0)])
def test_a_stakeholder_with_salience_zero_is_left_out(model: str, expected: float) -> None:
    ideal = np.array([[p] for _, p, _ in ZERO])
    sal = np.array([[s] for _, _, s in ZERO])
    x = np.linspace(0.0, 100.0, 100_001)[:, None]
    u = _utilities(ideal, sal, x)
    d = u.min(axis=0)  # no status quo: each stakeholder's worst outcome
    if model == "nbs":
        k = int(np.argmax(np.log(np.maximum(u - d, 1e-300)).sum(axis=1)))
    else:
        k = int(np.argmax(((u - d) / (1.0 - d)).min(axis=1)))
    assert float(x[k, 0]) == pytest.approx(expected, abs=1e-3)
    found = make_model(model).forecast(_zero_case(with_d=True))
    # before: nbs returned the compromise (the product was 0 everywhere), ks 55.81
    assert found.issues[0].forecast == pytest.approx(float(x[k, 0]), abs=2e-3)
    assert any("salience 0" in n and n.endswith(": D") for n in found.notes)
    assert make_model(model).forecast(_zero_case(with_d=False)).notes == ()
