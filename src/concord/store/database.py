"""Opening the store: URL resolution, engine settings, migrations on start.

SQLite (default ``concord.db``) runs in WAL mode with ``synchronous=FULL`` so that an
acknowledged write survives ``kill -9`` and power loss; writers open with
``BEGIN IMMEDIATE`` so that they queue instead of failing. PostgreSQL goes through
psycopg 3. Nothing connects at import time.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from concord.model.errors import ConcordError

DB_ENV = "CONCORD_DB"
DEFAULT_DB = "concord.db"
MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 7_201_806  # pg_advisory_lock key: one migrator at a time


def resolve_url(value: str | None) -> str:
    """``--db`` wins over ``$CONCORD_DB``, which wins over ``concord.db`` here.

    A plain path means a SQLite file; ``postgresql://`` selects psycopg 3.
    """
    raw = value or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in raw:
        return f"sqlite:///{raw}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


@dataclass
class Database:
    engine: Engine
    url: str
    write_turn: WriteTurn | None = None

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction; on SQLite it holds the database's write lock from the start."""
        with self.write_turn or nullcontext(), self.engine.connect() as conn:
            conn = conn.execution_options(concord_write=True)
            with conn.begin():
                yield conn

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_turn is not None:
            self.write_turn.close()


class WriteTurn:
    """Writers to one SQLite file take turns through an OS file lock, then BEGIN IMMEDIATE.

    SQLite makes a writer that finds the database locked sleep and retry (1, 2, 5,
    10 … ms), so with several server processes each commit would wait out a sleep.
    ``flock`` on ``<database>-writer.lock`` wakes the next writer the moment the
    lock is free, and the kernel drops it if a process dies. SQLite's own lock stays
    the guarantee; this only makes the handover prompt.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.Lock()
        self._fd: int | None = None

    def __enter__(self) -> None:
        self._local.acquire()
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._local.release()
            raise

    def __exit__(self, *_: object) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._local.release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("concord_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise ConcordError(f"not a database URL: {resolved!r}", where="--db") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        kwargs["pool_size"] = 8
        kwargs["max_overflow"] = 32
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_size"] = 8
        kwargs["max_overflow"] = 16
    else:
        raise ConcordError(
            f"unsupported database {parsed.get_backend_name()!r}: expected a SQLite path "
            "or postgresql://",
            where="--db",
        )
    try:
        engine = create_engine(resolved, **kwargs)
    except ModuleNotFoundError as exc:
        raise ConcordError(f"database driver missing: {exc.name}", where="--db") from None
    turn = None
    if engine.dialect.name == "sqlite":
        _sqlite_hooks(engine)
        if parsed.database and parsed.database != ":memory:":
            turn = WriteTurn(Path(parsed.database + "-writer.lock"))
    db = Database(engine, resolved, turn)
    if migrate:
        upgrade(db)
    return db


def upgrade(db: Database) -> None:
    """Bring the schema to the newest migration (several servers may start at once)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with db.engine.connect() as conn:
            if db.is_postgres:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
                conn.commit()
            cfg.attributes["connection"] = conn
            try:
                command.upgrade(cfg, "head")
            finally:
                if db.is_postgres:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
                    conn.commit()
    except OSError as exc:
        raise ConcordError(f"cannot open the database: {exc}", where=db.url) from None
