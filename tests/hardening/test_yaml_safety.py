"""Every YAML input goes through `accord.safe_yaml`: plain data only, bounded, located errors.

The probe's billion laughs, 10,000-deep nesting and `!!python/object/apply:os.system` are
refused with the file and line by the loader and by each reader that reads YAML (simulation
scenarios, negotiation scenarios, YAML cases, CSV mapping files), on libyaml and on the
pure-Python fallback, fast and without building the expansion.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import accord
from accord import safe_yaml
from accord.bargaining.protocols.scenario import read_scenario
from accord.bargaining.readers import read_case
from accord.errors import InputError
from accord.events.readers.csv_mapped import ColumnMapping
from accord.safe_yaml import MAX_YAML_CHARS, YamlLimits, load_yaml, read_yaml_text
from accord.simulation import parse_scenario

#: 9 aliases of 9 aliases ... 9 levels deep: 9**9 (387 million) strings once expanded.
LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join([f'*{chr(97 + k)}'] * 9)}]"
            for k in range(8)
        ),
    ]
)
DEEP_FLOW = "a: " + "[" * 10_000 + "]" * 10_000
DEEP_BLOCK = "".join(" " * k + "a:\n" for k in range(300))
PYTHON = 'name: !!python/object/apply:os.system ["echo owned"]\n'

CASES = [
    (LAUGHS, 1, "more than 1,000,000 values once its aliases are expanded"),
    (DEEP_FLOW, 1, "nested deeper than 100 levels"),
    (DEEP_BLOCK, None, "nested deeper than 100 levels"),
    (PYTHON, 1, "tag '!!python/object/apply:os.system' is not allowed"),
    ("a: !custom 1\n", 1, "tag '!custom' is not allowed"),
    ("a: !!python/name:os.system x\n", 1, "tag '!!python/name:os.system' is not allowed"),
    # Found by tests/hardening/test_file_fuzz.py: a self-containing value grew without end.
    ("x: &a [*a]\n", 1, "a value that contains itself (an alias inside its own anchor)"),
    ("x:\n  y: &a {k: [1, *a]}\n", 2, "a value that contains itself"),
]


@pytest.fixture(params=["libyaml", "python"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both composers: libyaml's (events checked first) and the pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(safe_yaml, "_FAST", None)
        monkeypatch.setattr(safe_yaml, "_FAST_NO_DATES", None)
    else:
        assert safe_yaml._FAST is not None  # PyYAML ships libyaml wheels
    return str(request.param)


def refused(call: Callable[[], object]) -> InputError:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        call()
    assert time.perf_counter() - start < 2.0
    return info.value


@pytest.mark.parametrize(("text", "line", "message"), CASES)
def test_the_loader_refuses_with_the_line(
    engine: str, text: str, line: int | None, message: str
) -> None:
    error = refused(lambda: load_yaml(text, "x.yaml"))
    assert error.first.file == "x.yaml"
    assert error.first.message.startswith("refused YAML: ")
    assert message in error.first.message
    if line is not None:
        assert error.first.line == line
    else:  # the 101st level of a block mapping, on line 100 or 101 by engine
        assert error.first.line in (100, 101)


def test_a_control_character_is_an_error_at_its_line(engine: str) -> None:
    error = refused(lambda: load_yaml("a: 1\nb: x\x01y\n", "x.yaml"))
    assert (error.first.file, error.first.line) == ("x.yaml", 2)
    assert error.first.message.startswith("invalid YAML: character U+0001 is not allowed (")


def test_an_integer_too_long_for_python_is_an_error_at_its_line(engine: str) -> None:
    error = refused(lambda: load_yaml("a: 1\nb:\n  - " + "9" * 5000 + "\n", "x.yaml"))
    assert (error.first.file, error.first.line) == ("x.yaml", 3)
    assert error.first.message == (
        "invalid YAML: '9999999999999999999999999999999999999999' cannot be read as int: "
        "longer than 4,300 digits"
    )


def test_a_date_that_is_no_date_is_an_error_at_its_line(engine: str) -> None:
    error = refused(lambda: load_yaml("a: 1\nb: {c: 2020-13-45}\n", "x.yaml"))
    assert (error.first.file, error.first.line) == ("x.yaml", 2)
    assert error.first.message == (
        "invalid YAML: '2020-13-45' cannot be read as timestamp: month must be in 1..12"
    )


def test_plain_yaml_still_loads(engine: str) -> None:
    text = "a: &x {b: 1}\nc: *x\nd: {<<: *x, e: 2}\nday: 2024-01-01\nn: [1, 2.5, null, yes]\n"
    data = load_yaml(text)
    assert data["c"] == {"b": 1} and data["d"] == {"b": 1, "e": 2}
    assert data["n"] == [1, 2.5, None, True]
    assert str(data["day"]) == "2024-01-01"
    assert load_yaml(text, dates=False)["day"] == "2024-01-01"
    assert load_yaml("") is None


def test_narrower_limits_apply(engine: str) -> None:
    text = "a: &x [1, 2]\nb: [*x, *x, *x]\n"
    assert load_yaml(text)["b"][2] == [1, 2]
    error = refused(lambda: load_yaml(text, limits=YamlLimits(aliases=2)))
    assert error.first.message == "refused YAML: more than 2 aliases"
    assert error.first.line == 2
    error = refused(lambda: load_yaml(text, limits=YamlLimits(nodes=10)))
    assert "more than 10 values" in error.first.message


def test_syntax_errors_keep_their_line(engine: str) -> None:
    error = refused(lambda: load_yaml("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml"))
    assert error.first.message.startswith("invalid YAML: ")
    assert (error.first.file, error.first.line) == ("bad.yaml", 3)


def test_files_too_large_or_not_utf8_are_refused_before_parsing(tmp_path: Path) -> None:
    assert len("x" * (MAX_YAML_CHARS + 1)) > MAX_YAML_CHARS
    error = refused(lambda: load_yaml("#" * (MAX_YAML_CHARS + 1), "big.yaml"))
    assert error.first.message == f"YAML text longer than {MAX_YAML_CHARS:,} characters"
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: x\ndescription: caf\xe9\n")
    error = refused(lambda: read_yaml_text(path))
    assert (error.first.line, error.first.message) == (
        2,
        "not UTF-8 text: byte 0xe9 cannot be decoded",
    )
    error = refused(lambda: read_yaml_text(tmp_path / "missing.yaml"))
    assert error.first.message == "cannot read the file: No such file or directory"


def _scenario(tmp_path: Path, text: str) -> object:
    return parse_scenario(text, "s.yaml")


def _negotiation(tmp_path: Path, text: str) -> object:
    path = tmp_path / "n.yaml"
    path.write_text(text, encoding="utf-8")
    return read_scenario(path)


def _case(tmp_path: Path, text: str) -> object:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return read_case(path)


def _mapping(tmp_path: Path, text: str) -> object:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return ColumnMapping.load(path)


READERS = {"scenario": _scenario, "negotiation": _negotiation, "case": _case, "mapping": _mapping}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize(("text", "line", "message"), CASES)
def test_every_yaml_reader_refuses_the_probe(
    tmp_path: Path, reader: str, text: str, line: int | None, message: str
) -> None:
    error = refused(lambda: READERS[reader](tmp_path, text))
    assert message in error.first.message
    assert error.first.file is not None and error.first.file.endswith(".yaml")
    if line is not None:
        assert error.first.line == line


def test_no_module_loads_yaml_but_through_safe_yaml() -> None:
    """`yaml.load`, `yaml.safe_load`, `yaml.compose` and `construct_document` appear only in
    `accord.safe_yaml`; the readers walk the node trees it returns."""
    root = Path(accord.__file__).parent
    call = re.compile(
        r"yaml\.(load|safe_load|full_load|unsafe_load|compose|parse)\b|\.construct_document\b"
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "safe_yaml.py" and call.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_key_written_twice_is_an_error_at_its_second_line() -> None:
    text = "columns:\n  event_id: id\n  event_date: day\n  event_id: other\n"
    with pytest.raises(InputError) as caught:
        load_yaml(text, "m.yaml")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("m.yaml", 4)
    assert problem.message == "key 'event_id' appears twice in one mapping"
    # the same key in two mappings, and merge keys, are no repeat
    assert load_yaml("a: {x: 1}\nb: {x: 2}\nbase: &b {y: 1}\nc: {<<: *b, z: 2}\n") is not None
