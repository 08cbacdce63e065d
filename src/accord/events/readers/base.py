"""The one `Reader` protocol every event format implements, and what readers share.

A reader turns one `Source` into a stream of `Batch`es: Arrow tables in the canonical column
layout of `events` (see `accord.events.schema`) plus two columns saying why a row is rejected
(`reject_reason`, `reject_field`; NULL for good rows). Readers never write to the store: ingest
does that, so a new format is one new module with one class.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import duckdb
import pyarrow as pa

from accord.events.readers.file_parts import FilePart
from accord.events.readers.lines import check_block_bytes, check_encoding
from accord.events.readers.sources import Source
from accord.store.database import scratch_connection
from accord.world import World


@dataclass(frozen=True, slots=True)
class Batch:
    """Rows read from a source: `table` has the `events` columns (`BATCH_COLUMNS`);
    `position` is how many bytes of the source (on disk) have been consumed."""

    table: pa.Table
    position: int

    @property
    def rows(self) -> int:
        """How many rows (good and rejected) the batch holds."""
        return int(self.table.num_rows)


@dataclass
class ReadContext:
    """What readers need besides the file: a scratch DuckDB connection for vectorised
    transforms, the world used to map country names and codes to ISO3, the block size that
    bounds memory (`lines.MIN_BLOCK_BYTES`..`lines.MAX_BLOCK_BYTES`) and the text encoding
    the user declared for the files (None: each format's own, UTF-8 but where a mapping
    says otherwise)."""

    world: World
    block_bytes: int = 32 << 20
    encoding: str | None = None
    con: duckdb.DuckDBPyConnection = field(default_factory=scratch_connection)
    #: raw country code or name -> ISO3 (None when it names no state), filled lazily
    country_cache: dict[str, str | None] = field(default_factory=dict)
    #: the codes of the world's states (a resolved code must be one of them)
    state_codes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        check_block_bytes(self.block_bytes)
        if self.encoding is not None:
            self.encoding = check_encoding(self.encoding)
        self.state_codes = frozenset(s.code for s in self.world.states)

    @property
    def text_encoding(self) -> str:
        """The encoding lines are decoded with: the declared one, else UTF-8."""
        return self.encoding or "utf-8"

    def close(self) -> None:
        self.con.close()


@runtime_checkable
class Reader(Protocol):
    """A reader of one event file format."""

    #: the value of `--format` that selects this reader
    format: str

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        """The rows of `source`, good and rejected, in batches of bounded size."""
        ...


@runtime_checkable
class NativeReader(Protocol):
    """A reader that can also hand a whole file to DuckDB (`accord.events.bulk`): `native`
    returns SQL of the file's staged rows (the layout `normalise_sql` reads, `line` counted by
    DuckDB), or None when the source must be read in batches (e.g. a zip member). `parts`
    are copies of a plain file cut at line ends (`file_parts.line_parts`), to read side by
    side instead of the file; `quoted` False when the file has no double quote at all (its
    fields then need no look for quotes around them)."""

    def native(
        self, source: Source, parts: Sequence[FilePart] = (), *, quoted: bool = True
    ) -> str | None: ...


def fetch_arrow(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> pa.Table:
    """Run `sql` and return its whole result as an Arrow table (DuckDB 1.x and 2.x)."""
    relation = con.sql(sql, params=params) if params else con.sql(sql)
    to_table = getattr(relation, "to_arrow_table", None)
    table: pa.Table = to_table() if to_table is not None else relation.arrow()
    return table
