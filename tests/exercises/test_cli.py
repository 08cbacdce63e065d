"""`accord exercise`: list, validate, new, play, advance, debrief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.exercises.session import open_session
from accord.store import Store
from tests.exercises.conftest import FIXTURES, SHIPPED, TINY

runner = CliRunner()


def test_validate_reports_file_line_field(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["exercise", "validate", str(TINY), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["roles"] == 3
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace("turns: 3", "turns: 0"), "utf-8")
    result = runner.invoke(app, ["exercise", "validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:5 [turns]: must be between 1 and 520, got 0" in result.output


def test_play_json_is_the_same_for_the_same_seed() -> None:
    args = ["exercise", "play", str(TINY), "--bots", "all", "--seed", "4", "--json"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    assert json.loads(first.output)["session_id"] == "tiny-play-s4"
    assert runner.invoke(app, [*args[:3], "--bots", "none"]).exit_code == 1


def test_play_of_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["exercise", "play", str(missing)])
    assert result.exit_code == 1
    assert (
        f"{missing}: no such exercise file (shipped exercises, by name or file: " in result.output
    )
    assert "Traceback" not in result.output


def test_shipped_exercises_by_name_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`exercise list` and `play NAME` find the shipped exercises from another folder (they
    looked in ./exercises only), and play keeps its session in the store like every command
    (it played in memory: the session was in no list)."""
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "store.duckdb")
    listed = runner.invoke(app, ["exercise", "list", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    names = {e["name"] for e in json.loads(listed.output)["exercises"]}
    assert {"south-china-sea", "cop-climate-finance", "ceasefire-sanctions"} <= names
    played = runner.invoke(
        app, ["exercise", "play", "south-china-sea", "--seed", "2", "--db", db, "--json"]
    )
    assert played.exit_code == 0, played.output
    assert json.loads(played.output)["session_id"] == "south-china-sea-play-s2"
    sessions = json.loads(runner.invoke(app, ["exercise", "list", "--db", db, "--json"]).output)
    assert [s["session_id"] for s in sessions["sessions"]] == ["south-china-sea-play-s2"]
    typo = runner.invoke(app, ["exercise", "play", "south-china-se", "--db", db])
    assert typo.exit_code == 1
    assert "no such exercise file (did you mean 'south-china-sea'?)" in typo.output


def test_new_advance_debrief_list(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    new = runner.invoke(
        app, ["exercise", "new", str(TINY), "--player", "PHL=ana", "--db", db, "--json"]
    )
    assert new.exit_code == 0, new.output
    started = json.loads(new.output)
    assert started["players"] == {"PHL": "ana", "CHN": None, "asean": None}
    sid = started["session_id"]
    turn = runner.invoke(app, ["exercise", "advance", sid, "--db", db, "--json"])
    assert json.loads(turn.output)["next_turn"] == 2
    report = tmp_path / "report.html"
    review = runner.invoke(app, ["exercise", "debrief", sid, "--db", db, "-o", str(report)])
    assert review.exit_code == 0, review.output
    assert "A tiny shoal dispute" in report.read_text(encoding="utf-8")
    listing = json.loads(
        runner.invoke(app, ["exercise", "list", str(SHIPPED), "--db", db, "--json"]).output
    )
    assert [e["name"] for e in listing["exercises"]] == [
        "ceasefire-sanctions",
        "cop-climate-finance",
        "south-china-sea",
    ]
    assert [(s["session_id"], s["turn"]) for s in listing["sessions"]] == [(sid, 2)]
    bad_player = runner.invoke(app, ["exercise", "new", str(TINY), "--player", "PHL", "--db", db])
    assert bad_player.exit_code == 1 and "expected ROLE=NAME" in bad_player.output
    assert FIXTURES.is_dir()


@pytest.mark.parametrize("seed", ["-1", str(2**70)])
def test_a_seed_out_of_range_is_an_error_at_its_field(seed: str) -> None:
    """Found by fuzzing: -1 raised ValueError in numpy, 2**70 a conversion error in the store."""
    result = runner.invoke(app, ["exercise", "play", str(TINY), "--bots", "all", f"--seed={seed}"])
    assert result.exit_code == 1, result.output
    assert f"[seed]: must be between 0 and 9,223,372,036,854,775,807, got {int(seed):,}" in (
        result.output
    )


def test_the_facilitator_clock_from_the_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "clock.duckdb")
    new = runner.invoke(app, ["exercise", "new", str(TINY), "--db", db, "--json"])
    sid = json.loads(new.output)["session_id"]

    def clock(*args: str) -> dict[str, object]:
        out = runner.invoke(app, ["exercise", *args, "--db", db, "--json"])
        assert out.exit_code == 0, out.output
        answer: dict[str, object] = json.loads(out.output)
        return answer

    assert clock("clock", sid)["turn_minutes"] is None  # the tiny exercise has no clock
    extended = clock("extend", sid, "10")
    assert extended["status"] == "running"
    assert 599.0 < float(str(extended["seconds_left"])) <= 600.0
    paused = clock("pause", sid)
    assert (paused["status"], paused["deadline"]) == ("paused", None)
    again = runner.invoke(app, ["exercise", "pause", sid, "--db", db])
    assert again.exit_code == 1 and "paused already" in again.output
    assert clock("resume", sid)["status"] == "running"
    shown = runner.invoke(app, ["exercise", "clock", sid, "--db", db])
    assert f"{sid}: turn 1, running," in shown.output and "minutes left" in shown.output
    bad = runner.invoke(app, ["exercise", "extend", sid, "nan", "--db", db])
    assert bad.exit_code == 1 and "minutes must be non-zero" in bad.output
    unknown = runner.invoke(app, ["exercise", "new", str(TINY), "--player", "CHM=x", "--db", db])
    assert unknown.exit_code == 1 and "unknown role 'CHM'" in unknown.output


def test_new_prints_every_token_whole_on_one_line_at_80_columns(tmp_path: Path) -> None:
    """A token wrapped by the terminal table was broken when copied: each must sit whole on
    one line even with a long player name, as text and in --json."""
    db = str(tmp_path / "tokens.duckdb")
    name = "Ana Maria de la Cruz Santos [PHL delegation]"
    args = ["exercise", "new", str(TINY), "--player", f"PHL={name}", "--db", db]
    shown = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    sid = lines[0].split()[1].rstrip(":")
    assert lines[1].startswith("facilitator token: ")
    printed = {None: lines[1].removeprefix("facilitator token: ")}
    assert lines[-1].startswith("players open the dashboard of `accord serve`")
    assert f"/exercise.html?session={sid}&token=THEIR_TOKEN" in lines[-1]
    for line in lines[3:-1]:
        role, token, who = line.split(maxsplit=2)
        printed[role] = token
        assert who == (name if role == "PHL" else "AI")
    assert list(printed) == [None, "PHL", "CHN", "asean"]
    structured = runner.invoke(app, [*args, "--json"], env={"COLUMNS": "80"})
    started = json.loads(structured.output)
    from_json = {None: started["facilitator_token"], **started["invites"]}
    with Store(db) as store:
        for session, tokens in ((sid, printed), (started["session_id"], from_json)):
            for role, token in tokens.items():
                assert len(token) == 32
                assert open_session(store, session, token).role == role
