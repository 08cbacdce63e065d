"""A first-time user reads every printed figure with what it measures, and every empty or failed
answer with what to try next (the tour of README.md, docs/)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accord.cli.main import COMMANDS, app, load_command
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the CLI created: the default world and the curated timeline."""
    path = tmp_path_factory.mktemp("first-hour") / "accord.duckdb"
    done = runner.invoke(app, ["events", "stats", "--db", str(path)])
    assert done.exit_code == 0, done.output
    return path


def _run(*argv: str) -> str:
    """What `accord argv` printed at a width where each legend stays on one line."""
    done = runner.invoke(app, list(argv), env={"COLUMNS": "400"})
    assert done.exit_code == 0, done.output
    return done.output


def test_closest_partners_say_what_their_score_is(db: Path) -> None:
    shown = _run("world", "show", "FIN", "--on", "2024-01-01", "--db", str(db))
    assert "Status: un member; region: Europe / Northern Europe; COW code 375" in shown
    # 876 curated events, none of Finland's in 2023: partners by formal ties, NATO allies first
    assert "Main partners (formal-tie score from -1 to 1: alliances, shared organizations" in (
        shown
    )
    assert "BEL 1.00" in shown


def test_stats_and_partners_explain_their_columns(db: Path) -> None:
    stats = _run("events", "stats", "--db", str(db))
    assert "countries: distinct source countries; no src/tgt country" in stats
    partners = _run("relations", "partners", "CHN", "--top", "1", "--db", str(db))
    assert partners.count("net coop: (cooperation - conflict) / events, -1 to 1") == 1


def test_blocs_name_their_four_figures(db: Path) -> None:
    argv = ("relations", "blocs", "--from", "2022-01-01", "--to", "2022-12-31", "--min-events", "1")
    shown = _run(*argv, "--bootstrap", "2", "--db", str(db))
    for figure in ("polarisation: share", "balance: 1 -", "frustrated edges: share", "stability:"):
        assert figure in shown, shown


def test_no_alerts_says_what_was_required_and_what_to_try(db: Path) -> None:
    shown = _run("relations", "alerts", "--db", str(db))
    assert shown.startswith("no alerts: no dyad month with at least 5 events scored z <= -2 (")
    assert "try --by year --min-events 2 --min-history 2" in shown


def test_alerts_help_says_what_the_default_count_model_does() -> None:
    # the summary described the spread rule ("standard deviations below their baseline")
    shown = " ".join(_run("relations", "alerts", "--help").split())
    assert "by default a count model's p-value, read as a z-score" in shown
    assert "an alert fires when z <= -THRESHOLD" in shown
    assert "standard deviations below their baseline" not in shown


def test_backtest_says_what_mae_is() -> None:
    shown = _run("backtest", str(ROOT / "cases"))
    flat = " ".join(shown.split())
    assert "MAE%: mean absolute error of the forecast against the recorded outcome" in flat
    assert "MAE: the same in each issue's own units" in flat
    rows = {line.split()[0]: line.split()[1:] for line in shown.splitlines() if line.strip()}
    assert rows["ks"] == ["15.0", "54.870", "2"]  # MAE% of scale, MAE in issue units, issues
    assert rows["exchange"] == ["13.3", "67.937", "2"]


