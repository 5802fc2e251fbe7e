"""One text format for instants: ``2026-07-10T22:00:00.000000Z`` (UTC, fixed width).

Fixed width makes text order equal time order on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_text(moment: datetime) -> str:
    """``_FORMAT`` (isoformat is the same text for years 1000–9999, and several times faster)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: concord stores UTC instants only")
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)  # reads the trailing Z as UTC


def display(moment: datetime) -> str:
    """ISO 8601 with ``Z``; microseconds only when present."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
