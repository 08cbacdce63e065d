"""The objective language: parsing, and judging against facts."""

from __future__ import annotations

import pytest

from accord.exercises.objectives import Facts, Goal, evaluate, parse_objective


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("agreement on table T", Goal("agreement", table="T")),
        (
            "Agreement on table resupply with position <= 40",
            Goal("agreement_value", table="resupply", issue="position", op="<=", value=40.0),
        ),
        ("no agreement on table coc", Goal("no_agreement", table="coc")),
        ("no war with CHN", Goal("no_war", b="CHN")),
        ("no war between PHL and CHN", Goal("no_war", a="PHL", b="CHN")),
        (
            "net cooperation with PHL >= 0.2 at the end",
            Goal("net_cooperation", b="PHL", op=">=", value=0.2, at_end=True),
        ),
        (
            "net cooperation between A and B > -0.5",
            Goal("net_cooperation", a="A", b="B", op=">", value=-0.5),
        ),
        ("no sanctions on CHN by USA", Goal("no_sanctions", a="USA", b="CHN")),
        ("no new sanctions on CHN by USA", Goal("no_new_sanctions", a="USA", b="CHN")),
        ("sanctions on RUS", Goal("sanctions", b="RUS")),
        ("win the game", None),
    ],
)
def test_parse(text: str, goal: Goal | None) -> None:
    assert parse_objective(text) == goal


def _actor(name: str | None) -> str:
    return "PHL" if name is None else name


FACTS = Facts(
    agreements={"t": {"x": 35.0}, "u": None},
    wars=frozenset({frozenset({"RUS", "UKR"})}),
    sanctions=frozenset({("USA", "RUS")}),
    cooperation={("PHL", "USA", True): 0.25, ("PHL", "CHN", False): -0.1},
    sanctions_at_start=frozenset({("USA", "RUS")}),
    sanctions_during=frozenset({("USA", "RUS"), ("EU", "BLR")}),
)


@pytest.mark.parametrize(
    ("text", "met", "value"),
    [
        ("agreement on table t with position <= 40", True, 35.0),
        ("agreement on table t with x > 35", False, 35.0),
        ("agreement on table u", False, None),
        ("no agreement on table u", True, None),
        ("no war with CHN", True, None),
        ("no war between UKR and RUS", False, None),
        ("net cooperation with USA >= 0.2 at the end", True, 0.25),
        ("net cooperation with CHN >= 0", False, -0.1),
        ("net cooperation with VNM >= 0", False, None),
        ("sanctions on RUS by USA", True, None),
        ("no sanctions on RUS by USA", False, None),
        ("no new sanctions on RUS by USA", True, None),  # in force at the start: not new
        ("no new sanctions on BLR by EU", False, None),  # imposed during the session
        ("no new sanctions on CHN by USA", True, None),
    ],
)
def test_evaluate(text: str, met: bool, value: float | None) -> None:
    goal = parse_objective(text)
    assert goal is not None
    found, measured, _ = evaluate(goal, FACTS, _actor, {"t": "x"})
    assert (found, measured) == (met, value)


WAR = Facts(
    wars=frozenset({frozenset({"PHL", "CHN"})}),
    wars_at_end=frozenset({frozenset({"PHL", "CHN"})}),
    cooperation={("PHL", "CHN", True): 1.0, ("PHL", "CHN", False): 0.4},
)


@pytest.mark.parametrize(
    ("text", "met", "detail"),
    [
        (
            "net cooperation with CHN >= 0 at the end",
            False,
            "PHL and CHN at war at the end (net cooperation 1.00) (goal >= 0)",
        ),
        (
            "net cooperation with CHN > 0.2",
            False,
            "PHL and CHN at war during the session (net cooperation 0.40) (goal > 0.2)",
        ),
        # an upper bound is judged on the events: a war does not make it fail
        ("net cooperation with CHN <= 0.5", True, "net cooperation PHL-CHN 0.40 (goal <= 0.5)"),
    ],
)
def test_a_cooperation_goal_is_not_met_in_war(text: str, met: bool, detail: str) -> None:
    goal = parse_objective(text)
    assert goal is not None
    assert evaluate(goal, WAR, _actor, {})[::2] == (met, detail)


def test_a_sanction_in_force_at_the_start_is_said_so() -> None:
    goal = parse_objective("no sanctions on RUS by USA")
    assert goal is not None
    assert evaluate(goal, FACTS, _actor, {})[2] == (
        "USA sanctions RUS at the end (in force since before the session)"
    )
