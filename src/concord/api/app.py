"""The ASGI application: routes, error shape, body limit, scheduler lifecycle.

``create_app`` is the composition point for HTTP: it takes a wired
:class:`~concord.services.runtime.Service` (real or with a fake clock) and nothing
else. Handlers parse, call one service function and render. With ``dashboard`` (the
default) the web dashboard is served at ``/`` over the same store, its JSON guarded by
the same bearer tokens as the API.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig

from concord.api import errors
from concord.api.hub import Hub
from concord.api.limits import MAX_BODY, BodyLimit
from concord.api.ratelimit import RateLimit, TokenRateLimit
from concord.api.routes import principal, router
from concord.api.statements import StatementShortcut
from concord.services.panels import default_providers, warm_up
from concord.services.runtime import Service
from concord.services.scheduler import Scheduler
from concord.services.stored_dossiers import StoredDossiers
from concord.web.routes import create_router

# Article HTML is often larger than the API's request limit; it is capped by ingestion.
INGEST_PATH, INGEST_MAX_BODY = "/web/api/ingest", 12 * 1024 * 1024

# FastAPI's built-in OpenTelemetry looks up its providers on every request (~10 % of a
# statement's time in the event loop); concord configures no exporter, so it is off.
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def create_app(
    svc: Service,
    *,
    scheduler: bool = True,
    max_body: int = MAX_BODY,
    dashboard: bool = True,
    on_stop: Callable[[], object] | None = None,
    rate_limit: RateLimit | None = None,
) -> FastAPI:
    """The API (and dashboard) app; ``on_stop`` runs as the server shuts down gracefully."""
    hub = Hub()
    sched = Scheduler(svc) if scheduler else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        hub.bind(asyncio.get_running_loop())
        svc.writer.listeners.append(hub.notify)
        if sched is not None:
            sched.start()
        if dashboard:
            threading.Thread(target=warm_up, daemon=True).start()
        try:
            yield
        finally:
            if sched is not None:
                sched.stop()
            if hub.notify in svc.writer.listeners:
                svc.writer.listeners.remove(hub.notify)
            if on_stop is not None:
                on_stop()

    app = FastAPI(
        title="concord",
        summary="Live silence procedures with authenticated delegations and a hash-chained log",
        version="0.1.0",
        lifespan=lifespan,
        telemetry=NO_TELEMETRY,
    )
    app.state.svc = svc
    app.state.hub = hub
    app.state.scheduler = sched
    errors.install(app)
    app.include_router(router)
    if dashboard:
        source = StoredDossiers(svc)
        app.include_router(
            create_router(source, lambda: svc.catalog, default_providers(), guard=principal)
        )
    app.add_middleware(StatementShortcut)  # first added: the innermost middleware
    app.add_middleware(BodyLimit, max_body=max_body, overrides={INGEST_PATH: INGEST_MAX_BODY})
    app.add_middleware(TokenRateLimit, limit=rate_limit)
    return app
