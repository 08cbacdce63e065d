"""Fuzzing every event reader with mutated real files, through `ingest` into a store.

Each example starts from a small file of the format (the test fixtures, and slices of the
shared reference data when present), applies a few mutations (byte flips, truncation, inserted
control characters, invalid UTF-8, duplicated or removed delimiters, line breaks, huge fields),
maybe gzips it (whole or cut short) and ingests it. Whatever happens:

- the only exception is an `InputError` naming the file, and then the store is unchanged;
- otherwise every row is stored or rejected with file, line and field, the store grew by
  exactly the rows reported stored, and no stored text holds a control character or U+FFFD;
- no example runs past the deadline (a hang fails the test).

The default run is bounded (about 20 examples a format); `-m slow` runs `SLOW_EXAMPLES` a
format. With `ACCORD_FUZZ_STATS=<file>`, the counts of each run are appended to that file as
JSON lines (the figures of docs/reliability.md).
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.events import ingest
from accord.events.readers.lines import MAX_LINE_BYTES, line_blocks
from accord.events.schema import EVENTS_SCHEMA
from accord.store import Store
from accord.world import default_world
from tests.events.formats import SAMPLE, file_name, line_of, mapping_file, write
from tests.hardening.mutations import at, flip, insert, truncate

FORMATS = ("gdelt1", "gdelt2", "icews", "plover", "polecat", "csv")
DEFAULT_EXAMPLES = 20
SLOW_EXAMPLES = 200
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
#: A stored text column holding any of these was accepted silently.
_UNCLEAN = "[\\x00-\\x08\\x0a-\\x1f\\x7f\\x{FFFD}]"

#: What each mutation inserts or looks for.
CONTROLS = [bytes([b]) for b in (*range(0, 9), *range(11, 32), 127)]
INVALID_UTF8 = [b"\xff", b"\xc3", b"\xe7", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf"]
DELIMITERS = [b"\t", b",", b'"', b"{", b"}", b"[", b":", b"\n"]


def _slice(path: Path, lines: int) -> bytes:
    with path.open("rb") as f:
        return b"".join(itertools.islice(f, lines))


def _plover_records(count: int) -> list[object]:
    data = json.loads((SHARED / "plover" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return list(data[:count])


def bases(fmt: str, directory: Path) -> list[bytes]:
    """The files an example starts from: the fixture, and slices of real files."""
    fixture = write(fmt, directory, [line_of(fmt, e) for e in SAMPLE]).read_bytes()
    out = [fixture]
    if not SHARED.is_dir():
        return out
    if fmt == "gdelt1":
        out.append(_slice(SHARED / "gdelt" / "gdelt1-events.sample.tsv", 30))
    elif fmt == "icews":
        out.append(_slice(SHARED / "icews" / "events.2018.sample.tab", 30))
    elif fmt == "plover":
        records = _plover_records(25)
        out.append("".join(json.dumps(r) + "\n" for r in records).encode())
        out.append(json.dumps(records, indent=1).encode())
    return out


def _delimiter(duplicate: bool) -> Callable[[bytes, float, int], bytes]:
    def change(data: bytes, where: float, arg: int) -> bytes:
        mark = DELIMITERS[arg % len(DELIMITERS)]
        i = data.find(mark, at(data, where))
        if i < 0:
            return data
        return data[:i] + (mark * 2 if duplicate else b"") + data[i + len(mark) :]

    return change


def _huge(data: bytes, where: float, arg: int) -> bytes:
    size = (1_000, 100_000, MAX_LINE_BYTES + 1)[arg % 3]
    i = at(data, where)
    return data[:i] + b"9" * size + data[i:]


MUTATIONS: dict[str, Callable[[bytes, float, int], bytes]] = {
    "flip": flip,
    "truncate": truncate,
    "control": insert(CONTROLS),
    "invalid-utf8": insert(INVALID_UTF8),
    "duplicate-delimiter": _delimiter(True),
    "remove-delimiter": _delimiter(False),
    "line-break": insert([b"\n", b"\r", b"\r\n", b"\n\n"]),
    "huge-field": _huge,
}

mutation = st.tuples(
    st.sampled_from(sorted(MUTATIONS)),
    st.floats(0, 1),
    st.integers(0, 1 << 16),
)


def _pack(data: bytes, container: str) -> bytes:
    if container == "plain":
        return data
    packed = gzip.compress(data, compresslevel=1, mtime=0)
    return packed if container == "gzip" else packed[: max(len(packed) * 2 // 3, 10)]


def _count(store: Store, sql: str, params: list[object] | None = None) -> int:
    row = store.con.execute(sql, params or []).fetchone()
    assert row is not None
    return int(row[0])


class Fuzz:
    """One format's fuzzing run against one store, with its counts."""

    def __init__(self, fmt: str, directory: Path, store: Store) -> None:
        self.fmt = fmt
        self.directory = directory
        self.store = store
        self.mapping = mapping_file(directory) if fmt == "csv" else None
        self.names = itertools.count()
        self.stats: Counter[str] = Counter()
        store.ensure(EVENTS_SCHEMA)
        self.world = default_world()

    def one(self, data: bytes, container: str, block_bytes: int) -> None:
        """Ingest one mutated file and check the outcome."""
        suffix = "" if container == "plain" else ".gz"
        path = self.directory / f"{next(self.names)}-{file_name(self.fmt)}{suffix}"
        path.write_bytes(_pack(data, container))
        events = "SELECT count(*) FROM events"
        before = _count(self.store, events)
        self.stats["inputs"] += 1
        try:
            report = ingest(
                self.store,
                path,
                format=self.fmt,
                mapping=self.mapping,
                block_bytes=block_bytes,
                world=self.world,
            )
        except InputError as exc:
            assert all(p.file == str(path) for p in exc.problems), exc.problems
            assert _count(self.store, events) == before
            self.stats["clear errors"] += 1
            return
        (file,) = report.files
        assert file.status == "ok"
        assert file.stored + file.duplicate + file.rejected == file.rows_read
        assert all(r.file == str(path) and r.line and r.field for r in file.rejections)
        assert _count(self.store, events) == before + file.stored
        logged = "SELECT count(*) FROM ingest_rejections WHERE ingest_id = ?"
        assert _count(self.store, logged, [file.ingest_id]) == file.rejected
        unclean = (
            "SELECT count(*) FROM events WHERE file = ? AND ("
            + " OR ".join(
                f"regexp_matches(coalesce({c}, ''), '{_UNCLEAN}')"
                for c in ("event_id", "source_actor", "target_actor", "url", "plover_context")
            )
            + ")"
        )
        assert _count(self.store, unclean, [str(path)]) == 0
        self.stats["rows read"] += file.rows_read
        self.stats["rows stored"] += file.stored
        self.stats["rows rejected"] += file.rejected

    def run(self, examples: int) -> None:
        """Run `examples` examples from this format's base files."""
        files = bases(self.fmt, self.directory)

        @settings(
            max_examples=examples,
            deadline=timedelta(seconds=60),
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            base=st.sampled_from(files),
            mutations=st.lists(mutation, min_size=1, max_size=4),
            container=st.sampled_from(("plain", "plain", "gzip", "gzip-cut")),
            block_bytes=st.sampled_from((4096, 32 << 20)),
        )
        def example(
            base: bytes, mutations: list[tuple[str, float, int]], container: str, block_bytes: int
        ) -> None:
            data = base
            for kind, where, arg in mutations:
                data = MUTATIONS[kind](data, where, arg)
            self.one(data, container, block_bytes)

        example()
        target = os.environ.get("ACCORD_FUZZ_STATS")
        if target:
            with Path(target).open("a", encoding="utf-8") as out:
                out.write(json.dumps({"format": self.fmt, **self.stats}) + "\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_fuzzed_files_get_clear_answers(fmt: str, tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        fuzz = Fuzz(fmt, tmp_path, store)
        fuzz.run(DEFAULT_EXAMPLES)
    assert fuzz.stats["inputs"] >= DEFAULT_EXAMPLES


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_fuzzed_files_get_clear_answers_long(fmt: str, tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        fuzz = Fuzz(fmt, tmp_path, store)
        fuzz.run(SLOW_EXAMPLES)
    assert fuzz.stats["inputs"] >= SLOW_EXAMPLES


class _Chunks:
    """A stream returning `data` in reads of at most `size` bytes."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data = data
        self.size = size

    def read(self, n: int = -1) -> bytes:
        out, self.data = self.data[: min(n, self.size)], self.data[min(n, self.size) :]
        return out


@settings(max_examples=300, deadline=timedelta(seconds=10), database=None)
@given(data=st.binary(max_size=20_000), read=st.integers(1, 5000))
def test_line_blocks_number_every_line_once(data: bytes, read: int) -> None:
    """Any bytes, read in any chunk sizes: one row per line, numbered 1, 2, ..., each with
    either text or a problem (byte-order marks aside: `test_event_readers` covers them)."""
    assume(not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe")))
    rows = [
        row
        for block in line_blocks(_Chunks(data, read), 4096)  # type: ignore[arg-type]
        for row in block.lines.to_pylist()
    ]
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    assert [r["line"] for r in rows] == list(range(1, lines + 1))
    assert all((r["text"] is None) != (r["problem"] is None) for r in rows)
