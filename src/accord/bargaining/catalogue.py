"""What each forecast model, negotiation protocol and strategy does, in one line, with its source.

Read from the classes themselves (`summary` and `reference` class attributes), so the dashboard
and the API explain a model with the words and citation of the code that runs it, never with a
copy that would drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from accord.bargaining.models import make_model, model_names
from accord.bargaining.protocols import alternating, mediated
from accord.bargaining.strategies import make_strategy, strategy_names
from accord.jsonable import AsDict

__all__ = ["PROTOCOLS", "Catalogue", "Described", "catalogue"]


@dataclass(frozen=True)
class Described(AsDict):
    """One model, protocol or strategy: its name, what it does in one line, and its source."""

    name: str
    summary: str
    reference: str


#: The negotiation protocols, by the name `NegotiationScenario.protocol` gives them.
PROTOCOLS: tuple[tuple[str, ModuleType], ...] = (
    ("alternating", alternating),
    ("mediated", mediated),
)


@dataclass(frozen=True)
class Catalogue(AsDict):
    """Every forecast model, negotiation protocol and strategy, in the order the code lists them."""

    models: tuple[Described, ...]
    protocols: tuple[Described, ...]
    strategies: tuple[Described, ...]


def catalogue() -> Catalogue:
    """The models, protocols and strategies with their one-line summaries and references."""
    models = [make_model(n) for n in model_names()]
    strategies = [make_strategy(n) for n in strategy_names()]
    return Catalogue(
        models=tuple(Described(m.name, m.summary, m.reference) for m in models),
        protocols=tuple(Described(n, m.SUMMARY, m.REFERENCE) for n, m in PROTOCOLS),
        strategies=tuple(Described(s.name, s.summary, s.reference) for s in strategies),
    )
