"""Who may make the server work or write: same-origin browsers, non-browser clients, tokens.

A page on another site can make a visitor's browser send requests to a server on loopback
(cross-site request forgery), and the browser adds no token. So every request that changes the
store or costs real work (any method but GET, HEAD and OPTIONS, and the expensive reads in
`EXPENSIVE_READS`) passes two checks before any route runs:

- **Origin.** Browsers say where a request comes from: `Sec-Fetch-Site` (Fetch Metadata),
  `Origin`, else `Referer`. A request that a browser marks cross-site or same-site, or whose
  Origin/Referer is not this server (the `Host` it was sent to) nor one of
  `Settings.allowed_origins`, gets 403. A request with none of these headers comes from a program
  (curl, the Python client), which a web page cannot make, and passes.
- **Token.** When the server has a token (always off loopback), the request needs
  `Authorization: Bearer <token>`, else 401. The exercise session routes
  (`/api/exercises/sessions/{sid}/...`, `session_scoped`) take a session token instead (the
  facilitator's or a role's invite, checked by the route), so players need no server token.
"""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from accord.api.settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Reads that cost enough work to need the same guard as writes.
EXPENSIVE_READS = frozenset({"/api/relations/network", "/api/relations/alerts"})

_BROWSER_OK_SITES = frozenset({"same-origin", "none"})


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        out[name.decode("latin-1").lower()] = value.decode("latin-1")
    return out


def _origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of a URL, lower-cased; None when it has no scheme or host."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def guarded(method: str, path: str) -> bool:
    """True when a request must pass the origin and token checks."""
    return method.upper() not in SAFE_METHODS or path in EXPENSIVE_READS


#: Where routes take a session token in place of the server's (the exercise sessions).
SESSION_PREFIX = "/api/exercises/sessions/"


def session_scoped(path: str) -> bool:
    """True for a route of one exercise session, which checks the session's own token."""
    return path.startswith(SESSION_PREFIX) and len(path) > len(SESSION_PREFIX)


def cross_site_reason(headers: dict[str, str], scheme: str, allowed: tuple[str, ...]) -> str | None:
    """Why a request looks sent by another site's page, or None when it does not."""
    site = headers.get("sec-fetch-site")
    if site is not None and site.strip().lower() not in _BROWSER_OK_SITES:
        return f"the browser marked this request {site.strip().lower()} (Sec-Fetch-Site)"
    host = headers.get("host", "").strip().lower()
    own = {f"{scheme}://{host}", f"http://{host}", f"https://{host}"} if host else set()
    own |= {o.rstrip("/").lower() for o in allowed}
    origin = headers.get("origin")
    if origin is not None:
        if _origin_of(origin) not in own:
            return f"requests from origin {origin.strip()!r} are not allowed"
        return None
    referer = headers.get("referer")
    if referer is not None and _origin_of(referer) not in own:
        return "requests from another site's page (Referer) are not allowed"
    return None


def _token_ok(headers: dict[str, str], token: str) -> bool:
    given = headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode(), token.encode())


#: The guard's answers, as documented on every guarded operation of the OpenAPI schema.
GUARD_RESPONSES: dict[str, str] = {
    "401": "The server has a token and the request did not carry it.",
    "403": "A browser sent the request from another site's page.",
}


def document_guards(schema: dict[str, Any]) -> None:
    """Mark every guarded operation of an OpenAPI `schema` with the bearer token and the
    guard's 401 and 403 answers (the guard is middleware, so FastAPI cannot see it)."""
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {}).setdefault(
        "HTTPBearer", {"type": "http", "scheme": "bearer"}
    )
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not guarded(method, path):
                continue
            operation.setdefault("security", [{"HTTPBearer": []}])
            responses = operation.setdefault("responses", {})
            for status, description in GUARD_RESPONSES.items():
                responses.setdefault(status, {"description": description, "content": error})


class OriginGuard:
    """ASGI middleware applying the origin and token checks to guarded requests."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not guarded(scope.get("method", "GET"), scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        reason = cross_site_reason(
            headers, scope.get("scheme", "http"), self.settings.allowed_origins
        )
        if reason is not None:
            await _answer(send, 403, "cross-site request refused", reason, "Origin")
            return
        token = self.settings.token
        if (
            token is not None
            and not session_scoped(scope["path"])
            and not _token_ok(headers, token)
        ):
            await _answer(
                send,
                401,
                "token needed",
                "this endpoint needs 'Authorization: Bearer <token>' with the server's token",
                "Authorization",
                extra=[(b"www-authenticate", b"Bearer")],
            )
            return
        await self.app(scope, receive, send)


async def _answer(
    send: Send,
    status: int,
    error: str,
    message: str,
    field: str,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    problem = {"message": message, "field": field, "file": None, "line": None}
    body = json.dumps({"error": error, "problems": [problem]}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