def test_an_undetected_file_points_at_the_csv_mapping(tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "my-events.csv"
    sheet.write_text("id,date,actor1,actor2,code\ne1,2024-03-01,FRA,DEU,042\n", encoding="utf-8")
    done = runner.invoke(app, ["events", "ingest", str(sheet), "--db", str(db)])
    assert done.exit_code == 1
    assert "5 comma-separated columns" in done.output
    assert "a CSV of your own is read with a column mapping (--mapping FILE" in done.output


def test_summary_marks_lists_recorded_in_part(db: Path) -> None:
    # organizations' memberships and treaties' participation alike (IMF: 191 members, fewer
    # recorded): the count is of those recorded, and the summary says so
    from accord.world import default_world
    from accord.world.coverage import Coverage

    argv = ("world", "summary", "--on", "2024-06-01", "--db", str(db))
    answer = json.loads(_run(*argv, "--json"))
    shown = _run(*argv).splitlines()
    world = default_world()
    partial = {t.code for t in world.treaties if t.coverage is Coverage.PARTIAL}
    partial |= {o.code for o in world.organizations if o.coverage is Coverage.PARTIAL}
    assert {"IMF", "WORLDBANK", "IAEA", "GENEVA"} <= partial
    listed = {t["code"] for t in answer["treaties"]} | {o["code"] for o in answer["organizations"]}
    starred = {line.split()[0] for line in shown if line.rstrip().endswith("*")}
    assert starred == partial & listed
    in_json = {
        e["code"]
        for e in answer["treaties"] + answer["organizations"]
        if e["coverage"] == "partial"
    }
    assert in_json == partial & listed
    assert "* membership or participation recorded in part only" in "\n".join(shown)


def test_partial_lists_say_a_missing_state_is_not_recorded(db: Path) -> None:
    members = " ".join(
        _run("world", "members", "IMF", "--on", "2024-06-01", "--db", str(db)).split()
    )
    assert "Members of IMF on 2024-06-01: " in members and " recorded" in members
    # every current IMF member is recorded; Cuba's spell (1946-1964) is not, nor is that of a
    # former state (Democratic Yemen), named only on days it existed
    assert "Membership recorded here is partial: IMF may have 1 member not recorded (CUB)." in (
        members
    )
    in_1980 = " ".join(
        _run("world", "members", "IMF", "--on", "1980-01-01", "--db", str(db)).split()
    )
    assert "IMF may have 2 members not recorded (CUB, YMD)." in in_1980
    g77 = " ".join(_run("world", "members", "G77", "--on", "2024-06-01", "--db", str(db)).split())
    assert "Membership recorded here is partial: G77 has members this list does not name" in g77
    skies = " ".join(_run("world", "treaty", "OPENSKIES", "--db", str(db)).split())
    assert "Participation recorded here is partial: 1 participant not recorded (SWE)." in skies
    # The Czech Republic is on no row of the Geneva Conventions' partial list: unknown, not "not
    # a party" (France, the earlier example, is recorded since wave 13)
    shown = " ".join(_run("world", "show", "CZE", "--on", "2010-01-01", "--db", str(db)).split())
    assert (
        "Not named on the partial lists of G77, GENEVA: whether CZE is a member or party there "
        "is not recorded here." in shown
    )
    profile = json.loads(
        _run("world", "show", "CZE", "--on", "2010-01-01", "--db", str(db), "--json")
    )
    assert profile["unrecorded"] == ["G77", "GENEVA"]
    # a state on every partial list it belongs to has none
    usa = json.loads(_run("world", "show", "USA", "--on", "2010-01-01", "--db", str(db), "--json"))
    assert "IMF" not in usa["unrecorded"] and "GENEVA" not in usa["unrecorded"]


def test_forecast_of_a_folder_asks_for_a_file() -> None:
    done = runner.invoke(app, ["forecast", str(ROOT / "cases")])
    assert done.exit_code == 1
    assert "cases: is a folder: name one case file in it" in done.output


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["relations", "dyad", "USA", "RUS", "--from", "2023-13-01"], "--from"),
        (["relations", "partners", "USA", "--to", "2023-02-30"], "--to"),
        (["relations", "alerts", "--from", "yesterday"], "--from"),
        (["events", "timeline", "--to", "2023-1-5"], "--to"),
        (["world", "show", "USA", "--on", "2023-13-01"], "--on"),
        (["world", "treaty", "PARIS", "--on", "2020/12/01"], "--on"),
    ],
)
def test_a_bad_date_is_a_usage_error_naming_its_option(
    db: Path, argv: list[str], option: str
) -> None:
    done = runner.invoke(app, [*argv, "--db", str(db)], env={"COLUMNS": "200"})
    assert done.exit_code == 2, done.output
    assert "expected a date as YYYY-MM-DD" in done.output
    assert f"Invalid value for '{option}'" in done.output


