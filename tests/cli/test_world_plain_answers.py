"""World answers a new user reads without guessing: an empty answer is a sentence, not an empty
table, and answers from a world that may be an older default say so (on stderr, so `--json`
stays clean)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app
from accord.world import default_world

runner = CliRunner()
RELEASE_STORE = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "release-0.1.0.duckdb"
CAVEAT = "Answered from the stored world (not recorded, as the store was filled before Accord"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_state_without_allies_gets_a_sentence(tmp_path: Path) -> None:
    db = str(tmp_path / "fresh.duckdb")  # filled with the shipped default world
    done = runner.invoke(app, ["world", "allies", "CHE", "--on", "2020-01-01", "--db", db])
    assert done.exit_code == 0, done.output
    assert _flat(done.stdout) == (
        "Switzerland (CHE) has no ally on 2020-01-01 in the recorded alliances."
    )
    bound = ["world", "allies", "NZL", "--on", "1990-01-01", "--obligation", "non_aggression"]
    done = runner.invoke(app, [*bound, "--db", db])
    assert _flat(done.stdout) == (
        "New Zealand (NZL) has no ally bound by non-aggression on 1990-01-01 in the recorded "
        "alliances."
    )
    # and one with allies still gets the table (ANZUS binds Australia and New Zealand)
    done = runner.invoke(app, ["world", "allies", "NZL", "--on", "1990-01-01", "--db", db])
    assert "Allies of NZL on 1990-01-01: 1 state(s) in 2 binding alliance row(s)" in done.stdout
    assert "ANZUS-DEF" in done.stdout
    assert CAVEAT not in done.output  # this version's default world


def test_no_sanctions_gets_a_sentence_naming_the_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "fresh.duckdb")
    done = runner.invoke(
        app, ["world", "sanctions", "--sender", "che", "--target", "usa", "--db", db]
    )
    assert done.exit_code == 0, done.output
    assert _flat(done.stdout) == "No recorded sanctions regime by CHE on USA is in force on " + (
        f"{_today(done.stdout)}."
    )
    done = runner.invoke(app, ["world", "sanctions", "--on", "1950-01-01", "--db", db])
    assert _flat(done.stdout) == "No recorded sanctions regime is in force on 1950-01-01."
    json_done = runner.invoke(app, ["world", "sanctions", "--target", "CHE", "--db", db, "--json"])
    assert json.loads(json_done.stdout) == []


def _today(text: str) -> str:
    return text.split("in force on ")[1].strip().rstrip(".")


def test_answers_from_a_store_filled_before_origins_were_recorded_carry_a_caveat(
    tmp_path: Path,
) -> None:
    db = tmp_path / "release.duckdb"
    shutil.copyfile(RELEASE_STORE, db)
    done = runner.invoke(app, ["world", "members", "NATO", "--db", str(db), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)  # stdout is the JSON alone
    assert CAVEAT in _flat(done.stderr)
    assert "`accord world reset` replaces it." in _flat(done.stderr)
    # the summary says it in its own last line, once
    summary = runner.invoke(app, ["world", "summary", "--db", str(db)])
    assert CAVEAT not in _flat(summary.output)
    assert "World: not recorded, as the store was filled before Accord" in _flat(summary.output)


def test_ties_name_obligations_suspended_between_the_two(tmp_path: Path) -> None:
    """ANZUS binds the United States and New Zealand on paper; since 1986-08-11 the United
    States' obligations towards New Zealand are suspended, which `ties` now says instead of
    listing a shared treaty beside "Alliances: none" unexplained."""
    from accord.world import default_world
    from accord.world.reports import PairSuspension, tie_report

    world = default_world()
    anzus = tie_report(world, "USA", "NZL", dt.date(1986, 8, 11)).suspended
    assert [(s.treaty, s.party, s.toward, s.since, s.until) for s in anzus] == [
        ("ANZUS", "USA", "NZL", dt.date(1986, 8, 11), None)
    ]
    assert "1986" in anzus[0].source
    assert tie_report(world, "USA", "NZL", dt.date(1986, 8, 10)).suspended == ()
    assert tie_report(world, "AUS", "NZL", dt.date(1990, 1, 1)).suspended == ()
    # Russia suspended the CFE towards every party (2007-12-12 until its withdrawal)
    cfe = tie_report(world, "RUS", "USA", dt.date(2010, 1, 1)).suspended
    assert [(s.treaty, s.party, s.toward) for s in cfe] == [("CFE", "RUS", None)]
    assert isinstance(cfe[0], PairSuspension)
    db = str(tmp_path / "fresh.duckdb")
    done = runner.invoke(app, ["world", "ties", "USA", "NZL", "--on", "1990-01-01", "--db", db])
    assert "Suspended between them: ANZUS obligations, by USA towards NZL since 1986-08-11." in (
        _flat(done.stdout)
    )
    data = json.loads(
        runner.invoke(
            app, ["world", "ties", "RUS", "USA", "--on", "2010-01-01", "--db", db, "--json"]
        ).stdout
    )
    assert [(s["treaty"], s["toward"], s["since"]) for s in data["suspended"]] == [
        ("CFE", None, "2007-12-12")
    ]


def test_rows_sharing_a_caveat_share_one_note(tmp_path: Path) -> None:
    """The BBNJ's signature-only rows all carry the same caveat (the source's UN status data end
    with the instruments of 2025-10-01): one note names them all instead of one note each."""
    db = str(tmp_path / "fresh.duckdb")
    done = runner.invoke(app, ["world", "treaty", "BBNJ", "--on", "2026-06-01", "--db", db])
    assert done.exit_code == 0, done.output
    flat = _flat(done.stdout)
    assert flat.count("Signed only in the source, whose UN status data end") == 1
    assert "Note on AGO, AND, ARG, ARM, AUS, AUT," in flat
    assert "Note on JPN: Deposit day from two secondary sources" in flat


def test_notes_about_later_events_say_so_on_a_past_date(tmp_path: Path) -> None:
    from accord.cli.world import as_of

    note = "Instrument of withdrawal received 2025-07-10, effective 2026-01-10"
    assert as_of(note, dt.date(2015, 1, 1)) == f"after 2015-01-01: {note}"
    assert as_of(note, dt.date(2026, 2, 1)) == note
    assert as_of("Disputes the 2025 snapback", dt.date(2024, 12, 31)).startswith("after ")
    assert as_of("Disputes the 2025 snapback", dt.date(2025, 1, 1)) == "Disputes the 2025 snapback"
    assert as_of("Rule 2099-13-45 is no day", dt.date(2000, 1, 1)) == "Rule 2099-13-45 is no day"
    assert as_of(None, dt.date(2000, 1, 1)) == ""
    db = str(tmp_path / "fresh.duckdb")
    past = runner.invoke(app, ["world", "show", "FIN", "--on", "2015-01-01", "--db", db])
    assert past.exit_code == 0, past.output
    assert "OTTAWA: party: after 2015-01-01: Instrument of withdrawal" in _flat(past.stdout)
    now = runner.invoke(app, ["world", "show", "FIN", "--on", "2026-06-01", "--db", db])
    assert "after 2026-06-01" not in _flat(now.stdout)


def test_the_summary_counts_contracting_states_of_a_treaty_not_in_force(tmp_path: Path) -> None:
    """The CTBT showed 'parties 0' beside 187 signatories: not in force, it binds nobody, but
    178 states have ratified it (contracting States, VCLT art. 2(1)(f))."""
    done = CliRunner().invoke(
        app,
        ["world", "summary", "--on", "2026-12-01", "--json", "--db", str(tmp_path / "s.duckdb")],
    )
    assert done.exit_code == 0, done.output
    treaties = {t["code"]: t for t in json.loads(done.output)["treaties"]}
    world = default_world()
    ctbt = [s for s in world.treaty_status("CTBT", "2026-12-01") if s.status == "contracting"]
    assert (treaties["CTBT"]["parties"], treaties["CTBT"]["contracting"]) == (0, len(ctbt))
    assert len(ctbt) == 178
    assert treaties["NPT"]["contracting"] == 0  # in force: its ratifiers are parties
