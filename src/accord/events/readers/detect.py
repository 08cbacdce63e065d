"""Guess the format of an event file from its name and its first line."""

from __future__ import annotations

from accord.errors import InputError
from accord.events.readers.gdelt_bigquery import is_bigquery_header
from accord.events.readers.icews import REQUIRED as ICEWS_REQUIRED
from accord.events.readers.lines import strip_bom
from accord.events.readers.named_fields import has_columns, unquote
from accord.events.readers.polecat import is_polecat_header
from accord.events.readers.sources import Source

_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
#: Blank bytes read, at most, looking for the first record (a file of newlines ends the search).
MAX_BLANK_BYTES = 1 << 20


#: What an ingest says of a file with no line to read, whatever its format.
EMPTY = "the file is empty or blank: no event in it"


#: Text encodings whose ASCII letters carry NUL bytes: (name, bytes per letter, offset of the
#: letter's own byte), UTF-32 first (a UTF-32 line also has a NUL after each letter).
_WIDE_ENCODINGS = (
    ("UTF-32LE", 4, 0),
    ("UTF-32BE", 4, 3),
    ("UTF-16LE", 2, 0),
    ("UTF-16BE", 2, 1),
)


def _wide_encoding(line: bytes) -> str | None:
    """The encoding (UTF-16 or UTF-32) whose ASCII text without a byte-order mark `line`
    looks like: a NUL byte beside every letter, in that encoding's places; else None."""
    data = line.rstrip(b"\r\n")[:1024]
    if len(data) < 4 or b"\x00" not in data:
        return None
    for name, width, at in _WIDE_ENCODINGS:
        letters = data[at::width]
        padding = b"".join(data[i::width] for i in range(width) if i != at)
        # at most one letter in ten a NUL, at least nine pads in ten NULs
        if 10 * letters.count(0) <= len(letters) and 10 * padding.count(0) >= 9 * len(padding):
            return name
    return None


def check_not_wide(line: bytes, name: str) -> None:
    """An input error naming file `name` when its first line looks like UTF-16 or UTF-32 text
    without a byte-order mark (`_wide_encoding`): read as UTF-8 it would be taken for a
    layout of unknown fields, its NUL bytes for bad rows."""
    encoding = _wide_encoding(line)
    if encoding is not None:
        raise InputError.at(
            f"the file looks like {encoding} text (a NUL byte beside every letter, no "
            "byte-order mark): lines cannot be read in it and --encoding takes no UTF-16 or "
            f"UTF-32; convert it to UTF-8 first (iconv -f {encoding} -t UTF-8 FILE > NEW)",
            file=name,
            line=1,
        )


def check_not_blank(source: Source) -> None:
    """An input error when `source` holds nothing but blank lines (an empty file is no
    event file in any format: it was 'ok' with 0 rows for some formats, 'failed' for
    others); a file whose first `MAX_BLANK_BYTES` are blank is left to its reader."""
    seen = 0
    with source.open() as opened:
        while seen <= MAX_BLANK_BYTES:
            line = opened.stream.readline(1 << 20)
            if not line:
                raise InputError.at(EMPTY, file=source.name, line=1)
            if line.strip(b" \t\r\n\xef\xbb\xbf"):
                check_not_wide(line, source.name)
                return
            seen += len(line)


def detect_event_format(source: Source) -> str:
    """'gdelt1', 'gdelt2', 'gdelt-bq', 'icews', 'polecat' or 'plover' (generic CSV needs
    `--format csv` and a mapping file, so it is never guessed)."""
    if source.inner_name.lower().endswith(_JSON_SUFFIXES):
        return "plover"
    first = b""
    seen = 0
    with source.open() as opened:
        while not first.strip():
            line = opened.stream.readline(1 << 20)
            if not line:
                break
            first = line
            seen += len(line)
            if seen > MAX_BLANK_BYTES and not first.strip():
                raise InputError.at(
                    f"only blank lines in the first {MAX_BLANK_BYTES:,} bytes: no record to "
                    "tell the format from (name it with --format)",
                    file=source.name,
                )
    strip_bom(first, "utf-8", source.name)  # UTF-16 and UTF-32 text is named as such
    check_not_wide(first, source.name)  # and without a byte-order mark too
    # a byte-order mark before the first field is no part of it
    text = first.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    if text.lstrip().startswith(("[", "{")):
        return "plover"
    if is_bigquery_header(text):
        return "gdelt-bq"
    fields = [unquote(field.strip()) for field in text.split("\t")]
    if is_polecat_header(fields):
        return "polecat"
    if has_columns(fields, ICEWS_REQUIRED):
        return "icews"
    if len(fields) in (57, 58):
        return "gdelt1"
    if len(fields) == 61:
        return "gdelt2"
    raise InputError.at(_unknown_format(text, len(fields)), file=source.name, line=1)


def _unknown_format(text: str, tabs: int) -> str:
    """Why the first line `text` fits no known format, and what to do: a comma- or
    semicolon-separated file is a CSV of your own, read with a column mapping."""
    if not text.strip():
        return "the file is empty or blank: no line to tell its format from"
    for sep, name in ((",", "comma"), (";", "semicolon")):
        count = text.count(sep) + 1
        if tabs == 1 and count > 2:
            return (
                f"cannot tell the format from the first line: {count} {name}-separated "
                "columns, not a GDELT, ICEWS, POLECAT or BigQuery GDELT layout; a CSV of "
                "your own is read with a column mapping (--mapping FILE, docs/events.md "
                "'A CSV of your own')"
            )
    return (
        f"cannot tell the format from the first line ({tabs} tab-separated fields); "
        "name the format: gdelt1, gdelt2, gdelt-bq, icews, polecat, plover, or csv with a column "
        "mapping (--format csv --mapping FILE, docs/events.md)"
    )
