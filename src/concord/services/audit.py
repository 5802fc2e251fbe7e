"""Verifying and exporting the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator

from concord.store import records
from concord.store.chain import Verification, verify
from concord.store.database import Database


def verify_log(db: Database) -> Verification:
    """Walk the whole chain; names the first ``seq`` that does not verify."""
    with db.reading() as conn:
        return verify(records.iter_events(conn), records.head(conn))


def export_lines(db: Database) -> Iterator[str]:
    """The log as JSON lines, one event per line, in ``seq`` order."""
    with db.reading() as conn:
        for event in records.iter_events(conn):
            yield json.dumps(event.as_dict(), ensure_ascii=False, sort_keys=True)
