"""A file read in batches, staged on disk, its good rows inserted in one statement.

A file read by batches (every format but plain and gzip GDELT, and GDELT files the bulk path
cannot number) is written in one transaction, so that nothing of it is stored when it fails.
Inserting batch by batch kept every batch in memory until the commit (each was registered on
the connection of the open transaction, which keeps what it drops for a rollback: a
3-million-row POLECAT file peaked at 1.9 GB), and judged each batch's keys against every row
stored before it. Instead each batch is copied to a Parquet file (from a cursor outside the
transaction) in a hidden folder beside the store (`.NAME.stage-...`, the
system's temporary folder for a store in memory; removed on exit, and at the next ingest if a
killed process left it), and one `INSERT ... SELECT ... ORDER BY` stores them all at the end,
in date order (as bulk ingest stores its rows), with DuckDB's memory limit for a bulk write.
"""

from __future__ import annotations

import glob
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from accord.events.readers.sql_literal import sql_text
from accord.store import Store, first_int

_PREFIX = "stage-"


class BatchStage:
    """Parquet files of staged batches in `folder`, written through `con`: a cursor of the
    store outside the write's transaction. A table registered on a connection inside an open
    transaction stays referenced until the transaction ends (DuckDB keeps what it drops for a
    rollback): every batch of the file would stay in memory."""

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path) -> None:
        self.con = con
        self.folder = folder
        self.rows = 0  # staged, good or rejected
        self._files = 0

    def add(self, batch: pa.Table) -> str:
        """Stage a batch (in the batch layout); return SQL reading it back."""
        path = self.folder / f"batch{self._files:07d}.parquet"
        self.con.register("_staged_batch", batch)
        try:
            first_int(self.con, f"COPY _staged_batch TO {sql_text(str(path))} (FORMAT parquet)")
        finally:
            self.con.unregister("_staged_batch")
        self._files += 1
        self.rows += batch.num_rows
        return f"read_parquet({sql_text(str(path))})"

    @property
    def relation(self) -> str:
        """SQL reading every staged row (call only when `rows` > 0)."""
        return f"read_parquet({sql_text(str(self.folder / 'batch*.parquet'))})"


@contextmanager
def batch_stage(store: Store) -> Iterator[BatchStage]:
    """A `BatchStage` in a new hidden folder beside the store's database, removed on exit."""
    if str(store.path) == ":memory:":
        folder = Path(tempfile.mkdtemp(prefix=f"accord-{_PREFIX}"))
    else:
        parent, prefix = store.path.parent, f".{store.path.name}.{_PREFIX}"
        # a killed ingest's leftovers (one writer per store)
        for left in parent.glob(f"{glob.escape(prefix)}*"):
            shutil.rmtree(left, ignore_errors=True)
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    cursor = store.cursor()
    try:
        yield BatchStage(cursor, folder)
    finally:
        cursor.close()
        shutil.rmtree(folder, ignore_errors=True)
