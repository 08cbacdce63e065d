"""Case files written the way other tools and people write them read as the plain layout does:
KTAB's `Position<k>`/`Salience<k>` names, headers in any case, a scenario line holding a
semicolon (KAPSARC's own SOE-Policy example), blank lines before a header."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bargaining import Case, forecast_case, read_case

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


#: KTAB's own example layout (its SOE-Policy and dummyData files): free text with semicolons
#: in the scenario line, 'Influence' for Power, '<Name> Position' / '<Name> Salience' pairs,
#: cells padded with spaces and a trailing comma. Written here, with made-up actors.
KTAB_EXAMPLE = """Trade talks; scen 0,Scenario-000; tariffs on steel; and on aluminium, 4, 2,
Actor,Description,Influence,Tariff Position,Tariff Salience,Quota Position,Quota Salience,
AA,  First ministry,100,  30,30,  10,50,
BB,  Second ministry,65,45,65,  80,20,
CC,  Third ministry,35,  90,40,  60,90,
DD,  Fourth ministry,40,50,70,  20,10,
"""


def test_ktab_example_layout_reads_by_its_names(tmp_path: Path) -> None:
    # "no pX / sX column pairs" (taken for DEU III), and with --format ktab "missing column
    # 'Power'; no Pstn<k>/Sal<k> column pairs"
    path = tmp_path / "talks.csv"
    path.write_text(KTAB_EXAMPLE, encoding="utf-8")
    case = read_case(path)
    assert case.name == "Trade talks; scen 0"
    assert [i.name for i in case.issues] == ["Tariff", "Quota"]
    assert [(s.name, s.capability) for s in case.stakeholders] == [
        ("AA", 100.0),
        ("BB", 65.0),
        ("CC", 35.0),
        ("DD", 40.0),
    ]
    cc = case.stakeholders[2]
    assert (cc.positions, cc.saliences) == (
        {"Tariff": 90.0, "Quota": 60.0},
        {"Tariff": 0.4, "Quota": 0.9},  # percentages
    )
    assert cc.description == "Third ministry"
    # the weighted median of Tariff by hand: weights 30, 42.25, 14, 28 (influence x salience)
    # over positions 30, 45, 50, 90: half of 114.25 is passed at 45
    (median,) = forecast_case(case, ["median"]).results
    assert median.value("Tariff") == 45.0
