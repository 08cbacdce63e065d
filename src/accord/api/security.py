"""Guards every request passes: body size limits, the write token and safe response headers.

- Bodies: a JSON request may carry at most `Settings.max_body` bytes and an upload
  `Settings.max_upload`; larger ones get 413 before they are read into memory, whether the client
  declares a Content-Length or streams, in the one error shape (`problems.body_too_large`).
- Writes (ingest, simulation runs, anything that changes the store or starts work) need
  `Authorization: Bearer <token>` whenever a token is set, which `Settings.build` guarantees on
  any non-loopback address.
- Every answer carries a strict Content-Security-Policy: the dashboard loads only what this
  server serves, never a CDN.
- A Host header that is not an allowed host gets 400 in the JSON error shape (`TrustedHosts`).
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accord.api.problems import body_too_large
from accord.api.settings import Settings
from accord.errors import AccordError

#: Routes that take file uploads and so get the larger upload limit.
UPLOAD_PATHS: frozenset[str] = frozenset({"/api/events/ingest", "/api/forecasts/upload"})

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class BodyTooLarge(AccordError, HTTPException):
    """Raised while reading a body that passes its limit (FastAPI lets HTTPException through)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, body_too_large(limit).problems[0].message)


class LimitBodySize:
    """ASGI middleware refusing bodies over the limit for their path."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def limit_for(self, path: str) -> int:
        return self.settings.max_upload if path in UPLOAD_PATHS else self.settings.max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, limit: int) -> None:
    body = body_too_large(limit).model_dump_json().encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _host_name(header: str) -> str:
    """The host of a Host header without its port (`[::1]:8000` -> `[::1]`), lower-cased."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[: end + 1] if end >= 0 else header
    return header.split(":", 1)[0]


class TrustedHosts:
    """ASGI middleware refusing a request whose Host header is not an allowed host (against
    DNS rebinding): 400 with the JSON error shape of every other refusal. A pattern is a
    name, `*.domain` (any subdomain) or `*` (any host)."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...] | list[str]) -> None:
        self.app = app
        self.allowed = tuple(h.lower() for h in allowed_hosts)

    def allows(self, host: str) -> bool:
        """Whether `host` (no port) matches an allowed pattern."""
        bare = host.strip("[]")
        for pattern in self.allowed:
            if pattern == "*" or host == pattern or bare == pattern.strip("[]"):
                return True
            if pattern.startswith("*.") and host.endswith(pattern[1:]):
                return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        host = _host_name(raw)
        if self.allows(host):
            await self.app(scope, receive, send)
            return
        body = json.dumps(
            {
                "error": "invalid host header",
                "problems": [
                    {
                        "message": f"host {host[:100]!r} is not served here",
                        "field": "Host",
                        "file": None,
                        "line": None,
                    }
                ],
            }
        ).encode()
        prefix = "websocket." if scope["type"] == "websocket" else ""
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": f"{prefix}http.response.start", "status": 400, "headers": headers})
        await send({"type": f"{prefix}http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding `SECURITY_HEADERS` to every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


_bearer = HTTPBearer(auto_error=False, description="Needed for writes when a token is set.")


async def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Dependency of every write endpoint: check the bearer token when one is configured."""
    settings: Settings = request.app.state.services.settings
    if settings.token is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(
            401,
            "this endpoint needs 'Authorization: Bearer <token>' with the server's token",
            headers={"WWW-Authenticate": "Bearer"},
        )


Writer = Depends(require_writer)
