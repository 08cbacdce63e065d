"""Case files are bounded before their work: a wide KTAB header is refused by its count of
position columns, a long file by its row count, and numbers a model cannot add (1e308) or a
case where nobody has weight are refused with the stakeholder named, as the API refuses them."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from accord.bargaining.readers import read_case
from accord.bargaining.readers._common import MAX_CASE_ROWS
from accord.errors import InputError


def test_a_ktab_header_of_many_positions_is_refused_at_once(tmp_path: Path) -> None:
    pairs = ",".join(f"Pstn{k},Sal{k}" for k in range(1, 30_001))
    path = tmp_path / "wide.csv"
    path.write_text(f"Actor,Description,Power,{pairs}\nA,a,1\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputError, match="30,000 position columns; at most 20 issues") as caught:
        read_case(path, "ktab")
    assert time.perf_counter() - started < 5  # was minutes: every column paired by a scan
    assert caught.value.problems[0].line == 1


def test_a_case_file_of_too_many_rows_stops_at_the_first_row_over(tmp_path: Path) -> None:
    rows = "".join(f"A{n},1,4,0.5\n" for n in range(MAX_CASE_ROWS + 50))
    path = tmp_path / "long.csv"
    path.write_text("Actor,Capability,Position,Salience\n" + rows, encoding="utf-8")
    with pytest.raises(InputError, match=f"more than {MAX_CASE_ROWS:,} rows") as caught:
        read_case(path, "bdm")
    assert caught.value.problems[0].line == MAX_CASE_ROWS + 1


@pytest.mark.parametrize(
    ("row", "words", "field"),
    [
        # was: field "Big" (the stakeholder), no line and no value
        (
            "Big,1e308,4,0.5",
            "capability must be a number from 0 to 1e+09, got 1e+308",
            "Capability",
        ),
        # a BDM file's scale runs from its lowest to its highest position; was: "issue bounds
        # must lie within -1e+09 to 1e+09, got [4, 1e+300]" at field "issue", no line
        ("Far,1,1e300,0.5", "position must lie within -1e+09 to 1e+09, got 1e+300", "Position"),
    ],
)
def test_numbers_a_model_cannot_add_are_refused(
    tmp_path: Path, row: str, words: str, field: str
) -> None:
    path = tmp_path / "case.csv"
    path.write_text(f"Actor,Capability,Position,Salience\nA,1,4,0.5\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(words)) as caught:
        read_case(path, "bdm")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 3, field)


def test_a_case_where_nobody_has_weight_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,0,4,0.5\nB,0,6,0.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="every capability is 0"):
        read_case(path, "bdm")


def test_issue_bounds_beyond_the_api_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "name: x\nissues:\n  - {name: budget, low: -1e308, high: 1e308}\nstakeholders:\n"
        "  - {name: A, capability: 1, positions: {budget: 0}, saliences: {budget: 1}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="issue bounds must lie within -1e\\+09 to 1e\\+09"):
        read_case(path, "yaml")


def test_a_negative_salience_must_be_zero_or_more(tmp_path: Path) -> None:
    path = tmp_path / "neg.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,4,-0.5\nB,1,7,0.5\n", "utf-8")
    with pytest.raises(InputError) as info:
        read_case(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (2, "Salience")
    assert problem.message == "-0.5: must be 0 or more"  # was "-0.5 is outside [0, 100]"


def test_a_bdm_table_without_a_salience_column_names_it(tmp_path: Path) -> None:
    path = tmp_path / "nosal.csv"
    path.write_text("Actor,Capability,Position\nA,1,4\nB,2,7\n", "utf-8")
    with pytest.raises(InputError) as info:
        read_case(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (1, "Salience")  # was "cannot tell the case format"
    assert problem.message.endswith("missing: Salience")
