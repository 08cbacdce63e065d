"""`create_app`: the FastAPI application serving the REST API and the dashboard."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from accord import __version__
from accord.api.cache import ResponseCache, document_cache
from accord.api.exercise_live import SessionHub, run_clock
from accord.api.origin import OriginGuard, document_guards
from accord.api.problems import ErrorOut, install_handlers
from accord.api.routes import (
    alerts_stream,
    events,
    exercises,
    forecast,
    health,
    jobs,
    meta,
    negotiation,
    relations,
    simulation,
    web,
    world,
)
from accord.api.routes.params import known_query
from accord.api.security import LimitBodySize, SecurityHeaders, TrustedHosts
from accord.api.services import Services
from accord.api.settings import Settings
from accord.world import World

log = logging.getLogger("accord.api")

DESCRIPTION = """The Accord service: the world on any date, event-based relations, negotiation
forecasts, simulations and training exercises. Every error answer is `{"error", "problems":
[{message, field, file, line}]}`. Write endpoints need `Authorization: Bearer <token>` when the
server has a token (always when bound to a non-loopback address); an exercise session's routes
take the session's own token instead."""

#: The capabilities this build serves, each with its router.
CAPABILITIES: tuple[tuple[str, APIRouter], ...] = (
    ("world", world.router),
    ("events", events.router),
    ("relations", relations.router),
    ("forecast", forecast.router),
    ("negotiation", negotiation.router),
    ("simulation", simulation.router),
    ("exercises", exercises.router),
)


def _document(app: FastAPI) -> None:
    """Let the OpenAPI schema show what the middleware does (the origin and token guard, the
    response cache's ETags)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            document_guards(schema)
            document_cache(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None, *, world: World | None = None) -> FastAPI:
    """Build the app; `world` overrides the store's world (tests use small fixtures)."""
    settings = settings or Settings()
    svc = Services(settings, world)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = settings.threads_for_requests
        svc.reopen()
        removed = svc.remove_orphan_uploads()
        if removed:
            log.warning("removed %d upload(s) left behind by a stopped server", removed)
        stop_following = alerts_stream.start_following(app, svc)
        stop_clock = asyncio.Event()
        clock = asyncio.create_task(run_clock(svc, app.state.exercise_hub, stop_clock))
        yield
        stop_clock.set()
        await clock
        stop_following()
        svc.close()

    app = FastAPI(
        title="Accord",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by routes/web.py from vendored assets (offline, under the CSP)
        redoc_url=None,
        dependencies=[Depends(known_query)],
        responses={
            422: {"model": ErrorOut},
            404: {"model": ErrorOut},
            500: {"model": ErrorOut, "description": "Internal error (details in the server log)."},
        },
    )
    app.state.services = svc
    app.state.alerts = alerts_stream.AlertHub()
    app.state.exercise_hub = SessionHub()
    install_handlers(app)
    service = (health.router, meta.router, jobs.router, alerts_stream.router)
    for router in (*service, *(r for _, r in CAPABILITIES), web.router):
        app.include_router(router)
    svc.capabilities = {name for name, _ in CAPABILITIES}
    app.mount("/static", StaticFiles(directory=web.STATIC_DIR), name="static")
    _document(app)
    # the store's own generation counter: `write_generation(settings.db)` would resolve the
    # path on the file system at every request
    app.add_middleware(ResponseCache, generation=lambda: svc.store.generation)
    app.add_middleware(OriginGuard, settings=settings)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LimitBodySize, settings=settings)
    app.add_middleware(TrustedHosts, allowed_hosts=settings.hosts)
    return app
