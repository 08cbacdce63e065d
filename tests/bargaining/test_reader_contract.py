"""The contract every case reader passes (BDM, KTAB, decide, DEU III, YAML), parametrised over
the readers' registry: a valid case from its fixture, the same case every time and whatever the
file is called, a malformed value named by file, line and field, and an empty file refused.

Expected values are data tables: one row per format. A new format must get a row in each, or
`test_every_format_has_a_row` fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bargaining.case import Case
from accord.bargaining.readers import _READERS, read_case
from accord.errors import InputError

from .conftest import FIXTURES

FORMATS = sorted(_READERS)

#: format: (fixture, case name, {issue: (low, high)}, {actor: capability}, one stance)
#: where a stance is (actor, issue, position, salience).
EXPECTED: dict[str, tuple[str, str, dict[str, tuple[float, float]], dict[str, float], tuple]] = {
    "bdm": (
        "tiny.csv",
        "tiny",
        {"issue": (0.0, 100.0)},
        {"North": 0.5, "Centre": 0.2, "South": 0.3},
        ("Centre", "issue", 50.0, 0.5),
    ),
    "ktab": (
        "tiny_ktab.csv",
        "Tiny",
        {"Dim1": (0.0, 100.0), "Dim2": (0.0, 100.0)},
        {"North": 50.0, "Centre": 20.0, "South": 30.0},
        ("South", "Dim2", 80.0, 0.4),
    ),
    "decide": (
        "tiny_decide.txt",
        "tiny_decide",
        {"tax": (0.0, 100.0), "aid": (0.0, 100.0)},
        {"North": 1.0, "South": 1.0},
        ("North", "aid", 0.0, 0.3),
    ),
    "deu": (
        "tiny_deu.csv",
        "tiny_deu",
        {"fish": (0.0, 100.0), "cars": (0.0, 100.0)},
        {"DE": 1.0, "FR": 1.0, "NL": 1.0},
        ("NL", "cars", 0.0, 0.2),
    ),
    "yaml": (
        "tiny.yaml",
        "Tiny summit",
        {"tariff": (0.0, 10.0), "venue": (0.0, 2.0)},
        {"Alpha": 0.6, "Beta": 0.4},
        ("Beta", "tariff", 8.0, 0.5),
    ),
}

#: format: (file name, text with one malformed value, line, field of the problem)
MALFORMED: dict[str, tuple[str, str, int, str]] = {
    "bdm": (
        "bad.csv",
        "Actor,Capability,Position,Salience\nA,1,0,0.5\nB,1,ten,0.5\n",
        3,
        "Position",
    ),
    "ktab": (
        "bad.csv",
        "Actor,Description,Power,Pstn1,Sal1\nA,,1,10,50\nB,,-3,20,50\n",
        3,
        "Power",
    ),
    "decide": (
        "bad.txt",
        "#A\tN\n#A\tS\n#P\tx\n#D\tN\tx\t10\t0.5\t1\n#D\tS\tx\t20\t0.5\tmuch\n",
        5,
        "power",
    ),
    "deu": ("bad.csv", "issue;pA;sA;pB;sB\nfish;0;50;100;50\ncars;10;50;20;x\n", 3, "sB"),
    "yaml": (
        "bad.yaml",
        "issues:\n  - {name: t, low: 0, high: 10}\nstakeholders:\n"
        "  - name: A\n    capability: 1\n    positions: {t: 5}\n    saliences: {t: 2}\n",
        7,
        "A.saliences.t",
    ),
}


def test_every_format_has_a_row() -> None:
    assert set(EXPECTED) == set(MALFORMED) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
class TestCaseReaderContract:
    def test_reads_its_fixture(self, fmt: str) -> None:
        fixture, name, issues, capabilities, stance = EXPECTED[fmt]
        case = _READERS[fmt](FIXTURES / fixture)
        assert isinstance(case, Case)
        assert case.name == name
        assert {i.name: (i.low, i.high) for i in case.issues} == issues
        assert {s.name: s.capability for s in case.stakeholders} == capabilities
        assert case.source == str(FIXTURES / fixture)
        actor, issue, position, salience = stance
        holder = next(s for s in case.stakeholders if s.name == actor)
        assert holder.positions[issue] == pytest.approx(position)
        assert holder.saliences[issue] == pytest.approx(salience)

    def test_positions_lie_on_their_issues(self, fmt: str) -> None:
        case = _READERS[fmt](FIXTURES / EXPECTED[fmt][0])
        for s in case.stakeholders:
            for issue, x in s.positions.items():
                span = case.issue(issue)
                assert span.low <= x <= span.high
                assert 0.0 <= s.saliences[issue] <= 1.0

    def test_reads_the_same_case_every_time_and_by_read_case(self, fmt: str) -> None:
        path = FIXTURES / EXPECTED[fmt][0]
        assert _READERS[fmt](path) == _READERS[fmt](path) == read_case(path, fmt)
        assert read_case(path) == read_case(path, fmt)  # the format is detected

    def test_a_malformed_value_names_file_line_and_field(self, fmt: str, tmp_path: Path) -> None:
        name, text, line, field = MALFORMED[fmt]
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            _READERS[fmt](path)
        assert [(p.file, p.line, p.field) for p in caught.value.problems] == [
            (str(path), line, field)
        ]

    def test_an_empty_file_is_refused_naming_it(self, fmt: str, tmp_path: Path) -> None:
        path = tmp_path / ("empty" + Path(MALFORMED[fmt][0]).suffix)
        path.write_text("", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            _READERS[fmt](path)
        assert {p.file for p in caught.value.problems} == {str(path)}

    def test_a_missing_file_is_an_input_error(self, fmt: str, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="file not found"):
            _READERS[fmt](tmp_path / "absent.txt")


#: format: (file name, text saved as Latin-1, line of its first non-UTF-8 byte)
NOT_UTF8: dict[str, tuple[str, str, int]] = {
    "bdm": ("latin1.csv", "Actor,Capability,Position,Salience\nA,1,0,0.5\nZürich,1,9,0.5\n", 3),
    "ktab": ("latin1.csv", "Actor,Description,Power,Pstn1,Sal1\nA,,1,10,50\nB,Genève,1,2,5\n", 3),
    "decide": ("latin1.txt", "#A\tN\n#P\tx\n#D\tN\tx\t10\t0.5\t1\n#/\tcafé\n", 4),
    "deu": ("latin1.csv", "issue;pA;sA\nfish;0;50\ncrème;10;50\n", 3),
    "yaml": ("latin1.yaml", "issues:\n  - {name: t, low: 0, high: 10}\nname: Café\n", 3),
}

#: format: (file name, valid header lines, a row with `HUGE` where a 10 MB field goes, its line)
HUGE_ROW: dict[str, tuple[str, str, str, int]] = {
    "bdm": ("huge.csv", "Actor,Capability,Position,Salience", 'A,1,"HUGE",0.5', 2),
    "ktab": ("huge.csv", "Actor,Description,Power,Pstn1,Sal1", 'A,"HUGE",1,10,50', 2),
    "decide": ("huge.txt", "#A\tN\n#P\tx", "#D\tN\tx\tHUGE\t0.5\t1", 3),
    "deu": ("huge.csv", "issue;pA;sA", 'fish;"HUGE";50', 2),
    "yaml": ("huge.yaml", "issues:", "  - {name: t, low: 0, high: HUGE}", 2),
}


def test_every_format_has_an_encoding_and_a_huge_field_row() -> None:
    assert set(NOT_UTF8) == set(HUGE_ROW) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_that_is_not_utf8_is_refused_at_its_line(fmt: str, tmp_path: Path) -> None:
    name, text, line = NOT_UTF8[fmt]
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_case(path, fmt)
    assert [(p.file, p.line) for p in caught.value.problems] == [(str(path), line)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_over_the_size_limit_is_refused_before_parsing(fmt: str, tmp_path: Path) -> None:
    name, header, row, _ = HUGE_ROW[fmt]
    path = tmp_path / name
    path.write_text(f"{header}\n{row.replace('HUGE', 'x' * (5 << 20))}\n", encoding="utf-8")
    with pytest.raises(InputError, match="larger than 4,194,304 bytes") as caught:
        read_case(path, fmt)
    assert [p.file for p in caught.value.problems] == [str(path)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_1_mb_field_is_a_short_error_at_its_line(fmt: str, tmp_path: Path) -> None:
    name, header, row, line = HUGE_ROW[fmt]
    path = tmp_path / name
    size = 2**18 if fmt == "yaml" else 2**20  # PyYAML takes ~25 s to parse 10 MB
    path.write_text(f"{header}\n{row.replace('HUGE', 'x' * size)}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_case(path, fmt)
    assert [(p.file, p.line) for p in caught.value.problems][:1] == [(str(path), line)]
    assert len(str(caught.value)) < 1000  # the value is cut, not echoed
