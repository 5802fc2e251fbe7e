"""Appending to the audit log: one serialised writer per database, with group commit.

Every change to the store is an *operation* run inside a write transaction that holds
the chain lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT … FOR UPDATE`` on the
``chain_head`` row), so concurrent writers — threads or server processes — can never
fork the chain or leave a gap in ``seq``. The in-process writer gathers the operations
queued while the previous commit was flushing and commits them together: one fsync
acknowledges many statements. Each operation runs in a savepoint, so one that fails
(a user error) leaves nothing half-written and does not disturb the others.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Connection, CursorResult, Executable

from concord.store import sql
from concord.store.chain import Event, event_of_text, make_event
from concord.store.database import Database
from concord.store.timefmt import to_text

log = logging.getLogger("concord.store")
T = TypeVar("T")
Now = Callable[[], datetime]
Listener = Callable[[Sequence[Event]], None]


class Tx:
    """What an operation sees: the connection, the time, ``append`` to the log, and
    ``write``/``insert_later`` for its own rows.

    An operation reads through ``conn`` but writes only through ``write`` (at once) or
    ``insert_later`` (batched at commit). An operation that fails before writing is
    simply dropped; one that fails after ``write`` makes the batch start over without it.
    """

    def __init__(self, conn: Connection, now: Now, seq: int, last_hash: str) -> None:
        self.conn = conn
        self._now = now
        self.seq = seq
        self.hash = last_hash
        self.pending: list[Event] = []
        self.links: list[tuple[int, str]] = []
        self.later: list[tuple[str, dict[str, Any]]] = []
        self.dirty = False
        self._memo: dict[tuple[str, tuple[Any, ...]], list[Any]] = {}

    def write(self, statement: Executable, params: Any = None) -> CursorResult[Any]:
        self.dirty = True
        if params is None:
            return self.conn.execute(statement)
        return self.conn.execute(statement, params)

    def write_sql(self, statement: str, params: dict[str, Any]) -> None:
        """Run plain SQL (``:name`` parameters) that writes, at once."""
        self.dirty = True
        sql.run_many(self.conn, statement, [params])

    def read(self, statement: str, params: dict[str, Any]) -> list[Any]:
        """Rows of a query (plain SQL), remembered until an operation of the batch writes.

        Many statements on one proposal arrive in one batch; each would read the same
        proposal and procedure. Rows queued with ``insert_later`` do not count as
        writes, so queries must not read the tables those rows go to.
        """
        key = (statement, tuple(sorted(params.items())))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = sql.rows(self.conn, statement, params)
        return found

    def insert_later(self, sql: str, row: dict[str, Any]) -> None:
        """Queue an ``INSERT`` (plain SQL, ``:name`` parameters) for the commit."""
        self.later.append((sql, row))

    def forget_reads(self) -> None:
        self._memo.clear()

    @property
    def is_postgres(self) -> bool:
        return self.conn.dialect.name == "postgresql"

    def now(self) -> datetime:
        return self._now()

    def append(self, actor: str, kind: str, payload: Any, *, proposal: str | None = None) -> Event:
        """Add an event to the chain; ``proposal`` indexes it for that proposal's log."""
        event = make_event(self.hash, self.seq + 1, to_text(self._now()), actor, kind, payload)
        return self._add(event, proposal)

    def append_text(
        self, actor: str, kind: str, text: str, *, at: str, proposal: str | None = None
    ) -> Event:
        """``append`` for callers that write many events at once (closing a burst of
        deadlines): the payload already as canonical JSON text, the time as stored text."""
        return self._add(event_of_text(self.hash, self.seq + 1, at, actor, kind, text), proposal)

    def _add(self, event: Event, proposal: str | None) -> Event:
        self.pending.append(event)
        if proposal is not None:
            self.links.append((event.seq, proposal))
        self.seq, self.hash = event.seq, event.hash
        return event


