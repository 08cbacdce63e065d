"""PLOVER / POLECAT events as JSON: a JSON list of records (like PLOVER's gold-standard files)
or JSON lines (one record per line).

A record names its event type (`event` or `event_type`), optional `mode` and `context`
(a string, or a list joined with ';'), `id`, `date` (YYYY-MM-DD) and `source` / `target`
actors: a list of `{actorText, code, sector}` objects or one such object (the first listed actor
of a compound side is stored; its `code` or `country` is mapped to ISO3). A CAMEO code, when a
record carries one (`cameo`), is kept too. Quad classes follow PLOVER's own categories
(`accord.events.ontology.PLOVER_QUAD`); types of earlier drafts (DEMAND, DISAPPROVE,
INVESTIGATE, FIGHT) become their draft-0.8 successors (`PLOVER_LEGACY`). `DOCUMENT` records
(file documentation) are skipped; `line` is the line where the record starts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from accord.errors import InputError
from accord.events.ontology import PLOVER_LEGACY, PLOVER_QUAD
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Source
from accord.events.readers.staging import staged_table

BATCH_RECORDS = 50_000


def _records(text: str, file: str) -> Iterator[tuple[int, Any]]:
    """(line, record) for a JSON list or JSON-lines document."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip()
    if not stripped.startswith("["):
        for number, raw in enumerate(text.splitlines(), start=1):
            if raw.strip():
                try:
                    yield number, json.loads(raw)
                except json.JSONDecodeError as exc:
                    yield number, exc
        return
    pos = text.index("[") + 1
    line = 1 + text.count("\n", 0, pos)
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
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError.at(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno) from None
        yield line, record
        line += text.count("\n", pos, end)
        pos = end


def _actor(value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        value = value[0] if value else {}
    if isinstance(value, str):
        return {"actorText": value}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ";".join(str(v).strip() for v in value if str(v).strip())
    out = str(value).strip()
    return out or None


def _first(record: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _stage(line: int, record: Any, file: str) -> dict[str, Any] | None:
    out: dict[str, Any] = {"dataset": "plover", "file": file, "line": line}
    if isinstance(record, Exception) or not isinstance(record, dict):
        out["reject_reason"] = "not a JSON object"
        out["reject_field"] = "(record)"
        return out
    event = _text(_first(record, "event", "event_type", "eventType"))
    if event is not None and event.upper() == "DOCUMENT":
        return None
    source = _actor(_first(record, "source", "actor", "source_actor"))
    target = _actor(_first(record, "target", "recipient", "target_actor"))
    out["event_id"] = _text(_first(record, "id", "event_id"))
    out["source_actor"] = _text(_first(source, "actorText", "name", "code"))
    out["source_country_raw"] = _text(_first(source, "country", "code"))
    out["source_sector"] = _text(_first(source, "sector", "sectors"))
    out["target_actor"] = _text(_first(target, "actorText", "name", "code"))
    out["target_country_raw"] = _text(_first(target, "country", "code"))
    out["target_sector"] = _text(_first(target, "sector", "sectors"))
    out["cameo_code"] = _text(_first(record, "cameo", "cameo_code"))
    out["plover_mode"] = _text(_first(record, "mode", "event_mode"))
    out["plover_context"] = _text(_first(record, "context", "contexts"))
    location = _first(record, "eventLoc", "location")
    if isinstance(location, dict):
        out["location_raw"] = _text(_first(location, "country", "name", "placeName"))
    date_text = _text(_first(record, "date", "event_date", "story_date"))
    try:
        out["event_date"] = dt.date.fromisoformat(date_text[:10]) if date_text else None
    except ValueError:
        out["reject_reason"] = f"date is not YYYY-MM-DD: {date_text}"
        out["reject_field"] = "date"
    if event is not None:
        event = event.upper()
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


class PloverReader:
    """Reader of PLOVER / POLECAT JSON and JSON-lines files (`--format plover`)."""

    format = "plover"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        with source.open() as opened:
            text = opened.stream.read().decode("utf-8", errors="replace")
            position = opened.position()
        pending: list[dict[str, Any]] = []
        for line, record in _records(text, source.name):
            staged = _stage(line, record, source.name)
            if staged is not None:
                pending.append(staged)
            if len(pending) >= BATCH_RECORDS:
                yield self._batch(pending, context, position)
                pending = []
        if pending:
            yield self._batch(pending, context, position)

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
