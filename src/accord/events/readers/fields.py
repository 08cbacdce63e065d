"""SQL snippets readers share to turn raw text fields into typed values and verdicts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Typed:
    """A raw text field cast to a SQL type: `value` (NULL when empty) and `bad` (true when
    the field has text that does not parse), with the file's name for the field."""

    value: str
    bad: str
    field: str
    raw: str


def literal(value: str) -> str:
    """`value` as a SQL string literal: names and texts from input files never reach SQL as code."""
    return "'" + value.replace("'", "''") + "'"


def trimmed(expr: str) -> str:
    """`trim(expr)`, trimming only a value that starts or ends with a space: the test costs
    less than `trim`, which copies every value it is given (a long URL too)."""
    return f"CASE WHEN {expr} LIKE ' %' OR {expr} LIKE '% ' THEN trim({expr}) ELSE {expr} END"


def text(expr: str, nulls: tuple[str, ...] = ("",)) -> str:
    """A trimmed text field, NULL when empty or one of `nulls` (e.g. ICEWS writes 'NA')."""
    out = trimmed(expr)
    for null in nulls:
        out = f"NULLIF({out}, {literal(null)})"
    return out


def typed(expr: str, sql_type: str, field: str, nulls: tuple[str, ...] = ("",)) -> Typed:
    """`expr` cast to `sql_type`; empty means NULL, unparseable text makes the row bad."""
    raw = text(expr, nulls)
    value = f"TRY_CAST({raw} AS {sql_type})"
    return Typed(value, f"({raw} IS NOT NULL AND {value} IS NULL)", field, raw)


def verdict(checks: list[tuple[str, str, str]]) -> tuple[str, str]:
    """SQL for `reject_reason` and `reject_field` from (condition, reason SQL, field) triples;
    the first failing check wins."""
    if not checks:
        return "CAST(NULL AS VARCHAR)", "CAST(NULL AS VARCHAR)"
    reasons = " ".join(f"WHEN {cond} THEN {reason}" for cond, reason, _ in checks)
    fields = " ".join(f"WHEN {cond} THEN {literal(field)}" for cond, _, field in checks)
    return f"CASE {reasons} END", f"CASE {fields} END"


def number_checks(fields: list[Typed]) -> list[tuple[str, str, str]]:
    """A check per typed field: its text must parse."""
    return [
        (f.bad, f"{literal(f.field + ' is not a valid number: ')} || {f.raw}", f.field)
        for f in fields
    ]
