"""What every outcome model returns, and the one-method interface it implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from accord.bargaining.case import Case
from accord.jsonable import AsDict


@dataclass(frozen=True)
class Move(AsDict):
    """One actor's change of position in a round of an iterative model.

    `kind` is `challenge` (the actor lost a confrontation and takes the other's position),
    `compromise`, `capitulation` (expected utility model) or `exchange` (exchange model).
    """

    kind: str
    actor: str
    toward: str
    issue: str
    old: float
    new: float
    gain: float | None = None


@dataclass(frozen=True)
class Exchange(AsDict):
    """One realised exchange: `demander` gets its way on `demand_issue` from `supplier`, who in
    return gets movement on `supply_issue`; both gain `gain` (equal-gain rule).

    `externalities` are the utility changes of every other actor caused by the two shifts of
    the issues' Nash bargaining solutions (Stokman & Van Oosten 1994).
    """

    round: int
    demander: str
    supplier: str
    demand_issue: str
    supply_issue: str
    demander_move: float
    supplier_move: float
    gain: float
    externalities: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Round(AsDict):
    """State after one round: every actor's position, the median and mean, and the moves."""

    round: int
    median: float
    mean: float
    positions: dict[str, float]
    moves: tuple[Move, ...] = ()


CONVERGED, CYCLE, UNSETTLED = "converged", "cycle", "unsettled"


@dataclass(frozen=True)
class Convergence(AsDict):
    """How an iterative model's rounds ended on one issue, and how its forecast was formed.

    `status` is `converged` (the state stopped changing: the forecast is the settled value),
    `cycle` (the state returned to an earlier one: `period` rounds repeat from round `start`,
    the forecast is the mean over one period and [`low`, `high`] the band it moves in) or
    `unsettled` (neither within `rounds_run` rounds: the band and mean are those of the last
    rounds, and the forecast depends on the round limit). See docs/bargaining.md.
    """

    status: str
    rounds_run: int
    period: int = 0
    start: int = 0
    low: float = 0.0
    high: float = 0.0
    rule: str = ""


@dataclass(frozen=True)
class IssueForecast(AsDict):
    """The forecast on one issue, with the round-by-round path for iterative models, how their
    rounds ended (`convergence`) and the forecast's label on the issue's scale (set by
    `forecast_case`)."""

    issue: str
    forecast: float
    rounds: tuple[Round, ...] = ()
    label: str = ""
    convergence: Convergence | None = None


@dataclass(frozen=True)
class Forecast(AsDict):
    """A model's forecast for a whole case.

    `converged` is None for one-shot models; for iterative ones it is True when every issue's
    rounds settled (see `IssueForecast.convergence`). `notes` say what the reader must know
    about this forecast (for example that one issue leaves nothing to exchange). `error` is
    set, and `issues` empty, when the model failed on the case (its work limit, say) while
    other models' forecasts were kept (`forecast_case(..., keep_going=True)`).
    """

    model: str
    issues: tuple[IssueForecast, ...]
    iterative: bool = False
    exchanges: tuple[Exchange, ...] = ()
    converged: bool | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None

    def value(self, issue: str) -> float:
        """The forecast on `issue`."""
        for f in self.issues:
            if f.issue == issue:
                return f.forecast
        raise KeyError(issue)


class Model(ABC):
    """An outcome model: one class per model, with the paper it follows."""

    name: ClassVar[str]
    #: What it does, in one line (the dashboard and `/api/negotiations/catalogue` show it).
    summary: ClassVar[str]
    reference: ClassVar[str]
    iterative: ClassVar[bool] = False

    @abstractmethod
    def forecast(self, case: Case) -> Forecast:
        """Forecast where the negotiation of `case` lands."""