class BaseOp(Generic[T]):
    """An operation queued for the writer; ``settle`` hands it its outcome."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[Tx], T]) -> None:
        self.fn = fn

    def done(self) -> bool:
        raise NotImplementedError


class Op(BaseOp[T]):
    """An operation and the (thread) future that receives its result."""

    __slots__ = ("future",)

    def __init__(self, fn: Callable[[Tx], T]) -> None:
        super().__init__(fn)
        self.future: Future[T] = Future()

    def done(self) -> bool:
        return self.future.done()


class LoopOp(BaseOp[T]):
    """An operation whose result goes to an asyncio future of ``loop``.

    The writer settles all of a batch's loop operations with one wake-up of their event
    loop (``settle``) instead of one ``call_soon_threadsafe`` per operation, which is
    what ``asyncio.wrap_future`` on a thread future costs. It makes no thread future
    (with its lock and condition): on the hot path that was 5 % of the event loop's time.
    """

    __slots__ = ("afuture", "loop", "settled")

    def __init__(self, fn: Callable[[Tx], T], loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(fn)
        self.loop = loop
        self.afuture: asyncio.Future[T] = loop.create_future()
        self.settled = False

    def done(self) -> bool:
        return self.settled


_HEAD = "SELECT seq, hash FROM chain_head WHERE id = 1"
_INSERT_EVENT = (
    "INSERT INTO events (seq, at, actor, kind, payload, prev, hash) "
    "VALUES (:seq, :at, :actor, :kind, :payload, :prev, :hash)"
)
_INSERT_LINK = "INSERT INTO proposal_events (seq, proposal_id) VALUES (:seq, :proposal_id)"
_UPDATE_HEAD = "UPDATE chain_head SET seq = :seq, hash = :hash WHERE id = 1"


class _StartOver(Exception):
    """An operation failed after writing: roll back and run the batch without it."""


Done = list[tuple[BaseOp[Any], Any]]


def _attempt(
    db: Database, ops: Sequence[BaseOp[Any]], failed: dict[int, Exception], now: Now
) -> tuple[list[Event], Done]:
    with db.writing() as conn:
        lock = " FOR UPDATE" if conn.dialect.name == "postgresql" else ""
        ((seq, last_hash),) = sql.rows(conn, _HEAD + lock)
        tx = Tx(conn, now, int(seq), str(last_hash))
        done: Done = []
        for i, op in enumerate(ops):
            if i in failed:
                continue
            mark = (tx.seq, tx.hash, len(tx.pending), len(tx.links), len(tx.later))
            tx.dirty = False
            try:
                done.append((op, op.fn(tx)))
                if tx.dirty:
                    tx.forget_reads()
            except Exception as exc:
                failed[i] = exc
                if tx.dirty:
                    raise _StartOver from exc
                tx.seq, tx.hash = mark[0], mark[1]
                del tx.pending[mark[2] :]
                del tx.links[mark[3] :]
                del tx.later[mark[4] :]
        by_sql: dict[str, list[dict[str, Any]]] = {}
        for statement, values in tx.later:
            by_sql.setdefault(statement, []).append(values)
        for statement, rows in by_sql.items():
            sql.run_many(conn, statement, rows)
        if tx.pending:
            sql.run_many(conn, _INSERT_EVENT, [e.row() for e in tx.pending])
            if tx.links:
                links = [{"seq": s, "proposal_id": p} for s, p in tx.links]
                sql.run_many(conn, _INSERT_LINK, links)
            sql.run_many(conn, _UPDATE_HEAD, [{"seq": tx.seq, "hash": tx.hash}])
    return tx.pending, done


def run_batch(
    db: Database, ops: Sequence[BaseOp[Any]], now: Now, listeners: Sequence[Listener] = ()
) -> list[Event]:
    """Run ``ops`` in one transaction; each future gets its result or its error.

    Futures are resolved only after the commit: acknowledged means durable. The
    ``listeners`` hear of the committed events before anyone is acknowledged, so that
    what they keep (caches, streams) is never behind an acknowledged write.
    """
    failed: dict[int, Exception] = {}
    while True:
        try:
            written, done = _attempt(db, ops, failed, now)
            break
        except _StartOver:
            continue
    if written:
        _notify(listeners, written)
    outcomes: list[tuple[BaseOp[Any], Any, BaseException | None]] = [(o, v, None) for o, v in done]
    outcomes.extend((ops[i], None, exc) for i, exc in failed.items())
    settle(outcomes)
    return written


Outcome = tuple[BaseOp[Any], Any, BaseException | None]


def settle(outcomes: Sequence[Outcome]) -> None:
    """Hand each operation its result or error; one wake-up per event loop."""
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Any], Any, Any]]] = {}
    for op, value, exc in outcomes:
        if isinstance(op, LoopOp):
            op.settled = True
            by_loop.setdefault(op.loop, []).append((op.afuture, value, exc))
        elif not isinstance(op, Op):
            raise TypeError(f"not an operation: {op!r}")
        elif exc is None:
            op.future.set_result(value)
        else:
            op.future.set_exception(exc)
    for loop, items in by_loop.items():
        try:
            loop.call_soon_threadsafe(_resolve, items)
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            log.warning("event loop closed before %d results were delivered", len(items))


def _resolve(items: Sequence[tuple[asyncio.Future[Any], Any, BaseException | None]]) -> None:
    """On the event loop: resolve futures whose awaiting task is still there."""
    for future, value, exc in items:
        if future.cancelled():
            continue
        if exc is None:
            future.set_result(value)
        else:
            future.set_exception(exc)


def _notify(listeners: Sequence[Listener], written: Sequence[Event]) -> None:
    for listener in list(listeners):
        try:
            listener(written)
        except Exception:  # a listener must never stop the writer
            log.exception("writer listener failed")


class Writer(Protocol):
    listeners: list[Listener]

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]: ...

    def submit_async(self, fn: Callable[[Tx], T]) -> asyncio.Future[T]: ...

    def run(self, fn: Callable[[Tx], T]) -> T: ...


class DirectWriter:
    """Runs each operation at once in the caller's thread (CLI commands, tests)."""

    def __init__(self, db: Database, now: Now) -> None:
        self.db = db
        self.now = now
        self.listeners: list[Listener] = []

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        op = Op(fn)
        run_batch(self.db, [op], self.now, self.listeners)
        return op.future

    def submit_async(self, fn: Callable[[Tx], T]) -> asyncio.Future[T]:
        """For the event loop's thread: the result as an asyncio future of that loop."""
        op = LoopOp(fn, asyncio.get_running_loop())
        run_batch(self.db, [op], self.now, self.listeners)
        return op.afuture

    def run(self, fn: Callable[[Tx], T]) -> T:
        return self.submit(fn).result()


class GroupWriter:
    """A writer thread that commits queued operations in batches."""

    def __init__(self, db: Database, now: Now, *, max_batch: int = 256) -> None:
        self.db = db
        self.now = now
        self.max_batch = max_batch
        self.listeners: list[Listener] = []
        self._queue: queue.SimpleQueue[BaseOp[Any] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="concord-writer", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        if self._thread is None:
            raise RuntimeError("writer not started")
        op = Op(fn)
        self._queue.put(op)
        return op.future

    def submit_async(self, fn: Callable[[Tx], T]) -> asyncio.Future[T]:
        """For the event loop's thread: the result as an asyncio future of that loop,
        resolved together with the rest of its batch after the commit."""
        if self._thread is None:
            raise RuntimeError("writer not started")
        op = LoopOp(fn, asyncio.get_running_loop())
        self._queue.put(op)
        return op.afuture

    def run(self, fn: Callable[[Tx], T]) -> T:
        return self.submit(fn).result()

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch: list[BaseOp[Any]] = [first]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            try:
                run_batch(self.db, batch, self.now, self.listeners)
            except Exception as exc:  # the commit itself failed: nobody is acknowledged
                settle([(op, None, exc) for op in batch if not op.done()])
            if stop:
                return
