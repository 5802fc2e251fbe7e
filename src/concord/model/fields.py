"""Typed field readers for plain mappings (parsed YAML or JSON).

Each reader raises :class:`~concord.model.errors.InvalidField` with the field's
path and what was expected, so that whoever read the document can point at the
file and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from concord.model.errors import FieldPath, InvalidField
from concord.model.sources import Source

_MISSING = object()


def mapping(value: Any, path: FieldPath) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise InvalidField(path, "a mapping", _kind(value))
    return value


def sequence(value: Any, path: FieldPath) -> Sequence[Any]:
    if not isinstance(value, list | tuple):
        raise InvalidField(path, "a list", _kind(value))
    return value


def check_keys(doc: Mapping[Any, Any], allowed: set[str], path: FieldPath) -> None:
    for key in doc:
        if key not in allowed:
            raise InvalidField(
                (*path, str(key)), f"one of the known fields ({', '.join(sorted(allowed))})", key
            )


def required(doc: Mapping[Any, Any], key: str, path: FieldPath) -> Any:
    value = doc.get(key, _MISSING)
    if value is _MISSING or value is None:
        raise InvalidField((*path, key), "a value (the field is required)")
    return value


def text(value: Any, path: FieldPath) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidField(path, "text", _kind(value))
    out = str(value).strip()
    if not out:
        raise InvalidField(path, "non-empty text")
    return out


def opt_text(doc: Mapping[Any, Any], key: str, path: FieldPath) -> str | None:
    value = doc.get(key)
    return None if value is None else text(value, (*path, key))


def iso_date(value: Any, path: FieldPath) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidField(path, "a date YYYY-MM-DD", value)


def opt_date(doc: Mapping[Any, Any], key: str, path: FieldPath) -> date | None:
    value = doc.get(key)
    return None if value is None else iso_date(value, (*path, key))


def utc_datetime(value: Any, path: FieldPath) -> datetime:
    """An ISO 8601 date-time; naive values are taken as UTC, others converted to UTC."""
    parsed: datetime | None = None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if parsed is None:
        raise InvalidField(path, "an ISO 8601 date-time such as 2023-07-10T22:00:00Z", value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def number(value: Any, path: FieldPath, *, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidField(path, f"a number in [{low:g}, {high:g}]", value)
    out = float(value)
    if not low <= out <= high:
        raise InvalidField(path, f"a number in [{low:g}, {high:g}]", value)
    return out


def integer(value: Any, path: FieldPath, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidField(path, f"a whole number ≥ {low}", value)
    return value


def boolean(value: Any, path: FieldPath) -> bool:
    if not isinstance(value, bool):
        raise InvalidField(path, "true or false", value)
    return value


def source(value: Any, path: FieldPath) -> Source:
    if isinstance(value, str):
        return Source(title=value.strip())
    doc = mapping(value, path)
    check_keys(doc, {"title", "url", "outlet", "quote", "accessed", "note"}, path)
    return Source(
        title=opt_text(doc, "title", path),
        url=opt_text(doc, "url", path),
        outlet=opt_text(doc, "outlet", path),
        quote=opt_text(doc, "quote", path),
    )


def opt_source(doc: Mapping[Any, Any], key: str, path: FieldPath) -> Source | None:
    value = doc.get(key)
    return None if value is None else source(value, (*path, key))


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value)
