"""Top partners on the ICEWS sample, checked against counts computed here from the raw file."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import ibis.expr.types as ir
import pytest

from accord.errors import InputError
from accord.relations import partners
from accord.world import default_world
from tests.relations.eventdata import gdelt_quad, read_icews


def _raw_partners(path: Path, name: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    events: Counter[str] = Counter()
    coop: Counter[str] = Counter()
    conflict: Counter[str] = Counter()
    for row in read_icews(path):
        src, tgt = row["Source Country"], row["Target Country"]
        if name not in (src, tgt) or src == tgt or "NA" in (src, tgt) or not src or not tgt:
            continue
        other = tgt if src == name else src
        events[other] += 1
        if gdelt_quad(row["CAMEO Code"][:2]) <= 2:
            coop[other] += 1
        else:
            conflict[other] += 1
    return events, coop, conflict


@pytest.mark.parametrize(
    ("code", "name"), [("USA", "United States"), ("RUS", "Russian Federation")]
)
def test_partner_rankings_match_raw_file(
    icews_events: ir.Table, icews_path: Path, code: str, name: str
) -> None:
    world = default_world()
    events, coop, conflict = _raw_partners(icews_path, name)
    profile = partners(icews_events, code, top=5)
    got_coop = {p.partner: p for p in profile.by_cooperation}
    ranked = sorted(coop.items(), key=lambda kv: (-kv[1], -events[kv[0]]))
    assert [p.cooperation for p in profile.by_cooperation] == [n for _, n in ranked[:5]]
    for raw_name, n in ranked[:3]:
        iso3 = world.resolve(raw_name)
        assert iso3 is not None
        assert got_coop[iso3].cooperation == n
        assert got_coop[iso3].events == events[raw_name]
        assert got_coop[iso3].conflict == conflict[raw_name]
    top_conflict = sorted(conflict.values(), reverse=True)[:5]
    assert [p.conflict for p in profile.by_conflict] == top_conflict


def test_window_and_input_checks(icews_events: ir.Table) -> None:
    empty = partners(icews_events, "USA", end=dt.date(2018, 5, 31))
    assert empty.by_cooperation == () and empty.by_conflict == ()
    assert empty.as_dict()["end"] == "2018-05-31"
    with pytest.raises(InputError):
        partners(icews_events, "United States")
