"""Record decide's own run of its sample case as the exchange model's reference figures.

decide (foarsitter/decide-exchange-model, GPL-3.0) is run, not copied: this script imports a
checkout of it and writes only its results (figures) to
`tests/bargaining/fixtures/decide_sample_reference.json`. Run it in a throwaway environment
that is not the project's, e.g.:

    git archive <commit> decide data/input/sample_data.txt | tar -x -C /tmp/decide-src
    python -m venv /tmp/decide-venv && /tmp/decide-venv/bin/pip install peewee typesystem==0.2.5
    PYTHONPATH=/tmp/decide-src /tmp/decide-venv/bin/python scripts/decide_reference.py \
        /tmp/decide-src <commit> > tests/bargaining/fixtures/decide_sample_reference.json

One setting differs from decide's default: decide breaks exact ties between the highest gains
at random; here, as in Accord, the first candidate (in decide's order) among gains within 1e-9
(relative) of the highest is realised.
"""

from __future__ import annotations

import datetime
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROUNDS = 10  # decide's default number of iterations (decide-cli --iterations)


def _load(model: Any, path: Path) -> None:
    """Feed decide's sample file to decide's model through its public `add_*` methods."""
    rows = [line.rstrip("\n").split("\t") for line in path.read_text().splitlines()]
    bounds: dict[str, list[Decimal]] = {}
    for r in rows:
        tag, name = r[0].strip("'"), r[1].strip("'")
        if tag == "#A":
            model.add_actor(name)
        elif tag == "#P":
            model.add_issue(name)
        elif tag == "#M":
            bounds.setdefault(name, []).append(Decimal(r[2]))
    for name, b in bounds.items():
        issue = model.issues[name]
        issue.lower, issue.upper = min(b), max(b)
    for r in rows:
        if r[0].strip("'") == "#D":
            actor, issue = r[1].strip("'"), r[2].strip("'")
            model.add_actor_issue(actor, issue, Decimal(r[3]), Decimal(r[4]), Decimal(r[5]))


def _first_best(model: Any) -> Any:
    """The first exchange among gains within 1e-9 (relative) of the highest."""
    top = max(e.gain for e in model.exchanges)
    k = next(k for k, e in enumerate(model.exchanges) if e.gain >= top - top * Decimal("1e-9"))
    return model.exchanges.pop(k)


def main(source: str, commit: str) -> None:
    """Run decide for ROUNDS rounds and print every exchange, NBS and position as JSON."""
    from decide.model import equalgain
    from decide.model.utils import ModelLoop

    equalgain.EqualGainModel.highest_gain = _first_best
    model = equalgain.EqualGainModel()
    _load(model, Path(source) / "data/input/sample_data.txt")
    realised: list[Any] = []

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return lambda *a, **k: None

        def execute_exchange(self, e: Any) -> None:
            realised.append(e)

    loop = ModelLoop(model, Recorder(), 0)
    rounds = []
    for k in range(1, ROUNDS + 1):
        realised.clear()
        loop.loop()
        rounds.append(
            {
                "round": k,
                "exchanges": [
                    [
                        e.i.actor.name,
                        e.i.supply.issue.name,
                        float(e.i.y),
                        e.j.actor.name,
                        e.j.supply.issue.name,
                        float(e.j.y),
                        float(e.gain),
                    ]
                    for e in realised
                ],
                "nbs": {i.name: float(model.nbs[i]) for i in model.issues},
                "start_next": {
                    i.name: {a.name: float(ai.position) for a, ai in model.actor_issues[i].items()}
                    for i in model.issues
                },
            }
        )
    out = {
        "source": {
            "repository": "foarsitter/decide-exchange-model",
            "commit": commit,
            "input": "data/input/sample_data.txt (shared as decide-sample_data.txt)",
            "program": "decide/model/equalgain.py EqualGainModel run by decide/model/utils.py "
            "ModelLoop, Python Decimal (28 digits), as decide-cli does",
            "licence": "GPL-3.0 (figures only; no code is copied)",
            "command": "scripts/decide_reference.py (see its docstring)",
            "rounds": f"{ROUNDS}, decide-cli's default --iterations",
            "ties": "gains within 1e-9 (relative) of the highest: the first candidate in "
            "decide's order, instead of decide's random choice",
            "scale": "positions and NBS on decide's 0-100 scale",
            "date": datetime.date.today().isoformat(),
        },
        "exchange_columns": [
            "demander",
            "demander_supply_issue",
            "demander_voting_position",
            "supplier",
            "supplier_supply_issue",
            "supplier_voting_position",
            "gain",
        ],
        "rounds": rounds,
        "final": {"nbs": rounds[-1]["nbs"], "positions": rounds[-1]["start_next"]},
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
