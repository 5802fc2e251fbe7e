"""The ASGI application: routes, error shape, body limit, scheduler lifecycle.

``create_app`` is the composition point for HTTP: it takes a wired
:class:`~concord.services.runtime.Service` (real or with a fake clock) and nothing
else. Handlers parse, call one service function and render.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig

from concord.api import errors
from concord.api.hub import Hub
from concord.api.limits import MAX_BODY, BodyLimit
from concord.api.routes import router
from concord.services.runtime import Service
from concord.services.scheduler import Scheduler

# FastAPI's built-in OpenTelemetry looks up its providers on every request (~10 % of a
# statement's time in the event loop); concord configures no exporter, so it is off.
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def create_app(svc: Service, *, scheduler: bool = True, max_body: int = MAX_BODY) -> FastAPI:
    hub = Hub()
    sched = Scheduler(svc) if scheduler else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        hub.bind(asyncio.get_running_loop())
        svc.writer.listeners.append(hub.notify)
        if sched is not None:
            sched.start()
        try:
            yield
        finally:
            if sched is not None:
                sched.stop()
            if hub.notify in svc.writer.listeners:
                svc.writer.listeners.remove(hub.notify)

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
    app.add_middleware(BodyLimit, max_body=max_body)
    return app
