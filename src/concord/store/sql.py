"""Plain SQL on the hot path, written once with ``:name`` parameters for both drivers.

SQLAlchemy Core builds and caches a statement per call, which costs more than the
write itself at thousands of statements a second; these statements skip that step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, CursorResult

_NAMED = re.compile(r":(\w+)")


@cache
def _for(style: str, sql: str) -> str:
    if style in ("pyformat", "format"):
        return _NAMED.sub(r"%(\1)s", sql)
    return sql


def run(
    conn: Connection, sql: str, params: Mapping[str, Any] | Sequence[Mapping[str, Any]] = {}
) -> CursorResult[Any]:
    """Execute ``sql`` (``:name`` parameters); a list of mappings runs it for each."""
    text = _for(conn.dialect.paramstyle, sql)
    if isinstance(params, Sequence):
        return conn.exec_driver_sql(text, list(params))
    return conn.exec_driver_sql(text, dict(params))
