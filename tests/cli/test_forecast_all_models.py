"""`accord forecast` with every model on a case one model may not run (decide's COP21 shape:
15 stakeholders x 13 issues is more exchange work than allowed): that model is reported as not
run, with why, and every other model's forecast is shown (it stopped the whole command)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from accord.cli.main import app

runner = CliRunner()


def _case(path: Path) -> Path:
    rng = np.random.default_rng(3)
    issues = [f"i{k}" for k in range(13)]
    people = [
        {
            "name": f"A{n}",
            "capability": round(float(rng.uniform(0.1, 1)), 3),
            "positions": {i: round(float(rng.uniform(0, 100)), 2) for i in issues},
            "saliences": {i: round(float(rng.uniform(0.1, 1)), 3) for i in issues},
        }
        for n in range(15)
    ]
    case = {
        "name": "wide",
        "issues": [{"name": i, "low": 0, "high": 100} for i in issues],
        "stakeholders": people,
    }
    path.write_text(yaml.safe_dump(case), encoding="utf-8")
    return path


def test_one_model_refused_the_others_shown(tmp_path: Path) -> None:
    case = _case(tmp_path / "wide.yaml")
    done = runner.invoke(app, ["forecast", str(case), "--json"])
    assert done.exit_code == 0, done.output
    results = {r["model"]: r for r in json.loads(done.output)["results"]}
    assert results["exchange"]["error"].startswith("model 'exchange' on 15 stakeholders x 13")
    assert results["exchange"]["issues"] == []
    people = _people(case)
    issues = [f"i{k}" for k in range(13)]
    positions = np.array([[p["positions"][i] for i in issues] for p in people])
    weights = np.array([[p["capability"] * p["saliences"][i] for i in issues] for p in people])
    mean = (positions * weights).sum(axis=0) / weights.sum(axis=0)
    compromise = {f["issue"]: f["forecast"] for f in results["compromise"]["issues"]}
    assert [compromise[i] for i in issues] == pytest.approx(list(mean))
    text = runner.invoke(app, ["forecast", str(case)], env={"COLUMNS": "300"})
    assert text.exit_code == 0
    assert "exchange: not run: model 'exchange' on 15 stakeholders" in " ".join(text.output.split())
    assert "Forecast: wide" in text.output


def _people(case: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(case.read_text(encoding="utf-8"))["stakeholders"])
