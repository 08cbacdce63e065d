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

The test sends every case with the token (`AUTH`), which replaces whatever Authorization header
the case was generated with. So a negative case whose only negations never reach the server is
no schema-violating request, and `negative_data_rejection` is skipped for it (every other check
still runs): each of its mutations is either of the Authorization header (missing or not a
bearer token: the test's own header replaced it), or an extra query property whose values are
all empty lists or null (serialised to nothing: `?bootstrap=0` plus `{"": []}` is the valid
`?bootstrap=0`). A case with any other negation, or with none recorded, gets the full check.
Schemathesis flagged both in a long CI run (`GET /api/relations/network?bootstrap=0`).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.mutations import Mutation, MutationChannel, OperatorKind
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection

from accord.api import Settings, create_app
from accord.world import read_world_dir

MINI = Path(__file__).resolve().parents[1] / "world" / "fixtures" / "mini"
TOKEN = "schemathesis-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CROSS_FIELD = (
    r"^/api/world/(organizations/.*/members|scores/.*|allies/.*|treaties/.*|ties)$",
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


#: The app's store lives in a folder removed when the test process exits.
_STORE_DIR = tempfile.TemporaryDirectory(prefix="accord-schema-")
APP = _app(Path(_STORE_DIR.name))
#: Left out: streams that never end by themselves (a job's events; the alerts stream, whose
#: every call waited out schemathesis's 10 s timeout, 30 s of the default run: checked by
#: tests/feeds/test_stream.py), and `POST /api/simulations`, which starts a simulation job.
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG).exclude(
    path_regex=r"^/api/(simulations|jobs/.*/events|alerts/stream)$"
)


def _undone(case: schemathesis.Case, mutation: Mutation) -> bool:
    """Whether a negation never reached the server: it is of the Authorization header (which
    the test replaces), or it adds query properties that serialise to nothing."""
    where = mutation.parameter_location.value
    if where == "header":
        return (mutation.parameter or "").lower() == "authorization"
    if where == "query" and mutation.keywords == ("additionalProperties",):
        declared = {p.name for p in case.operation.query}
        extra = [v for k, v in (case.query or {}).items() if k not in declared]
        return bool(extra) and all(v is None or v == [] for v in extra)
    return False


def neutralised(case: schemathesis.Case) -> bool:
    """Whether every recorded negation of a negative case was undone before the request left
    (module docstring); False for a positive case and for one with no recorded mutation."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return False
    mutations = getattr(meta.phase.data, "mutations", ())
    return bool(mutations) and all(_undone(case, m) for m in mutations)


def check(case: schemathesis.Case) -> None:
    """Send `case` with the token and run every check (but negative-data rejection for a case
    whose negations `neutralised` undid)."""
    skip = [negative_data_rejection] if neutralised(case) else None
    case.call_and_validate(headers=AUTH, excluded_checks=skip)


@schema.parametrize()
@settings(
    max_examples=FAST_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_check(case: schemathesis.Case) -> None:
    check(case)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=SLOW_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_check_long(case: schemathesis.Case) -> None:
    check(case)


def _mutation(where: str, keywords: tuple[str, ...], parameter: str | None) -> Mutation:
    return Mutation(
        path=(),
        parameter_location=ParameterLocation(where),
        schema_pointer="",
        channel=MutationChannel.SCHEMA,
        operator=OperatorKind.NEGATE_CONSTRAINTS,
        keywords=keywords,
        parameter=parameter,
        original_value=None,
        new_value=None,
    )


@pytest.mark.parametrize(
    ("query", "where", "keywords", "parameter", "undone"),
    [
        ({"bootstrap": 0}, "header", ("required",), "Authorization", True),
        ({"bootstrap": 0}, "header", ("format",), "authorization", True),
        ({"bootstrap": 0, "": []}, "query", ("additionalProperties",), None, True),
        ({"bootstrap": 0, "x": None}, "query", ("additionalProperties",), None, True),
        ({"bootstrap": 0, "x": ""}, "query", ("additionalProperties",), None, False),
        ({"bootstrap": 0, "x": [1]}, "query", ("additionalProperties",), None, False),
        ({"bootstrap": 0}, "query", ("additionalProperties",), None, False),
        ({"bootstrap": -1}, "query", ("minimum",), "bootstrap", False),
        ({"bootstrap": 0}, "header", ("format",), "If-None-Match", False),
    ],
)
def test_only_negations_the_request_never_carried_are_undone(
    query: dict[str, object],
    where: str,
    keywords: tuple[str, ...],
    parameter: str | None,
    undone: bool,
) -> None:
    """`_undone` spares the Authorization header (the test sends its own) and extra query
    properties that serialise to nothing; any other negation keeps the full check."""
    case = schema["/api/relations/network"]["GET"].Case(query=query)
    assert _undone(case, _mutation(where, keywords, parameter)) is undone
