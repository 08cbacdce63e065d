"""Shared checks for world records: each failure names the field it is about."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from accord.errors import AccordError
from accord.world.dates import Date

E = TypeVar("E", bound=StrEnum)

ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]{0,31}$")


class FieldError(AccordError, ValueError):
    """A record field holds a value that cannot be accepted."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def require_text(field: str, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(field, "must not be empty")


def require_code(field: str, value: str) -> None:
    require_text(field, value)
    if not CODE.match(value):
        raise FieldError(field, f"{value!r} is not a code (upper-case letters, digits, - _ .)")


def require_iso3(field: str, value: str) -> None:
    require_text(field, value)
    if not ISO3.match(value):
        raise FieldError(field, f"{value!r} is not an ISO 3166-1 alpha-3 code")


def require_order(start_field: str, start: Date | None, end_field: str, end: Date | None) -> None:
    if start is not None and end is not None and end <= start:
        raise FieldError(end_field, f"{end} is not after {start_field} {start}")


def require_enum(field: str, value: object, enum: type[E]) -> None:
    if not isinstance(value, enum):
        choices = ", ".join(m.value for m in enum)
        raise FieldError(field, f"{value!r} is not one of: {choices}")


def to_enum(field: str, value: str, enum: type[E]) -> E:
    try:
        return enum(value.strip())
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise FieldError(field, f"{value!r} is not one of: {choices}") from None
