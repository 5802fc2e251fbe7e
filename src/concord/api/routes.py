"""Endpoints of DESIGN.md's HTTP contract. Each: parse, one service call, render."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from concord.api.schemas import ProposalIn, SilenceIn, StatementIn
from concord.api.statements import StatementEndpoint, bearer
from concord.model.dossier import Location
from concord.services import audit, live
from concord.services.auth import Principal
from concord.services.runtime import Service

router = APIRouter(prefix="/api")
STREAM_POLL = 1.0  # seconds between looks at the store for other processes' events
MAX_SEQ = 2**63 - 1  # seq is a 64-bit integer in both databases

# The hot path is a plain ASGI endpoint, registered first so that it is matched first;
# it shadows the documented FastAPI route below, which stays for /openapi.json and /docs.
router.add_route(  # Starlette routes get no prefix from the router
    router.prefix + "/proposals/{proposal_id}/statements",
    StatementEndpoint(),  # type: ignore[arg-type]  # an ASGI app, not a request handler
    methods=["POST"],
    include_in_schema=False,
)


def service(request: Request) -> Service:
    svc: Service = request.app.state.svc
    return svc


async def principal(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """The bearer token's principal, or 401 saying what is wrong."""
    return bearer(service(request), authorization)


Svc = Annotated[Service, Depends(service)]
Who = Annotated[Principal, Depends(principal)]


@router.get("/health")
async def health() -> dict[str, bool]:
    return {"ok": True}


@router.post("/proposals", status_code=201)
async def create_proposal(req: ProposalIn, svc: Svc, who: Who) -> dict[str, Any]:
    loc = Location(**req.location.model_dump()) if req.location else None
    future = live.submit_proposal(
        svc, who, body=req.body, title=req.title, text=req.text, location=loc
    )
    return await asyncio.wrap_future(future)


@router.get("/proposals")
async def list_proposals(svc: Svc, who: Who) -> list[dict[str, Any]]:
    return await run_in_threadpool(live.list_proposals, svc)


@router.post("/proposals/{proposal_id}/silence", status_code=201)
async def start_silence(proposal_id: str, req: SilenceIn, svc: Svc, who: Who) -> dict[str, Any]:
    return await asyncio.wrap_future(live.submit_silence(svc, who, proposal_id, req.deadline))


@router.post("/proposals/{proposal_id}/statements", status_code=201)
async def make_statement(
    proposal_id: str,
    req: StatementIn,
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """Documentation of the statement route (``StatementEndpoint`` answers it)."""
    svc = service(request)
    who = await principal(request, authorization)
    future = live.submit_statement(
        svc,
        who,
        proposal_id,
        stance=req.stance,
        text=req.text,
        actor=req.actor,
        reservation=req.reservation,
    )
    return JSONResponse(await asyncio.wrap_future(future), status_code=201)


@router.get("/proposals/{proposal_id}")
async def get_proposal(proposal_id: str, svc: Svc, who: Who) -> dict[str, Any]:
    return await run_in_threadpool(live.proposal_state, svc, proposal_id)


@router.get("/proposals/{proposal_id}/events")
async def get_events(
    proposal_id: str, svc: Svc, who: Who, after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0
) -> list[dict[str, Any]]:
    return await run_in_threadpool(live.proposal_events, svc, proposal_id, after)


@router.get("/proposals/{proposal_id}/stream", response_class=StreamingResponse)
async def stream(
    proposal_id: str,
    request: Request,
    svc: Svc,
    who: Who,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    last_event_id: Annotated[int | None, Header(ge=0, le=MAX_SEQ)] = None,
) -> StreamingResponse:
    """Server-sent events: ``state`` (the proposal), then each log event as it happens.

    The stream ends after the procedure closes (nothing can change after that).
    """
    start = await run_in_threadpool(live.proposal_state, svc, proposal_id)
    hub = request.app.state.hub
    first = max(after, last_event_id or 0)

    async def events() -> AsyncIterator[str]:
        yield _sse("state", start)
        seen = first
        while True:
            mark = hub.snapshot()
            new = await run_in_threadpool(live.proposal_events, svc, proposal_id, seen)
            for e in new:
                seen = e["seq"]
                yield _sse(e["kind"], e, e["seq"])
            if new:
                state = await run_in_threadpool(live.proposal_state, svc, proposal_id)
                yield _sse("state", state)
                if any(e["kind"] == "procedure.closed" for e in new):
                    return
            elif (start.get("procedure") or {}).get("state") == "closed":
                return
            if await request.is_disconnected():
                return
            await hub.wait(mark, STREAM_POLL)

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )


def _sse(kind: str, data: Any, seq: int | None = None) -> str:
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.get("/audit/verify")
async def verify(svc: Svc, who: Who) -> dict[str, Any]:
    result = await run_in_threadpool(audit.verify_log, svc.db)
    return result.as_dict()


@router.get("/audit/export", response_class=StreamingResponse)
async def export(svc: Svc, who: Who) -> StreamingResponse:
    """The whole log as JSON lines."""

    def lines() -> Iterator[str]:
        for line in audit.export_lines(svc.db):
            yield line + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")
