"""`accord relations blocs` as text: blocs numbered from 0 as in its JSON, each country with
its stability and a weak placement (below `UNSTABLE_BELOW`) marked and named (probe U,
item 3: France sat in Russia's bloc at 0.49 with no word)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app
from accord.cli.relations import _bloc_lines
from accord.relations.network_blocs import (
    UNSTABLE_BELOW,
    NetworkBlocs,
    NetworkNode,
)
from tests.relations.eventdata import icews_event_rows, insert_events, new_store

#: A country of a bloc line: code, stability, `*` when weak.
MEMBER = r"[A-Z]{3}:\d\.\d\d\*?"


def _result(nodes: list[tuple[str, int, float | None]]) -> NetworkBlocs:
    blocs = tuple(
        tuple(code for code, bloc, _ in nodes if bloc == i)
        for i in range(max(b for _, b, _ in nodes) + 1)
    )
    return NetworkBlocs(
        nodes=tuple(NetworkNode(code, code, bloc, s) for code, bloc, s in nodes),
        edges=(),
        blocs=blocs,
        frustration=0.0,
        total=1.0,
        balance=1.0,
        polarisation=0.5,
    )


def test_bloc_lines_number_from_zero_and_mark_weak_placements() -> None:
    assert UNSTABLE_BELOW == 0.6
    result = _result([("USA", 0, 0.81), ("MLI", 0, 0.503), ("RUS", 1, 0.6), ("FRA", 1, 0.489)])
    assert _bloc_lines(result) == [
        "  bloc 0 (2): USA:0.81 MLI:0.50*",
        "  bloc 1 (2): RUS:0.60 FRA:0.49*",
        "  * weak placement, stability below 0.6 (FRA MLI): the bootstrap often groups them "
        "otherwise, so the bloc shown is uncertain",
    ]


def test_without_a_bootstrap_the_lines_hold_codes_only() -> None:
    result = _result([("USA", 0, None), ("RUS", 1, None)])
    assert _bloc_lines(result) == ["  bloc 0 (1): USA", "  bloc 1 (1): RUS"]


def test_the_text_numbers_blocs_as_the_json_and_shows_each_stability(
    icews_path: Path, db_path: Path
) -> None:
    """On the ICEWS sample (docs/relations.md) the smaller bloc is made of weak placements."""
    with new_store(db_path) as store:
        insert_events(store.con, icews_event_rows(icews_path))
    args = ["relations", "blocs", "--min-events", "3", "--db", str(db_path)]
    text = CliRunner().invoke(app, args)
    data = CliRunner().invoke(app, [*args, "--json"])
    assert text.exit_code == 0 and data.exit_code == 0, text.output + data.output
    found = json.loads(data.output)
    flat = " ".join(text.output.split())
    parts = re.split(r"bloc (\d+) \(\d+\):", flat)
    lines = {  # a bloc's members, however the console wrapped them
        int(number): " ".join(t for t in members.split() if re.fullmatch(MEMBER, t))
        for number, members in zip(parts[1::2], parts[2::2], strict=True)
    }
    assert sorted(lines) == list(range(len(found["blocs"])))  # 0, 1, ... as the JSON
    us = next(n for n in found["nodes"] if n["code"] == "USA")
    assert us["bloc"] == 0 and f"USA:{us['stability']:.2f}" in lines[0].split()
    weak = [n["code"] for n in found["nodes"] if n["stability"] < UNSTABLE_BELOW]
    assert {"VEN", "NLD"} <= set(weak) and "USA" not in weak
    for n in found["nodes"]:
        mark = "*" if n["code"] in weak else ""
        assert f"{n['code']}:{n['stability']:.2f}{mark}" in lines[n["bloc"]].split()
    assert "weak placement, stability below 0.6" in flat and "numbered from 0" in flat
