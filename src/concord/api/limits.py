"""Refuse oversize request bodies with 413 before they are read into memory."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from concord.api.errors import send_error

MAX_BODY = 64 * 1024


class _TooLarge(HTTPException):
    """An HTTP error, so that FastAPI's body parsing passes it on unchanged."""

    def __init__(self, max_body: int) -> None:
        super().__init__(413, f"request body larger than {max_body} bytes")


class BodyLimit:
    """Pure ASGI middleware: checks ``Content-Length`` and counts streamed bytes."""

    def __init__(
        self, app: ASGIApp, max_body: int = MAX_BODY, overrides: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.default = max_body
        self.overrides = overrides or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        max_body = self.overrides.get(scope["path"], self.default)
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    too_big = int(value) > max_body
                except ValueError:
                    too_big = False
                if too_big:
                    await self._refuse(send, max_body)
                    return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_body:
                    raise _TooLarge(max_body)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, max_body)

    async def _refuse(self, send: Send, max_body: int) -> None:
        await send_error(send, 413, "too_large", f"request body larger than {max_body} bytes")
