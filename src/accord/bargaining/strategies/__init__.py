"""Negotiating strategies, one small class per family, each citing its source."""

from __future__ import annotations

from accord.bargaining.strategies.base import Context, Strategy
from accord.bargaining.strategies.rubinstein import Rubinstein, rubinstein_share
from accord.bargaining.strategies.timebased import Boulware, Conceder, Linear, TimeBased
from accord.bargaining.strategies.titfortat import TitForTat
from accord.bargaining.strategies.zeuthen import Zeuthen, efficient_offer, risk_limit
from accord.errors import UnknownNameError


def strategy_names() -> list[str]:
    """Names of the strategies a scenario may use."""
    return list(_STRATEGIES)


def make_strategy(name: str) -> Strategy:
    """A fresh strategy called `name` with default parameters."""
    if name not in _STRATEGIES:
        raise UnknownNameError("strategy", name, _STRATEGIES)
    return _STRATEGIES[name]()


_STRATEGIES: dict[str, type[Strategy]] = {
    s.name: s for s in (Boulware, Linear, Conceder, TitForTat, Zeuthen, Rubinstein)
}

__all__ = [
    "Boulware",
    "Conceder",
    "Context",
    "Linear",
    "Rubinstein",
    "Strategy",
    "TimeBased",
    "TitForTat",
    "Zeuthen",
    "efficient_offer",
    "make_strategy",
    "risk_limit",
    "rubinstein_share",
    "strategy_names",
]
