"""Exercise files: the shipped ones read; bad ones are rejected with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import InputError
from accord.exercises import load_exercise, parse_exercise, validate_exercise
from accord.world import default_world
from tests.exercises.conftest import SHIPPED, TINY


def test_tiny_reads_with_its_parts() -> None:
    ex = load_exercise(TINY)
    assert (ex.name, ex.turns, ex.turn_days, str(ex.start)) == ("tiny", 3, 7, "2024-06-17")
    assert [r.id for r in ex.roles] == ["PHL", "CHN", "asean"]
    assert ex.role("asean").actor == "ASEAN" and ex.role("CHN").strategy == "boulware"
    assert ex.role("PHL").objectives[1].weight == 2.0
    table = ex.table("resupply")
    assert table.roles == ("PHL", "CHN") and table.mediator == "asean"
    assert [i.id for i in ex.injects] == ["blocked", "cable"]
    assert ex.injects[1].audience == ("PHL",)
    assert ex.decision("next-mission").default == "pause"
    assert str(ex.date_of(3)) == "2024-07-01"


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_exercises_validate(path: Path) -> None:
    info = validate_exercise(path)
    assert info.roles >= 6 and info.tables >= 1 and info.injects >= 4 and info.decisions >= 2
    text = path.read_text(encoding="utf-8")
    assert "sources:" in text and "http" not in text


def test_three_exercises_are_shipped() -> None:
    names = {p.stem for p in SHIPPED.glob("*.yaml")}
    assert names == {"south-china-sea", "cop-climate-finance", "ceasefire-sanctions"}


BAD = [
    # (replace this, with that, expected "line [field]: message" fragment)
    (
        "    kind: mediator\n",
        "    kind: referee\n",
        "bad.yaml:27 [roles[2].kind]: unknown kind 'referee'",
    ),
    (
        '      - "no war with CHN"\n',
        '      - "peace in our time"\n',
        "bad.yaml:15 [roles[0].objectives[0]]: not an objective: 'peace in our time'",
    ),
    (
        "    turn: 2\n    channel: cable",
        "    turn: 9\n    channel: cable",
        "bad.yaml:49 [injects[1].turn]: turn 9 is outside",
    ),
    (
        "      CHN: {capability: 70,",
        "      RUS: {capability: 70,",
        "bad.yaml:40 [tables[0].parties.RUS]: unknown role 'RUS'",
    ),
    (
        "positions: {inspection: 0}",
        "positions: {inspection: 140}",
        "bad.yaml:39 [tables[0].parties.PHL.positions.inspection]: 140 is outside [0, 100]",
    ),
    (
        "action: demand}",
        "action: bribe}",
        "bad.yaml:62 [decisions[0].options[0].effects[0].event.action]: unknown action 'bribe'",
    ),
    (
        "    default: pause\n",
        "    default: wait\n",
        "bad.yaml:58 [decisions[0].default]: default 'wait' is not an option",
    ),
    (
        'inspection <= 40", weight: 2}',
        'inspection <= 40", weight: -2}',
        "bad.yaml:16 [roles[0].objectives[1].weight]: an objective's weight must be a number "
        "above 0",
    ),
    (  # a choice of an option listed twice would be ambiguous
        "      - id: pause\n",
        "      - id: send\n",
        "bad.yaml:63 [decisions[0].options[1].id]: option 'send' appears twice",
    ),
    (  # the table's case: nobody's weight (it named no file, line or field)
        "salience: {inspection: 0.8}}\n      CHN: {capability: 70, positions: {inspection: 100}, "
        "salience: {inspection: 0.6}}",
        "salience: {inspection: 0}}\n      CHN: {capability: 70, positions: {inspection: 100}, "
        "salience: {inspection: 0}}",
        "bad.yaml:38 [tables[0].parties]: on issue 'inspection' every stakeholder's salience",
    ),
    ("turns: 3\n", "turns: three\n", "bad.yaml:5 [turns]: expected int, got str 'three'"),
    ("title: A tiny shoal dispute\n", "", "bad.yaml [title]: missing required field 'title'"),
    (
        "    channel: news\n",
        "    channel: pigeon\n",
        "bad.yaml:44 [injects[0].channel]: unknown channel 'pigeon'",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), BAD, ids=[b[2].split(" [")[1].split("]")[0] for b in BAD]
)
def test_bad_files_name_file_line_and_field(old: str, new: str, expected: str) -> None:
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(InputError) as caught:
        parse_exercise(text.replace(old, new, 1), "bad.yaml")
    rendered = [str(p) for p in caught.value.problems]
    assert any(r.startswith(expected) for r in rendered), rendered


def test_unknown_state_is_found_against_the_world() -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        "{shock: {kind: incident, a: CHN", "{shock: {kind: incident, a: Atlantis"
    )
    parse_exercise(text, "w.yaml")  # without a world, names are not checked
    with pytest.raises(InputError) as caught:
        parse_exercise(text, "w.yaml", default_world())
    assert str(caught.value.first) == (
        "w.yaml:47 [injects[0].effects[0].shock.a]: unknown role, state or organization 'Atlantis'"
    )


def test_invalid_yaml_names_its_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_exercise("name: x\ntitle: [unclosed\n", "broken.yaml")
    assert caught.value.first.file == "broken.yaml" and caught.value.first.line == 3
