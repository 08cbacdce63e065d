"""Fuzzing the file readers that are not event readers, with mutated real files.

Each example starts from a real file of the reader (the shipped scenarios and exercises, the
test fixtures of negotiations, cases and world directories, decide's sample and BDM's case
when the shared data is present), applies one to four mutations (byte flips, truncation,
deleted or duplicated lines, a value swapped for another type, huge numbers, deep nesting,
NUL and control bytes, latin-1 bytes) and reads it. Whatever happens:

- the reader returns, or raises an `InputError` whose every problem names the file read (a
  world directory: a file in it);
- nothing else is raised (a traceback fails the test), and no example runs past the deadline.

The default run is bounded and derandomized (`DEFAULT_EXAMPLES` a reader, the same inputs on
every run); `-m slow` runs `SLOW_EXAMPLES` a reader, repeatable too unless the Hypothesis
profile is `explore` (`make fuzz`, tests/conftest.py), which draws new inputs every run. With
`ACCORD_FUZZ_STATS=<file>`, each run appends one JSON line of counts per reader (the figures of
docs/reliability.md).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.bargaining.protocols.scenario import read_scenario
from accord.bargaining.readers import read_case
from accord.errors import InputError
from accord.events.readers.csv_mapped import ColumnMapping
from accord.exercises.loader import load_exercise
from accord.simulation.scenario import load_scenario
from accord.world import World, default_world
from accord.world.files import read_world_dir
from tests.hardening.mutations import Mutation, at, flip, insert, truncate

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data"
BARGAINING = ROOT / "tests" / "bargaining" / "fixtures"
MINI_WORLD = ROOT / "tests" / "world" / "fixtures" / "mini"
DEFAULT_EXAMPLES = 25
SLOW_EXAMPLES = 1000

#: Values a mutation puts in place of another: other types, huge and odd numbers, tags.
SWAPS = [
    b"[]",
    b"{}",
    b"~",
    b"''",
    b"'text'",
    b"true",
    b"-1",
    b"0",
    b"1e999",
    b"-1e308",
    b".nan",
    b"99999999999999999999999999999999999999",
    b"2020-13-45",
    b"9999-12-31",
    b"[1, [2, [3]]]",
    b"{a: 1}",
    b"!!python/object/apply:os.system ['true']",
    b"&a [*a]",
    b"*undefined",
]
CONTROLS = [bytes([b]) for b in (*range(0, 9), 11, 12, *range(14, 32), 127)]
LATIN1 = [b"\xe9", b"\xfc", b"\xa0", b"\xff", b"Z\xfcrich", b"\xc3"]


def _lines(change: Callable[[list[bytes], int], list[bytes]]) -> Mutation:
    def mutate(data: bytes, where: float, arg: int) -> bytes:
        lines = data.splitlines(keepends=True)
        if not lines:
            return data
        return b"".join(change(lines, min(int(where * len(lines)), len(lines) - 1)))

    return mutate


def _swap(data: bytes, where: float, arg: int) -> bytes:
    """Replace the value after the next `: ` or `,` with another type's."""
    i = at(data, where)
    marks = [k for k in (data.find(b": ", i), data.find(b",", i)) if k >= 0]
    if not marks:
        return data
    start = min(marks) + (2 if data[min(marks) : min(marks) + 2] == b": " else 1)
    ends = [k for k in (data.find(b"\n", start), data.find(b",", start)) if k >= 0]
    end = min(ends) if ends else len(data)
    return data[:start] + SWAPS[arg % len(SWAPS)] + data[end:]


def _nest(data: bytes, where: float, arg: int) -> bytes:
    """Put a deeply nested value (flow lists or mappings) where a value starts."""
    depth = (50, 150, 5_000)[arg % 3]
    value = b"[" * depth + b"1" + b"]" * depth if arg % 2 else b"{a: " * depth + b"1" + b"}" * depth
    i = data.find(b": ", at(data, where))
    if i < 0:
        return data + b"\nx: " + value + b"\n"
    end = data.find(b"\n", i)
    return data[: i + 2] + value + (data[end:] if end >= 0 else b"")


def _huge(data: bytes, where: float, arg: int) -> bytes:
    size = (1_000, 200_000, 2_000_000)[arg % 3]
    i = at(data, where)
    return data[:i] + b"9" * size + data[i:]


MUTATIONS: dict[str, Callable[[bytes, float, int], bytes]] = {
    "flip": flip,
    "truncate": truncate,
    "delete-line": _lines(lambda lines, k: lines[:k] + lines[k + 1 :]),
    "duplicate-line": _lines(lambda lines, k: lines[: k + 1] + lines[k:]),
    "swap-type": _swap,
    "huge-number": _huge,
    "deep-nesting": _nest,
    "control": insert(CONTROLS),
    "latin-1": insert(LATIN1),
}

