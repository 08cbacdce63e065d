"""PLOVER / POLECAT events as JSON: a JSON list of records (like PLOVER's gold-standard files)
or JSON lines (one record per line).

A record names its event type (`event` or `event_type`; a string, or a list of one as the
PLOVER manual's records write it), optional `mode` and `context`
(a string, or a list joined with ';'), `id`, `date` (YYYY-MM-DD) and `source` / `target`
actors: a list of `{actorText, code, sector}` objects or one such object (the first listed actor
of a compound side is stored; its `code` or `country` is mapped to ISO3). A CAMEO code, when a
record carries one (`cameo`), is kept too. Quad classes follow PLOVER's own categories
(`accord.events.ontology.PLOVER_QUAD`); types of earlier drafts (DEMAND, DISAPPROVE,
INVESTIGATE, FIGHT) become their draft-0.8 successors (`PLOVER_LEGACY`). `DOCUMENT` records
(file documentation) are skipped; `line` is the line where the record starts.

Limits: JSON lines are read line by line (`lines`: strict decoding, control characters and
lines over `MAX_LINE_BYTES` rejected with their line); a record nested deeper than `MAX_DEPTH`
levels, or holding a field of the wrong JSON type, is rejected naming the field. A JSON list is
one document, parsed whole: it may hold at most `MAX_LIST_BYTES` (checked while reading), and
bytes that are not text, or JSON that does not parse, make the file an error naming the line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from accord.errors import InputError
from accord.events.ontology import PLOVER_LEGACY, PLOVER_QUAD
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.lines import control_problem, line_blocks, strip_bom
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Source
from accord.events.readers.staging import staged_table

BATCH_RECORDS = 50_000
#: Largest JSON list document read, in bytes (JSON lines have no such limit).
MAX_LIST_BYTES = 256 << 20
#: Deepest nesting of arrays and objects in one record.
MAX_DEPTH = 32


#: A day written YYYY-MM-DD, alone or followed by a time (POLECAT's story dates carry one).
ISO_DAY = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d+)?)?"
    r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?"
)


class _Bad(Exception):
    """Why a record is rejected, and the field it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else "null"


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in `value` (stops counting past `MAX_DEPTH`)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


class _Decoder(json.JSONDecoder):
    """A JSON decoder that notes the first key an object repeats (the standard one keeps the
    last value silently); one per file, so threads never share its note."""

    def __init__(self) -> None:
        super().__init__(object_pairs_hook=self._object)
        self.repeated: str | None = None

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) < len(pairs) and self.repeated is None:
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.repeated = key
                    break
                seen.add(key)
        return out

    def record(self, record: Any) -> Any:
        """`record`, or a `_Bad` when one of its objects repeated a key (the note is reset)."""
        repeated, self.repeated = self.repeated, None
        if repeated is not None:
            return _Bad("(record)", f"key {repeated!r} appears twice in one object")
        return record


