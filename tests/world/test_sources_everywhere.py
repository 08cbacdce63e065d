"""Every row of every world answer carries its source (issue 14, item 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accord.world import default_world
from accord.world.reports import (
    actor_profile,
    allies_on,
    members_on,
    sanctions_on,
    tie_report,
    treaty_parties_on,
)

ON = dt.date(2023, 6, 1)
#: Lists of rows whose rows are derived figures, not facts (counts, scores).
DERIVED = {"top_partners", "organizations", "treaties", "suspended"}


def rows_without_source(value: Any, path: str = "") -> list[str]:
    """Paths of row dicts (items of lists of dicts) that have no non-empty source."""
    missing: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in DERIVED:
                missing += rows_without_source(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                has = any(k.startswith("source") and item[k] for k in item)
                if not has:
                    missing.append(f"{path}[{i}]")
                missing += rows_without_source(item, f"{path}[{i}]")
    return missing


@pytest.fixture(scope="module")
def world():  # type: ignore[no-untyped-def]
    return default_world()


@pytest.mark.parametrize("code", ["USA", "DEU", "NZL", "RUS", "NATO", "EU", "ICRC"])
def test_profiles(world, code: str) -> None:  # type: ignore[no-untyped-def]
    profile = actor_profile(world, code, ON).as_dict()
    assert profile["source"]
    assert rows_without_source(profile) == []


def test_queries(world) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "members": [r.as_dict() for r in members_on(world, "NATO", ON)],
        "allies": [r.as_dict() for r in allies_on(world, "NZL", ON)],
        "sanctions": [r.as_dict() for r in sanctions_on(world, ON, target="RUS")],
        "imposed": [r.as_dict() for r in sanctions_on(world, ON, sender="DEU")],
        "treaty": [r.as_dict() for r in treaty_parties_on(world, "CTBT", ON)],
        "ties": tie_report(world, "USA", "GBR", ON).as_dict(),
    }
    assert rows_without_source(answers) == []
    assert len(answers["allies"]) >= 1 and len(answers["sanctions"]) >= 10
    ties = answers["ties"]
    assert {t["code"] for t in ties["shared_memberships"]} >= {"NATO", "G7", "UN"}
    nato = next(t for t in ties["shared_memberships"] if t["code"] == "NATO")
    assert "nato.int" in nato["source_a"] and "nato.int" in nato["source_b"]
    via_eu = [s for s in answers["imposed"] if s["via"] == "EU"]
    assert via_eu and all("Council" in s["source"] or "EUR-Lex" in s["source"] for s in via_eu)


def test_the_checker_finds_a_missing_source() -> None:
    assert rows_without_source({"allies": [{"code": "X", "source": ""}]}) == [".allies[0]"]
    assert rows_without_source({"allies": [{"code": "X", "source": "a"}]}) == []
