"""The optimised step computes what the plain formulas of the rules say.

Each fast path (cached ties, sampled contacts, sparse sanction costs, block-sum polarisation,
the blocked dense passes and the tiled alliance review) is checked against the direct n x n
formula written out here.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from accord.simulation.derived import tie_view
from accord.simulation.metrics import BlocTracker
from accord.simulation.results import TieChange
from accord.simulation.rules import action_choice, alliances, attitudes, sanctions
from accord.simulation.runner import Prepared
from accord.simulation.state import upper_nonzero
from tests.simulation.conftest import prepared


@pytest.fixture(scope="module")
def ready() -> Prepared:
    return prepared("south-china-sea")


def test_tie_view_patched_on_pair_changes_equals_a_rebuild(ready: Prepared) -> None:
    state = ready.state.copy()
    p = ready.params.relations
    distance = attitudes.issue_distance(state)
    view = tie_view(state, p, distance)
    usa, chn, phl, bra = (state.index[c] for c in ("USA", "CHN", "PHL", "BRA"))
    state.war[chn, phl] = True
    state.sanction[usa, chn] = True
    state.ally[bra, phl] = state.ally[phl, bra] = True
    changes = [
        TieChange(1, "war", "CHN", "PHL", "start"),
        TieChange(1, "sanction", "USA", "CHN", "start"),
        TieChange(1, "alliance", "BRA", "PHL", "start"),
        TieChange(1, "defence", "USA", "CHN", "start"),
    ]
    patched = view.update(state, p, distance, changes)
    rebuilt = tie_view(state, p, distance)
    baseline = attitudes.baseline(state, p, distance)
    np.testing.assert_allclose(patched.base, rebuilt.base, atol=1e-12)
    np.testing.assert_allclose(patched.base, baseline, atol=1e-12)
    assert set(zip(patched.sender.tolist(), patched.target.tolist(), strict=True)) == set(
        zip(*np.nonzero(state.sanction), strict=True)
    )
    # the baseline itself: allies +0.4, war -0.8 (module docstring of rules.attitudes)
    m = state.member.astype(float)
    shared = m @ m.T
    expected = (
        p.offset
        + p.ally * state.ally[chn, phl]
        + min(p.institutions * shared[chn, phl], p.institutions_cap)
        + p.region * state.same_region[chn, phl]
        - p.sanction * (state.sanction[chn, phl] or state.sanction[phl, chn])
        - p.war
        - p.issue_distance * distance[chn, phl]
        + p.memory_weight * state.memory[chn, phl]
    )
    assert patched.base[chn, phl] == pytest.approx(max(-1.0, min(1.0, expected)))


def test_sparse_sanction_costs_equal_the_matrix_formula(ready: Prepared) -> None:
    state = ready.state.copy()
    p = ready.params.sanctions
    gdp = state.hard0 * state.econ
    share = gdp / gdp.sum()
    s = state.sanction.astype(float)
    # a UN regime is one sender standing for the whole world (share 1)
    loss = p.cost_target * (s.T @ share + state.regimes) + p.cost_sender * (s @ share)
    expected = np.clip(state.econ * (1.0 - loss) + p.recovery * (1.0 - state.econ), 0.2, 1.0)
    sanctions.costs(state, p)
    np.testing.assert_allclose(state.econ, expected, rtol=1e-12)


def test_sampled_contacts_follow_the_poisson_rates(ready: Prepared) -> None:
    state = ready.state.copy()
    p = ready.params.actions
    base = action_choice.base_rates(state, p)
    a, b = state.index["CHN"], state.index["PHL"]
    state.crisis[a, b] = state.crisis[b, a] = 3
    rate = base * (1.0 + p.crisis_boost * state.crisis)
    sampler = action_choice.ContactSampler(base, p)
    rng = np.random.default_rng(5)
    draws = 400
    counts = np.zeros_like(base)
    for _ in range(draws):
        src, tgt = sampler.draw(state, rng)
        assert np.all(np.diff(src * state.n + tgt) >= 0)  # sorted by dyad
        np.add.at(counts, (src, tgt), 1.0)
    # totals per source state: Poisson with mean draws * row rate (5 standard deviations)
    expected = draws * rate.sum(axis=1)
    assert np.all(np.abs(counts.sum(axis=1) - expected) <= 5 * np.sqrt(expected) + 1)
    # the dyad in crisis gets its boosted rate
    assert abs(counts[a, b] - draws * rate[a, b]) <= 5 * np.sqrt(draws * rate[a, b]) + 1


def test_polarisation_equals_the_mask_formula() -> None:
    rng = np.random.default_rng(3)
    n = 40
    relation = np.clip(rng.normal(0.0, 0.3, (n, n)), -1, 1)
    relation[: n // 2, : n // 2] += 0.4
    relation[n // 2 :, n // 2 :] += 0.4
    np.fill_diagonal(relation, 0.0)
    tracker = BlocTracker(n, iterations=50)
    value = tracker.polarisation(relation)
    bloc = tracker.vector >= 0
    sym = (relation + relation.T) / 2.0
    same = bloc[:, None] == bloc[None, :]
    np.fill_diagonal(same, False)
    across = bloc[:, None] != bloc[None, :]
    # float32 buffer: agreement to float32 precision
    assert value == pytest.approx((sym[same].mean() - sym[across].mean()) / 2.0, rel=1e-5)
    assert set(np.flatnonzero(bloc)) in ({*range(n // 2)}, {*range(n // 2, n)})


def _mask_polarisation(relation: np.ndarray, bloc: np.ndarray) -> float:
    sym = (relation + relation.T) / 2.0
    same = bloc[:, None] == bloc[None, :]
    np.fill_diagonal(same, False)
    across = bloc[:, None] != bloc[None, :]
    return float((sym[same].mean() - sym[across].mean()) / 2.0)


def test_held_split_is_refreshed_every_fourth_step_after_a_wake_and_while_moving() -> None:
    rng = np.random.default_rng(5)
    n = 40
    relation = np.clip(rng.normal(0.0, 0.3, (n, n)), -1, 1)
    relation[: n // 2, : n // 2] += 0.4
    relation[n // 2 :, n // 2 :] += 0.4
    np.fill_diagonal(relation, 0.0)
    tracker = BlocTracker(n)
    tracker.polarisation(relation)  # from scratch: converged, not "moving"
    held = tracker.vector >= 0
    assert tracker.speed == 0.0
    refreshed = []
    for _ in range(7):
        refreshed.append(tracker.due)
        relation *= 0.99  # the split stays, the sums change
        value = tracker.polarisation(relation, None)
        assert value == pytest.approx(_mask_polarisation(relation, held), rel=1e-5)
    assert refreshed == [False, False, False, True, False, False, False]
    tracker.wake()
    assert tracker.due
    # a new structure: the first half splits in two; the eigenvector moves fast, so the
    # split is refreshed at every step until it settles
    relation[: n // 4, n // 4 : n // 2] -= 0.8
    relation[n // 4 : n // 2, : n // 4] -= 0.8
    tracker.polarisation(relation)
    assert tracker.speed > 0.004 and tracker.due


def test_lazy_decay_equals_the_direct_update_and_keeps_the_bloc_sums(ready: Prepared) -> None:
    """A run's lazy decay (`SimState.decay`, `rel_put`, `rebase`, `settle`) gives the
    relations of the direct update to rounding, and the kept products (`relation @ columns`
    of the polarisation, `relation.T @ members` of the organizations' regard) follow every
    write (events, a clipped impulse, a tie change)."""
    lazy, direct = ready.state.copy(), ready.state.copy()
    p = ready.params.relations
    base = tie_view(lazy, p, attitudes.issue_distance(lazy)).base
    base[7, 9] = 1.0  # the impulse on (7, 9) is clipped at 1
    lazy.relation[7, 9] = direct.relation[7, 9] = 1.0
    x = (np.arange(lazy.n) % 3 == 0).astype(np.float64)
    columns = np.column_stack([x, np.ones(lazy.n)])
    members = lazy.member[:, :6].astype(np.float64)
    lazy.attach(base.copy())
    lazy.watch("blocs", columns)
    lazy.watch("regard", members, transposed=True)
    a = np.array([0, 0, 3, 7], dtype=np.intp)
    b = np.array([1, 5, 4, 9], dtype=np.intp)
    gold = np.array([10.0, -40.0, 3.0, 40.0])
    for _ in range(5):
        attitudes.update(lazy, p, base, a, b, gold)
        attitudes.update(direct, p, base, a, b, gold)
    assert lazy.scale == pytest.approx((1.0 - p.reversion) ** 5)
    assert lazy.rel_at(np.array([7]), np.array([9]))[0] == pytest.approx(1.0, abs=1e-15)
    np.testing.assert_allclose(lazy.rel_rows(np.arange(lazy.n)), direct.relation, atol=1e-14)
    # a tie changes the baseline of (0, 1) and (1, 0): the relations stay, the pull moves
    i, j = np.array([0, 1], dtype=np.intp), np.array([1, 0], dtype=np.intp)
    lazy.rebase(i, j, np.array([-0.5, -0.5]))
    direct_base = base.copy()
    direct_base[0, 1] = direct_base[1, 0] = -0.5
    np.testing.assert_allclose(lazy.rel_at(i, j), direct.relation[i, j], atol=1e-14)
    attitudes.update(lazy, p, base, a, b, gold)
    attitudes.update(direct, p, direct_base, a, b, gold)
    sums, regard = lazy.product("blocs"), lazy.product("regard", members)
    assert lazy.product("regard", members[:, :5]) is None  # kept for other columns
    lazy.settle()
    assert lazy.scale == 1.0
    np.testing.assert_allclose(lazy.relation, direct.relation, atol=1e-14)
    assert sums is not None
    np.testing.assert_allclose(sums, direct.relation @ columns, rtol=0, atol=1e-12)
    assert regard is not None
    np.testing.assert_allclose(regard, direct.relation.T @ members, rtol=0, atol=1e-12)


def test_blocked_passes_equal_the_whole_matrix(
    ready: Prepared, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With blocks of a few rows (as at thousands of states), the issue distances, the
    baseline and the relation update are bit for bit the whole-matrix formulas and the
    polarisation agrees to float32 precision."""
    state = ready.state.copy()
    p = ready.params.relations
    distance = attitudes.issue_distance(state)
    base = attitudes.baseline(state, p, distance)
    whole = (1.0 - p.reversion) * state.relation + p.reversion * base
    single = BlocTracker(state.n, iterations=6)
    one_block = single.polarisation(state.relation)
    monkeypatch.setattr("accord.simulation.state.BLOCK_BYTES", 7 * state.n * 8)
    assert np.array_equal(attitudes.issue_distance(state), distance)
    assert np.array_equal(attitudes.baseline(state, p, distance), base)
    none = np.zeros(0, dtype=np.intp)
    attitudes.update(state, p, base, none, none, np.zeros(0))
    assert np.array_equal(state.relation, whole)
    tracker = BlocTracker(ready.state.n, iterations=6)
    assert len(tracker._blocks) == -(-state.n // 14)  # 14 float32 rows a block
    value = tracker.polarisation(ready.state.relation)
    assert np.array_equal(tracker.vector >= 0, single.vector >= 0)
    assert value == pytest.approx(one_block, abs=1e-6)
    assert 0.02 < value < 0.5


def test_alliance_review_by_tiles_equals_the_masks(
    ready: Prepared, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = ready.state.copy()
    p = alliances.AllianceParams(form_threshold=0.1, dissolve_threshold=0.6)
    rel = state.relation
    mutual = rel + rel.T
    friendly = upper_nonzero((mutual > 2.0 * p.form_threshold) & ~state.ally)
    soured = upper_nonzero((mutual < 2.0 * p.dissolve_threshold) & state.ally)
    monkeypatch.setattr(alliances, "TILE", 23)  # 9 x 9 tiles, the last ones ragged
    a, b, da, db = alliances._reviewed(state, p)
    assert friendly[0].size > 100 and soured[0].size > 10
    for got, want in ((a, friendly[0]), (b, friendly[1]), (da, soured[0]), (db, soured[1])):
        assert np.array_equal(got, want)


def test_alliance_review_from_kept_candidates_equals_the_scan(ready: Prepared) -> None:
    """After steps of a run with lazy decay (events, a review at step 4), the review's kept
    candidates give the dyads the scan of the settled relations gives."""
    from accord.simulation.runner import _RunLoop, run_rng

    loop = _RunLoop.start(ready, run_rng(7, 0))
    loop.attach()
    p = alliances.AllianceParams(form_threshold=0.3, dissolve_threshold=0.9)
    loop.p = replace(loop.p, alliances=p)
    loop.review = alliances.Review.scan(loop.state, p, loop.view.base)
    for t in range(1, 8):  # candidates kept by the review of step 4, then written ones
        loop.step(t)
    state = loop.state
    assert state.lazy and state.written
    kept = alliances._visited(state, p, loop.review)
    state.settle()
    scanned = alliances._reviewed(state, p)
    assert kept[0].size > 50 and kept[2].size > 5  # (about 100 friendly: allies parted at step 4)
    for got, want in zip(kept, scanned, strict=True):
        assert np.array_equal(got, want)
