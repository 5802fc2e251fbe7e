"""The hot path, ``POST /api/proposals/{id}/statements``, as a plain ASGI endpoint.

Delegations send statements by the thousand a second; going through FastAPI's request
machinery (dependency solving, body field handling, response model) cost three times
what the statement itself costs. This endpoint reads the body, validates it with the
same pydantic model (:class:`~concord.api.schemas.StatementIn`), authenticates, queues
the operation and renders the reply itself. It keeps the contract of the documented
FastAPI route exactly — same checks in the same order (malformed JSON and wrong types
422, then the token 401, then 403/404/409 from the service), same error shape — and
it stays behind the application's middleware (body limit and whatever else is added).
The FastAPI route in ``routes.py`` remains as the OpenAPI documentation and for any
client that reaches it.
"""

from __future__ import annotations

import email.message
import json
import logging
import re
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from concord.api import errors
from concord.api.schemas import StatementIn
from concord.model.errors import ConcordError
from concord.services import live
from concord.services.auth import Principal
from concord.services.errors import Unauthorized
from concord.services.runtime import Service

log = logging.getLogger("concord.api")
_JSON = (b"content-type", b"application/json")


def bearer(svc: Service, authorization: str | None, *, for_write: bool = False) -> Principal:
    """The bearer token's principal, or 401 saying what is wrong.

    ``for_write``: the operation checks revocation in its transaction
    (``auth.require_not_revoked``), so no look-up is made here for a known token.
    """
    if authorization is None:
        raise Unauthorized("missing bearer token: send `Authorization: Bearer <token>`")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("malformed Authorization header: expected `Bearer <token>`")
    if for_write:
        return svc.auth.authenticate_for_write(token.strip())
    return svc.auth.authenticate(token.strip())


def _dumps(value: Any) -> bytes:
    """JSON as Starlette's ``JSONResponse`` renders it."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


async def _send_bytes(send: Send, status: int, body: bytes) -> None:
    headers = [_JSON, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


_send_error = errors.send_error


def _is_json(content_type: str | None) -> bool:
    """FastAPI's rule: no content type, ``application/json`` or ``application/*+json``."""
    if content_type is None or content_type == "application/json":
        return True
    message = email.message.Message()
    message["content-type"] = content_type
    if message.get_content_maintype() != "application":
        return False
    subtype = message.get_content_subtype()
    return subtype == "json" or subtype.endswith("+json")


def parse_statement(raw: bytes, content_type: str | None) -> StatementIn:
    """The request body as FastAPI would parse and validate it; 422 errors alike."""
    value: Any = raw
    if not raw:
        value = None
    elif _is_json(content_type):
        try:
            value = json.loads(raw)
        except ValueError as exc:
            pos = getattr(exc, "pos", 0)
            msg = getattr(exc, "msg", "cannot parse")
            raise errors.validation_error(
                [
                    {
                        "type": "json_invalid",
                        "loc": ("body", pos),
                        "msg": "JSON decode error",
                        "input": {},
                        "ctx": {"error": msg},
                    }
                ]
            ) from None
    if value is None:
        raise errors.validation_error(
            [{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}]
        )
    try:
        return StatementIn.model_validate(value, from_attributes=True)  # as FastAPI does
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        raise errors.validation_error([{**e, "loc": ("body", *e["loc"])} for e in found]) from None


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None if the client went away."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class StatementEndpoint:
    """Raw ASGI app for the statement route (mounted by ``routes.py``)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        svc: Service = scope["app"].state.svc
        proposal_id: str = scope["path_params"]["proposal_id"]
        authorization = content_type = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"content-type":
                content_type = value.decode("latin-1")
        raw = await _read_body(receive)
        if raw is None:
            return
        try:
            req = parse_statement(raw, content_type)
            who = bearer(svc, authorization, for_write=True)
            op = live.statement_op(
                svc,
                who,
                proposal_id,
                stance=req.stance,
                text=req.text,
                actor=req.actor,
                reservation=req.reservation,
            )
            # The writer thread renders the reply, and wakes this loop once per batch.
            reply = await svc.writer.submit_async(lambda tx: _dumps(op(tx)))
        except RequestValidationError as exc:
            await _send_error(send, *errors.validation_parts(exc))
            return
        except ConcordError as exc:
            await _send_error(send, *errors.concord_parts(exc))
            return
        except Exception:
            log.exception("internal error")
            await _send_error(send, 500, "internal", "internal error; see the server log", None)
            return
        await _send_bytes(send, 201, reply)


_STATEMENTS = re.compile(r"/api/proposals/([^/]+)/statements")  # the route's own pattern


class StatementShortcut:
    """Pure ASGI middleware, the innermost of the app's: statements go straight to
    :class:`StatementEndpoint`.

    The router would find the same endpoint (it is registered first), but getting there
    — FastAPI's exception middleware, its exit stack and the router's matching through
    included routers — cost more of the event loop's time than the statement itself.
    Every middleware added with ``add_middleware`` (body limit, rate limit, whatever
    comes later) still runs before this one; errors are rendered by the endpoint itself.
    A request under a ``root_path`` takes the ordinary route.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.endpoint = StatementEndpoint()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and not scope.get("root_path"):
            found = _STATEMENTS.fullmatch(scope["path"])
            if found is not None:
                scope["path_params"] = {"proposal_id": found.group(1)}
                await self.endpoint(scope, receive, send)
                return
        await self.app(scope, receive, send)