mutation = st.tuples(st.sampled_from(sorted(MUTATIONS)), st.floats(0, 1), st.integers(0, 1 << 16))


def _files(*paths: Path) -> list[Path]:
    return [p for p in paths if p.is_file()]


def _world() -> World:
    return default_world()


class Reader:
    """One reader: the real files it starts from, and how it reads one."""

    def __init__(self, name: str, bases: list[Path], read: Callable[[Path], Any]) -> None:
        self.name = name
        self.bases = bases
        self.read = read


def readers() -> dict[str, Reader]:
    """Every reader fuzzed here, with its base files."""
    world_files = sorted(p for p in MINI_WORLD.rglob("*.csv"))
    return {
        "simulation scenario": Reader(
            "simulation scenario", sorted((ROOT / "scenarios").glob("*.yaml")), load_scenario
        ),
        "exercise": Reader(
            "exercise",
            sorted((ROOT / "exercises").glob("*.yaml")),
            lambda p: load_exercise(p, _world()),
        ),
        "negotiation": Reader(
            "negotiation",
            _files(BARGAINING / "pie.yaml", BARGAINING / "mediated.yaml"),
            read_scenario,
        ),
        "case": Reader(
            "case",
            _files(
                *(BARGAINING / n for n in ("tiny.csv", "tiny.yaml", "tiny_decide.txt")),
                *(BARGAINING / n for n in ("tiny_deu.csv", "tiny_ktab.csv")),
                SHARED / "bargaining" / "decide-sample_data.txt",
                SHARED / "bargaining" / "bdm1994-eu-emissions.csv",
            ),
            read_case,
        ),
        "world directory": Reader("world directory", world_files, read_world_dir),
    }


class Fuzz:
    """One reader's fuzzing run, with its counts."""

    def __init__(self, reader: Reader, directory: Path) -> None:
        self.reader = reader
        self.directory = directory
        self.names = itertools.count()
        self.stats: Counter[str] = Counter()

    def _target(self, base: Path, data: bytes) -> tuple[Path, Path]:
        """Write the mutated file; the path to read and the file that was mutated."""
        k = next(self.names)
        if self.reader.name != "world directory":
            path = self.directory / f"{k}-{base.name}"
            path.write_bytes(data)
            return path, path
        root = self.directory / f"world-{k}"
        shutil.copytree(MINI_WORLD, root)
        mutated = root / base.relative_to(MINI_WORLD)
        mutated.write_bytes(data)
        return root, mutated

    def one(self, base: Path, data: bytes, located: bool = False) -> None:
        """Read one mutated file and check the outcome (with `located`, every problem names
        a line or a field too)."""
        path, mutated = self._target(base, data)
        self.stats["inputs"] += 1
        try:
            self.reader.read(path)
        except InputError as exc:
            inside = str(path) if path.is_dir() else None
            for p in exc.problems:
                assert p.file is not None, exc.problems
                assert p.file == str(path) or (inside and p.file.startswith(inside)), p
                assert not located or p.line is not None or p.field is not None, p
            self.stats["clear errors"] += 1
            self.stats["problems"] += len(exc.problems)
            self.stats["problems with line or field"] += sum(
                1 for p in exc.problems if p.line is not None or p.field is not None
            )
        else:
            self.stats["read"] += 1
        finally:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                mutated.unlink()

    def run(self, examples: int, derandomize: bool) -> None:
        """Run `examples` examples from the reader's base files."""
        files = [(p, p.read_bytes()) for p in self.reader.bases]

        @settings(
            max_examples=examples,
            deadline=timedelta(seconds=30),
            database=None,
            derandomize=derandomize,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            base=st.sampled_from(files),
            mutations=st.lists(mutation, min_size=1, max_size=4),
        )
        def example(base: tuple[Path, bytes], mutations: list[tuple[str, float, int]]) -> None:
            data = base[1]
            for kind, where, arg in mutations:
                data = MUTATIONS[kind](data, where, arg)
            self.one(base[0], data)

        example()
        self.report()

    def report(self, **extra: str) -> None:
        """Append the run's counts to the file `ACCORD_FUZZ_STATS` names, if any."""
        target = os.environ.get("ACCORD_FUZZ_STATS")
        if target:
            with Path(target).open("a", encoding="utf-8") as out:
                out.write(json.dumps({"reader": self.reader.name, **extra, **self.stats}) + "\n")


READERS = sorted(readers())


@pytest.mark.parametrize("name", READERS)
def test_mutated_files_get_clear_answers(name: str, tmp_path: Path) -> None:
    fuzz = Fuzz(readers()[name], tmp_path)
    assert fuzz.reader.bases
    fuzz.run(DEFAULT_EXAMPLES, derandomize=True)
    assert fuzz.stats["inputs"] >= DEFAULT_EXAMPLES
    assert fuzz.stats["clear errors"] > 0  # the mutations do reach the checks


