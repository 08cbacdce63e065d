"""Bargaining: forecast where a negotiation lands and play it out with negotiating agents.

Stands alone: imports only `accord.errors` and third-party libraries. A stakeholder may name a
world actor by its code (`Stakeholder.actor`), never by object.
"""

from __future__ import annotations

from accord.bargaining.backtest import ModelScore, backtest, load_cases
from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.case_forecast import CaseForecast, forecast_case
from accord.bargaining.catalogue import Catalogue, Described, catalogue
from accord.bargaining.models import Forecast, Model, make_model, model_names
from accord.bargaining.pareto import kalai_smorodinsky_point, nash_point, pareto_frontier
from accord.bargaining.protocols import (
    LinearUtility,
    Mediator,
    NegotiationResult,
    alternating_offers,
    single_text,
)
from accord.bargaining.protocols.report import NegotiationReport, negotiate
from accord.bargaining.readers import read_case
from accord.bargaining.strategies import Strategy, make_strategy, strategy_names

__all__ = [
    "Case",
    "CaseForecast",
    "Catalogue",
    "Described",
    "Forecast",
    "Issue",
    "LinearUtility",
    "Mediator",
    "Model",
    "ModelScore",
    "NegotiationReport",
    "NegotiationResult",
    "Stakeholder",
    "Strategy",
    "alternating_offers",
    "backtest",
    "catalogue",
    "forecast_case",
    "kalai_smorodinsky_point",
    "load_cases",
    "make_model",
    "make_strategy",
    "model_names",
    "nash_point",
    "negotiate",
    "pareto_frontier",
    "read_case",
    "single_text",
    "strategy_names",
]
