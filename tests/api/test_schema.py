"""Schemathesis: every operation of /openapi.json, fed generated input, never answers 5xx."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from accord.api import Settings, create_app
from accord.world import read_world_dir

MINI = Path(__file__).resolve().parents[1] / "world" / "fixtures" / "mini"


def _app(tmp: Path) -> object:
    return create_app(
        Settings(
            db=tmp / "schema.duckdb",
            data_dir=tmp / "data",
            allowed_hosts=("testserver", "localhost"),
            job_workers=1,
        ),
        world=read_world_dir(MINI),
    )


APP = _app(Path(__import__("tempfile").mkdtemp(prefix="accord-schema-")))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).exclude(
    path_regex=r"^/api/(simulations|jobs/.*/events)$"
)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