@pytest.mark.slow
@pytest.mark.parametrize("name", READERS)
def test_mutated_files_get_clear_answers_long(name: str, tmp_path: Path) -> None:
    fuzz = Fuzz(readers()[name], tmp_path)
    fuzz.run(SLOW_EXAMPLES, derandomize=settings.default.derandomize)
    assert fuzz.stats["inputs"] >= SLOW_EXAMPLES


@pytest.mark.parametrize("name", READERS)
def test_every_base_file_reads(name: str) -> None:
    """The unmutated files read (else the fuzzing would only meet errors)."""
    reader = readers()[name]
    for base in reader.bases:
        reader.read(MINI_WORLD if name == "world directory" else base)


# Inputs the fuzzing found that raised a traceback or hung, each now a clear error.
FOUND = [
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "audience: [eu, USA]",
        "audience: [[eu]]",
        "expected a role id or a list of role ids",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "{withdrawal: 100,",
        "{withdrawal: .inf,",
        "inf is outside [0, 100]",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "{withdrawal: 100,",
        "{withdrawal: " + "9" * 400 + ",",
        "is outside [0, 100]",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "audience: [eu, USA]",
        "audience: &a [*a]",
        "a value that contains itself",
    ),
    ("exercise", "exercises/ceasefire-sanctions.yaml", "channel: cable", "channel: caf\xe9", None),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "{name: withdrawal, low: 0, high: 100,",
        "{name: withdrawal, low: 0, high: " + "9" * 400 + ",",
        "expected a finite number, got 9999",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "{name: withdrawal, low: 0,",
        "{name: withdrawal, low: -.inf,",
        "expected a finite number, got -inf",
    ),
    (
        "negotiation",
        "tests/bargaining/fixtures/pie.yaml",
        "ideal: {share: 1}",
        "ideal: true",
        "expected a mapping of issue to value",
    ),
    (
        "negotiation",
        "tests/bargaining/fixtures/pie.yaml",
        "discount: 0.9}",
        "discount: 0.9, weights: {share: 0}}",
        "issue weights must not all be zero",
    ),
    (
        "negotiation",
        "tests/bargaining/fixtures/pie.yaml",
        "seed: 3",
        "seed: 2020-13-45",
        "'2020-13-45' cannot be read as timestamp",
    ),
    (
        "simulation scenario",
        "scenarios/baseline.yaml",
        "\n",
        "\nx: \x01\n",
        "character U+0001 is not allowed",
    ),
    (
        "simulation scenario",
        "scenarios/climate-round.yaml",
        "{step: 10, kind: summit,",
        "{step: 10, kind: [],",
        "unknown or missing kind []",
    ),
    (
        "simulation scenario",
        "scenarios/climate-round.yaml",
        "{step: 10, kind: summit,",
        "{step: 10, kind: {a: 1},",
        "unknown or missing kind {'a': 1}",
    ),
    (
        "simulation scenario",
        "scenarios/sanctions-coalition.yaml",
        "VEN: {realism: 0.7,",
        "VEN: {realism: -" + "9" * 400 + ",",
        "must be between 0 and 1, got -9999",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "- {event: {source: RUS, target: UKR, action: attack}}",
        "- {shock: {kind: [invasion]}}",
        "unknown or missing kind ['invasion']",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "turns: 8",
        "turns: 100000000",
        "must be between 1 and 520, got 100,000,000",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "turn_days: 7",
        "turn_days: 100000000",
        "must be between 1 and 366, got 100,000,000",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "start: 2025-01-06",
        "start: 9999-12-30",
        "of 8 turns of 7 days would end after 9999-12-31",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "seed: 7",
        "seed: -5",
        "must be between 0 and 9,223,372,036,854,775,807, got -5",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "  source: default\n",
        "  source: default\n  parameters: {crises: 3}\n",
        "expected a mapping, got int",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "  source: default\n",
        "  source: default\n  parameters: {weather: {rain: 1}}\n",
        "unknown rule 'weather'",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "  source: default\n",
        "  source: default\n  parameters: {relations: {burn_in: 100000000}}\n",
        "must be between 0 and 5000, got 100000000",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "- {event: {source: RUS, target: UKR, action: attack}}",
        "- {shock: {kind: incident, a: RUS, b: UKR, level: -1}}",
        "level must be between 1 and 5",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "- {event: {source: RUS, target: UKR, action: attack}}",
        "- {shock: {kind: pandemic, salience: {health: .inf}}}",
        "expected an issue and a change of salience from -1 to 1, got 'health': inf",
    ),
    (
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "UKR: {capability: 25,",
        "UKR: {capability: -1,",
        "capability must be >= 0",
    ),
    (  # an inject's effect: a state invading itself (refused in a scenario, not here)
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "- {event: {source: RUS, target: UKR, action: attack}}",
        "- {shock: {kind: invasion, attacker: RUS, target: Russia}}",
        "attacker and target are the same state",
    ),
    (  # a decision option's effect
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "- {event: {source: USA, target: RUS, action: demand}}",
        "- {shock: {kind: mediation, a: USA, b: USA, mediator: CHN}}",
        "a and b are the same state",
    ),
    (  # found by the structure fuzzing: a case problem without a line or field
        "case",
        "tests/bargaining/fixtures/tiny_deu.csv",
        "pFR;sFR",
        "pDE;sDE",
        "stakeholder 'DE' appears twice",
    ),
    (  # an event effect of a state with itself (a player's move cannot be one)
        "exercise",
        "exercises/ceasefire-sanctions.yaml",
        "- {event: {source: RUS, target: UKR, action: attack}}",
        "- {event: {source: RUS, target: Russia, action: attack}}",
        "an event needs another actor as target",
    ),
    (  # an issue's range so narrow that a utility's weight per unit overflowed
        "negotiation",
        "tests/bargaining/fixtures/pie.yaml",
        "{name: share, low: 0, high: 1}",
        "{name: share, low: 0, high: 5.0e-324}",
        "the range from low to high (4.94066e-324) must be a finite number, not between 0",
    ),
    (  # or so wide it is no number
        "negotiation",
        "tests/bargaining/fixtures/pie.yaml",
        "{name: share, low: 0, high: 1}",
        "{name: share, low: -1.7e308, high: 1.7e308}",
        "the range from low to high (inf) must be a finite number",
    ),
    (  # a top-level key that is empty text: an unknown field without line or field
        "simulation scenario",
        "scenarios/baseline.yaml",
        "name:",
        "'':",
        "unknown field ''",
    ),
    (  # a KTAB dimension twice: a case of no stakeholders, without line or field
        "case",
        "tests/bargaining/fixtures/tiny_ktab.csv",
        "Sal1,Pstn2",
        "Sal1,Pstn1",
        "position column 'Pstn1' appears twice",
    ),
]


