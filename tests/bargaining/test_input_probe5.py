"""Malformed bargaining inputs of the fifth probe: tiny weights that underflowed, numbers past the
models' range without a line, booleans read as 1, bounds named by the issue instead of the bad
value, a work-limit message quoting rounds not asked, and backtest folders whose cases without
an outcome, dangling links and FIFOs were passed over without a word."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.api import Settings, create_app
from accord.bargaining import Case, Issue, Stakeholder, forecast_case, model_names, read_case
from accord.bargaining.backtest import NO_OUTCOME, load_cases, load_readable_cases
from accord.bargaining.case import weight_products
from accord.bargaining.protocols.scenario import read_scenario
from accord.cli.bargaining import register
from accord.errors import InputError
from accord.world import read_world_dir

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def _cli() -> typer.Typer:
    """The bargaining commands alone (as tests/bargaining/test_cli.py builds them)."""
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    return app


def _yaml_case(capability: str, salience: str) -> str:
    return (
        "name: tiny\n"
        "issues:\n"
        "  - {name: a, low: 0, high: 10}\n"
        "  - {name: b, low: 0, high: 10}\n"
        "stakeholders:\n"
        f"  - {{name: X, capability: {capability}, positions: {{a: 1, b: 2}},"
        f" saliences: {{a: {salience}, b: {salience}}}}}\n"
        f"  - {{name: Y, capability: 3{capability[1:]}, positions: {{a: 9, b: 8}},"
        f" saliences: {{a: {salience}, b: {salience}}}}}\n"
        f"  - {{name: Z, capability: {capability}, positions: {{a: 4, b: 7}},"
        f" saliences: {{a: {salience}, b: {salience}}}}}\n"
    )


def _one(caught: pytest.ExceptionInfo[InputError]) -> tuple[str, int | None, str | None, str]:
    (problem,) = caught.value.problems
    return (str(problem.file), problem.line, problem.field, problem.message)


# -- 1. tiny capabilities and saliences ---------------------------------------------------------


def test_tiny_weights_are_forecast_as_the_same_case_in_larger_numbers(tmp_path: Path) -> None:
    # capabilities 1e-320 x saliences 1e-10 underflowed to 0: the case was refused, "on issue
    # 'a' every stakeholder's salience (or capability) is 0"; capabilities only weigh relative
    # to each other, so every model forecasts it as it forecasts capabilities of 1e-3
    tiny, large = tmp_path / "tiny.yaml", tmp_path / "large.yaml"
    tiny.write_text(_yaml_case("1e-320", "1e-10"), encoding="utf-8")
    large.write_text(_yaml_case("1e-3", "1e-10"), encoding="utf-8")
    small_case = read_case(tiny)
    assert (small_case.weights() > 0).all()
    found = forecast_case(small_case, model_names())
    expected = forecast_case(read_case(large), model_names())
    for got, want in zip(found.results, expected.results, strict=True):
        assert got.error is None
        for issue in ("a", "b"):
            assert got.value(issue) == pytest.approx(want.value(issue), abs=1e-6), got.model
    compromise = next(r for r in found.results if r.model == "compromise")
    assert compromise.value("a") == pytest.approx((1 + 27 + 4) / 5)  # capabilities 1 : 3 : 1


def test_tiny_saliences_weigh_as_larger_ones_in_the_weighted_models(tmp_path: Path) -> None:
    tiny, large = tmp_path / "tiny.yaml", tmp_path / "large.yaml"
    tiny.write_text(_yaml_case("1e-320", "1e-320"), encoding="utf-8")
    large.write_text(_yaml_case("1e-3", "1e-3"), encoding="utf-8")
    wanted = ["median", "compromise", "nbs", "exchange"]  # salience weighs relatively there
    found = forecast_case(read_case(tiny), wanted).results
    for got, want in zip(found, forecast_case(read_case(large), wanted).results, strict=True):
        for issue in ("a", "b"):
            assert got.value(issue) == pytest.approx(want.value(issue), abs=1e-6), got.model


@pytest.mark.parametrize("model", model_names())
def test_every_model_answers_a_case_of_subnormal_weights(model: str) -> None:
    issues = (Issue("a", 0, 10), Issue("b", 0, 10))
    people = tuple(
        Stakeholder(n, c, {"a": x, "b": 10 - x}, {"a": 1e-320, "b": 2e-320})
        for n, c, x in (("X", 1e-320, 1.0), ("Y", 2e-320, 9.0), ("Z", 1e-320, 5.0))
    )
    result = forecast_case(Case("tiny", issues, people), [model]).results[0]
    assert result.error is None
    assert all(np.isfinite(f.forecast) and 0 <= f.forecast <= 10 for f in result.issues)


def test_weight_products_keep_every_ratio_to_the_last_bit() -> None:
    c = np.array([[0.16, 1e-320], [0.3, 2e-320]])
    s = np.array([[0.8, 1e-320], [0.25, 1e-320]])
    w = weight_products(c, s)
    assert w[0, 0] / w[1, 0] == (0.16 * 0.8) / (0.3 * 0.25)  # a normal column: the same ratio
    assert w[1, 1] == pytest.approx(2 * w[0, 1])  # plain products of the tiny column are 0
    assert (c * s)[:, 1].tolist() == [0.0, 0.0]


# -- 2. numbers past the models' range name their file, line and field --------------------------


DECIDE = "#A\tX\n#A\tY\n#P\ta\n#P\tb\n{rows}"


@pytest.mark.parametrize(
    ("rows", "line", "field", "words"),
    [
        (
            "#D\tX\ta\t10\t0.5\t1e308\n#D\tY\ta\t90\t0.5\t1\n#D\tX\tb\t10\t0.5\t1\n"
            "#D\tY\tb\t90\t0.5\t1\n",
            5,
            "power",
            "power must be a number from 0 to 1e+09, got 1e+308",
        ),
        (
            "#M\ta\t0\n#M\ta\t100\n#M\ta\t1e308\n#D\tX\ta\t10\t0.5\t1\n#D\tY\ta\t90\t0.5\t1\n"
            "#D\tX\tb\t10\t0.5\t1\n#D\tY\tb\t90\t0.5\t1\n",
            7,
            "value",
            "issue bounds must lie within -1e+09 to 1e+09, got 1e+308",
        ),
    ],
)
def test_a_decide_number_past_the_limit_names_its_line(
    tmp_path: Path, rows: str, line: int, field: str, words: str
) -> None:
    path = tmp_path / "case.txt"
    path.write_text(DECIDE.format(rows=rows), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_case(path)
    # was: "case.txt [X]: capability must be a number from 0 to 1e+09" (no line)
    assert _one(caught) == (str(path), line, field, words)


def test_yaml_numbers_past_the_limit_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "issues:\n"
        "  - {name: a, low: 0, high: 10}\n"
        "  - name: b\n"
        "    low: -1e308\n"
        "    high: 10\n"
        "stakeholders:\n"
        "  - {name: X, capability: 1e308, positions: {a: 1}, saliences: {a: 0.5}}\n"
        "  - {name: Y, capability: 1, positions: {a: 9}, saliences: {a: 0.5}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_case(path)
    got = [(p.line, p.field, p.message) for p in caught.value.problems]
    assert got == [
        (4, "b.low", "issue bounds must lie within -1e+09 to 1e+09, got -1e+308"),
        (7, "X.capability", "capability must be a number from 0 to 1e+09, got 1e+308"),
    ]


# -- 3. a boolean is not a number -----------------------------------------------------------------


def test_yaml_booleans_are_refused_where_numbers_go(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "issues:\n"
        "  - {name: a, low: 0, high: 10}\n"
        "  - {name: vote, options: ['no', 'yes']}\n"
        "status_quo: {a: false}\n"
        "stakeholders:\n"
        "  - name: X\n"
        "    capability: true\n"
        "    positions: {a: on, vote: yes}\n"
        "    saliences: {a: 0.5, vote: yes}\n"
        "  - {name: Y, capability: 1, positions: {a: 9, vote: 'no'}, saliences: {a: 1, vote: 1}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_case(path)
    got = sorted((p.line, p.field, p.message) for p in caught.value.problems)
    assert got == [
        (4, "status_quo.a", "expected a number, got the boolean 'false'"),
        (7, "X.capability", "expected a number, got the boolean 'true'"),
        (8, "X.positions.a", "expected a number, got the boolean 'on'"),
        (9, "X.saliences.vote", "expected a number, got the boolean 'yes'"),
    ]  # `vote: yes` as a position is the option named yes, not a boolean


def test_scenario_booleans_are_refused_where_numbers_go(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(
        "issues:\n  - {name: s, low: 0, high: 1}\nparties:\n"
        "  - {name: A, ideal: {s: 1}, discount: true}\n"
        "  - {name: B, ideal: {s: 0}, weights: {s: yes}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_scenario(path)
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [
        (4, "A.discount", "expected a number, got the boolean true"),  # was "got 'True'"
        (5, "B.weights.s", "expected a number, got the boolean true"),
    ]


@pytest.fixture
def client(tmp_path: Path, mini_world_dir: Path) -> Iterator[TestClient]:
    settings = Settings(
        db=tmp_path / "api.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver", "localhost"),
    )
    with TestClient(create_app(settings, world=read_world_dir(mini_world_dir))) as test_client:
        yield test_client


def _people(capability: object = 1) -> list[dict[str, object]]:
    return [
        {"name": "X", "capability": capability, "positions": {"a": 1}, "saliences": {"a": 0.5}},
        {"name": "Y", "capability": 1, "positions": {"a": 9}, "saliences": {"a": 0.5}},
    ]


def test_the_api_refuses_a_boolean_for_a_number(client: TestClient) -> None:
    case = {"issues": [{"name": "a", "low": 0, "high": 10}], "stakeholders": _people(True)}
    r = client.post("/api/forecasts", json={"case": case, "models": ["median"]})
    assert r.status_code == 422  # was 200: true read as capability 1
    (problem,) = r.json()["problems"]
    assert problem["field"] == "body.case.stakeholders.0.capability"
    assert "expected a number, got a boolean" in problem["message"]
    scenario = {
        "issues": [{"name": "s", "low": 0, "high": 1}],
        "parties": [
            {"name": "A", "ideal": {"s": 1}, "discount": True},
            {"name": "B", "ideal": {"s": 0}},
        ],
    }
    r = client.post("/api/negotiations", json=scenario)
    assert r.status_code == 422
    assert [p["field"] for p in r.json()["problems"]] == ["body.parties.0.discount"]


# -- 5. bounds the wrong way round name the bad value's path --------------------------------------


def test_api_issue_bounds_the_wrong_way_name_the_body_path(client: TestClient) -> None:
    issues = [{"name": "a", "low": 0, "high": 10}, {"name": "budget", "low": 50, "high": 10}]
    people = _people()
    for person in people:
        person["positions"] = {"a": 1, "budget": 20}
        person["saliences"] = {"a": 0.5, "budget": 0.5}
    r = client.post("/api/forecasts", json={"case": {"issues": issues, "stakeholders": people}})
    assert r.status_code == 422
    (problem,) = r.json()["problems"]
    assert problem["field"] == "body.case.issues.1.low"  # was body.case.budget
    assert problem["message"] == "issue bounds must satisfy low <= high, got [50.0, 10.0]"


def test_a_case_file_names_the_line_of_low(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "issues:\n  - name: budget\n    high: 10\n    low: 50\n"
        "stakeholders:\n"
        "  - {name: X, capability: 1, positions: {budget: 20}, saliences: {budget: 1}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_case(path)
    # was line 2 (the issue's) and field budget.high, "high must be >= low"
    assert _one(caught) == (str(path), 4, "budget.low", "low (50) must be <= high (10)")
    with pytest.raises(InputError) as built:
        Issue("budget", 50, 10)
    assert built.value.first.field == "budget.low"  # was "budget"


# -- 4. the work limit quotes the rounds asked -----------------------------------------------------


def test_the_work_limit_quotes_the_rounds_asked() -> None:
    names = [f"i{k}" for k in range(3)]
    people = tuple(
        Stakeholder(f"s{j}", 1.0, {n: float(j * 7 % 100) for n in names}, dict.fromkeys(names, 0.5))
        for j in range(60)
    )
    case = Case("big", tuple(Issue(n) for n in names), people, source="cases/big.yaml")
    with pytest.raises(InputError) as caught:
        forecast_case(case, ["exchange"], rounds=50)
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == ("cases/big.yaml", "models")
    assert "(50 rounds asked: the model runs until its positions settle, up to 100 rounds" in (
        problem.message
    )
    assert problem.message.endswith(
        "so fewer rounds do not help): fewer issues or stakeholders, or another model"
    )


# -- 6. backtest folders -----------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "scored.csv").write_bytes((FIXTURES / "tiny_deu.csv").read_bytes())
    (folder / "open.csv").write_bytes((FIXTURES / "tiny.csv").read_bytes())  # no outcome
    (folder / "gone.yaml").symlink_to(folder / "deleted.yaml")
    os.mkfifo(folder / "live.csv")  # opened, it would wait for a writer for ever
    return folder


@pytest.mark.timeout(60)
def test_backtest_names_what_it_does_not_score(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    cases, failed = load_readable_cases(folder)
    assert sorted(c.name for c in cases) == ["open", "scored"]
    assert [(f.name, e.first.message) for f, e in failed] == [
        ("gone.yaml", "a symbolic link to nothing (its target does not exist): passed over"),
        (
            "live.csv",
            "a named pipe (FIFO), not a regular file: passed over, not opened (save the case "
            "to a file)",
        ),
    ]
    with pytest.raises(InputError) as caught:
        load_cases(folder)
    assert [p.file for p in caught.value.problems] == [
        str(folder / "gone.yaml"),
        str(folder / "live.csv"),
    ]
    res = runner.invoke(_cli(), ["backtest", str(folder), "--json"])
    assert res.exit_code == 1  # entries that did not read, as a file that does not
    data = json.loads(res.output)
    assert data["cases"] == 1 and data["skipped"] == 1
    assert data["not_scored"] == [
        {"case": "open", "file": str(folder / "open.csv"), "reason": NO_OUTCOME}
    ]  # was: left out without a word
    assert [u["file"] for u in data["unreadable"]] == [
        str(folder / "gone.yaml"),
        str(folder / "live.csv"),
    ]
    table = runner.invoke(_cli(), ["backtest", str(folder)])
    flat = " ".join(table.output.split())
    assert "open.csv: case 'open': no actual outcome recorded" in flat
    assert flat.count("not scored") == 3  # the case, the link and the pipe
    assert "live.csv: a named pipe (FIFO), not a regular file: passed over" in flat
