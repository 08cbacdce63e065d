"""Every command of the `accord` app follows one convention (see `accord.cli.common`)."""

from __future__ import annotations

import json
import pathlib
import shlex
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from accord.cli.common import reports_errors
from accord.cli.main import app
from accord.errors import InputError, UnknownNameError

#: Commands that print a result another program may want to read, yet have no `--json`:
#: they only start something (`serve`) or write files and say where.
NO_JSON = {"serve", "relations plot", "world import", "world export", "world reset"}
#: Commands that never open the store (they read the files they are given).
NO_STORE = {
    "forecast",
    "negotiate",
    "backtest",
    "relations affinity",
    "world validate",
    "exercise validate",
}
#: Path options that name something read, or a setting, never an output.
INPUT_PATHS = {"--db", "--mapping", "--file", "--data-dir"}


# Typer ships its own copy of Click, so commands and options are recognised by their shape.
Command = Any


def _commands() -> dict[str, Command]:
    """Every runnable command by its full name ('world show'), groups walked recursively."""
    found: dict[str, Command] = {}

    def walk(cmd: Command, name: str) -> None:
        ctx = typer.Context(cmd)
        names = cmd.list_commands(ctx) if hasattr(cmd, "list_commands") else []
        if names:  # a group (the root loads its commands lazily)
            for sub_name in names:
                walk(cmd.get_command(ctx, sub_name), f"{name} {sub_name}".strip())
        else:
            found[name] = cmd

    walk(typer.main.get_command(app), "")
    return found


COMMANDS = _commands()


def _is_option(param: Any) -> bool:
    return bool(param.param_type_name == "option")


def _options(cmd: Command) -> list[Any]:
    return [p for p in cmd.params if _is_option(p) and not p.hidden]


def _has(cmd: Command, option: str) -> bool:
    return any(option in p.opts for p in _options(cmd))


def test_the_walk_finds_every_group() -> None:
    groups = {name.split()[0] for name in COMMANDS}
    assert groups == {
        "world",
        "events",
        "relations",
        "forecast",
        "negotiate",
        "backtest",
        "simulate",
        "exercise",
        "serve",
    }
    assert len(COMMANDS) == 40


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_text(name: str) -> None:
    cmd = COMMANDS[name]
    assert (cmd.help or "").strip(), f"{name} has no help"
    for param in cmd.params:
        if _is_option(param) and param.hidden:
            continue
        text = getattr(param, "help", None)
        assert (text or "").strip(), f"{name}: {param.name} has no help"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_query_commands_have_json(name: str) -> None:
    assert _has(COMMANDS[name], "--json") == (name not in NO_JSON), name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_db_where_the_store_is_used(name: str) -> None:
    assert _has(COMMANDS[name], "--db") == (name not in NO_STORE), name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_outputs_are_named_output(name: str) -> None:
    for option in _options(COMMANDS[name]):
        annotation = option.type_descriptor.annotation
        is_path = pathlib.Path in (annotation, *getattr(annotation, "__args__", ()))
        if is_path and not INPUT_PATHS & set(option.opts):
            assert option.opts == ["-o", "--output"], f"{name}: {option.opts}"
        if "--output" in option.opts:
            assert option.opts == ["-o", "--output"], f"{name}: {option.opts}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_one_error_guard_everywhere(name: str) -> None:
    callback = COMMANDS[name].callback
    assert callback is not None
    # Typer wraps the function; the original is what `reports_errors` wrapped
    original = getattr(callback, "__wrapped__", callback)
    assert getattr(original, "__wrapped__", None) is not None, f"{name} lacks reports_errors"
    assert original.__code__ is reports_errors(lambda: None).__code__, name


