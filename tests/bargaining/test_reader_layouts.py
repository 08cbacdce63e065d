"""Case files written the way other tools and people write them read as the plain layout does:
KTAB's `Position<k>`/`Salience<k>` names, headers in any case, a scenario line holding a
semicolon (KAPSARC's own SOE-Policy example), blank lines before a header."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bargaining import Case, read_case

ROWS = (
    "XJ,Xi,100,30,30",
    "LK,Li,65,45,65",
    "ZG,Zhang,35,30,40",
    "MK,Ma,35,45,25",
    "LH,Liu,40,50,70",
)
PLAIN = "China policy,Scenario 0,5,1\nActor,Description,Power,Pstn1,Sal1\n" + "\n".join(ROWS) + "\n"


def _summary(case: Case) -> list[tuple[str, float, float, float]]:
    (issue,) = case.issue_names
    return [
        (s.name, s.capability, s.positions[issue], s.saliences[issue]) for s in case.stakeholders
    ]


def _read(tmp_path: Path, text: str, name: str = "case.csv") -> Case:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_case(path)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN.replace("Pstn1,Sal1", "Position1,Salience1"),
        PLAIN.replace("Pstn1,Sal1", "Pos1,Sal1"),
        PLAIN.replace("Actor,Description,Power,Pstn1,Sal1", "actor,description,POWER,pstn1,sal1"),
        PLAIN.replace("China policy,", "China;policy,"),
        "\n\n" + PLAIN,
    ],
    ids=["position-salience", "pos", "lower-case", "semicolon-scenario", "blank-lines-first"],
)
def test_ktab_layouts_read_as_the_plain_file(tmp_path: Path, text: str) -> None:
    plain = _read(tmp_path, PLAIN, "plain.csv")
    assert len(plain.stakeholders) == 5
    assert _summary(_read(tmp_path, text)) == _summary(plain)


def test_bdm_after_blank_lines_reads_and_names_its_lines(tmp_path: Path) -> None:
    body = "Actor,Capability,Position,Salience\nA,1,10,0.5\nB,2,70,0.9\n"
    case = _read(tmp_path, "\n \n" + body)
    assert _summary(case) == _summary(_read(tmp_path, body, "plain.csv"))
    with pytest.raises(Exception, match=r"case\.csv:6 \[Capability\]"):
        _read(tmp_path, "\n \n" + body + "C,x,1,1\n")
