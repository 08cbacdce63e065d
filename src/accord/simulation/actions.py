"""The repertoire of simulated actions, each one a CAMEO event.

A simulated state never acts outside the event ontology: every action below is a CAMEO code,
and its Goldstein weight, quad class and PLOVER labels come from `accord.events.ontology`
(GDELT's codebook and the GDELT root convention for quad classes), exactly as for real events.

`rung` places hostile actions on the escalation ladder of `rules.crises` (0 = not hostile).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from accord.events import ontology


@dataclass(frozen=True, slots=True)
class Action:
    """One kind of action a state can take toward another."""

    name: str
    cameo: str
    rung: int
    description: str


#: The actions, in the column order of the choice model (`rules.action_choice.WEIGHTS`).
ACTIONS: tuple[Action, ...] = (
    Action("consult", "040", 0, "consult (talks, calls, meetings)"),
    Action("visit", "042", 0, "make a state visit"),
    Action("appeal", "020", 0, "appeal or request"),
    Action("cooperate", "050", 0, "diplomatic cooperation (praise, support, recognition)"),
    Action("sign", "057", 0, "sign a formal agreement"),
    Action("exchange", "060", 0, "cultural and educational exchange (soft power)"),
    Action("aid", "070", 0, "provide aid"),
    Action("concede", "080", 0, "yield or concede"),
    Action("mediate", "045", 0, "mediate between two parties"),
    Action("demand", "100", 1, "demand"),
    Action("accuse", "112", 1, "accuse or criticise"),
    Action("reject", "120", 1, "reject a proposal or demand"),
    Action("threaten", "130", 2, "threaten"),
    Action("sanction", "163", 3, "impose embargo, boycott or sanctions"),
    Action("mobilise", "154", 3, "mobilise or increase armed forces"),
    Action("coerce", "170", 4, "coerce"),
    Action("assault", "190", 5, "use conventional military force"),
)

#: Index of each action by name.
INDEX: dict[str, int] = {a.name: i for i, a in enumerate(ACTIONS)}


@dataclass(frozen=True)
class ActionTable:
    """Per-action arrays looked up once from the ontology (vectorised event coding)."""

    cameo: tuple[str, ...]
    root: tuple[str, ...]
    goldstein: npt.NDArray[np.float64]
    quad: npt.NDArray[np.int8]
    rung: npt.NDArray[np.int8]
    plover_type: tuple[str | None, ...]
    plover_mode: tuple[str | None, ...]
    plover_context: tuple[str | None, ...]


@lru_cache(maxsize=1)
def action_table() -> ActionTable:
    """The Goldstein weight, quad class and PLOVER labels of every action, from the ontology."""
    gold, quad = [], []
    ptype: list[str | None] = []
    pmode: list[str | None] = []
    pctx: list[str | None] = []
    for action in ACTIONS:
        entry = ontology.lookup(action.cameo)
        if entry is None:  # pragma: no cover - the shipped codebook has every code above
            raise LookupError(f"CAMEO code {action.cameo} missing from the ontology")
        gold.append(entry.goldstein)
        quad.append(ontology.quad_class_of_root(action.cameo[:2]) or entry.quad_class)
        mapping = ontology.plover(action.cameo)
        ptype.append(mapping.plover_type if mapping else None)
        pmode.append((mapping.plover_mode or None) if mapping else None)
        pctx.append((mapping.plover_context or None) if mapping else None)
    return ActionTable(
        cameo=tuple(a.cameo for a in ACTIONS),
        root=tuple(a.cameo[:2] for a in ACTIONS),
        goldstein=np.array(gold, dtype=np.float64),
        quad=np.array(quad, dtype=np.int8),
        rung=np.array([a.rung for a in ACTIONS], dtype=np.int8),
        plover_type=tuple(ptype),
        plover_mode=tuple(pmode),
        plover_context=tuple(pctx),
    )
