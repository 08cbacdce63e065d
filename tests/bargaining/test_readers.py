"""Every reader on a small hand-made fixture, and the precision of its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.bargaining.readers import detect_case_format, read_case
from accord.errors import InputError

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "fmt", "actors", "issues"),
    [
        ("tiny.csv", "bdm", 3, 1),
        ("tiny_ktab.csv", "ktab", 3, 2),
        ("tiny_decide.txt", "decide", 2, 2),
        ("tiny_deu.csv", "deu", 3, 2),
        ("tiny.yaml", "yaml", 2, 2),
    ],
)
def test_fixture_reads(name: str, fmt: str, actors: int, issues: int) -> None:
    path = FIXTURES / name
    assert detect_case_format(path) == fmt
    case = read_case(path)
    assert len(case.stakeholders) == actors
    assert len(case.issues) == issues


def test_ktab_scales_saliences_and_keeps_scenario_name() -> None:
    case = read_case(FIXTURES / "tiny_ktab.csv")
    assert case.name == "Tiny"
    north = case.stakeholders[0]
    assert north.saliences == {"Dim1": 1.0, "Dim2": 0.5}
    assert north.capability == 50


def test_deu_missing_values_outcome_and_reference() -> None:
    case = read_case(FIXTURES / "tiny_deu.csv")
    fr = next(s for s in case.stakeholders if s.name == "FR")
    assert "cars" not in fr.positions
    assert case.outcome == {"fish": 40.0, "cars": 90.0}
    assert case.status_quo == {"fish": 0.0, "cars": 100.0}
    assert fr.saliences["fish"] == pytest.approx(0.4)


def test_yaml_options_and_actor_link() -> None:
    case = read_case(FIXTURES / "tiny.yaml")
    beta = case.stakeholders[1]
    assert beta.positions["venue"] == 2.0
    assert case.stakeholders[0].actor == "USA"
    assert case.issue("venue").label(1.2) == "Vienna"


def test_decide_per_issue_power() -> None:
    case = read_case(FIXTURES / "tiny_decide.txt")
    assert case.capabilities().tolist() == [[1.0, 1.0], [1.0, 1.0]]
    assert case.issue("tax").description == "tax rate"


def test_bdm_errors_name_file_line_field() -> None:
    with pytest.raises(InputError) as err:
        read_case(FIXTURES / "bad.csv")
    problems = {(p.line, p.field) for p in err.value.problems}
    assert problems == {(3, "Capability"), (4, "Salience")}
    assert all(p.file and p.file.endswith("bad.csv") for p in err.value.problems)


def test_yaml_errors_point_at_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "issues:\n  - {name: t, low: 0, high: 10}\nstakeholders:\n"
        "  - name: A\n    capability: 1\n    positions: {t: 12}\n    saliences: {t: 0.5}\n"
    )
    with pytest.raises(InputError) as err:
        read_case(bad)
    p = err.value.first
    assert (p.line, p.field) == (6, "A.positions.t")


_CASE = (
    "name: c\n"
    "issues:\n  - {name: t, low: 0, high: 10}\n"
    "stakeholders:\n"
    "  - {name: A, capability: 1, positions: {t: 2}, saliences: {t: 0.5}}\n"
    "  - {name: B, capability: 2, positions: {t: 8}, saliences: {t: 0.5}}\n"
)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # a misspelt key changed no answer but silently
        (("name: c", "name: c\noutcom: {t: 4}"), [(2, "outcom", "unknown key 'outcom'")]),
        (("high: 10}", "high: 10, colour: red}"), [(3, "t.colour", "unknown key 'colour'")]),
        (("capability: 2,", "capabilty: 2, capability: 2,"), [(6, "B.capabilty", "unknown")]),
        # an issue twice was forecast twice
        (("high: 10}", "high: 10}\n  - {name: t, low: 0, high: 9}"), [(4, "t", "issue 't'")]),
        # no weight on an issue: each model answered something else (median 5, eum 2)
        (("t: 0.5}}\n  - {name: B", "t: 0}}\n  - {name: B"), None),
    ],
)
def test_yaml_case_mistakes_are_named(
    tmp_path: Path, change: tuple[str, str], expected: list[tuple[int | None, str, str]] | None
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(_CASE.replace(*change, 1), encoding="utf-8")
    if expected is None:  # the first stakeholder's salience alone set to 0: still a case
        assert len(read_case(path).stakeholders) == 2
        everyone = _CASE.replace("t: 0.5}", "t: 0}")
        path.write_text(everyone, encoding="utf-8")
        expected = [(None, "t", "on issue 't' every stakeholder's salience")]
    with pytest.raises(InputError) as err:
        read_case(path)
    found = [(p.line, p.field, p.message) for p in err.value.problems]
    assert [(line, field) for line, field, _ in found] == [(e[0], e[1]) for e in expected]
    assert all(message.startswith(e[2]) for (_, _, message), e in zip(found, expected, strict=True))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("[]", "a discrete issue needs at least two options, got 0"),
        ("[Geneva]", "a discrete issue needs at least two options, got 1"),
        ("[Geneva, Oslo, Geneva]", "option 'Geneva' is listed twice"),
        ("Geneva", "options must be a list of option names"),
        ("[Geneva, {city: Oslo}]", "options must be a list of option names"),
    ],
)
def test_yaml_unusable_options_are_one_problem_at_their_line(
    tmp_path: Path, options: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"issues:\n  - name: venue\n    options: {options}\nstakeholders:\n"
        "  - {name: A, capability: 1, positions: {venue: 0}, saliences: {venue: 0.5}}\n"
        "  - {name: B, capability: 1, positions: {venue: 1}, saliences: {venue: 0.5}}\n"
    )
    with pytest.raises(InputError) as err:
        read_case(bad)
    # the values naming the issue are not reported again as an unknown issue
    assert [(p.line, p.field, p.message) for p in err.value.problems] == [
        (3, "venue.options", message)
    ]


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("'#A'\t'N'\n'#P'\t'x'\n'#D'\t'M'\t'x'\t1\t0.5\t1\n", 3, "actor"),
        ("'#A'\t'N'\n'#P'\t'x'\n'#D'\t'N'\t'x'\t1\t1.5\t1\n", 3, "salience"),
        ("'#A'\t'N'\n'#Q'\t'x'\n", 2, "type"),
    ],
)
def test_decide_errors(tmp_path: Path, text: str, line: int, field: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(text)
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert (err.value.first.line, err.value.first.field) == (line, field)


def test_deu_error_names_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("issue;pDE;sDE;out\nfish;150;80;40\n")
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert (err.value.first.line, err.value.first.field) == (2, "pDE")


def test_ktab_error_names_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Actor,Description,Power,Pstn1,Sal1\nA,,1,x,50\n")
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert (err.value.first.line, err.value.first.field) == (2, "Pstn1")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="file not found"):
        read_case(FIXTURES / "nope.csv", fmt="bdm")


# -- decide's #O and #/ rows, scales and missing rows ---------------------------------------
DECIDE_WITH_HEADER = (
    "#O\tCopenhagen negotiations\n"
    "#/\tData collected in October 2009\n"
    "#A\tUSA\tUSA\n#A\tRussia\tRussia\n"
    "#/\tissues\n"
    "#P\tcut\tEmission cut\n#P\taid\tAdaptation aid\n"
    "#D\tUSA\tcut\t10\t0.9\t0.26\n#D\tRussia\tcut\t90\t0.7\t0.013\n"
    "#D\tUSA\taid\t10\t0.8\t0.26\n#D\tRussia\taid\t50\t0\t0.013\n"
)


@pytest.mark.parametrize("quote", ["", "'"])
def test_decide_file_starting_with_o_row_is_detected_and_read(tmp_path: Path, quote: str) -> None:
    path = tmp_path / "copenhagen.csv"
    text = DECIDE_WITH_HEADER.replace("#O", f"{quote}#O{quote}").replace("#/", f"{quote}#/{quote}")
    path.write_text(text, encoding="utf-8")
    assert detect_case_format(path) == "decide"
    case = read_case(path)
    assert case.name == "Copenhagen negotiations"  # from the #O row
    assert case.actor_names == ["USA", "Russia"]
    assert case.issue("cut").description == "Emission cut"
    assert (case.issue("aid").low, case.issue("aid").high) == (0.0, 100.0)  # no #M: 0-100
    russia = case.stakeholders[1]
    assert dict(russia.saliences) == {"cut": 0.7, "aid": 0.0}  # salience 0: takes no part


def test_decide_comment_first_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "case.txt"
    path.write_text(DECIDE_WITH_HEADER.split("\n", 1)[1], encoding="utf-8")
    assert detect_case_format(path) == "decide"
    assert read_case(path).name == "case"


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        (
            "#M\tx\t0\n#M\tx\t100\n#D\tN\tx\t160\t0.5\t1\n",
            5,
            "160 is outside the scale of 'x', [0, 100]",
        ),
        ("#D\tN\tx\t160\t0.5\t1\n", 3, "[0, 100]"),  # no #M rows: decide's 0-100
        ("#D\tN\tx\t8\t0.5\t1\n#M\tx\t0.5\n#M\tx\t7\n", 3, "[0.5, 7]"),  # #M after #D
    ],
)
def test_decide_position_outside_the_scale(
    tmp_path: Path, rows: str, line: int, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("#A\tN\n#P\tx\n" + rows, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert [(p.file, p.line, p.field) for p in err.value.problems] == [(str(bad), line, "position")]
    assert message in err.value.first.message


def test_decide_scale_comes_from_m_rows_not_positions(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("#A\tN\n#P\tx\n#M\tx\t0.5\n#M\tx\t7\n#D\tN\tx\t3\t0.5\t1\n")
    assert (read_case(path).issue("x").low, read_case(path).issue("x").high) == (0.5, 7.0)


def test_decide_actor_without_rows_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("#A\tN\n#A\tS\n#P\tx\n#D\tN\tx\t10\t0.5\t1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_case(bad)
    p = err.value.first
    assert (p.file, p.line, p.field) == (str(bad), 2, "actor")
    assert "'S' has no #D rows" in p.message


def test_decide_actor_with_a_missing_row_is_an_error_naming_the_issue(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "#A\tN\n#A\tS\n#P\tx\n#P\ty\n#P\tz\n#D\tN\tx\t0\t0.5\t1\n#D\tN\ty\t0\t0.5\t1\n"
        "#D\tN\tz\t0\t0.5\t1\n#D\tS\tx\t100\t0.5\t1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert [(p.file, p.line, p.field) for p in err.value.problems] == [(str(bad), 2, "issue")]
    assert err.value.first.message == (
        "actor 'S' has no #D row on issue(s) 'y', 'z' "
        "(give it a row with salience 0 to say it takes no part)"
    )
    assert f"{bad}:2" in str(err.value)


def test_decide_sample_reads_with_its_declared_scales(shared: Path) -> None:
    case = read_case(shared / "decide-sample_data.txt")
    assert (case.issue("tol-hoogte").low, case.issue("tol-hoogte").high) == (0.5, 7.0)
    assert len(case.stakeholders) == 10


# -- out-of-scale positions and missing rows in the other formats ----------------------------
def test_ktab_position_outside_0_100_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Actor,Description,Power,Pstn1,Sal1\nA,,1,10,50\nB,,1,160,50\n")
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert [(p.file, p.line, p.field) for p in err.value.problems] == [(str(bad), 3, "Pstn1")]
    assert "160 is outside [0, 100]" in err.value.first.message


def test_ktab_scenario_line_must_match_the_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text((FIXTURES / "tiny_ktab.csv").read_text().replace(",3,2\n", ",7,9\n", 1))
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert [(p.line, p.field, p.message) for p in err.value.problems] == [
        (1, "actors", "the scenario line declares 7 actor rows, the file has 3"),
        (1, "dims", "the scenario line declares 9 dimensions, the file has 2"),
    ]


def test_bdm_actor_missing_an_issue_row_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Actor,Issue,Capability,Position,Salience\nA,tax,1,0,0.5\nA,aid,1,0,0.5\nB,tax,1,100,0.5\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_case(bad)
    p = err.value.first
    assert (p.file, p.line, p.field) == (str(bad), 4, "Issue")
    assert p.message == "actor 'B' has no row for issue(s) 'aid'"


def test_yaml_stakeholder_without_positions_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "issues:\n  - {name: t, low: 0, high: 10}\nstakeholders:\n"
        "  - {name: A, capability: 1, positions: {t: 5}, saliences: {t: 0.5}}\n"
        "  - {name: B, capability: 1}\n"
    )
    with pytest.raises(InputError) as err:
        read_case(bad)
    assert [(p.line, p.field) for p in err.value.problems] == [(5, "B.positions")]


def test_deu_actor_columns_without_their_partner_are_named(tmp_path: Path) -> None:
    # pNL without sNL, or sFr for sFR, left the actor out of the case, silently
    path = tmp_path / "deu.csv"
    path.write_text("issue;pDE;sDE;pFR;sFr;pNL;xNL\nfish;10;0.5;20;0.5;30;0.5\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_case(path, "deu")
    found = [(p.line, p.field, p.message) for p in err.value.problems]
    case = " differs in case: the names must match)"
    assert found == [
        (1, "pFR", "column 'pFR' has no salience column 'sFR' ('sFr'" + case),
        (1, "sFr", "column 'sFr' has no position column 'pFr' ('pFR'" + case),
        (1, "pNL", "column 'pNL' has no salience column 'sNL'"),
    ]


def test_bdm_capability_may_differ_by_issue_and_extra_fields_are_refused(tmp_path: Path) -> None:
    # the first row's capability was used on every issue; a row with a field too many was read
    path = tmp_path / "bdm.csv"
    rows = "A,I1,1,10,50\nA,I2,3,10,50\nB,I1,2,90,50\nB,I2,2,90,50\n"
    path.write_text("Actor,Issue,Capability,Position,Salience\n" + rows, encoding="utf-8")
    case = read_case(path, "bdm")
    weights = {i: [s.capability_on(i) for s in case.stakeholders] for i in ("I1", "I2")}
    assert weights == {"I1": [1.0, 2.0], "I2": [3.0, 2.0]}
    path.write_text("Actor,Capability,Position,Salience\nA,1,10,50,7\nB,2,90,50,,\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_case(path, "bdm")
    assert [(p.line, p.message) for p in err.value.problems] == [(2, "expected 4 fields, got 5")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a BDM table in any column order and case is BDM (it was taken for KTAB)
        ("issue,actor,capability,position,salience\nfish,A,1,10,50\nfish,B,2,90,50\n", "bdm"),
        ('"Actor","Capability","Position","Salience"\nA,1,10,50\nB,2,90,50\n', "bdm"),
        # a spreadsheet's semicolons and decimal commas: said, not read as DEU III
        ("\ufeffActor;Capability;Position;Salience\r\nA;0,5;10;50\r\n", "semicolons"),
        # prose: no format (it was read as KTAB: "missing column 'Actor'")
        ("# Accord\n\nAccord models diplomatic relations.\n", "cannot tell the case format"),
    ],
)
def test_the_case_format_is_told_from_the_header(tmp_path: Path, text: str, found: str) -> None:
    path = tmp_path / "case.csv"
    path.write_text(text, encoding="utf-8")
    if found == "bdm":
        assert detect_case_format(path) == "bdm"
        assert [s.name for s in read_case(path).stakeholders] == ["A", "B"]
        return
    with pytest.raises(InputError) as err:
        read_case(path)
    assert found in err.value.first.message and err.value.first.line == 1


def test_saliences_mixing_percentages_and_fractions_are_refused(tmp_path: Path) -> None:
    # 50, 70 and 0.5: one salience above 1 made every one a percentage, the 0.5 a 0.005
    path = tmp_path / "bdm.csv"
    path.write_text(
        "Actor,Capability,Position,Salience\nA,1,10,50\nB,1,20,70\nC,1,90,0.5\n", "utf-8"
    )
    with pytest.raises(InputError) as err:
        read_case(path)
    assert err.value.first.message.startswith(
        "saliences mix percentages (above 1) and fractions (0.5)"
    )
    path.write_text("Actor,Capability,Position,Salience\nA,1,10,50\nB,1,20,70\nC,1,90,0\n", "utf-8")
    assert [s.saliences["issue"] for s in read_case(path).stakeholders] == [0.5, 0.7, 0.0]


def test_a_ktab_actor_twice_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    text = (FIXTURES / "tiny_ktab.csv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*text, text[2]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_case(path)
    found = [(p.line, p.field, p.message) for p in err.value.problems]
    assert (len(text) + 1, "Actor", "actor 'North' appears twice (first on line 3)") in found


@pytest.mark.parametrize(
    ("extra", "key", "line"),
    [
        (
            "stakeholders:\n  - {name: Gamma, capability: 1, positions: {tariff: 9}}\n",
            "stakeholders",
            17,
        ),
        ("name: Again\n", "name", 17),
    ],
)
def test_a_yaml_case_key_written_twice_is_refused(
    tmp_path: Path, extra: str, key: str, line: int
) -> None:
    """PyYAML keeps the last of two equal keys: a second `stakeholders:` silently replaced the
    first list (the forecast came from Gamma alone), as every other YAML input refuses."""
    path = tmp_path / "twice.yaml"
    path.write_text((FIXTURES / "tiny.yaml").read_text() + extra)
    with pytest.raises(InputError) as caught:
        read_case(path)
    first = caught.value.problems[0]
    assert (first.file, first.line) == (str(path), line)
    assert f"key '{key}' appears twice in one mapping" in first.message
    nested = tmp_path / "nested.yaml"
    nested.write_text(
        (FIXTURES / "tiny.yaml")
        .read_text()
        .replace("{tariff: 2, venue: Geneva}", "{tariff: 2, tariff: 9, venue: Geneva}")
    )
    with pytest.raises(InputError, match="key 'tariff' appears twice"):
        read_case(nested)


def test_a_yaml_issue_named_twice_is_named_at_its_line(tmp_path: Path) -> None:
    """It said "issue 'tariff' appears twice" with no line."""
    path = tmp_path / "issues.yaml"
    text = (FIXTURES / "tiny.yaml").read_text()
    path.write_text(
        text.replace("  - {name: venue,", "  - {name: tariff, low: 1, high: 5}\n  - {name: venue,")
    )
    with pytest.raises(InputError) as caught:
        read_case(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (str(path), 4, "tariff")
    assert problem.message == "issue 'tariff' appears twice (first on line 3)"
