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
    #: for a whole-number type: true when the text parses but is not a whole number
    #: (DuckDB's cast rounds '1.5' to 2 and reads '0x10' as 16)
    fraction: str | None = None


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


def number_cast(text: str, sql_type: str) -> str:
    """SQL: the text `text` cast to the number type `sql_type`, NULL when it does not read as
    a number. DuckDB's cast also reads digits grouped with '_' ('1_0' as 10), which no event
    file means: such text is no number."""
    return f"CASE WHEN NOT contains({text}, '_') THEN TRY_CAST({text} AS {sql_type}) END"


def typed(expr: str, sql_type: str, field: str, nulls: tuple[str, ...] = ("",)) -> Typed:
    """`expr` cast to `sql_type`; empty means NULL, unparseable text makes the row bad."""
    raw = text(expr, nulls)
    value = number_cast(raw, sql_type)
    fraction = not_whole(raw, value) if sql_type in WHOLE_TYPES else None
    return Typed(value, f"({raw} IS NOT NULL AND {value} IS NULL)", field, raw, fraction)


#: The SQL types of whole numbers a reader casts to.
WHOLE_TYPES = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT"})


def not_whole(text: str, value: str) -> str:
    """SQL true when the text `text` cast to a whole-number type (`value`) parsed but does not
    read as that number: DuckDB rounds '1.5' to 2 and reads '0x10' and '0b101' as numbers,
    which a decimal reading of the text does not give back (one more cast, no regex)."""
    return (
        f"({value} IS NOT NULL AND TRY_CAST({text} AS DOUBLE) IS DISTINCT FROM "
        f"CAST({value} AS DOUBLE))"
    )


def verdict(checks: list[tuple[str, str, str]]) -> tuple[str, str]:
    """SQL for `reject_reason` and `reject_field` from (condition, reason SQL, field) triples;
    the first failing check wins."""
    if not checks:
        return "CAST(NULL AS VARCHAR)", "CAST(NULL AS VARCHAR)"
    reasons = " ".join(f"WHEN {cond} THEN {reason}" for cond, reason, _ in checks)
    fields = " ".join(f"WHEN {cond} THEN {literal(field)}" for cond, _, field in checks)
    return f"CASE {reasons} END", f"CASE {fields} END"


#: The range of each bounded number column (low, high; None: no bound): the Goldstein scale
#: runs from -10 to 10 (Goldstein 1992, as CAMEO and GDELT use it), GDELT's average tone from
#: -100 to 100, latitude and longitude are degrees, and counts are never negative. A value
#: outside its range, and so infinity and NaN, rejects the row: one such value would turn every
#: sum and mean over the dyad into inf or NaN.
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "goldstein": (-10.0, 10.0),
    "tone": (-100.0, 100.0),
    "lat": (-90.0, 90.0),
    "lon": (-180.0, 180.0),
    "mentions": (0, None),
    "sources": (0, None),
    "articles": (0, None),
}


def _number(bound: float) -> str:
    """A bound as people write it (10, not 10.0)."""
    return f"{bound:g}"


def range_words(low: float | None, high: float | None) -> str:
    """A range as a message says it: 'a number from -10 to 10', '0 or more'."""
    if low is not None and high is not None:
        return f"a number from {_number(low)} to {_number(high)}"
    if low is not None:
        return f"{_number(low)} or more"
    return f"{_number(high)} or less" if high is not None else "a number"


def bound_check(column: str, value: str, raw: str, label: str) -> tuple[str, str, str] | None:
    """(condition, reason SQL, field) rejecting a `value` (SQL, already typed) of the canonical
    `column` outside its `BOUNDS`, the reason quoting the `raw` text; None for an unbounded
    column. NaN fails every range (DuckDB orders it above every number)."""
    if column not in BOUNDS:
        return None
    low, high = BOUNDS[column]
    if low is not None and high is not None:
        inside = f"{value} BETWEEN {low!r} AND {high!r}"
    elif low is not None:
        inside = f"{value} >= {low!r}"
    else:
        inside = f"{value} <= {high!r}"
    words = range_words(low, high)
    return (
        f"({value} IS NOT NULL AND NOT ({inside}))",
        f"{literal(f'{label} must be {words}: ')} || {raw}",
        label,
    )


def number_checks(fields: dict[str, Typed]) -> list[tuple[str, str, str]]:
    """The checks of typed fields keyed by canonical column: each field's text must parse,
    then (after every parse check) lie within the column's `BOUNDS`."""
    parsed = [
        (f.bad, f"{literal(f.field + ' is not a valid number: ')} || {f.raw}", f.field)
        for f in fields.values()
    ]
    parsed += [
        (f.fraction, f"{literal(f.field + ' is not a whole number: ')} || {f.raw}", f.field)
        for f in fields.values()
        if f.fraction is not None
    ]
    bounded = [bound_check(column, f.value, f.raw, f.field) for column, f in fields.items()]
    return parsed + [check for check in bounded if check is not None]


def iso_date(text: str) -> str:
    """SQL for the text field `text` as a DATE when it is written YYYY-MM-DD, else NULL:
    DuckDB's own cast also takes '2024-3-1', a time after the day, 'infinity', 'epoch' and
    BC dates, which no event file means."""
    return (
        f"CASE WHEN regexp_full_match({text}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
        f"THEN TRY_CAST({text} AS DATE) END"
    )


def iso_or_us_date(text: str) -> str:
    """`iso_date`, or a day written month/day/year with a four-digit year ('6/1/2018',
    '06/01/2018': how ICEWS's 2017 Dataverse file writes its dates, US order); NULL else."""
    return (
        f"CASE WHEN regexp_full_match({text}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
        f"THEN TRY_CAST({text} AS DATE) "
        f"WHEN regexp_full_match({text}, '[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{4}}') "
        f"THEN CAST(TRY_STRPTIME({text}, '%m/%d/%Y') AS DATE) END"
    )
