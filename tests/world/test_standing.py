"""The tie score and the tie-based partner ranking, in the core (no HTTP)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from accord.world import read_world_dir, tie_scores
from accord.world.reports import RankedPartner, tie_partners

ON = dt.date(2024, 6, 1)


def test_tie_scores_follow_the_documented_terms(mini_world_dir: Path) -> None:
    world = read_world_dir(mini_world_dir)
    scores = {s.code: s for s in tie_scores(world, "usa", ON)}
    assert "USA" not in scores
    # FIN: NATO defence alliance (+0.6) and NATO shared (+0.05)
    assert (scores["FIN"].score, scores["FIN"].shared_organizations) == (0.65, ("NATO",))
    # RUS: the USA sends EU-RUS-2014 (-0.7)
    assert (scores["RUS"].score, scores["RUS"].sanctions) == (-0.7, ("EU-RUS-2014",))
    assert scores["FIN"].as_dict()["alliances"] == list(scores["FIN"].alliances)


def test_tie_partners_rank_positive_scores_best_first(mini_world_dir: Path) -> None:
    world = read_world_dir(mini_world_dir)
    assert tie_partners(world, "FIN", ON) == (
        RankedPartner("DEU", "Germany", 0.7, "ties"),
        RankedPartner("SWE", "Sweden", 0.7, "ties"),
        RankedPartner("USA", "United States", 0.65, "ties"),
    )
    assert tie_partners(world, "FIN", ON, n=1) == (RankedPartner("DEU", "Germany", 0.7, "ties"),)
