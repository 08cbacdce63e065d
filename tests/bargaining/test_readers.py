"""Every reader on a small hand-made fixture, and the precision of its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bargaining.readers import detect_case_format, read_case
from accord.errors import InputError

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "fmt", "actors", "issues"),
    [
        ("tiny.csv", "bdm", 3, 1),
        ("tiny_ktab.csv", "ktab", 3, 2),
        ("tiny_decide.txt", "decide", 2, 2),
        ("tiny_deu.csv", "deu", 3, 2),
        ("tiny.yaml", "yaml", 2, 2),
    ],
)
def test_fixture_reads(name: str, fmt: str, actors: int, issues: int) -> None:
    path = FIXTURES / name
    assert detect_case_format(path) == fmt
    case = read_case(path)
    assert len(case.stakeholders) == actors
    assert len(case.issues) == issues


def test_ktab_scales_saliences_and_keeps_scenario_name() -> None:
    case = read_case(FIXTURES / "tiny_ktab.csv")
    assert case.name == "Tiny"
    north = case.stakeholders[0]
    assert north.saliences == {"Dim1": 1.0, "Dim2": 0.5}
    assert north.capability == 50


def test_deu_missing_values_outcome_and_reference() -> None:
    case = read_case(FIXTURES / "tiny_deu.csv")
    fr = next(s for s in case.stakeholders if s.name == "FR")
    assert "cars" not in fr.positions
    assert case.outcome == {"fish": 40.0, "cars": 90.0}
    assert case.status_quo == {"fish": 0.0, "cars": 100.0}
    assert fr.saliences["fish"] == pytest.approx(0.4)


def test_yaml_options_and_actor_link() -> None:
    case = read_case(FIXTURES / "tiny.yaml")
    beta = case.stakeholders[1]
    assert beta.positions["venue"] == 2.0
    assert case.stakeholders[0].actor == "USA"
    assert case.issue("venue").label(1.2) == "Vienna"


def test_decide_per_issue_power() -> None:
    case = read_case(FIXTURES / "tiny_decide.txt")
    assert case.capabilities().tolist() == [[1.0, 1.0], [1.0, 1.0]]
    assert case.issue("tax").description == "tax rate"


def test_bdm_errors_name_file_line_field() -> None:
    with pytest.raises(InputError) as err:
        read_case(FIXTURES / "bad.csv")
    problems = {(p.line, p.field) for p in err.value.problems}
    assert problems == {(3, "Capability"), (4, "Salience")}
    assert all(p.file and p.file.endswith("bad.csv") for p in err.value.problems)


def test_yaml_errors_point_at_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "issues:\n  - {name: t, low: 0, high: 10}\nstakeholders:\n"
        "  - name: A\n    capability: 1\n    positions: {t: 12}\n    saliences: {t: 0.5}\n"
    )
    with pytest.raises(InputError) as err:
        read_case(bad)
    p = err.value.first
    assert (p.line, p.field) == (6, "A.positions.t")


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("'#A'\t'N'\n'#P'\t'x'\n'#D'\t'M'\t'x'\t1\t0.5\t1\n", 3, "actor"),
        ("'#A'\t'N'\n'#P'\t'x'\n'#D'\t'N'\t'x'\t1\t1.5\t1\n", 3, "salience"),
        ("'#A'\t'N'\n'#Q'\t'x'\n", 2, "type"),
    ],
)
def test_decide_errors(tmp_path: Path, text: str, line: int, field: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(text)
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert (err.value.first.line, err.value.first.field) == (line, field)


def test_deu_error_names_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("issue;pDE;sDE;out\nfish;150;80;40\n")
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert (err.value.first.line, err.value.first.field) == (2, "pDE")


def test_ktab_error_names_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Actor,Description,Power,Pstn1,Sal1\nA,,1,x,50\n")
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert (err.value.first.line, err.value.first.field) == (2, "Pstn1")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="file not found"):
        read_case(FIXTURES / "nope.csv", fmt="bdm")
