"""`/api/meta`: the vocabulary the dashboard draws with, read from its Python source of truth.

The dashboard fetches this once instead of keeping copies of quad classes, their colours, the
Goldstein scale, series periods, simulation metrics and limits that would drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter

from accord.api.routes.simulation import MAX_RUNS
from accord.events import QUAD_CLASSES, cameo_codes
from accord.relations import Period
from accord.relations.plot import QUAD_CLASS_STYLE
from accord.relations.standing import EVENT_WINDOW, MIN_DYAD_EVENTS
from accord.simulation.results import METRICS

router = APIRouter(prefix="/api", tags=["service"])


@dataclass(frozen=True, slots=True)
class QuadClassOut:
    """One quad class: its number in the `quad_class` column, series key, name and colour."""

    number: int
    key: str
    name: str
    colour: str


@dataclass(frozen=True, slots=True)
class ScaleOut:
    """The bounds of a numeric scale."""

    min: float
    max: float


@dataclass(frozen=True, slots=True)
class MetaOut:
    """The constants the dashboard needs, so it holds no copy of them."""

    quad_classes: list[QuadClassOut]
    goldstein: ScaleOut
    periods: list[str]
    default_period: str
    simulation_metrics: list[str]
    max_runs: int
    min_dyad_events: int = MIN_DYAD_EVENTS
    event_window_days: int = EVENT_WINDOW.days


def quad_classes() -> list[QuadClassOut]:
    """The four quad classes with the keys of their series columns and their plot colours."""
    return [
        QuadClassOut(number=number, key=key, name=QUAD_CLASSES[number], colour=colour)
        for number, (key, _, colour) in enumerate(QUAD_CLASS_STYLE, start=1)
    ]


def goldstein_scale() -> ScaleOut:
    """The Goldstein scale as spanned by the shipped CAMEO codebook's weights."""
    weights = [code.goldstein for code in cameo_codes().values()]
    return ScaleOut(min=min(weights), max=max(weights))


@router.get("/meta", response_model=MetaOut)
def meta() -> MetaOut:
    """Quad classes and colours, the Goldstein scale, periods, simulation metrics and limits."""
    return MetaOut(
        quad_classes=quad_classes(),
        goldstein=goldstein_scale(),
        periods=[p.value for p in Period],
        default_period=Period.MONTH.value,
        simulation_metrics=list(METRICS),
        max_runs=MAX_RUNS,
    )
