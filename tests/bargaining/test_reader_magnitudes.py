"""A number past 1e9 in a BDM or KTAB case file is named at its file, line and field.

The YAML and decide readers named them so (`Problems.magnitude`); the BDM and KTAB readers left
them to the case's own check, which names only the stakeholder (no line, no value). A DEU file
holds no capability (the caller passes them) and its numbers lie on 0-100: a larger one is
already an error at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bargaining.readers import read_case
from accord.errors import InputError


def _problems(path: Path, fmt: str) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        read_case(path, fmt)
    return [(str(p.file), p.line, p.field, p.message) for p in caught.value.problems]


def test_a_bdm_capability_past_the_limit_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "case.csv"
    path.write_text(
        "Actor,Capability,Position,Salience\nA,1,4,0.5\nB,2,6,0.5\nBig,1e308,5,0.5\n", "utf-8"
    )
    assert _problems(path, "bdm") == [
        (str(path), 4, "Capability", "capability must be a number from 0 to 1e+09, got 1e+308")
    ]


def test_a_bdm_position_past_the_limit_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "case.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,4,0.5\nFar,1,-2e9,0.5\n", "utf-8")
    assert _problems(path, "bdm") == [
        (str(path), 3, "Position", "position must lie within -1e+09 to 1e+09, got -2e+09")
    ]


def test_a_bdm_capability_on_one_issue_past_the_limit_names_its_line(tmp_path: Path) -> None:
    # a long table: an actor's capability may differ by issue (`Stakeholder.power`)
    path = tmp_path / "long.csv"
    path.write_text(
        "Actor,Issue,Capability,Position,Salience\n"
        "A,tax,1,4,0.5\nA,aid,1,4,0.5\nB,tax,1,6,0.5\nB,aid,5e9,6,0.5\n",
        "utf-8",
    )
    assert _problems(path, "bdm") == [
        (str(path), 5, "Capability", "capability must be a number from 0 to 1e+09, got 5e+09")
    ]


@pytest.mark.parametrize("column", ["Power", "Influence"])
def test_a_ktab_power_past_the_limit_names_its_line(tmp_path: Path, column: str) -> None:
    path = tmp_path / "ktab.csv"
    path.write_text(
        f"Actor,Description,{column},Pstn1,Sal1\nA,a,1,10,50\nB,b,1e308,90,50\nC,c,2,50,50\n",
        "utf-8",
    )
    assert _problems(path, "ktab") == [
        (str(path), 3, "Power", "power must be a number from 0 to 1e+09, got 1e+308")
    ]


def test_the_limit_itself_is_read(tmp_path: Path) -> None:
    path = tmp_path / "case.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1e9,-1e9,0.5\nB,1,1e9,0.5\n", "utf-8")
    case = read_case(path, "bdm")
    assert [s.capability for s in case.stakeholders] == [1e9, 1.0]
    assert (case.issues[0].low, case.issues[0].high) == (-1e9, 1e9)


def test_a_deu_number_past_the_limit_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "deu.csv"
    path.write_text("issue;pDE;sDE;pFR;sFR\nx;1e308;50;40;50\n", "utf-8")
    assert _problems(path, "deu") == [(str(path), 2, "pDE", "position 1e+308 is outside [0, 100]")]
