"""Structure-aware fuzzing of the file readers: well-formed files with hostile values.

The byte mutations of test_file_fuzz.py mostly break a file's syntax, so most of their inputs
stop at the parser. Here each example parses a real file of the reader (the same readers and
base files: `readers()` of test_file_fuzz.py; YAML, JSON or CSV ones), draws one to three
places in the parsed document (a value, a mapping's key, a list item, a CSV row or cell) and
puts a hostile value there: another type (`[]`, `{}`, null, booleans, nested lists), a
400-digit integer, `nan`, `inf`, huge and tiny floats, empty or 10,000-character text, a date
that is none, a value taken from elsewhere in the same file (a name where another is expected,
the same state twice), or small random values; or leaves out that key, item, row or cell, or
puts a list item, row or cell twice. The document is written back as the base was
(`yaml.safe_dump`, `json.dumps`, a CSV writer with the base's delimiter), so the file always
parses and the hostile value reaches the reader's checks. Whatever happens:

- the reader returns, or raises an `InputError` whose every problem names the file read (for
  a world directory, the file in it) and a line or a field;
- nothing else is raised, and no example runs past the deadline.

The default run is bounded and derandomized (`DEFAULT_EXAMPLES` a reader); `-m slow` runs
`SLOW_EXAMPLES` a reader, new inputs on every run under the `explore` profile (`make fuzz`).
`ACCORD_FUZZ_STATS=<file>` appends one JSON line of counts per reader.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.test_file_fuzz import Fuzz, Reader, readers

DEFAULT_EXAMPLES = 50
SLOW_EXAMPLES = 400
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}

#: Values put in place of another: each a kind of input a reader must answer clearly.
HOSTILE: list[Any] = [
    [],
    {},
    None,
    True,
    False,
    0,
    -1,
    1,
    0.5,
    -0.0,
    2**63,
    -(2**63) - 1,
    10**400,
    -(10**400),
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    5e-324,
    "",
    " ",
    "x",
    "nan",
    "inf",
    "1e999",
    "2020-13-45",
    "9999-12-31",
    "0001-01-01",
    "\u00e9",
    "a" * 10_000,
    [[]],
    [{}],
    [None],
    [True],
    [1, [2, [3]]],
    [1] * 50,
    ["x", "x"],
    {"a": 1},
    {None: 1},
    {1: 2},
    {"x": []},
]
_deep: Any = 1
for _ in range(40):
    _deep = [_deep]
HOSTILE.append(_deep)  # 40 levels of lists

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_small = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)

Path_ = tuple[Any, ...]


def parse(path: Path) -> tuple[str, Any, str]:
    """The base file's format, its parsed document, and (CSV) its delimiter."""
    text = path.read_text(encoding="utf-8")
    kind = FORMATS[path.suffix]
    if kind == "yaml":
        return kind, yaml.safe_load(text), ""
    if kind == "json":
        return kind, json.loads(text), ""
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return kind, rows, delimiter


def _cell(value: Any) -> str:
    """A value as a CSV cell's text."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return json.dumps(value) if isinstance(value, list | dict) else repr(value)


def dump(kind: str, doc: Any, delimiter: str) -> bytes:
    """The document written back in the base file's format."""
    if kind == "yaml":
        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode("utf-8")
    if kind == "json":
        return json.dumps(doc).encode("utf-8")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in doc if isinstance(doc, list) else [doc]:
        writer.writerow([_cell(c) for c in row] if isinstance(row, list) else [_cell(row)])
    return out.getvalue().encode("utf-8")


