"""Errors the analysis reports to users (subclasses of the one ConcordError)."""

from __future__ import annotations

from concord.model.errors import ConcordError


class TooLargeForExact(ConcordError):
    """No exact algorithm handles this game at this size."""