def test_exercise_scores_and_tables_say_what_they_are(tmp_path: Path) -> None:
    tiny = ROOT / "tests" / "exercises" / "fixtures" / "tiny.yaml"
    argv = ["exercise", "play", str(tiny), "--bots", "all", "--seed", "3"]
    shown = _run(*argv, "--db", str(tmp_path / "x.duckdb"))
    assert "Scores: the weighted share of each role's objectives met (- : none set)" in shown
    assert "Tables: the value agreed on each issue, on the scale the exercise sets" in shown
    outcome = json.loads(_run(*argv, "--db", str(tmp_path / "x.duckdb"), "--json"))
    for score in outcome["scores"]:  # each row: its share and "met of set"
        met = sum(o["met"] for o in score["objectives"])
        assert f"{met} of {len(score['objectives'])}" in shown or not score["objectives"]


def test_a_forecast_case_given_to_negotiate_is_named_as_such() -> None:
    done = runner.invoke(app, ["negotiate", str(ROOT / "cases" / "eu-mff-2020.yaml")])
    assert done.exit_code == 1
    assert "looks like a forecast case" in done.output and "accord forecast" in done.output


def test_serve_is_a_command_without_subcommands() -> None:
    shown = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "120"}).output
    assert "Usage: accord serve [OPTIONS]" in [line.strip() for line in shown.splitlines()]
    assert "COMMAND [ARGS]" not in shown and "--install-completion" not in shown


def test_forecast_names_its_models_and_the_plot_it_wrote(tmp_path: Path) -> None:
    png = tmp_path / "eum.png"
    case = ROOT / "cases" / "eu-mff-2020.yaml"
    shown = _run("forecast", str(case), "--model", "all", "-o", str(png))
    assert "nbs: Nash bargaining solution; ks: Kalai-Smorodinsky solution" in shown
    assert "median, mean: of the positions after each round, weighted by capability x" in shown
    assert shown.rstrip().endswith(f"wrote {png}") and png.stat().st_size > 0


def test_the_one_issue_exchange_note_names_the_weighted_mean() -> None:
    case = ROOT / "cases" / "eu-mff-2020.yaml"
    shown = json.loads(_run("forecast", str(case), "--model", "exchange", "--json"))
    (result,) = shown["results"]
    assert result["notes"] == [
        "one issue: no trade is possible (an exchange needs two issues), so the forecast is the "
        "capability x salience weighted mean of the positions (what Stokman and Van Oosten call "
        "the issue's Nash bargaining solution; the nbs model's differs)"
    ]


def test_alerts_say_what_baseline_p_and_z_are(db: Path) -> None:
    argv = ("relations", "alerts", "--by", "year", "--min-events", "2", "--min-history", "2")
    shown = _run(*argv, "--db", str(db))
    assert "CHN-USA 2018: net_cooperation -0.714 vs baseline 0.333 (sd 0.406, z -2.11" in shown
    assert "baseline, sd: the value and spread expected from the dyad's previous periods" in shown
    assert "p: the chance of a period at least this far off; z: p as a signed normal score" in shown


def test_creating_a_store_says_so_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    from accord.cli import common

    shown = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=shown, force_terminal=True, width=300))
    path = tmp_path / "new.duckdb"
    assert common._fill_new_store(path) == path and path.exists()
    assert f"creating the store {path} with the default world and the curated timeline" in (
        shown.getvalue()
    )
    shown.truncate(0)
    common._fill_new_store(path)  # an existing store: nothing to say
    assert shown.getvalue() == ""


def test_allies_of_an_organization_points_at_its_members(db: Path) -> None:
    done = runner.invoke(app, ["world", "allies", "NATO", "--db", str(db)], env={"COLUMNS": "200"})
    assert done.exit_code == 2
    assert "NATO is an organization: alliances bind states" in done.output
    assert "accord world members NATO" in done.output


