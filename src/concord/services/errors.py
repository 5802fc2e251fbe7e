"""Errors of the live service, each mapped to one HTTP status by the API.

All are :class:`ConcordError`, so the CLI prints them as ``error: ...`` like any other.
"""

from __future__ import annotations

from concord.model.errors import ConcordError


class Unauthorized(ConcordError):
    """No token, or a token that is unknown or revoked (HTTP 401)."""


class Forbidden(ConcordError):
    """A valid token whose role, body, actor or membership does not allow the action (403)."""


class NotFound(ConcordError):
    """No such proposal or token (404)."""


class Conflict(ConcordError):
    """The action comes too late or twice: after the deadline, silence already running (409)."""
