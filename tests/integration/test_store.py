"""The store on SQLite and PostgreSQL: migrations, group commit, serialised appends."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from concord.services import audit
from concord.services.clock import FakeClock
from concord.store.database import open_database, resolve_url
from concord.store.log import DirectWriter, GroupWriter, LoopOp, Op, Tx, run_batch
from concord.store.schema import bodies, events


def test_resolve_url() -> None:
    assert resolve_url("x.db") == "sqlite:///x.db"
    assert resolve_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"


def test_unsupported_database_is_a_user_error() -> None:
    with pytest.raises(Exception, match="unsupported database"):
        open_database("mysql://u@h/d")


def test_migrations_are_idempotent(db_url: str) -> None:
    first = open_database(db_url)
    second = open_database(db_url)  # a restart upgrades an up-to-date schema: no-op
    with second.reading() as conn:
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 0
    first.dispose()
    second.dispose()


def _body_op(name: str, fail: str | None = None) -> Any:
    def op(tx: Tx) -> int:
        if fail == "before":
            raise ValueError(f"{name} refused before writing")
        tx.write(
            insert(bodies).values(
                id=name, name=name, default_rule="consensus", origin="test", loaded_at="x"
            )
        )
        event = tx.append("test", "body.loaded", {"id": name})
        if fail == "after":
            raise ValueError(f"{name} failed after writing")
        return event.seq

    return op


def test_a_failing_operation_leaves_nothing_and_spares_the_batch(
    db_url: str, clock: FakeClock
) -> None:
    db = open_database(db_url)
    ops = [
        Op(_body_op("A")),
        Op(_body_op("B", "before")),
        Op(_body_op("C", "after")),
        Op(_body_op("D")),
    ]
    run_batch(db, ops, clock.now)
    assert [o.future.result() for o in (ops[0], ops[3])] == [1, 2]
    for o in ops[1:3]:
        with pytest.raises(ValueError):
            o.future.result()
    with db.reading() as conn:
        assert sorted(conn.execute(select(bodies.c.id)).scalars()) == ["A", "D"]
    assert audit.verify_log(db).ok and audit.verify_log(db).events == 2
    db.dispose()


def test_concurrent_writers_never_fork_the_chain(db_url: str, clock: FakeClock) -> None:
    """Four writers on four connections (as four processes would), 25 appends each."""
    dbs = [open_database(db_url) for _ in range(4)]
    writers = [DirectWriter(db, clock.now) for db in dbs]

    def work(w: DirectWriter, k: int) -> None:
        for i in range(25):
            w.run(lambda tx, i=i: tx.append(f"w{k}", "test", {"i": i}).seq)

    threads = [threading.Thread(target=work, args=(w, k)) for k, w in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with dbs[0].reading() as conn:
        seqs = list(conn.execute(select(events.c.seq).order_by(events.c.seq)).scalars())
    assert seqs == list(range(1, 101))
    assert audit.verify_log(dbs[0]).ok
    for db in dbs:
        db.dispose()


def test_group_writer_batches_and_acknowledges_after_commit(db_url: str, clock: FakeClock) -> None:
    db = open_database(db_url)
    writer = GroupWriter(db, clock.now)
    writer.start()
    seen: list[int] = []
    writer.listeners.append(lambda evs: seen.extend(e.seq for e in evs))
    futures: list[Future[int]] = [
        writer.submit(lambda tx, i=i: tx.append("w", "test", {"i": i}).seq) for i in range(200)
    ]
    assert sorted(f.result() for f in futures) == list(range(1, 201))
    writer.stop()
    assert sorted(seen) == list(range(1, 201))
    assert audit.verify_log(db).events == 200
    db.dispose()


def test_loop_operations_are_settled_with_one_wake_up_per_batch(
    db_url: str, clock: FakeClock
) -> None:
    """A batch's results reach their event loop in one call, after the commit; a failed
    operation gets its own error, and a cancelled waiter is skipped."""
    db = open_database(db_url)

    async def main() -> tuple[list[Any], int]:
        loop = asyncio.get_running_loop()
        wake_ups: list[int] = []
        original = loop.call_soon_threadsafe

        def counting(callback: Any, *args: Any) -> Any:
            if getattr(callback, "__name__", "") == "_resolve":  # not to_thread's own
                wake_ups.append(1)
            return original(callback, *args)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
        ops = [LoopOp(_body_op(name, fail), loop) for name, fail in _BATCH]
        ops[3].afuture.cancel()
        await asyncio.to_thread(run_batch, db, ops, clock.now)
        results = await asyncio.gather(*(o.afuture for o in ops[:3]), return_exceptions=True)
        return list(results), len(wake_ups)

    results, wake_ups = asyncio.run(main())
    assert results[0] == 1 and results[2] == 2
    assert isinstance(results[1], ValueError)
    assert wake_ups == 1
    assert audit.verify_log(db).events == 3
    db.dispose()


_BATCH = [("A", None), ("B", "before"), ("C", None), ("D", None)]
