"""`accord world ...` end to end through the Typer app, on the mini world in a fresh store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app

runner = CliRunner()


@pytest.fixture
def loaded_db(mini_world_dir: Path, db_path: Path) -> Path:
    result = runner.invoke(app, ["world", "import", str(mini_world_dir), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "imported 33 records" in result.output
    return db_path


def _json(args: list[str]) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_members_json(loaded_db: Path) -> None:
    rows = _json(["world", "members", "NATO", "--on", "2023-06-01", "--db", str(loaded_db)])
    assert isinstance(rows, list)
    assert [(r["code"], r["name"], r["joined"]) for r in rows] == [
        ("DEU", "Germany", "1955-05-06"),
        ("FIN", "Finland", "2023-04-04"),
        ("USA", "United States", "1949-08-24"),
    ]
    partners = _json(
        [
            "world",
            "members",
            "NATO",
            "--on",
            "2020-01-01",
            "--role",
            "partner",
            "--db",
            str(loaded_db),
        ]
    )
    assert [r["code"] for r in partners] == ["FIN"]  # type: ignore[index]


def test_members_table(loaded_db: Path) -> None:
    result = runner.invoke(
        app, ["world", "members", "NATO", "--on", "2024-06-01", "--db", str(loaded_db)]
    )
    assert result.exit_code == 0
    assert "Members of NATO on 2024-06-01: 4" in result.output


def test_show_state_and_org(loaded_db: Path) -> None:
    data = _json(["world", "show", "FIN", "--on", "2024-01-01", "--db", str(loaded_db)])
    assert isinstance(data, dict)
    assert data["kind"] == "state"
    assert [m["code"] for m in data["memberships"]] == ["EU", "NATO"]
    assert {a["code"] for a in data["allies"]} == {"DEU", "USA"}
    org = _json(["world", "show", "nato", "--on", "2024-01-01", "--db", str(loaded_db)])
    assert isinstance(org, dict) and org["kind"] == "organization"
    # Resolving by alias works too.
    by_name = _json(["world", "show", "Russian Federation", "--db", str(loaded_db)])
    assert isinstance(by_name, dict) and by_name["code"] == "RUS"


def test_allies_and_ties(loaded_db: Path) -> None:
    allies = _json(["world", "allies", "USA", "--on", "2024-06-01", "--db", str(loaded_db)])
    assert sorted({r["code"] for r in allies}) == ["DEU", "FIN", "SWE"]  # type: ignore[index]
    consult = _json(
        [
            "world",
            "allies",
            "USA",
            "--on",
            "2005-01-01",
            "--obligation",
            "consultation",
            "--db",
            str(loaded_db),
        ]
    )
    assert [{k: v for k, v in row.items() if k != "source"} for row in consult] == [
        {"code": "FIN", "name": "Finland", "alliance": "US-FIN-TEST", "obligation": "consultation"}
    ]
    assert all(row["source"] for row in consult)
    ties = _json(["world", "ties", "DEU", "RUS", "--on", "2022-03-01", "--db", str(loaded_db)])
    assert isinstance(ties, dict)
    assert [t["code"] for t in ties["shared_treaties"]] == ["PARIS"]
    assert all(t["source_a"] and t["source_b"] for t in ties["shared_treaties"])
    assert [(s["regime"], s["sender"], s["via"]) for s in ties["sanctions"]] == [
        ("EU-RUS-2014", "DEU", "EU")
    ]
    # an actor and itself have no ties to list (its own memberships are `world show`'s)
    same = runner.invoke(app, ["world", "ties", "DEU", "Germany", "--db", str(loaded_db)])
    assert same.exit_code == 1
    assert "ties link two different actors, got DEU twice" in same.output


def test_sanctions_and_treaty(loaded_db: Path) -> None:
    rows = _json(
        ["world", "sanctions", "--target", "RUS", "--on", "2015-01-01", "--db", str(loaded_db)]
    )
    assert [(r["sender"]) for r in rows] == ["EU", "USA"]  # type: ignore[index]
    regimes = len({r["regime"] for r in rows})  # type: ignore[index]
    table = runner.invoke(
        app, ["world", "sanctions", "--target", "RUS", "--on", "2015-01-01", "--db", str(loaded_db)]
    )
    assert f"2 sender-target rows of {regimes} regime" in " ".join(table.output.split())
    rows = _json(["world", "treaty", "PARIS", "--on", "2020-12-01", "--db", str(loaded_db)])
    assert [(r["code"], r["status"]) for r in rows] == [  # type: ignore[index]
        ("DEU", "party"),
        ("RUS", "party"),
        ("USA", "withdrawn"),
    ]
    assert all(r["source"] == "test fixture" for r in rows)  # type: ignore[index]
    args = ["world", "treaty", "PARIS", "--on", "2021-03-01", "--status", "party"]
    parties = _json([*args, "--db", str(loaded_db)])
    assert [r["code"] for r in parties] == ["DEU", "RUS", "USA"]  # type: ignore[index]


def test_summary_json(loaded_db: Path) -> None:
    data = _json(["world", "summary", "--on", "2024-06-01", "--db", str(loaded_db)])
    assert isinstance(data, dict)
    assert data["states"] == 5
    assert {o["code"]: o["members"] for o in data["organizations"]} == {"EU": 3, "NATO": 4}
    # a date past today or before any state says what the answer is (was today's world, or
    # "States: 0" and nothing more)
    for on, said in (
        ("2999-01-01", "2999-01-01 is in the future: this is the world as recorded today"),
        ("0001-01-01", "no state of this world existed on 0001-01-01"),
    ):
        shown = runner.invoke(app, ["world", "summary", "--on", on, "--db", str(loaded_db)])
        assert said in " ".join(shown.output.split())


def test_unknown_code_is_a_clear_error(loaded_db: Path) -> None:
    result = runner.invoke(app, ["world", "show", "ATLANTIS", "--db", str(loaded_db)])
    assert result.exit_code == 1
    assert "unknown actor 'ATLANTIS'" in result.output
    assert "Traceback" not in result.output


def test_bad_date_option(loaded_db: Path) -> None:
    result = runner.invoke(
        app, ["world", "members", "NATO", "--on", "June", "--db", str(loaded_db)]
    )
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_validate_import_export(mini_world_dir: Path, tmp_path: Path, loaded_db: Path) -> None:
    ok = runner.invoke(app, ["world", "validate", str(mini_world_dir)])
    assert ok.exit_code == 0 and "valid" in ok.output
    out = tmp_path / "exported"
    exported = runner.invoke(app, ["world", "export", str(out), "--db", str(loaded_db)])
    assert exported.exit_code == 0, exported.output
    assert (out / "memberships" / "NATO.csv").is_file()
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    (broken / "memberships" / "EU.csv").write_text(
        "member,role,joined,left,suspended,source\nDEU,member,1958-01-01,,,src\nXXX,member,2000-01-01,,,src\n"
    )
    bad = runner.invoke(app, ["world", "validate", str(broken)])
    assert bad.exit_code == 1
    assert "EU.csv:3 [member]: unknown actor XXX" in bad.output
    failed = runner.invoke(app, ["world", "import", str(broken), "--db", str(loaded_db)])
    assert failed.exit_code == 1
    # The store still answers with the world imported before.
    rows = _json(["world", "members", "EU", "--on", "2024-01-01", "--db", str(loaded_db)])
    assert [r["code"] for r in rows] == ["DEU", "FIN", "SWE"]  # type: ignore[index]


def test_reset_restores_the_default_world(loaded_db: Path) -> None:
    result = runner.invoke(app, ["world", "reset", "--db", str(loaded_db)])
    assert result.exit_code == 0, result.output
    rows = _json(["world", "members", "NATO", "--on", "2024-06-01", "--db", str(loaded_db)])
    assert len(rows) == 32  # type: ignore[arg-type]
