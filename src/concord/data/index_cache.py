"""Pre-built SQLite indexes of bulky package data, cached per user and keyed by versions.

Reading Natural Earth's shapefile or GeoNames' JSON costs seconds; a query needs a few
rows of it. So the first use (or ``make setup``) builds a compact SQLite file under the
user's cache folder, named after the versions of the packages it was built from, and
every later process opens it in milliseconds and reads only the rows it needs.

Safe fallbacks: a file that cannot be opened or is incomplete is rebuilt; a cache
folder that cannot be written (read-only home, full disk) gives an index built in
memory for this process only. Files are written under a temporary name and renamed,
so two processes building at once never see half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

CACHE_ENV = "CONCORD_CACHE_DIR"
Builder = Callable[[sqlite3.Connection], None]


def cache_dir() -> Path:
    """``$CONCORD_CACHE_DIR``, else ``$XDG_CACHE_HOME/concord``, else ``~/.cache/concord``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "concord"


def version_key(fmt: int, packages: Sequence[str]) -> str:
    """A short key that changes with the index format or any package version."""
    parts = [f"format={fmt}"]
    for name in packages:
        try:
            parts.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name}=missing")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()[:16]


class Index:
    """A read-only SQLite index shared by threads (the web server asks from several)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path  # None: built in memory, the cache folder was not writable

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _complete(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT v FROM meta WHERE k = 'complete'").fetchone()
    return row is not None and row[0] == "1"


def _open_ro(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        if _complete(conn):
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


def _build(conn: sqlite3.Connection, build: Builder) -> None:
    conn.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
    build(conn)
    conn.execute("INSERT INTO meta VALUES ('complete', '1')")
    conn.commit()


@contextlib.contextmanager
def _removing(path: Path) -> Iterator[None]:
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def open_index(name: str, key: str, build: Builder, folder: Path | None = None) -> Index:
    """Open ``<folder>/<name>-<key>.sqlite``, building it first when missing or broken."""
    folder = folder if folder is not None else cache_dir()
    path = folder / f"{name}-{key}.sqlite"
    conn = _open_ro(path)
    if conn is not None:
        return Index(conn, path)
    tmp = folder / f".{name}-{key}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _removing(tmp):
            fresh = sqlite3.connect(tmp)
            try:
                _build(fresh, build)
            finally:
                fresh.close()
            os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        _build(memory, build)
        return Index(memory, None)
    conn = _open_ro(path)
    if conn is None:  # renamed but unreadable: should not happen, stay usable anyway
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        _build(memory, build)
        return Index(memory, None)
    return Index(conn, path)
