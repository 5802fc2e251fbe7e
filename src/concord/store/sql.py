"""Plain SQL on the hot path, written once with ``:name`` parameters for both drivers.

SQLAlchemy builds, caches and wraps every statement it runs, which costs more than
the write itself at thousands of statements a second. These helpers hand the SQL to
the driver's own cursor, inside the transaction the SQLAlchemy connection holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection

_NAMED = re.compile(r":(\w+)")


@cache
def _for(style: str, sql: str) -> str:
    if style in ("pyformat", "format"):
        return _NAMED.sub(r"%(\1)s", sql)
    return sql


def rows(conn: Connection, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    """Run a query (``:name`` parameters); all its rows as tuples."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_for(conn.dialect.paramstyle, sql), dict(params or {}))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def run_many(conn: Connection, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
    """Run a statement once per mapping (``:name`` parameters)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        rows = [p if type(p) is dict else dict(p) for p in params]
        cursor.executemany(_for(conn.dialect.paramstyle, sql), rows)
    finally:
        cursor.close()
