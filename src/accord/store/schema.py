"""Versioned schemas: each component (world, events, ...) declares its own ordered migrations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One step of a component's schema: applied once, in order, inside a transaction."""

    version: int
    description: str
    sql: str


@dataclass(frozen=True)
class Schema:
    """The migrations of one component of the store, numbered 1, 2, 3, ..."""

    component: str
    migrations: tuple[Migration, ...]

    def __post_init__(self) -> None:
        versions = [m.version for m in self.migrations]
        if versions != list(range(1, len(versions) + 1)):
            raise ValueError(f"{self.component}: migrations must be numbered 1..n, got {versions}")

    @property
    def latest(self) -> int:
        return len(self.migrations)
