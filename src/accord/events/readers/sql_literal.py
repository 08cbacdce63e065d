"""Values written into SQL text, for the readers' generated queries."""

from __future__ import annotations


def sql_text(value: str | None) -> str:
    """`value` as a SQL string literal (or NULL)."""
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'"