def test_exit_codes_bad_input_1_usage_2(tmp_path: pathlib.Path) -> None:
    runner = CliRunner()
    usage = runner.invoke(app, ["forecast", "--no-such-option"])
    assert usage.exit_code == 2
    missing = runner.invoke(app, ["forecast", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1
    assert "none.csv" in missing.output and "Traceback" not in missing.output


def test_guard_prints_problems_and_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    @reports_errors
    def bad_file() -> None:
        raise InputError.at("not a number", file="case.csv", line=3, field="Power")

    @reports_errors
    def bad_name() -> None:
        raise UnknownNameError("executor", "daks", ("local", "dask"))

    for func in (bad_file, bad_name):
        with pytest.raises(typer.Exit) as caught:
            func()
        assert caught.value.exit_code == 1
    err = capsys.readouterr().err
    assert "case.csv:3 [Power]: not a number" in err
    assert "unknown executor 'daks' (did you mean 'dask'?); known: local, dask" in err


def test_old_option_spellings_are_hidden_aliases(tmp_path: pathlib.Path) -> None:
    simulate = COMMANDS["simulate"]
    hidden = {o for p in simulate.params if _is_option(p) and p.hidden for o in p.opts}
    assert hidden == {"--engine", "--out"}
    serve = COMMANDS["serve"]
    assert _has(serve, "--fill") and not _has(serve, "--seed")
    result = CliRunner().invoke(app, ["simulate", "none.yaml", "--engine", "ray"])
    assert result.exit_code == 1
    assert "--engine is deprecated; use --executor" in result.output
    assert "unknown executor 'ray'" in result.output


@pytest.mark.parametrize(
    "group",
    [
        "",
        "world",
        "events",
        "relations",
        "exercise",
        "forecast",
        "negotiate",
        "backtest",
        "simulate",
        "serve",
    ],
)
def test_group_help_shows_example_commands(group: str) -> None:
    """A first-time user's `accord GROUP --help` (or top-level command's) ends with command
    lines to copy."""
    argv = [*group.split(), "--help"]
    shown = CliRunner().invoke(app, argv, env={"COLUMNS": "120"}).output
    heading = "First steps:" if not group else "Examples:"
    assert heading in shown, shown
    examples = [line.strip() for line in shown.split(heading, 1)[1].splitlines()]
    assert any(line.startswith(f"accord {group}".strip() + " ") for line in examples), shown
    assert "--install-completion" not in shown


_QUERY_COMMANDS = [
    "world summary",
    "world show",
    "world members",
    "world allies",
    "world ties",
    "world sanctions",
    "world treaty",
    "relations dyad",
    "relations partners",
    "relations alerts",
    "relations blocs",
    "relations plot",
]


@pytest.mark.parametrize("command", _QUERY_COMMANDS)
def test_query_help_shows_examples_that_parse(command: str) -> None:
    """Each query command's `--help` ends with command lines to copy, and each of them parses
    (its options exist: a renamed option would leave a broken example)."""
    shown = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"}).output
    assert "Examples:" in shown, shown
    lines = [line.strip() for line in shown.split("Examples:", 1)[1].splitlines()]
    examples = [line for line in lines if line.startswith(f"accord {command} ")]
    assert examples, shown
    for example in examples:
        argv = shlex.split(example)[1:]
        # parse only: --help after the arguments makes click check every option and stop
        checked = CliRunner().invoke(app, [*argv, "--help"])
        assert checked.exit_code == 0, (example, checked.output)


def test_a_bad_choice_reads_plainly() -> None:
    """Typer words a bad choice as pydantic does ('Value error, ...'); the CLI drops that."""
    shown = CliRunner().invoke(app, ["relations", "dyad", "USA", "RUS", "--by", "fortnight"])
    assert shown.exit_code == 2
    flat = " ".join(shown.output.replace("│", " ").split())
    assert "Invalid value for '--by': 'fortnight' is not one of 'day', 'week'" in flat
    assert "Value error" not in flat


def test_json_failures_print_a_json_error(tmp_path: pathlib.Path) -> None:
    """A script reading `--json` output gets the reason on stdout, not nothing."""
    case = tmp_path / "case.csv"
    case.write_text("Actor,Position,Capability,Salience\nA,10,oops,50\nB,90,40,60\n")
    runner = CliRunner()
    bad = runner.invoke(app, ["forecast", str(case), "--json"])
    assert bad.exit_code == 1
    error = json.loads(bad.stdout)["error"]
    assert error["type"] == "InputError"
    assert error["problems_total"] == len(error["problems"]) >= 1
    first = error["problems"][0]
    assert (first["file"], first["line"], first["field"]) == (str(case), 2, "Capability")
    assert "Traceback" not in bad.output
    unknown = runner.invoke(app, ["world", "members", "NO-SUCH-ORG", "--json"])
    assert unknown.exit_code == 1
    assert json.loads(unknown.stdout)["error"]["type"] == "UnknownNameError"
    plain = runner.invoke(app, ["forecast", str(case)])  # no --json: nothing on stdout
    assert plain.exit_code == 1 and plain.stdout == ""


def test_help_paragraphs_wrap_as_one_text() -> None:
    """Typer kept a docstring's line ends: at 80 columns each source line broke twice."""
    shown = CliRunner().invoke(app, ["events", "ingest", "--help"], env={"COLUMNS": "200"}).output
    assert "is reported by name and nothing of it stored; the other files" in shown
    examples = CliRunner().invoke(app, ["events", "--help"], env={"COLUMNS": "200"}).output
    lines = [line.strip() for line in examples.split("Examples:", 1)[1].splitlines()]
    assert sum(line.startswith("accord events ") for line in lines) >= 2  # still one a line
