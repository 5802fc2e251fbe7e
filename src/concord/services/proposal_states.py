"""A bounded cache of each proposal's stored state, so a read costs O(actors), not O(statements).

``GET /api/proposals/{id}`` used to read every statement of the proposal and run the
verdict over all of them on each call. Here each proposal keeps, per process:

- its version: the newest ``seq`` in ``proposal_events`` for it. Every change to a
  proposal, its procedure or its statements is an event linked to the proposal (created,
  imported, silence started, statement made or recorded, procedure closed), in the same
  transaction, so an unchanged version means an unchanged state — whichever process or
  the scheduler wrote it. Checking it is one indexed look-up per read;
- for each (actor, date) only the statement that wins that day (``Statement.order_key``).
  The latest position of an actor as of any date is the best of its days up to that
  date, so the verdict on these is the verdict on all of them — as long as no statement
  is dated after the verdict's date (then ``after_as_of`` lists them all): such
  proposals (imported dossiers judged as of an earlier date) take the full path;
- the rows read so far (the last statement ``id``): when the version moves, only the
  newer statements are read and folded in.

The verdict and the rendered state are memoised per version and date (the one part
that depends on the clock, the procedure's ``seconds_left``, is rendered per call).
Entries are evicted least recently used first (``capacity``), so memory is bounded by
capacity × (actors × days).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, select

from concord.store import records, sql
from concord.store.records import ProcedureRecord, ProposalRecord, StatementRecord
from concord.store.schema import statements as statements_t

T = TypeVar("T")
_MISSING = object()
_VERSION = "SELECT max(seq) FROM proposal_events WHERE proposal_id = :id"
CAPACITY = 256


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a proposal's state is computed from; ``statements`` may be the reduced set."""

    version: int
    rec: ProposalRecord
    proc: ProcedureRecord | None
    statements: tuple[StatementRecord, ...]
    count: int  # statements stored (the reduced set holds fewer)
    latest_date: date | None  # of any statement: the reduced set is exact up to it

    def exact_as_of(self, as_of: date) -> bool:
        """Whether the reduced set gives the exact verdict as of ``as_of``."""
        return self.latest_date is None or self.latest_date <= as_of


@dataclass(slots=True)
class _Entry:
    snapshot: Snapshot
    last_id: int
    best: dict[tuple[str, date], StatementRecord]
    derived: dict[Hashable, object] = field(default_factory=dict)


def _fold(
    best: dict[tuple[str, date], StatementRecord], latest: date | None, rows: Sequence[Any]
) -> tuple[int | None, date | None]:
    """Fold statement rows (in ``id`` order) into ``best``; the last id and latest date."""
    last = None
    for row in rows:
        rec = records.statement_from_row(row)
        s = rec.statement
        key = (s.actor, s.date)
        current = best.get(key)
        if current is None or s.order_key() > current.statement.order_key():
            best[key] = rec
        if latest is None or s.date > latest:
            latest = s.date
        last = int(row.id)
    return last, latest


class ProposalStates:
    """Per-process cache of proposal snapshots (thread-safe; reads run in a thread pool)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.refreshes = self.loads = 0

    def __len__(self) -> int:
        return len(self._entries)

    def snapshot(self, conn: Connection, proposal_id: str) -> Snapshot | None:
        """The proposal's current snapshot, or None if there is no such proposal."""
        found = sql.rows(conn, _VERSION, {"id": proposal_id})
        version = found[0][0] if found else None
        if version is None:  # no event: no proposal (every proposal starts with one)
            return None
        with self._lock:
            entry = self._entries.get(proposal_id)
            if entry is not None:
                self._entries.move_to_end(proposal_id)
        if entry is not None and entry.snapshot.version == version:
            self.hits += 1
            return entry.snapshot
        if entry is None:
            rec = records.get_proposal(conn, proposal_id)
            if rec is None:
                return None
            best: dict[tuple[str, date], StatementRecord] = {}
            last_id, latest, count = 0, None, 0
            self.loads += 1
        else:
            rec, best = entry.snapshot.rec, dict(entry.best)
            last_id, latest, count = entry.last_id, entry.snapshot.latest_date, entry.snapshot.count
            self.refreshes += 1
        rows = conn.execute(
            select(statements_t)
            .where(statements_t.c.proposal_id == proposal_id, statements_t.c.id > last_id)
            .order_by(statements_t.c.id)
        ).all()
        new_last, latest = _fold(best, latest, rows)
        proc = records.get_procedure(conn, proposal_id)
        snap = Snapshot(
            version=int(version),
            rec=rec,
            proc=proc,
            statements=tuple(best.values()),
            count=count + len(rows),
            latest_date=latest,
        )
        fresh = _Entry(snap, new_last if new_last is not None else last_id, best)
        with self._lock:
            current = self._entries.get(proposal_id)
            if current is None or current.snapshot.version <= fresh.snapshot.version:
                self._entries[proposal_id] = fresh
                self._entries.move_to_end(proposal_id)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        return snap

    def derived(self, snap: Snapshot, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per snapshot and ``key`` (e.g. the verdict of a day)."""
        proposal_id = snap.rec.proposal.id
        with self._lock:
            entry = self._entries.get(proposal_id)
        if entry is None or entry.snapshot is not snap:
            return compute()
        found = entry.derived.get(key, _MISSING)
        if found is _MISSING:
            found = compute()
            with self._lock:
                if len(entry.derived) >= 8:  # the day moved on: start again
                    entry.derived.clear()
                entry.derived[key] = found
        return cast(T, found)
