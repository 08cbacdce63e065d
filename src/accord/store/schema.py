"""Versioned schemas: each component (world, events, ...) declares its own ordered migrations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One step of a component's schema: applied once, in order, inside a transaction.
    `fallback`, when given, is applied instead if `sql` fails (rolled back): for a step that
    uses a storage feature a store made by an older DuckDB may lack, such as a column's
    compression; the store then reaches the same version, without the feature."""

    version: int
    description: str
    sql: str
    fallback: str | None = None


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
