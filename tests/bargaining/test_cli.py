"""The bargaining commands through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.cli.bargaining import register

from .conftest import FIXTURES

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    return app


def test_main_app_has_the_commands() -> None:
    main = pytest.importorskip("accord.cli.main")
    names = set(main.COMMANDS)
    assert {"forecast", "negotiate", "backtest"} <= names


def test_forecast_json_single_model(app: typer.Typer) -> None:
    res = runner.invoke(
        app, ["forecast", str(FIXTURES / "tiny.csv"), "--model", "compromise", "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["case"] == "tiny" and [r["model"] for r in data["results"]] == ["compromise"]
    issue = data["results"][0]["issues"][0]
    assert issue["forecast"] == pytest.approx(34.5238, abs=1e-3)
    assert issue["rounds"] == [] and issue["label"] == f"{issue['forecast']:g}"


def test_forecast_eum_rounds_and_plot(app: typer.Typer, tmp_path: Path, shared: Path) -> None:
    png = tmp_path / "eum.png"
    res = runner.invoke(
        app,
        [
            "forecast",
            str(shared / "bdm1994-eu-emissions.csv"),
            "--model",
            "eum",
            "--rounds",
            "8",
            "--q",
            "1.0",
            "--json",
            "--output",
            str(png),
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    rounds = data["results"][0]["issues"][0]["rounds"]
    assert [r["round"] for r in rounds] == list(range(1, 9))
    assert rounds[0]["median"] == pytest.approx(8.42, abs=0.01)
    assert len(rounds[0]["positions"]) == 10
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_forecast_all_table(app: typer.Typer) -> None:
    res = runner.invoke(app, ["forecast", str(FIXTURES / "tiny.yaml")])
    assert res.exit_code == 0, res.output
    for name in ("median", "compromise", "nbs", "ks", "eum", "exchange"):
        assert name in res.output


def test_forecast_bad_input_exit_code(app: typer.Typer) -> None:
    res = runner.invoke(app, ["forecast", str(FIXTURES / "bad.csv")])
    assert res.exit_code == 1
    assert "bad.csv:3" in res.output
    assert "Traceback" not in res.output


def test_forecast_unknown_model_suggests_the_close_one(app: typer.Typer) -> None:
    res = runner.invoke(app, ["forecast", str(FIXTURES / "tiny.csv"), "--model", "medain"])
    assert res.exit_code == 1
    assert "unknown model 'medain' (did you mean 'median'?)" in res.output


def test_forecast_plot_keeps_working_as_a_hidden_alias(app: typer.Typer, tmp_path: Path) -> None:
    png = tmp_path / "f.png"
    res = runner.invoke(app, ["forecast", str(FIXTURES / "tiny.yaml"), "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert "--plot is deprecated; use --output" in res.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "--plot" not in runner.invoke(app, ["forecast", "--help"]).output


def test_negotiate_json(app: typer.Typer) -> None:
    res = runner.invoke(app, ["negotiate", str(FIXTURES / "pie.yaml"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["agreement"]["share"] == pytest.approx(0.5263, abs=1e-4)
    assert data["trace"][0]["agent"] == "A"
    # u(A) + u(B) = 1: on the frontier, whatever the grid's spacing
    assert data["distance_to_frontier"] == 0.0
    assert data["nash"]["outcome"]["share"] == pytest.approx(0.5, abs=0.01)


def test_negotiate_mediated_table(app: typer.Typer) -> None:
    res = runner.invoke(app, ["negotiate", str(FIXTURES / "mediated.yaml")])
    assert res.exit_code == 0, res.output
    assert "Nash point" in res.output


def test_negotiate_bad_strategy(app: typer.Typer, tmp_path: Path) -> None:
    bad = tmp_path / "s.yaml"
    bad.write_text((FIXTURES / "pie.yaml").read_text().replace("rubinstein", "telepathy", 1))
    res = runner.invoke(app, ["negotiate", str(bad)])
    assert res.exit_code == 1
    assert "A.strategy" in res.output
    assert "unknown strategy 'telepathy'" in res.output


def test_backtest_json(app: typer.Typer) -> None:
    res = runner.invoke(app, ["backtest", str(FIXTURES), "--json"])
    # bad.csv is in the folder: the others are scored, it is named, and the status says so
    assert res.exit_code == 1
    folder = json.loads(res.output)
    assert folder["cases"] >= 1
    (bad,) = [u for u in folder["unreadable"] if u["file"].endswith("bad.csv")]
    assert bad["errors"] and "bad.csv" in bad["errors"][0]
    res = runner.invoke(app, ["backtest", str(FIXTURES / "tiny_deu.csv"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["cases"] == 1
    med = data["models"]["median"]
    assert med["issues"] == 2
    assert med["mae"] == pytest.approx((abs(50 - 40) + abs(100 - 90)) / 2)
    rows = {r["issue"]: r for r in data["issues"]}
    assert (rows["fish"]["actual"], rows["fish"]["forecasts"]["median"]) == (40, 50)
    assert (rows["cars"]["actual"], rows["cars"]["forecasts"]["median"]) == (90, 100)
    shares = [10 / (r["high"] - r["low"]) for r in rows.values()]
    assert med["mae_share"] == pytest.approx(sum(shares) / 2)
    table = runner.invoke(app, ["backtest", str(FIXTURES / "tiny_deu.csv")])
    assert table.exit_code == 0 and "MAE%" in table.output and "fish" in table.output
    # a case without outcomes scores nothing: an error, not a table of NaN (nor NaN in JSON)
    for extra in ([], ["--json"]):
        none = runner.invoke(app, ["backtest", str(FIXTURES / "tiny.csv"), *extra])
        assert none.exit_code == 1 and "none of the 1 case(s) read carries" in none.output


def test_forecast_format_overrides_detection(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "case.txt"  # a YAML case under a name that detection takes for KTAB
    path.write_text((FIXTURES / "tiny.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    res = runner.invoke(app, ["forecast", str(path), "--model", "median", "--json"])
    assert res.exit_code == 1
    res = runner.invoke(
        app, ["forecast", str(path), "--model", "median", "--format", "yaml", "--json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["case"] == "Tiny summit"


@pytest.mark.parametrize("command", ["forecast", "backtest"])
def test_unknown_format_is_refused_with_a_suggestion(app: typer.Typer, command: str) -> None:
    res = runner.invoke(app, [command, str(FIXTURES / "tiny_deu.csv"), "--format", "dec1de"])
    assert res.exit_code == 1
    assert "unknown case format 'dec1de' (did you mean 'decide'?)" in res.output


def test_backtest_format(app: typer.Typer) -> None:
    res = runner.invoke(app, ["backtest", str(FIXTURES / "tiny_deu.csv"), "-f", "deu", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["cases"] == 1
    res = runner.invoke(app, ["backtest", str(FIXTURES / "tiny_deu.csv"), "-f", "bdm", "--json"])
    assert res.exit_code == 1
    assert "missing column(s)" in res.output


def test_forecast_says_who_takes_no_part(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "issues: [{name: x, low: 0, high: 100}, {name: y, low: 0, high: 100}]\n"
        "stakeholders:\n"
        "  - {name: N, capability: 1, positions: {x: 0, y: 0}, saliences: {x: 0.5, y: 0.5}}\n"
        "  - {name: S, capability: 1, positions: {x: 100}, saliences: {x: 0.5}}\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["forecast", str(path), "--model", "median"])
    assert res.exit_code == 0, res.output
    assert "S takes no part in: y (no position given)" in res.output


def test_a_mediated_negotiation_says_when_its_text_was_drafted(app: typer.Typer) -> None:
    # the agreement's step is the mediator's last iteration; the trace's last draft, step 0,
    # is when the text agreed was written: the table said "step 400" beside a trace of step 0
    res = runner.invoke(app, ["negotiate", str(FIXTURES / "mediated.yaml")])
    assert res.exit_code == 0, res.output
    flat = " ".join(res.output.split())
    assert "drafts no party vetoed (the single text)" in flat
    assert "400 (the mediator's last iteration; the text agreed was drafted at step 0)" in flat
