"""GDELT 1.0 events: historical backfile rows (57 fields, no SOURCEURL) and daily-file rows
(58 fields), told apart row by row, so a file mixing both reads correctly."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.file_parts import FilePart
from accord.events.readers.gdelt_layout import GDELT1, native_scan, read_gdelt
from accord.events.readers.sources import Source


class Gdelt1Reader:
    """Reader of GDELT 1.0 event files (`--format gdelt1`)."""

    format = "gdelt1"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        return read_gdelt(GDELT1, source, context)

    def native(
        self, source: Source, parts: Sequence[FilePart] = (), *, quoted: bool = True
    ) -> str | None:
        """SQL reading the whole file in DuckDB (plain or gzip files), for bulk ingest;
        `parts` are copies of the file cut at line ends, read side by side."""
        return native_scan(GDELT1, source, parts, quoted=quoted)
