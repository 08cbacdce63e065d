"""Former names: the shipped table is sound against the default world, and answers for a past
date name a state as it was then (codes and aliases unchanged)."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from accord.world import State, World, actor_profile
from accord.world.former_names import former_name, former_names, name_on
from accord.world.reports import allies_on, members_on, states_on

D = dt.date


def test_every_former_name_is_a_sourced_period_of_a_state(world: World) -> None:
    rows = former_names()
    assert len(rows) >= 25
    by_code: dict[str, list[tuple[D, D]]] = {}
    for row in rows:
        state = world.actor(row.code)
        assert isinstance(state, State), row.code
        start = row.start or state.start
        assert start < row.until, row
        assert state.start <= start, row  # no name before the state began
        assert state.end is None or row.until <= state.end, row
        assert re.search(r"https?://", row.source) and len(row.source) > 60, row.code
        assert row.name != state.name, row
        by_code.setdefault(row.code, []).append((start, row.until))
    for code, periods in by_code.items():
        periods.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(periods)), code


def test_names_on_a_date() -> None:
    assert name_on("RUS", "Russia", D(1970, 1, 1)) == "Soviet Union"
    assert name_on("RUS", "Russia", D(1991, 12, 25)) == "Soviet Union"
    assert name_on("RUS", "Russia", D(1991, 12, 26)) == "Russia"  # `until` is exclusive
    assert name_on("COD", "DR Congo", D(1980, 6, 1)) == "Zaire"
    assert name_on("COD", "DR Congo", D(1968, 6, 1)) == "DR Congo"  # between its two names
    assert name_on("MMR", "Myanmar", D(1985, 1, 1)) == "Burma"
    assert name_on("FRA", "France", D(1900, 1, 1)) == "France"
    found = former_name("SWZ", D(2018, 4, 18))
    assert found is not None and found.name == "Swaziland"
    assert former_name("SWZ", D(2018, 4, 19)) is None


def test_answers_for_a_past_date_use_the_name_then(world: World) -> None:
    profile = actor_profile(world, "RUS", D(1970, 1, 1))
    assert (profile.code, profile.name, profile.current_name) == ("RUS", "Soviet Union", "Russia")
    today = actor_profile(world, "RUS", D(2020, 1, 1))
    assert (today.name, today.current_name) == ("Russia", None)
    allies = {a.code: a.name for a in allies_on(world, "POL", D(1970, 1, 1))}
    assert allies["RUS"] == "Soviet Union"
    members = {m.code: m.name for m in members_on(world, "UN", D(1980, 1, 1))}
    assert members["COD"] == "Zaire" and members["LKA"] == "Sri Lanka"
    assert members["DEU"].startswith("West Germany")
    states = {s.code: s.name for s in states_on(world, D(1960, 1, 1))}
    assert states["MMR"] == "Burma" and states["LKA"] == "Ceylon"
    assert world.code_for("Soviet Union") == "RUS"  # aliases are unchanged
