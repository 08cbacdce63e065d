"""Schemathesis with every check: each operation of /openapi.json, fed generated input, answers
with a documented status code, content type, headers and body schema, never a 5xx; schema-
violating input is refused, a guarded operation refuses a request without the token.

The server has a token (as off loopback), so the guard's 401 is exercised. The default suite runs
a short pass (`FAST_EXAMPLES` per operation); `-m slow` runs a longer one. Forecasts get a 2 s
budget, so a generated case that is expensive answers the documented 504.

Schema-valid input may still get 422 from the operations in `CROSS_FIELD`: their rules relate
several fields or name things the schema cannot list (a code that must be an organization, `b`
only with `a`, `from` not after `to`, a case whose stakeholders name its issues, a scenario
whose parties name its issues and whose mediator favours one of them, an exercise session whose
players name the exercise's roles, a file's content), so for
them only `positive_data_acceptance` also accepts 422.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from accord.api import Settings, create_app
from accord.world import read_world_dir

MINI = Path(__file__).resolve().parents[1] / "world" / "fixtures" / "mini"
TOKEN = "schemathesis-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CROSS_FIELD = (
    r"^/api/world/(organizations/.*/members|scores/.*)$",
    r"^/api/events(/ingest|/page)?$",
    r"^/api/relations/(dyad|alerts|network|partners/.*)$",
    r"^/api/forecasts(/upload)?$",
    r"^/api/negotiations(/upload)?$",
    r"^/api/exercises/sessions$",
)
ACCEPTED = '["2xx", "401", "403", "404", "409", "422", "429"]'
CONFIG = SchemathesisConfig.from_str(
    "\n".join(
        f"""
[[operations]]
include-path-regex = '{regex}'
checks.positive_data_acceptance.expected-statuses = {ACCEPTED}
"""
        for regex in CROSS_FIELD
    )
)
FAST_EXAMPLES = 12
SLOW_EXAMPLES = 120


def _app(tmp: Path) -> object:
    base = Settings(
        db=tmp / "schema.duckdb",
        data_dir=tmp / "data",
        allowed_hosts=("testserver", "localhost"),
        job_workers=1,
        token=TOKEN,
    )
    return create_app(
        replace(base, forecast_seconds=2.0, worker_processes=1, queue_seconds=5.0),
        world=read_world_dir(MINI),
    )


APP = _app(Path(tempfile.mkdtemp(prefix="accord-schema-")))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG).exclude(
    path_regex=r"^/api/(simulations|jobs/.*/events)$"
)


@schema.parametrize()
@settings(
    max_examples=FAST_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_check(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=SLOW_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_check_long(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH)