def _parse(text: str, decoder: _Decoder) -> Any:
    """One JSON-lines record, or a `_Bad` saying why it cannot be read."""
    decoder.repeated = None  # a note left by a record that failed to parse
    try:
        record = decoder.record(decoder.decode(text))
    except json.JSONDecodeError as exc:
        return _Bad("(record)", f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return _Bad("(record)", f"JSON nested deeper than {MAX_DEPTH} levels")
    except ValueError:  # an integer of more than 4,300 digits (Python's bound)
        return _Bad("(record)", "invalid JSON: a number too long to read (over 4,300 digits)")
    if _depth(record) > MAX_DEPTH:
        return _Bad("(record)", f"JSON nested deeper than {MAX_DEPTH} levels")
    return record


def _json_lines(stream: IO[bytes], context: ReadContext, file: str) -> Iterator[tuple[int, Any]]:
    """(line, record or `_Bad`) for each non-blank line of a JSON-lines stream."""
    blocks = line_blocks(stream, context.block_bytes, encoding=context.text_encoding, name=file)
    decoder = _Decoder()
    for block in blocks:
        lines = block.lines
        for number, text, problem in zip(
            lines.column("line").to_pylist(),
            lines.column("text").to_pylist(),
            lines.column("problem").to_pylist(),
            strict=True,
        ):
            if problem is not None:
                yield number, _Bad("line", problem)
            elif text.strip():
                yield number, _parse(text, decoder)


def _list_text(stream: IO[bytes], encoding: str, file: str) -> str:
    """A whole JSON list document as text; an input error when it is larger than
    `MAX_LIST_BYTES` or not valid text in `encoding` (naming the line)."""
    data = strip_bom(stream.read(MAX_LIST_BYTES + 1), encoding, file)
    if len(data) > MAX_LIST_BYTES:
        raise InputError.at(
            f"a JSON list larger than {MAX_LIST_BYTES:,} bytes: write it as JSON lines "
            "(one record per line)",
            file=file,
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise InputError.at(
            f"not valid {encoding} text: byte 0x{byte} (declare the file's encoding)",
            file=file,
            line=line,
        ) from None


def _json_list(text: str, file: str) -> Iterator[tuple[int, Any, int | None]]:
    """(line, record, its number in the list where another record starts on its line) for
    each record of a JSON list document (`json.dump` writes the whole list on one line)."""
    decoder = _Decoder()
    pos = text.index("[") + 1
    line = 1 + text.count("\n", 0, pos)
    number, previous = 0, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            if text[pos] == "\n":
                line += 1
            pos += 1
        if pos >= len(text):
            raise InputError.at("unterminated JSON list", file=file, line=line)
        if text[pos] == "]":
            return
        try:
            decoder.repeated = None
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError.at(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno) from None
        except (RecursionError, ValueError) as exc:
            why = (
                "nested too deeply"
                if isinstance(exc, RecursionError)
                else "a number too long to read (over 4,300 digits)"
            )
            raise InputError.at(f"invalid JSON: {why}", file=file, line=line) from None
        record = decoder.record(record)
        if not isinstance(record, _Bad) and _depth(record) > MAX_DEPTH:
            record = _Bad("(record)", f"JSON nested deeper than {MAX_DEPTH} levels")
        number += 1
        after = text.find("\n", end)
        shared = line == previous or text.find("{", end, None if after < 0 else after) >= 0
        yield line, record, number if shared else None
        previous = line
        line += text.count("\n", pos, end)
        pos = end


def _checked_text(value: Any, key: str, *, lists: bool = False) -> str | None:
    """A text field: a string (or a number, or with `lists` a list of strings joined with
    ';'), stripped, None when empty; `_Bad` naming `key` for another JSON type or a control
    character."""
    if isinstance(value, list) and lists:
        if not all(isinstance(v, str) for v in value):
            raise _Bad(key, f"{key} must be a string or a list of strings")
        value = ";".join(v.strip() for v in value if v.strip())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    elif value is not None and not isinstance(value, str):
        what = "a string or a list of strings" if lists else "a string"
        raise _Bad(key, f"{key} must be {what}, not {_json_type(value)}")
    if value is None:
        return None
    problem = control_problem(value)
    if problem is not None:
        raise _Bad(key, f"{key} holds a {problem}")
    return value.strip() or None


def _first(record: dict[str, Any], *keys: str) -> tuple[str, Any]:
    """The first of `keys` the record gives a value (key and value), else (keys[0], None)."""
    for key in keys:
        if record.get(key) not in (None, ""):
            return key, record[key]
    return keys[0], None


def _text(record: dict[str, Any], *keys: str, lists: bool = False, at: str = "") -> str | None:
    """The first of `keys` in `record` as checked text (`at` prefixes the key in messages)."""
    key, value = _first(record, *keys)
    return _checked_text(value, at + key, lists=lists)


def _actor(record: dict[str, Any], *keys: str) -> tuple[str, dict[str, Any]]:
    """The first actor of a side (its key, for messages): an object, a name, or a list."""
    key, value = _first(record, *keys)
    if isinstance(value, list):
        value = value[0] if value else {}
    if isinstance(value, str):
        return key, {"actorText": value}
    if value is not None and not isinstance(value, dict):
        raise _Bad(key, f"{key} must be an actor object, a list of them or a name")
    return key, value or {}


def _stage_actors(record: dict[str, Any], out: dict[str, Any]) -> None:
    """Fill `out` with the actor, country and sector of each side."""
    for side, keys in (
        ("source", ("source", "actor", "source_actor")),
        ("target", ("target", "recipient", "target_actor")),
    ):
        key, actor = _actor(record, *keys)
        at = f"{key}."
        out[f"{side}_actor"] = _text(actor, "actorText", "name", "code", at=at)
        out[f"{side}_country_raw"] = _text(actor, "country", "code", at=at)
        out[f"{side}_sector"] = _text(actor, "sector", "sectors", lists=True, at=at)


def _event_type(record: dict[str, Any]) -> str | None:
    """The record's event type: a string, or as the PLOVER manual's record writes it, a list
    of one (`"event": ["CONSULT"]`); a list of several is `_Bad` (a record is one event)."""
    key, value = _first(record, "event", "event_type", "eventType")
    if isinstance(value, list):
        if len(value) > 1:
            raise _Bad(
                key,
                f"{key} lists {len(value)} event types: a record is one event "
                "(write one record per type)",
            )
        value = value[0] if value else None
    return _checked_text(value, key)


def _stage_fields(record: dict[str, Any], out: dict[str, Any]) -> str | None:
    """Fill `out` from a record's fields; return its event type (None when it has none)."""
    event = _event_type(record)
    if event is not None and event.upper() == "DOCUMENT":
        return event
    _stage_actors(record, out)
    out["event_id"] = _text(record, "id", "event_id")
    out["cameo_code"] = _text(record, "cameo", "cameo_code")
    out["plover_mode"] = _text(record, "mode", "event_mode", lists=True)
    out["plover_context"] = _text(record, "context", "contexts", lists=True)
    key, location = _first(record, "eventLoc", "event_loc", "location")
    if isinstance(location, dict):
        out["location_raw"] = _text(location, "country", "name", "placeName", at=f"{key}.")
    else:
        out["location_raw"] = _checked_text(location, key)
    key, date = _first(record, "date", "event_date", "story_date")
    if date is not None and not isinstance(date, str):
        raise _Bad(key, f"{key} must be a YYYY-MM-DD string, not {_json_type(date)}")
    date_text = _checked_text(date, key)
    try:
        if date_text and not ISO_DAY.fullmatch(date_text):
            raise ValueError(date_text)
        out["event_date"] = dt.date.fromisoformat(date_text[:10]) if date_text else None
    except ValueError:
        raise _Bad(key, f"date is not YYYY-MM-DD: {date_text}") from None
    return event


def _stage(line: int, record: Any, file: str, number: int | None = None) -> dict[str, Any] | None:
    """The staged row of one record (a rejection when it is bad); None for a DOCUMENT. A
    rejection names the record's `number` in its list, if given (its line holds others)."""
    out = _stage_record(line, record, file)
    if out is not None and number is not None and out.get("reject_reason"):
        out["reject_reason"] += f" (record {number:,} of the list)"
    return out


def _stage_record(line: int, record: Any, file: str) -> dict[str, Any] | None:
    """`_stage` without the record's number."""
    out: dict[str, Any] = {"dataset": "plover", "file": file, "line": line}
    try:
        if isinstance(record, _Bad):
            raise record
        if not isinstance(record, dict):
            raise _Bad("(record)", f"not a JSON object but {_json_type(record)}")
        event = _stage_fields(record, out)
    except _Bad as bad:
        out.update(reject_reason=bad.message, reject_field=bad.field)
        return out
    if event is None:
        return out
    event = event.upper()
    if event == "DOCUMENT":
        return None
    if event in PLOVER_LEGACY:
        event, legacy_mode = PLOVER_LEGACY[event]
        out["plover_mode"] = out["plover_mode"] or legacy_mode
    out["plover_type"] = event
    if event not in PLOVER_QUAD:
        out["reject_reason"] = f"unknown PLOVER event type {event}"
        out["reject_field"] = "event"
    else:
        out["quad_class"] = PLOVER_QUAD[event]
    return out


def _is_list(stream: IO[bytes]) -> bool:
    """Whether the stream holds a JSON list (its first non-blank byte is '[')."""
    peek = getattr(stream, "peek", None)
    head: bytes = peek(1 << 16) if peek is not None else b""
    head = head.lstrip(b" \t\r\n")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip(b" \t\r\n")
    return head.startswith(b"[")


class PloverReader:
    """Reader of PLOVER / POLECAT JSON and JSON-lines files (`--format plover`)."""

    format = "plover"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        with source.open() as opened:
            records: Iterator[tuple[int, Any, int | None]]
            if _is_list(opened.stream):
                text = _list_text(opened.stream, context.text_encoding, source.name)
                records = _json_list(text, source.name)
            else:
                records = (
                    (n, r, None) for n, r in _json_lines(opened.stream, context, source.name)
                )
            pending: list[dict[str, Any]] = []
            for line, record, number in records:
                staged = _stage(line, record, source.name, number)
                if staged is not None:
                    pending.append(staged)
                if len(pending) >= BATCH_RECORDS:
                    yield self._batch(pending, context, opened.position())
                    pending = []
            if pending:
                yield self._batch(pending, context, opened.position())

    @staticmethod
    def _batch(records: list[dict[str, Any]], context: ReadContext, position: int) -> Batch:
        table = normalise(
            context,
            staged_table(records),
            id_field="id",
            date_field="date",
            code_field="event",
            quad_field="event",
        )
        return Batch(table, position)
