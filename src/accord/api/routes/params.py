"""Query and path parameters shared by several routes, each validated with a clear message."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path, Query

from accord.api.problems import ApiError, ProblemOut
from accord.errors import UnknownNameError
from accord.world import World

#: A code or a name: letters (any script), digits, spaces and the punctuation of country names
#: ("Cote d'Ivoire", "Korea, Republic of"); the world resolves it, it never reaches SQL.
CODE_PATTERN = r"^[^\W_][\w .,'’()\-]{0,79}$"

OnDate = Annotated[
    dt.date | None, Query(description="Date YYYY-MM-DD (default: today).", examples=["2024-06-01"])
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


def day(on: dt.date | None) -> dt.date:
    return on if on is not None else dt.date.today()


def resolve(world: World, code: str, field: str, *, kind: str | None = None) -> str:
    """The world code for `code` (a code, name or alias, resolved as every face resolves it:
    `World.code_for`), or 404 naming it and the field, with close matches."""
    try:
        found = world.code_for(code)
    except UnknownNameError as exc:
        raise ApiError(404, "not found", [ProblemOut(message=str(exc), field=field)]) from None
    if kind is not None:
        actor = world.actor(found)
        if type(actor).__name__.lower() != kind:
            raise ApiError(
                422,
                "invalid input",
                [ProblemOut(message=f"{found} is not a {kind}", field=field)],
            )
    return found
