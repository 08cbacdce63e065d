"""The actions a role may take in a turn, each one a CAMEO code (and through it a PLOVER type).

A move becomes an event of the one ontology: its Goldstein weight, quad class and PLOVER
labels come from `accord.events.ontology` as for every real event. Some actions also change
the simulated state through a simulation shock (`shock`): sanctions start or end, threats and
mobilisations raise the crisis rung of the dyad (an `incident` of that level), an attack
starts a war (`invasion`). The others move relations only, by their Goldstein weight, with
the simulation's own relation impulse (`rules.attitudes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from accord.errors import UnknownNameError
from accord.events import ontology
from accord.jsonable import AsDict


@dataclass(frozen=True)
class MoveAction(AsDict):
    """One action of the vocabulary: its CAMEO code and the shock it sets off, if any
    (`shock` is a simulation shock kind; `level` the incident rung)."""

    name: str
    cameo: str
    description: str
    shock: str | None = None
    level: int = 0


#: The vocabulary, cooperative first (CAMEO codes from the CAMEO 1.1b3 codebook).
VOCABULARY: tuple[MoveAction, ...] = (
    MoveAction("statement", "010", "make a public statement"),
    MoveAction("appeal", "020", "appeal or request"),
    MoveAction("intent_to_negotiate", "036", "express intent to meet or negotiate"),
    MoveAction("consult", "040", "consult (talks, calls, meetings)"),
    MoveAction("visit", "042", "make a visit"),
    MoveAction("mediate", "045", "mediate"),
    MoveAction("praise", "051", "praise or endorse"),
    MoveAction("apologise", "055", "apologise"),
    MoveAction("sign", "057", "sign a formal agreement"),
    MoveAction("give_aid", "070", "provide aid"),
    MoveAction("humanitarian_aid", "073", "provide humanitarian aid"),
    MoveAction("concede", "080", "yield or concede"),
    MoveAction("lift_sanctions", "085", "ease economic sanctions", "lift_sanctions"),
    MoveAction("demand", "100", "demand"),
    MoveAction("accuse", "112", "accuse or criticise"),
    MoveAction("reject", "120", "reject a proposal or demand"),
    MoveAction("threaten", "130", "threaten", "incident", 2),
    MoveAction("threaten_force", "138", "threaten to use military force", "incident", 2),
    MoveAction("mobilise", "154", "mobilise or increase armed forces", "incident", 3),
    MoveAction("recall_ambassador", "161", "reduce or break diplomatic relations"),
    MoveAction("impose_sanctions", "163", "impose embargo, boycott or sanctions", "sanctions"),
    MoveAction("blockade", "191", "impose a blockade, restrict movement", "incident", 4),
    MoveAction("attack", "190", "use conventional military force", "invasion"),
)

_BY_NAME = {a.name: a for a in VOCABULARY}


def move_action(name: str) -> MoveAction:
    """The action called `name`; `UnknownNameError` lists the vocabulary otherwise."""
    if name not in _BY_NAME:
        raise UnknownNameError("action", name, _BY_NAME)
    return _BY_NAME[name]


def action_names() -> tuple[str, ...]:
    """The names of the vocabulary, in order."""
    return tuple(_BY_NAME)


@dataclass(frozen=True)
class Coding:
    """The ontology's coding of a CAMEO code: what an event row carries."""

    cameo: str
    root: str
    quad: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None


@lru_cache(maxsize=64)
def coding(cameo: str) -> Coding:
    """The Goldstein weight, quad class and PLOVER labels of `cameo` from the ontology."""
    entry = ontology.lookup(cameo)
    if entry is None:  # pragma: no cover - every code of the vocabulary is in the codebook
        raise UnknownNameError("CAMEO code", cameo, ())
    mapping = ontology.plover(cameo)
    return Coding(
        cameo=cameo,
        root=cameo[:2],
        quad=int(ontology.quad_class_of_root(cameo[:2]) or entry.quad_class),
        goldstein=float(entry.goldstein),
        plover_type=mapping.plover_type if mapping else None,
        plover_mode=(mapping.plover_mode or None) if mapping else None,
        plover_context=(mapping.plover_context or None) if mapping else None,
    )
