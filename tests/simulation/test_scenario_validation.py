"""Scenario files are validated with errors naming the file, line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.simulation import load_scenario, parse_scenario, prepare
from tests.simulation.conftest import SCENARIOS


def _problems(text: str) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InputError) as info:
        prepare(parse_scenario(textwrap.dedent(text), "s.yaml"))
    assert all(p.file == "s.yaml" for p in info.value.problems)
    return [(p.line, p.field, p.message) for p in info.value.problems]


def test_unknown_field_names_line_and_suggests() -> None:
    found = _problems(
        """\
        name: x
        steps: 10
        stpe_days: 7
        """
    )
    assert found[0][:2] == (3, "stpe_days")
    assert "step_days" in found[0][2]


def test_a_missing_top_level_field_is_reported_without_a_line() -> None:
    # a top-level field absent from the file has no line of its own (this used to loop forever)
    assert _problems("steps: 3\n") == [(None, "name", "missing required field 'name'")]


def test_wrong_types_and_missing_fields() -> None:
    found = _problems(
        """\
        name: x
        steps: ten
        world:
          start: 2024-13-01
        """
    )
    assert (2, "steps") in [(line, field) for line, field, _ in found]
    assert (4, "world.start") in [(line, field) for line, field, _ in found]


def test_shock_errors_point_at_the_shock_field() -> None:
    found = _problems(
        """\
        name: x
        steps: 10
        shocks:
          - {step: 2, kind: invasion, attacker: RUS, target: EST}
          - step: 12
            kind: invasion
            attacker: RUS
            target: EST
          - step: 3
            kind: meteor
        """
    )
    fields = {(line, field) for line, field, _ in found}
    assert (5, "shocks[1].step") in fields
    assert (10, "shocks[2].kind") in fields


def test_unknown_state_is_reported_at_its_line() -> None:
    found = _problems(
        """\
        name: x
        steps: 10
        shocks:
          - step: 1
            kind: sanctions
            senders: [USA, Atlantis]
            target: Russia
        """
    )
    assert found == [
        (6, "shocks[0].senders[1]", "unknown actor 'Atlantis' (did you mean 'Albania'?)")
    ]


def test_parameters_and_doctrine_are_checked() -> None:
    found = _problems(
        """\
        name: x
        steps: 10
        parameters:
          crises: {onset: 0.1, escalation: 2}
          weather: {}
        doctrine:
          RUS: {realism: 1.5}
        """
    )
    fields = {(line, field) for line, field, _ in found}
    assert {
        (4, "parameters.crises.escalation"),
        (5, "parameters.weather"),
        (7, "doctrine.RUS.realism"),
    } <= fields


def test_parameter_values_are_checked_against_their_bounds() -> None:
    """Each of these ran into a traceback or for ever before the bounds (found by fuzzing)."""
    found = _problems(
        """\
        name: x
        steps: 10
        parameters:
          actions: {events_per_step: -1, region_boost: 1000000000000000000000}
          relations: {burn_in: 1000000000000000000000, learning: .nan}
          organizations: {every: 0, protected: [[UN]]}
          alliances: {join_level: 2.5}
          crises: {onset: true}
        """
    )
    assert sorted(found, key=lambda p: p[1] or "") == [
        (4, "parameters.actions.events_per_step", "must be between 0 and 100000, got -1"),
        (
            4,
            "parameters.actions.region_boost",
            "must be between 0 and 20, got 1000000000000000000000",
        ),
        (7, "parameters.alliances.join_level", "expected a whole number, got float 2.5"),
        (8, "parameters.crises.onset", "expected a number, got bool True"),
        (6, "parameters.organizations.every", "must be between 1 and 5000, got 0"),
        (
            6,
            "parameters.organizations.protected",
            "expected a list of organization codes, got [['UN']]",
        ),
        (
            5,
            "parameters.relations.burn_in",
            "must be between 0 and 5000, got 1000000000000000000000",
        ),
        (5, "parameters.relations.learning", "must be between 0 and 1, got nan"),
    ]


def test_a_shock_between_a_state_and_itself_and_a_bad_salience_are_errors() -> None:
    """Found by fuzzing: these ran (a war of one state), and a salience of 400 digits raised
    OverflowError in the run."""
    found = _problems(
        """\
        name: x
        steps: 10
        shocks:
          - {step: 1, kind: invasion, attacker: RUS, target: Russia}
          - {step: 2, kind: alliance, a: USA, b: USA}
          - {step: 3, kind: incident, a: USA, b: CAN}
        """
    )
    assert sorted(found, key=lambda p: p[1] or "") == [
        (4, "shocks[0].target", "attacker and target are the same state"),
        (5, "shocks[1].b", "a and b are the same state"),
    ]
    found = _problems(
        """\
        name: x
        steps: 10
        shocks:
          - {step: 3, kind: pandemic, salience: {health: .nan, trade: true, security: -0.5}}
        """
    )
    salience = "expected an issue and a change of salience from -1 to 1, got"
    assert sorted(found, key=lambda p: p[1] or "") == [
        (4, "shocks[0].salience.health", f"{salience} 'health': nan"),
        (4, "shocks[0].salience.trade", f"{salience} 'trade': True"),
    ]


def test_a_shock_that_would_do_nothing_is_an_error() -> None:
    # each was accepted and changed nothing in the run
    found = _problems(
        """\
        name: x
        steps: 10
        shocks:
          - {step: 1, kind: sanctions, senders: [], target: VEN}
          - {step: 2, kind: sanctions, senders: [USA, VEN], target: VEN}
          - {step: 3, kind: summit, parties: [USA], issue: trade, host: CHE}
          - {step: 4, kind: sanctions, senders: [USA], target: VEN}
        """
    )
    assert sorted(found, key=lambda p: p[1] or "") == [
        (4, "shocks[0].senders", "senders names no state"),
        (5, "shocks[1].senders", "the target is among its own senders"),
        (6, "shocks[2].parties", "a summit needs at least two parties"),
    ]


def test_a_world_source_that_is_no_folder_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("name: x\nsteps: 5\nworld: {source: no-such-dir}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        prepare(load_scenario(path))
    problem = err.value.first
    assert (problem.file, problem.line, problem.field) == (str(path), 3, "world.source")
    assert "'no-such-dir' is not 'default', 'store' or a folder of world files" in problem.message


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nsteps: [1, 2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert info.value.first.file == str(path)
    assert info.value.first.line is not None


def test_overrides_reach_parameters_and_doctrines() -> None:
    sc = parse_scenario(
        "name: x\nsteps: 3\nparameters: {crises: {onset: 0.5}}\ndoctrine: {RUS: {realism: 0.8}}\n"
    )
    ready = prepare(sc)
    assert ready.params.crises.onset == 0.5
    i = ready.state.index["RUS"]
    # realism 0.8 with the default 1/3 for the other motives, normalised
    assert ready.state.realism[i] == pytest.approx(0.8 / (0.8 + 2 / 3))


@pytest.mark.parametrize("name", ["sanctions-coalition", "south-china-sea", "climate-round"])
def test_shipped_scenarios_are_valid(name: str) -> None:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert sc.name == name
    assert sc.shocks
    prepare(sc)
