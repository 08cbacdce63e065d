"""The CLI reads well: numbers whole at 80 columns, flags as flags, `accord --help` at once."""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.cli.main import COMMANDS, app, load_command
from accord.events.timeline import TIMELINE_CSV
from tests.conftest import ROOT

runner = CliRunner()
HEAVY = ("duckdb", "pandas", "ibis", "numpy", "scipy", "matplotlib", "fastapi", "pyarrow")


def _accord(*argv: str, db: Path) -> str:
    """Run `accord` in a fresh process at 80 columns and return what it printed."""
    env = {**os.environ, "COLUMNS": "80", "PYTHONPATH": str(ROOT / "src"), "ACCORD_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "accord.cli.main", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the CLI created: the default world and the curated timeline."""
    path = tmp_path_factory.mktemp("views") / "accord.duckdb"
    done = runner.invoke(app, ["events", "stats", "--db", str(path)])
    assert done.exit_code == 0, done.output
    return path


def test_the_dyad_table_keeps_every_number_whole_at_80_columns(db: Path) -> None:
    argv = ("relations", "dyad", "RUS", "UKR", "--by", "year")
    series = json.loads(runner.invoke(app, [*argv, "--json", "--db", str(db)]).output)
    printed = _accord(*argv, db=db)
    assert "…" not in printed and max(map(len, printed.splitlines())) <= 80
    rows = {line.split()[0]: line.split()[1:] for line in printed.splitlines() if line.strip()}
    assert len(series["points"]) >= 10
    for p in series["points"]:
        net = "-" if p["net_cooperation"] is None else f"{p['net_cooperation']:.3f}"
        assert rows[p["period"]][0] == str(p["events"])
        assert rows[p["period"]][-1] == net, (p, rows[p["period"]])


def test_the_partners_and_stats_tables_keep_numbers_whole(db: Path) -> None:
    printed = _accord("relations", "partners", "RUS", db=db)
    assert "…" not in printed and re.search(r"UKR +\d+ +\d+ +\d+ +-?\d\.\d\d +-?\d\.\d{3}", printed)
    stats = _accord("events", "stats", db=db)
    rows = len(TIMELINE_CSV.read_text(encoding="utf-8").splitlines()) - 1
    assert "…" not in stats and re.search(
        rf"curated +{rows:,} +2013-01-\d\d +20\d\d-\d\d-\d\d", stats
    )


def test_a_wide_text_column_wraps_instead_of_the_dates(db: Path) -> None:
    printed = _accord("events", "timeline", "--actor", "Ukraine", "--from", "2022-02-24", db=db)
    assert "…" not in printed and max(map(len, printed.splitlines())) <= 80
    assert re.search(r"TL-\d{4} +2022-02-24 +RUS +UKR +\d{3}", printed)


def _all_commands() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        cmd = load_command(name)
        subs = cmd.list_commands(typer.Context(cmd)) if hasattr(cmd, "list_commands") else []
        found += [(name, sub) for sub in subs] or [(name,)]
    return found


@pytest.mark.parametrize("argv", _all_commands(), ids=" ".join)
def test_no_bool_metavar_in_help(argv: tuple[str, ...]) -> None:
    shown = runner.invoke(app, [*argv, "--help"])
    assert shown.exit_code == 0, shown.output
    assert "--help" in shown.output and "<bool>" not in shown.output


def test_the_root_help_lists_each_command_with_its_own_help() -> None:
    for name, entry in COMMANDS.items():
        cmd = load_command(name)
        own = cmd.help if cmd.help else inspect.getdoc(cmd.callback) or ""
        assert own.strip().splitlines()[0] == entry.help, name
    shown = runner.invoke(app, ["--help"])
    assert all(name in shown.output for name in COMMANDS)


def test_accord_help_imports_no_heavy_library() -> None:
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "import accord.cli.main\n"
        "took = time.perf_counter() - t\n"
        "from typer.testing import CliRunner\n"
        "assert CliRunner().invoke(accord.cli.main.app, ['--help']).exit_code == 0\n"
        f"print(took, [m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    took, heavy = done.stdout.split(" ", 1)
    assert heavy.strip() == "[]"
    # 0.1-0.2 s on an idle machine; the bound leaves room for a loaded CI runner
    assert float(took) < 0.5
