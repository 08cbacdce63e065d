"""The README's tour of the CLI, run as written, shows something meaningful for every command.

The commands come from the fenced `sh` block under "A tour of the CLI" in README.md. They run in
a copy of the repository's layout (symlinks to `cases/`, `scenarios/`, `tests/` and the shared
data as `../shared/data`) with a fresh store in `$ACCORD_DB`, so files the tour writes stay in a
temporary directory. `accord serve` is left out: it never returns.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_DATA

#: What a command prints when it found nothing: the tour must never end there.
EMPTY = re.compile(
    r"^\s*(no alerts.*|no events (between|of) .*|0 countries.*|\[\]|\{\}|nothing.*)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def tour_commands(readme: str) -> list[str]:
    """Every `accord ...` command of the README's tour, in order, comments dropped and chains
    (`a && b`) split."""
    section = readme.split("## A tour of the CLI", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the tour has no ```sh block"
    commands = []
    for line in block.group(1).splitlines():
        line = line.split("#", 1)[0].strip()
        commands += [part.strip() for part in line.split("&&") if part.strip()]
    assert all(c.startswith("accord ") for c in commands), commands
    return commands


def test_the_tour_parser_reads_comments_and_chains() -> None:
    readme = (
        "x\n## A tour of the CLI\n```sh\n# a\naccord a --on 1  # note\naccord b && accord c\n```"
    )
    assert tour_commands(readme) == ["accord a --on 1", "accord b", "accord c"]


def test_the_empty_pattern_knows_what_nothing_looks_like() -> None:
    assert EMPTY.search("no alerts: no dyad month with at least 5 events moved 2 standard")
    assert EMPTY.search("no events between USA and RUS from 2030-01-01 to the last event, every")
    assert EMPTY.search("no events of CHN with another country from the first event to the last")
    assert not EMPTY.search("IRN-USA 2018: net_cooperation -1.000 vs baseline 0.804")


TOUR = tour_commands(ROOT.joinpath("README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory laid out like a fresh clone beside the shared data."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA}")
    base = tmp_path_factory.mktemp("tour")
    (base / "shared").symlink_to(SHARED_DATA.parent)
    repo = base / "accord"
    repo.mkdir()
    for name in ("cases", "scenarios", "tests"):
        (repo / name).symlink_to(ROOT / name)
    return repo


@pytest.mark.slow
@pytest.mark.parametrize("command", TOUR, ids=range(len(TOUR)))
def test_every_tour_command_says_something(command: str, checkout: Path) -> None:
    if command.startswith("accord serve"):
        pytest.skip("accord serve runs until stopped")
    env = {
        **os.environ,
        "ACCORD_DB": str(checkout / "tour.duckdb"),
        "COLUMNS": "80",
        "PYTHONPATH": str(ROOT / "src"),
    }
    argv = [sys.executable, "-m", "accord.cli.main", *shlex.split(command)[1:]]
    done = subprocess.run(argv, cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    printed = done.stdout.strip()
    assert printed, f"{command} printed nothing"
    assert not EMPTY.search(printed), f"{command} found nothing:\n{printed}"
