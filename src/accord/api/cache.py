"""A response cache for the store's read endpoints, with ETags, kept until the next write.

Relation and world answers are pure functions of the request's path and query, the store's data
and the day (defaults such as `on` mean today). So a `GET` under `CACHED_PREFIXES` that answered
200 with JSON is kept, keyed by (path, query parameters in their order per name, today, the
store's `write_generation`), and the same request is then answered from memory without routing,
validation or a query. Every committed transaction in the process advances the generation
(`Store.transaction`, the one write path), so no answer outlives the data it was computed from;
an answer whose query overlapped a write is not kept.

Every JSON answer under these prefixes carries a strong `ETag` (a hash of its body), and a
request whose `If-None-Match` names it gets `304 Not Modified` with no body. The header
`x-accord-cache` says `hit` or `miss`, so a benchmark can report how many answers the cache gave.
Only answers passed by every guard reach this middleware (it sits inside them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Read endpoints whose 200 JSON answers depend only on the request, the store and the day.
CACHED_PREFIXES: tuple[str, ...] = ("/api/relations/", "/api/world")
#: Bounds of the cache: answers kept, their total bytes, and the largest answer kept.
MAX_ENTRIES = 2048
MAX_BYTES = 64 << 20
MAX_BODY = 4 << 20

CACHE_HEADER = b"x-accord-cache"

Key = tuple[str, tuple[tuple[str, str], ...], str, int]


@dataclass(frozen=True)
class Cached:
    """One kept answer: its body, ETag and content type."""

    body: bytes
    etag: bytes
    content_type: bytes


def cached_path(path: str) -> bool:
    """True when answers to GET `path` may be cached."""
    return path.startswith(CACHED_PREFIXES)


def etag_of(body: bytes) -> bytes:
    """A strong ETag for a body: a quoted 24-hex-digit BLAKE2b hash."""
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    """True when `If-None-Match` names `etag` (weakly compared; `*` is not taken: a client
    that has no copy would get no body)."""
    if if_none_match is None:
        return False
    tags = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return etag in tags


class ResponseCache:
    """ASGI middleware keeping and serving the cacheable answers (see the module docstring).

    `generation` gives the store's current write generation."""

    def __init__(self, app: ASGIApp, generation: Callable[[], int]) -> None:
        self.app = app
        self.generation = generation
        self._items: OrderedDict[Key, Cached] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def key(self, scope: Scope) -> Key:
        """The cache key of a request (parameters stably sorted by name only, so the order
        of repeated values, which decides the one a route takes, stays part of the key)."""
        query = scope.get("query_string", b"").decode("latin-1")
        pairs = sorted(parse_qsl(query, keep_blank_values=True), key=lambda kv: kv[0])
        return (scope["path"], tuple(pairs), dt.date.today().isoformat(), self.generation())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not cached_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        key = self.key(scope)
        if_none_match = _header(scope, b"if-none-match")
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            self.hits += 1
            await _send_cached(send, found, if_none_match)
            return
        self.misses += 1
        keep = _Capture(send, if_none_match)
        await self.app(scope, receive, keep.send)
        if keep.answer is not None and self.generation() == key[3]:
            self._put(key, keep.answer)

    def _put(self, key: Key, answer: Cached) -> None:
        if len(answer.body) > MAX_BODY:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._items[key] = answer
        self._bytes += len(answer.body)
        while len(self._items) > MAX_ENTRIES or self._bytes > MAX_BYTES:
            _, dropped = self._items.popitem(last=False)
            self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._items)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return None


class _Capture:
    """Holds back a 200 JSON answer until its body is complete, then sends it with its ETag
    (or a 304 when the client already has it) and keeps it as `answer`; passes anything
    else through unchanged."""

    def __init__(self, send: Send, if_none_match: bytes | None) -> None:
        self._send = send
        self._if_none_match = if_none_match
        self._start: Message | None = None
        self._chunks: list[bytes] = []
        self.answer: Cached | None = None

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            content_type = dict(message.get("headers", [])).get(b"content-type", b"")
            if message["status"] == 200 and content_type.startswith(b"application/json"):
                self._start = message
                return
        elif message["type"] == "http.response.body" and self._start is not None:
            self._chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            headers = dict(self._start.get("headers", []))
            body = b"".join(self._chunks)
            self.answer = Cached(body, etag_of(body), headers[b"content-type"])
            await _send_answer(self._send, self._start, self.answer, self._if_none_match, b"miss")
            return
        await self._send(message)


async def _send_cached(send: Send, cached: Cached, if_none_match: bytes | None) -> None:
    start: dict[str, Any] = {"type": "http.response.start", "status": 200, "headers": []}
    await _send_answer(send, start, cached, if_none_match, b"hit")


async def _send_answer(
    send: Send, start: Message, cached: Cached, if_none_match: bytes | None, how: bytes
) -> None:
    """Send `cached` (or a 304 when `if_none_match` names its ETag), with the headers of
    `start` other than the length, content type and ETag it sets itself."""
    mine = {b"content-length", b"content-type", b"etag", CACHE_HEADER}
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in mine]
    headers += [(b"etag", cached.etag), (b"cache-control", b"no-cache"), (CACHE_HEADER, how)]
    if _matches(if_none_match, cached.etag):
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    headers += [
        (b"content-type", cached.content_type),
        (b"content-length", str(len(cached.body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": cached.body})


def document_cache(schema: dict[str, Any]) -> None:
    """Mark every cached operation of an OpenAPI `schema` with the `If-None-Match` header it
    takes and the `ETag` and 304 it may answer (the cache is middleware: FastAPI cannot see
    it)."""
    etag = {"description": "Hash of the body; send it back as If-None-Match to revalidate."}
    for path, operations in schema.get("paths", {}).items():
        get = operations.get("get")
        if get is None or not cached_path(path):
            continue
        parameters = get.setdefault("parameters", [])
        parameters.append(
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "description": "An ETag of an earlier answer: 304 when the answer is the same.",
                "schema": {"type": "string"},
            }
        )
        responses = get.setdefault("responses", {})
        ok = responses.get("200")
        if ok is not None:
            ok.setdefault("headers", {})["ETag"] = {"schema": {"type": "string"}, **etag}
        responses["304"] = {"description": "Not modified: the client's copy (If-None-Match)."}