def test_the_timeline_names_an_organization_actor_and_explains_an_empty_answer(db: Path) -> None:
    argv = ("events", "timeline", "--actor", "UKR", "--from", "2022-02-28", "--to", "2022-02-28")
    shown = _run(*argv, "--db", str(db))
    assert " TL-0412 2022-02-28 EU Council UKR 072 " in shown.splitlines()[4]
    empty = _run("events", "timeline", "--from", "2030-01-01", "--db", str(db))
    assert "Curated timeline: 0 events" in empty
    # where the timeline starts and ends (a 2030 start was told "since 2013 only")
    with (Path(__file__).parents[2] / "src/accord/events/data/timeline.csv").open() as handle:
        days = sorted(row["event_date"] for row in csv.DictReader(handle))
    said = f"the timeline holds {len(days)} major events from {days[0]} to {days[-1]}"
    assert f"no curated event matches: {said}" in " ".join(empty.split())


def test_a_mapping_implies_the_csv_format(tmp_path: Path) -> None:
    sheet = tmp_path / "my-events.csv"
    sheet.write_text("id,date,actor1,actor2,code\ne1,2024-03-01,FRA,DEU,042\n", encoding="utf-8")
    mapping = tmp_path / "my-events.yaml"
    mapping.write_text(
        "columns: {event_id: id, event_date: date, source_country: actor1, "
        "target_country: actor2, cameo_code: code}\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "csv.duckdb")
    done = runner.invoke(
        app, ["events", "ingest", str(sheet), "--mapping", str(mapping), "--db", db, "--json"]
    )
    assert done.exit_code == 0, done.output
    (stored,) = json.loads(done.output)["files"]
    assert (stored["format"], stored["stored"]) == ("csv", 1)
    other = ["events", "ingest", str(sheet), "-f", "icews", "--mapping", str(mapping), "--db", db]
    refused = runner.invoke(app, other)
    assert refused.exit_code == 1
    assert "a column mapping serves --format csv only, not --format icews" in refused.output


def test_an_empty_dyad_or_partner_list_says_where_it_looked(db: Path) -> None:
    dyad = _run("relations", "dyad", "USA", "RUS", "--from", "2030-01-01", "--db", str(db))
    assert dyad.startswith("no events between USA and RUS from 2030-01-01 to the last event, ")
    assert "`accord events stats` shows what the store holds" in dyad
    argv = ("relations", "partners", "CHN", "--dataset", "curated", "--to", "2013-01-01")
    shown = _run(*argv, "--db", str(db))
    assert shown.startswith(
        "no events of CHN with another country from the first event to 2013-01-01, dataset curated"
    )


def test_capabilities_keep_a_share_s_decimals_and_name_the_publisher(db: Path) -> None:
    shown = _run("world", "show", "FIN", "--on", "2024-01-01", "--db", str(db)).splitlines()
    share = next(line for line in shown if line.startswith(" military_expenditure_gdp_share "))
    assert share.split() == [
        "military_expenditure_gdp_share",
        "2.30",
        "%",
        "of",
        "GDP",
        "2024",
        "World",
        "Bank",
    ]
    missions = next(line for line in shown if line.startswith(" diplomatic_missions "))
    assert missions.split()[1:4] == ["90", "posts", "2023"]
    assert "source: the publisher; each citation in full with --json" in shown


def test_treaty_explains_each_status(db: Path) -> None:
    shown = _run("world", "treaty", "CTBT", "--on", "2024-01-01", "--db", str(db))
    assert " RUS " in shown and "deratified" in shown
    assert "contracting: consented, the treaty not yet in force for it; signatory: signed" in shown


def test_contested_steps_show_beside_the_table_and_in_profiles(db: Path) -> None:
    # The DPRK's NPT withdrawal (2003) is contested among the parties (UNODA's record): the
    # note was only in --json; a state's profile listed only the treaties binding it.
    treaty = _run("world", "treaty", "NPT", "--on", "2024-01-01", "--db", str(db))
    assert "Note on PRK: Contested withdrawal" in treaty
    profile = _run("world", "show", "PRK", "--on", "2024-01-01", "--db", str(db))
    assert "Treaty notes and other standings (signed only, left, a note on a party):" in profile
    assert "  NPT: withdrawn: Contested withdrawal" in profile
    assert "  UNCLOS: signatory" in profile
    # Russia revoked its CTBT ratification in 2023 and stays a signatory (CTBTO).
    russia = _run("world", "show", "RUS", "--on", "2024-01-01", "--db", str(db))
    assert "  CTBT: deratified: Ratification revoked" in russia
    # as of a date: before its revocation, Russia is simply bound-in-waiting (contracting)
    before = _run("world", "show", "RUS", "--on", "2023-01-01", "--db", str(db))
    assert "  CTBT: contracting" in before


def test_a_treaty_whose_entry_into_force_is_not_recorded_is_not_called_not_in_force(
    db: Path,
) -> None:
    # the Baghdad Pact binds its parties from their accessions (1955); the day the pact itself
    # entered into force was not found: "not in force; 4 party" contradicted itself
    shown = _run("world", "treaty", "BAGHDAD", "--on", "1960-01-01", "--db", str(db))
    assert "in force (the day it entered into force is not recorded); 4 parties, 1 withdrawn" in (
        " ".join(shown.split())
    )
    ctbt = _run("world", "treaty", "CTBT", "--on", "2024-01-01", "--db", str(db))
    assert "2024-01-01: not in force;" in ctbt


def test_a_typo_in_an_organization_names_organizations(db: Path) -> None:
    done = runner.invoke(app, ["world", "members", "NATOO", "--db", str(db)])
    assert done.exit_code == 1
    assert "unknown organization 'NATOO' (did you mean 'NATO'" in done.output  # SEATO, CENTO next
    allies = _run("world", "allies", "NZL", "--on", "2024-06-01", "--db", str(db))
    assert "1 state(s) in 2 binding alliance row(s)" in allies
    dyad = runner.invoke(app, ["relations", "dyad", "USA", "EU", "--db", str(db)])
    assert dyad.exit_code == 1 and "accord world members CODE" in dyad.output


def _commands() -> list[tuple[str, Any]]:
    """Every command under the root (Typer's own Click commands), by its full name."""
    found: list[tuple[str, Any]] = []

    def walk(name: str, command: Any) -> None:
        found.append((name, command))
        for sub, child in (getattr(command, "commands", None) or {}).items():
            walk(f"{name} {sub}", child)

    for name in COMMANDS:
        walk(name, load_command(name))
    return found


def test_every_command_lists_with_a_one_line_summary() -> None:
    # A group's command list shows a command's first paragraph with its line breaks kept:
    # a docstring wrapped mid-sentence read 'party,' / 'withdrawing' in `accord world --help`.
    wrapped = [
        name
        for name, command in _commands()
        if "\n" in (command.help or "").strip().split("\n\n")[0]
    ]
    assert len(_commands()) > 40
    assert wrapped == []


def test_an_empty_status_filter_names_the_standings_there_are(db: Path) -> None:
    # The CTBT is not in force, so nobody is a party; the answer says who holds which standing
    # (CTBTO: on 2024-01-01, 177 states had ratified, Russia had revoked, 9 had only signed).
    shown = _run(
        "world", "treaty", "CTBT", "--on", "2024-01-01", "--status", "party", "--db", str(db)
    )
    assert (
        "not in force; nobody party (all standings: 177 contracting, 1 deratified, 9 signatories)"
        in shown
    )


def test_a_treaty_that_ended_binds_nobody(db: Path) -> None:
    # The INF Treaty terminated on 2019-08-02 on the US withdrawal; New START expired 2026-02-05
    inf = " ".join(_run("world", "treaty", "INF", "--on", "2024-01-01", "--db", str(db)).split())
    assert "on 2024-01-01: ended 2019-08-02 (terminated or expired); 12 ended, 1 withdrawn" in inf
    summary = json.loads(_run("world", "summary", "--on", "2024-01-01", "--db", str(db), "--json"))
    (entry,) = [t for t in summary["treaties"] if t["code"] == "INF"]
    assert (entry["in_force"], entry["ended"], entry["parties"]) == (None, "2019-08-02", 0)
    start = " ".join(
        _run("world", "treaty", "NEWSTART", "--on", "2026-12-06", "--db", str(db)).split()
    )
    assert "ended 2026-02-05 (terminated or expired); 2 ended" in start


def test_an_organization_before_its_founding_says_when_it_was_founded(db: Path) -> None:
    shown = " ".join(
        _run("world", "members", "NATO", "--on", "1945-06-01", "--db", str(db)).split()
    )
    assert "Members of NATO on 1945-06-01: 0" in shown
    assert "NATO was founded on 1949-08-24, after 1945-06-01." in shown


def test_a_suspension_shows_in_the_treaty_table(db: Path) -> None:
    # the United States suspended its ANZUS obligations toward New Zealand in 1986
    shown = " ".join(
        _run("world", "treaty", "ANZUS", "--on", "2000-01-01", "--db", str(db)).split()
    )
    assert "party, obligations suspended toward NZL since 1986-08-11" in shown


@pytest.mark.parametrize("width", ["100", "130", "150", "200"])
def test_treaty_table_keeps_names_and_standings_whole_beside_sources(db: Path, width: str) -> None:
    # a wide terminal adds each row's source; the source column took every column it could,
    # squeezing names and standings to five letters a line ("Afgha / nista / n")
    argv = ["world", "treaty", "GENEVA", "--on", "1952-01-01", "--db", str(db)]
    done = runner.invoke(app, argv, env={"COLUMNS": width})
    assert done.exit_code == 0, done.output
    afghanistan = next(line for line in done.output.splitlines() if line.startswith(" AFG "))
    assert afghanistan.split()[:4] == ["AFG", "Afghanistan", "signatory", "1949-12-08"]
    assert ("Government of the Netherlands" in afghanistan) == (int(width) >= 150)


def test_a_signatory_shows_no_instrument_it_deposits_later(db: Path) -> None:
    # Afghanistan signed the Geneva Conventions in 1949 and ratified in 1956: in 1952 it is a
    # signatory, not a "signatory (ratification)"; once bound, the kind of consent shows
    before = _run("world", "treaty", "GENEVA", "--on", "1952-01-01", "--json", "--db", str(db))
    after = _run("world", "treaty", "GENEVA", "--on", "1958-01-01", "--json", "--db", str(db))
    rows = {
        day: next(r for r in json.loads(out) if r["code"] == "AFG")
        for day, out in (("1952", before), ("1958", after))
    }
    assert (rows["1952"]["status"], rows["1952"]["how"]) == ("signatory", None)
    assert (rows["1958"]["status"], rows["1958"]["how"]) == ("party", "ratification")


def test_summary_counts_the_un_seats_as_the_un_did(db: Path) -> None:
    # 60 UN members on 1955-06-01, two of them Soviet republics (states here from 1991)
    shown = _run("world", "summary", "--on", "1955-06-01", "--db", str(db))
    assert "States: 95 (not un member: 34, un member: 60, un observer: 1)" in shown
    assert "Counted with their UN seats, before their statehood here: BLR, UKR" in shown


def test_a_partial_list_lacks_nobody_before_it_began(db: Path) -> None:
    # In 1930 the IMF (founded 1945-12-27) "may have 1 member not recorded (CUB)" and the
    # Geneva Conventions (signed 1949-08-12) "1 participant not recorded (SMR)": a list that
    # had not begun lacks nobody
    imf = " ".join(_run("world", "members", "IMF", "--on", "1930-01-01", "--db", str(db)).split())
    assert "not recorded" not in imf and "partial" not in imf
    assert "IMF was founded on 1945-12-27, after 1930-01-01." in imf
    argv = ("world", "treaty", "GENEVA", "--on", "1930-01-01", "--db", str(db))
    geneva = " ".join(_run(*argv).split())
    assert "not yet signed (signed on 1949-08-12, after 1930-01-01); nobody" in geneva
    assert "partial" not in geneva and "code name status" not in geneva
    # from the day each list begins, its note names the unrecorded states of that day
    later = " ".join(_run("world", "members", "IMF", "--on", "1980-01-01", "--db", str(db)).split())
    assert "IMF may have 2 members not recorded (CUB, YMD)" in later
    argv = ("world", "treaty", "GENEVA", "--on", "1949-08-12", "--db", str(db))
    # (Viet Nam, once the second example, is recorded since wave 13: the DRV's 1957 accession)
    assert "partial: 1 participant not recorded (SMR)" in " ".join(_run(*argv).split())


def test_a_former_state_is_missing_from_no_list_after_its_end(db: Path) -> None:
    # SFR Yugoslavia ended on 1992-04-27: in 2000 it belongs to nothing, so no partial list can
    # have omitted it (the profile and the ties named five, and printed "COW code None")
    profile = " ".join(_run("world", "show", "YUG", "--on", "2000-01-01", "--db", str(db)).split())
    assert "YUG no longer existed on 2000-01-01: it ended on 1992-04-27." in profile
    assert "Not named on the partial lists" not in profile and "None" not in profile
    ties = _run("world", "ties", "YUG", "USA", "--on", "2000-01-01", "--db", str(db))
    assert "Recorded in part" not in ties
    # while it existed, the lists begun by then may have omitted it
    argv = ("world", "ties", "YUG", "USA", "--on", "1980-01-01", "--db", str(db))
    assert "possibly shared though not listed: ANTARCTIC, G77, IAEA, OST, VCCR." in " ".join(
        _run(*argv).split()
    )


def test_a_profile_on_an_early_date_says_what_held_then(db: Path) -> None:
    # the People's Republic took China's UN seat on 1971-10-25; South Sudan began in 2011
    china = " ".join(_run("world", "show", "CHN", "--on", "1960-01-01", "--db", str(db)).split())
    assert "Not a UN member on 1960-01-01 (status above: today's)." in china
    later = " ".join(_run("world", "show", "CHN", "--on", "1980-01-01", "--db", str(db)).split())
    assert "Not a UN member" not in later
    ssd = " ".join(_run("world", "show", "SSD", "--on", "1990-01-01", "--db", str(db)).split())
    assert "SSD did not exist as a state on 1990-01-01." in ssd


def test_ties_name_the_partial_lists_that_may_hide_a_shared_tie(db: Path) -> None:
    # The Czech Republic and Serbia are both parties to the Geneva Conventions, neither recorded
    # on that partial list (Spain and Estonia, the earlier example, are recorded since wave 13)
    ties = json.loads(
        _run("world", "ties", "CZE", "SRB", "--on", "2024-06-01", "--db", str(db), "--json")
    )
    assert "GENEVA" in ties["unrecorded"] and "GENEVA" not in {
        t["code"] for t in ties["shared_treaties"]
    }
    assert "WORLDBANK" not in ties["unrecorded"]
    shown = " ".join(
        _run("world", "ties", "CZE", "SRB", "--on", "2024-06-01", "--db", str(db)).split()
    )
    assert "Recorded in part, so possibly shared though not listed: " in shown
    assert "GENEVA" in shown
    # two states on every list that may omit them: no note
    fra_gbr = json.loads(
        _run("world", "ties", "FRA", "GBR", "--on", "2024-06-01", "--db", str(db), "--json")
    )
    assert "WORLDBANK" not in fra_gbr["unrecorded"]