def places(node: Any, here: Path_ = ()) -> Iterator[Path_]:
    """Every place in a document: each node's path, and ("key", k) for a mapping's keys."""
    yield here
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*here, ("key", k))
            yield from places(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from places(v, (*here, i))


def leaves(node: Any) -> list[Any]:
    """The scalar values of a document (to put one where another was)."""
    if isinstance(node, dict):
        return [x for v in node.values() for x in leaves(v)]
    if isinstance(node, list):
        return [x for v in node for x in leaves(v)]
    return [node]


#: Edits that change a document's shape rather than a value: a key, an item, a row or a
#: cell left out, or a list item, row or cell twice (the same id twice, a column shifted).
DELETE, TWIN = "<delete>", "<twin>"
EDITS = st.sampled_from([DELETE, TWIN])


def put(doc: Any, place: Path_, value: Any) -> Any:
    """The document with `value` at `place` (a key replaced keeps its position), or with the
    node at `place` deleted or (in a list) twice, for the edits `DELETE` and `TWIN`."""
    if not place:
        return value
    parent = doc
    for step in place[:-1]:
        parent = parent[step]
    last = place[-1]
    key = last[1] if isinstance(last, tuple) else last
    if value == DELETE:
        del parent[key]
    elif value == TWIN:
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
    elif isinstance(last, tuple):
        new = value if isinstance(value, str | int | float | bool | None) else _cell(value)[:50]
        items = [(new if k == key else k, v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    else:
        parent[last] = value
    return doc


class StructureFuzz(Fuzz):
    """One reader's structure-aware run (the checks and counts of test_file_fuzz.Fuzz)."""

    def run(self, examples: int, derandomize: bool) -> None:
        """Run `examples` examples from the reader's YAML, JSON and CSV base files."""
        bases = [(p, *parse(p)) for p in self.reader.bases if p.suffix in FORMATS]

        @settings(
            max_examples=examples,
            deadline=timedelta(seconds=30),
            database=None,
            derandomize=derandomize,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(base=st.sampled_from(bases), changes=st.integers(1, 3), data=st.data())
        def example(base: tuple[Path, str, Any, str], changes: int, data: st.DataObject) -> None:
            path, kind, doc, delimiter = base
            doc = copy.deepcopy(doc)
            for _ in range(changes):
                inner = list(places(doc))[1:]  # not the whole document: a whole-file answer
                if not inner:
                    break
                place = data.draw(st.sampled_from(inner), label="place")
                value = data.draw(
                    st.sampled_from(HOSTILE)
                    | st.sampled_from(leaves(doc) or [None])
                    | EDITS
                    | _small,
                    label="value",
                )
                doc = put(doc, place, copy.deepcopy(value))
            self.one(path, dump(kind, doc, delimiter), located=True)

        example()
        self.report(fuzz="structure")


def _structured(reader: Reader) -> Reader:
    return Reader(reader.name, [p for p in reader.bases if p.suffix in FORMATS], reader.read)


READERS = sorted(name for name, r in readers().items() if _structured(r).bases)


@pytest.mark.parametrize("name", READERS)
def test_hostile_values_get_clear_answers(name: str, tmp_path: Path) -> None:
    fuzz = StructureFuzz(_structured(readers()[name]), tmp_path)
    fuzz.run(DEFAULT_EXAMPLES, derandomize=True)
    assert fuzz.stats["inputs"] >= DEFAULT_EXAMPLES
    assert fuzz.stats["clear errors"] > 0  # the values do reach the checks


@pytest.mark.slow
@pytest.mark.parametrize("name", READERS)
def test_hostile_values_get_clear_answers_long(name: str, tmp_path: Path) -> None:
    fuzz = StructureFuzz(_structured(readers()[name]), tmp_path)
    fuzz.run(SLOW_EXAMPLES, derandomize=settings.default.derandomize)
    assert fuzz.stats["inputs"] >= SLOW_EXAMPLES


@pytest.mark.parametrize("name", READERS)
def test_every_base_reads_after_the_round_trip(name: str, tmp_path: Path) -> None:
    """A base file parsed and written back unchanged still reads (else the round trip, not
    the hostile value, would make the errors)."""
    reader = _structured(readers()[name])
    fuzz = StructureFuzz(reader, tmp_path)
    for base in reader.bases:
        fuzz.one(base, dump(*parse(base)), located=True)
    assert fuzz.stats["read"] == len(reader.bases) > 0


def test_a_key_and_a_value_are_put_in_place() -> None:
    doc = {"a": [1, {"b": 2}], "c": 3}
    assert list(places(doc))[:4] == [(), (("key", "a"),), ("a",), ("a", 0)]
    assert put(copy.deepcopy(doc), ("a", 1, "b"), [None]) == {"a": [1, {"b": [None]}], "c": 3}
    assert list(put(copy.deepcopy(doc), (("key", "a"),), "c")) == ["c"]  # a key made a twin
    assert put(copy.deepcopy(doc), (("key", "c"),), [1]) == {"a": [1, {"b": 2}], "[1]": 3}
    assert put(copy.deepcopy(doc), ("a", 0), TWIN) == {"a": [1, 1, {"b": 2}], "c": 3}
    assert put(copy.deepcopy(doc), (("key", "a"),), DELETE) == {"c": 3}
    assert put(copy.deepcopy(doc), ("a", 1), DELETE) == {"a": [1], "c": 3}
    assert dump("json", {"a": [math.inf]}, "") == b'{"a": [Infinity]}'
    assert dump("csv", [["a", "b"], [None, 1e308, [1]]], ";") == b"a;b\n;1e+308;[1]\n"
