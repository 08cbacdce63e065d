"""The shipped exercises say what is true: no background fact after the start date, every
decision option's effects as its text says (reviewed by hand, pinned here)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from accord.exercises.actions import move_action
from accord.exercises.ai import decide_body
from accord.exercises.engine import Engine, compiled
from accord.exercises.model import Effect
from accord.exercises.store_io import Move
from accord.safe_yaml import read_yaml_text
from tests.exercises.conftest import SHIPPED

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE = re.compile(rf"(?:(\d{{1,2}}) )?({'|'.join(_MONTHS)}) (\d{{4}})")


def _exercise(name: str) -> tuple[object, object]:
    path = SHIPPED / f"{name}.yaml"
    return compiled(read_yaml_text(path), str(path))


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_background_tells_nothing_after_the_start(path: Path) -> None:
    exercise, _ = compiled(read_yaml_text(path), str(path))
    later = []
    for day, month, year in _DATE.findall(exercise.background):
        first = dt.date(int(year), _MONTHS.index(month) + 1, int(day or 1))
        if first > exercise.start:
            later.append(f"{day} {month} {year}".strip())
    assert later == []


def _effect(e: Effect) -> str:
    """One effect in words: `SOURCE action TARGET (shock)` or `shock KIND A-B`."""
    a = e.args
    if e.kind == "event":
        shock = move_action(a["action"]).shock
        return f"{a['source']} {a['action']} {a['target']}" + (f" ({shock})" if shock else "")
    if e.kind == "shock":
        names = [str(a[k]) for k in ("a", "b", "attacker", "target") if k in a]
        return f"shock {a['kind']} " + "-".join(names)
    return f"world {dict(a)}"


#: Every shipped option's effects, checked against its text: a lift of sanctions only where the
#: text lifts them (an offer is an intent to negotiate), a crisis only where forces move.
REVIEWED = {
    ("south-china-sea", "us-response", "statement"): ["USA accuse CHN", "USA praise PHL"],
    ("south-china-sea", "us-response", "joint-patrol"): [
        "USA mobilise CHN (incident)",
        "shock incident USA-CHN",
    ],
    ("south-china-sea", "us-response", "quiet"): ["USA consult CHN", "USA consult PHL"],
    ("south-china-sea", "next-mission", "escorted"): [
        "PHL demand CHN",
        "shock incident CHN-PHL",
    ],
    ("south-china-sea", "next-mission", "notified"): ["PHL consult CHN"],
    ("south-china-sea", "next-mission", "pause"): ["PHL concede CHN"],
    ("ceasefire-sanctions", "sanctions-step", "phased"): ["USA intent_to_negotiate RUS"],
    ("ceasefire-sanctions", "sanctions-step", "hold"): ["USA demand RUS"],
    ("ceasefire-sanctions", "sanctions-step", "tighten"): ["USA impose_sanctions RUS (sanctions)"],
    ("ceasefire-sanctions", "exchange-answer", "accept"): ["RUS concede UKR"],
    ("ceasefire-sanctions", "exchange-answer", "refuse"): ["RUS reject UKR", "RUS demand UKR"],
    ("cop-climate-finance", "eu-offer", "raise"): ["EU intent_to_negotiate G77"],
    ("cop-climate-finance", "eu-offer", "hold"): ["EU reject G77"],
    ("cop-climate-finance", "g77-line", "accept-floor"): ["G77 concede EU"],
    ("cop-climate-finance", "g77-line", "block"): ["G77 accuse AZE"],
}


def test_every_shipped_option_has_its_reviewed_effects() -> None:
    found = {}
    for path in sorted(SHIPPED.glob("*.yaml")):
        exercise, _ = compiled(read_yaml_text(path), str(path))
        for d in exercise.decisions:
            for o in d.options:
                found[(exercise.name, d.id, o.id)] = [_effect(e) for e in o.effects]
    assert found == REVIEWED


def test_an_offer_of_phased_relief_keeps_the_us_sanctions_on_russia() -> None:
    exercise, prepared = _exercise("ceasefire-sanctions")
    engine = Engine(exercise, prepared, 7)  # type: ignore[arg-type]
    assert ["USA", "RUS"] in engine.facts()["sanctions"]
    decision = exercise.decision("sanctions-step")  # type: ignore[attr-defined]
    body = decide_body(decision, "phased")
    outcome = engine.adjudicate([Move(1, 1, "USA", "decide", ("USA",), body)])
    assert ["USA", "RUS"] in outcome.facts["sanctions"]


def test_a_ceasefire_agreement_ends_the_war_of_its_parties() -> None:
    exercise, prepared = _exercise("ceasefire-sanctions")
    body = {
        "table": "ceasefire",
        "values": {"withdrawal": 0.0, "monitoring": 50.0, "sanctions_relief": 20.0},
        "proposal": None,
        "actors": ["EU", "RUS", "UKR", "USA"],
    }
    attack = {"source": "RUS", "target": "UKR", "action": "attack"}  # the opening inject's
    outcomes = []
    for moves in ([], [Move(2, 2, "control", "agreement", ("*",), body)]):
        engine = Engine(exercise, prepared, 7)  # type: ignore[arg-type]
        first = engine.adjudicate([Move(1, 1, "RUS", "action", ("*",), attack)])
        assert first.facts["wars"] == [["RUS", "UKR"]]
        outcomes.append(engine.adjudicate(moves).facts["wars"])
    assert outcomes == [[["RUS", "UKR"]], []]  # without the agreement the war goes on


def test_the_debrief_says_whether_fighting_went_on_after_an_agreement() -> None:
    from accord.exercises.debrief import _fighting

    exercise, _ = _exercise("ceasefire-sanctions")
    summaries = [
        {"turn": t, "facts": {"wars": [["RUS", "UKR"]] if t != 6 else []}} for t in range(1, 9)
    ]
    roles = ("UKR", "RUS", "USA", "eu")
    assert _fighting(exercise, roles, 6, summaries) == (  # type: ignore[arg-type]
        "fighting continued: RUS-UKR at war after the agreement (turns [7, 8])"
    )
    assert _fighting(exercise, roles, 6, summaries[:6]) == (  # type: ignore[arg-type]
        "the war RUS-UKR ended with the agreement"
    )
