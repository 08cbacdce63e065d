"""Outcome models, one small class per model, each naming the paper it follows."""

from __future__ import annotations

from accord.bargaining.models.base import (
    Exchange,
    Forecast,
    IssueForecast,
    Model,
    Move,
    Round,
)
from accord.bargaining.models.compromise import CompromiseModel
from accord.bargaining.models.eum import ExpectedUtilityModel
from accord.bargaining.models.exchange import ExchangeModel
from accord.bargaining.models.ks import KalaiSmorodinskyModel
from accord.bargaining.models.median import MedianModel
from accord.bargaining.models.nbs import NashBargainingModel
from accord.bargaining.models.registry import make_model, model_names

__all__ = [
    "CompromiseModel",
    "Exchange",
    "ExchangeModel",
    "ExpectedUtilityModel",
    "Forecast",
    "IssueForecast",
    "KalaiSmorodinskyModel",
    "MedianModel",
    "Model",
    "Move",
    "NashBargainingModel",
    "Round",
    "make_model",
    "model_names",
]