@pytest.mark.parametrize(("name", "base", "old", "new", "message"), FOUND)
def test_what_the_fuzzing_found(
    name: str, base: str, old: str, new: str, message: str | None, tmp_path: Path
) -> None:
    text = (ROOT / base).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / Path(base).name
    data = text.replace(old, new, 1).encode("utf-8")
    path.write_bytes(data.replace("caf\xe9".encode(), b"caf\xe9"))  # latin-1, not UTF-8
    with pytest.raises(InputError) as err:
        readers()[name].read(path)
    problems = err.value.problems
    assert all(p.file == str(path) for p in problems)
    assert all(p.line is not None or p.field is not None for p in problems)
    if message is None:  # the latin-1 byte: not UTF-8, at its line
        message = "not UTF-8 text: byte 0xe9 cannot be decoded"
    assert any(message in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("text", "line", "kind"), [("default\n", 1, "str"), ("\n\n- a\n", 3, "list")]
)
def test_a_negotiation_that_is_no_mapping_names_its_line(
    text: str, line: int, kind: str, tmp_path: Path
) -> None:
    """Found by fuzzing: a whole file that is one value was an error without a line."""
    path = tmp_path / "n.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_scenario(path)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.message) == (
        str(path),
        line,
        f"expected a mapping, got {kind}",
    )


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("- {}\n", 1, "columns", "expected a mapping with a `columns` table"),
        ("dataset: csv\n\ncolumns: [id]\n", 3, "columns", "expected a mapping with a `columns`"),
        ("columns: {event_id: a, event_date: b}\n", 1, "columns", "must map cameo_code or"),
        (
            "columns: {event_id: a, event_date: b, cameo_code: c}\ndelimiter: [1]\n",
            2,
            "delimiter",
            "delimiter must be one character",
        ),
        (
            'columns: {event_id: a, event_date: b, cameo_code: c}\ndelimiter: "\\x00"\n',
            2,
            "delimiter",
            "delimiter must be one character",
        ),
        (
            "columns:\n  event_id: [a, b]\n  event_date: b\n  cameo_code: c\n",
            1,
            "columns",
            "event_id must name one column of the file (text)",
        ),
    ],
)
def test_a_bad_mapping_file_names_line_and_field(
    text: str, line: int, field: str, message: str, tmp_path: Path
) -> None:
    """Found by fuzzing the mapping files of mapped CSV: their errors had no line (and a file
    that is no mapping no field)."""
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        ColumnMapping.load(path)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), line, field)
    assert problem.message.startswith(message), problem.message
