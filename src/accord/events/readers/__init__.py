"""Event file readers, one module per format, all behind the `Reader` protocol."""

from __future__ import annotations

import os
import warnings

from accord.errors import InputError, UnknownNameError
from accord.events.readers.base import Batch, ReadContext, Reader
from accord.events.readers.csv_mapped import ColumnMapping, CsvReader, load_mapping
from accord.events.readers.detect import detect_event_format
from accord.events.readers.fake import FakeReader
from accord.events.readers.gdelt1 import Gdelt1Reader
from accord.events.readers.gdelt2 import Gdelt2Reader
from accord.events.readers.gdelt_bigquery import GdeltBigQueryReader
from accord.events.readers.icews import IcewsReader
from accord.events.readers.plover import PloverReader
from accord.events.readers.polecat import PolecatReader
from accord.events.readers.sources import Source, expand

#: Old public names kept for one release, each with the name that replaces it.
_DEPRECATED = {"detect_format": "detect_event_format"}

#: Formats that need no configuration, by `--format` name. (`FakeReader` is not here: it
#: reads records given in memory, never a file.)
READERS: dict[str, type[Reader]] = {
    "gdelt1": Gdelt1Reader,
    "gdelt2": Gdelt2Reader,
    "gdelt-bq": GdeltBigQueryReader,
    "icews": IcewsReader,
    "plover": PloverReader,
    "polecat": PolecatReader,
}

FORMATS: tuple[str, ...] = ("gdelt1", "gdelt2", "gdelt-bq", "icews", "plover", "polecat", "csv")


def reader_for(format: str, *, mapping: str | os.PathLike[str] | None = None) -> Reader:
    """The reader for a format name ('csv' needs a column-mapping file)."""
    if format in READERS:
        return READERS[format]()
    if format == "csv":
        if mapping is None:
            raise InputError.at("the csv format needs a column-mapping file", field="mapping")
        return CsvReader(load_mapping(mapping))
    raise UnknownNameError("event format", format, FORMATS)


__all__ = [
    "FORMATS",
    "READERS",
    "Batch",
    "ColumnMapping",
    "CsvReader",
    "FakeReader",
    "Gdelt1Reader",
    "Gdelt2Reader",
    "GdeltBigQueryReader",
    "IcewsReader",
    "PloverReader",
    "PolecatReader",
    "ReadContext",
    "Reader",
    "Source",
    "detect_event_format",
    "expand",
    "load_mapping",
    "reader_for",
]


def __getattr__(name: str) -> object:
    """Resolve a deprecated name to its replacement, with a `DeprecationWarning`."""
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        warnings.warn(
            f"accord.events.readers.{name} is deprecated; use {new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
