"""GDELT 2.0 events: 61 tab-separated fields (GDELT 1.0 plus an ADM2 code in each of the three
geography blocks; DATEADDED is YYYYMMDDHHMMSS)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.file_parts import FilePart
from accord.events.readers.gdelt_layout import GDELT2, native_scan, read_gdelt
from accord.events.readers.sources import Source


class Gdelt2Reader:
    """Reader of GDELT 2.0 event files (`--format gdelt2`)."""

    format = "gdelt2"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        return read_gdelt(GDELT2, source, context)

    def native(
        self, source: Source, parts: Sequence[FilePart] = (), *, quoted: bool = True
    ) -> str | None:
        """SQL reading the whole file in DuckDB (plain or gzip files), for bulk ingest;
        `parts` are copies of the file cut at line ends, read side by side."""
        return native_scan(GDELT2, source, parts, quoted=quoted)
