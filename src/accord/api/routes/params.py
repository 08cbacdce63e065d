"""Query and path parameters shared by several routes, each validated with a clear message.

Every date a request carries is written `YYYY-MM-DD` and nothing else: pydantic alone would
read `on=0` as a Unix time (1970-01-01) and `on=1e9` as 2001-09-09.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from accord.api.problems import DATE_ERROR, ApiError, ProblemOut
from accord.errors import UnknownNameError
from accord.world import World
from accord.world.dates import parse_day

#: A code or a name: letters (any script), digits, spaces and the punctuation of country names
#: ("Cote d'Ivoire", "Korea, Republic of"); the world resolves it, it never reaches SQL.
CODE_PATTERN = r"^[^\W_][\w .,'’()\-]{0,79}$"


def iso_date(value: Any) -> Any:
    """A date parameter's day: only `YYYY-MM-DD` text (or a date) passes, every other value is
    refused with the message the CLI and the world files give (`parse_day`); the error handler
    names the parameter (`accord.api.problems.DATE_ERROR`)."""
    if isinstance(value, dt.date):
        return value
    try:
        return parse_day(value if isinstance(value, str) else repr(value))
    except ValueError as exc:
        raise PydanticCustomError(DATE_ERROR, "{why}", {"why": str(exc)}) from None


#: A date query parameter, `YYYY-MM-DD` only (422 for anything else).
IsoDate = Annotated[dt.date, BeforeValidator(iso_date)]
OnDate = Annotated[
    IsoDate | None,
    Query(description="Date YYYY-MM-DD (default: today).", examples=["2024-06-01"]),
]
FromDate = Annotated[
    IsoDate | None, Query(alias="from", description="First day YYYY-MM-DD (inclusive).")
]
ToDate = Annotated[
    IsoDate | None, Query(alias="to", description="Last day YYYY-MM-DD (inclusive).")
]
CodePath = Annotated[
    str,
    Path(
        pattern=CODE_PATTERN,
        description="Actor code (ISO3 for states, NATO, EU, ...) or a name such as 'Germany'.",
        examples=["USA"],
    ),
]
CodeQuery = Annotated[str, Query(pattern=CODE_PATTERN, examples=["USA"])]
OptionalCode = Annotated[str | None, Query(pattern=CODE_PATTERN)]


_QUERY_NAMES: dict[int, frozenset[str]] = {}


def _aliases(dependant: Dependant) -> set[str]:
    found = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        found |= _aliases(sub)
    return found


def _query_names(route: APIRoute) -> frozenset[str]:
    names = _QUERY_NAMES.get(id(route))
    if names is None:
        names = frozenset(_aliases(route.dependant))
        _QUERY_NAMES[id(route)] = names
    return names


async def known_query(request: Request) -> None:
    """App-wide dependency: 422 for a query parameter the route does not take, so a typo
    (`?form=2024-01-01`) is an error instead of being silently ignored (async: it runs on the
    event loop, never in the thread pool)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    unknown = sorted(set(request.query_params) - _query_names(route))
    if unknown:
        known = ", ".join(sorted(_query_names(route))) or "none"
        raise ApiError(
            422,
            "invalid input",
            [
                ProblemOut(
                    message=f"unknown query parameter {name!r}; this endpoint takes: {known}",
                    field=f"query.{name}",
                )
                for name in unknown[:20]
            ],
        )


def day(on: dt.date | None) -> dt.date:
    return on if on is not None else dt.date.today()


def not_found(exc: Exception, field: str) -> ApiError:
    """A 404 naming the field whose value is unknown, with the lookup's own message."""
    return ApiError(404, "not found", [ProblemOut(message=str(exc), field=field)])


def resolve(world: World, code: str, field: str, *, kind: str | None = None) -> str:
    """The world code for `code` (a code, name or alias, resolved as every face resolves it:
    `World.code_for`), or 404 naming it and the field, with close matches."""
    try:
        found = world.code_for(code)
    except UnknownNameError as exc:
        if kind == "organization":  # name what was asked for, with organizations' codes
            known = [o.code for o in world.organizations]
            exc = UnknownNameError("organization", code, known, hint=exc.hint)
        raise not_found(exc, field) from None
    if kind is not None:
        actor = world.actor(found)
        if type(actor).__name__.lower() != kind:
            raise ApiError(
                422,
                "invalid input",
                [ProblemOut(message=f"{found} is not a {kind}", field=field)],
            )
    return found


#: A simulation run or exercise session whose events to read instead of the real ones.
RunQuery = Annotated[
    str | None,
    Query(
        max_length=128,
        pattern=r"^[A-Za-z0-9_.:\-]+$",
        description="A simulation run id or exercise session id: its events instead of the "
        "real ones.",
    ),
]
