"""The registry of outcome models by name, used by the CLI and the backtest."""

from __future__ import annotations

from accord.bargaining.models.base import Model
from accord.bargaining.models.compromise import CompromiseModel
from accord.bargaining.models.eum import ExpectedUtilityModel
from accord.bargaining.models.exchange import ExchangeModel
from accord.bargaining.models.ks import KalaiSmorodinskyModel
from accord.bargaining.models.median import MedianModel
from accord.bargaining.models.nbs import NashBargainingModel
from accord.errors import UnknownNameError

_MODELS: dict[str, type[Model]] = {
    m.name: m
    for m in (
        MedianModel,
        CompromiseModel,
        NashBargainingModel,
        KalaiSmorodinskyModel,
        ExpectedUtilityModel,
        ExchangeModel,
    )
}


def model_names() -> list[str]:
    """Names of the models, in the order the CLI shows them."""
    return list(_MODELS)


def make_model(name: str, *, rounds: int | None = None, q: float | None = None) -> Model:
    """Build the model called `name`, passing `rounds` / `q` to the models that take them."""
    if name not in _MODELS:
        raise UnknownNameError("model", name, _MODELS)
    if name == "eum":
        return ExpectedUtilityModel(rounds=rounds or 8, q=1.0 if q is None else q)
    if name == "exchange":
        return ExchangeModel(rounds=rounds or 10)
    return _MODELS[name]()
