"""One JSON error shape for every failure: ``{"error": {status, code, message, field?}}``."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Send

from concord.model.errors import ConcordError, InvalidField, render_path
from concord.services.errors import Conflict, Forbidden, NotFound, Unauthorized

log = logging.getLogger("concord.api")

_STATUS: list[tuple[type[ConcordError], int, str]] = [
    (Unauthorized, 401, "unauthorized"),
    (Forbidden, 403, "forbidden"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
]
_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def error_body(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"status": status, "code": code, "message": message}
    if field is not None:
        err["field"] = field
    return {"error": err}


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: Sequence[tuple[bytes, bytes]] = (),
) -> None:
    """The same error shape sent straight over ASGI, for middleware and raw endpoints."""
    body = json.dumps(
        error_body(status, code, message, field),
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        head.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": [*head, *headers]})
    await send({"type": "http.response.body", "body": body})


def error_response(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(status, code, message, field), status, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [p for p in loc if p not in ("body", "query", "path", "header")]
    if loc and loc[0] == "body" and (not parts or isinstance(parts[0], int)):
        return "body"
    return render_path(parts) or str(loc[0] if loc else "body")


Parts = tuple[int, str, str, str | None]


def concord_parts(exc: ConcordError) -> Parts:
    """``(status, code, message, field)`` of a user error."""
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            return status, code, str(exc), None
    if isinstance(exc, InvalidField):
        return 422, "invalid", exc.message, render_path(exc.path)
    return 422, "invalid", str(exc), None


def validation_error(found: Sequence[Any]) -> RequestValidationError:
    """A request-validation error built as FastAPI builds it (``loc`` from ``"body"``)."""
    return RequestValidationError(found)


def validation_parts(exc: RequestValidationError) -> Parts:
    """``(status, code, message, field)`` of the first validation error."""
    first = exc.errors()[0]
    loc = tuple(first.get("loc", ()))
    field = _field(loc)
    if first.get("type") == "json_invalid":
        message = f"malformed JSON: {first.get('ctx', {}).get('error', 'cannot parse')}"
    else:
        message = f"field {field}: {first.get('msg', 'invalid')}"
    return 422, "invalid", message, field


async def _concord(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ConcordError)
    return error_response(*concord_parts(exc))


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(*validation_parts(exc))


async def _http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODES.get(exc.status_code, "error")
    return error_response(exc.status_code, code, str(exc.detail))


async def _internal(_: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error", exc_info=exc)
    return error_response(500, "internal", "internal error; see the server log")


def install(app: FastAPI) -> None:
    app.add_exception_handler(ConcordError, _concord)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _internal)
