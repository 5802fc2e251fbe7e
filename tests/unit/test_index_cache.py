"""The per-user index cache: built once, reused, rebuilt when broken, in memory when unwritable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from concord.data import index_cache
from concord.data.index_cache import open_index, version_key


class Counter:
    def __init__(self) -> None:
        self.builds = 0

    def __call__(self, conn: sqlite3.Connection) -> None:
        self.builds += 1
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (42)")


def test_built_once_then_reused(tmp_path: Path) -> None:
    build = Counter()
    first = open_index("demo", "k1", build, tmp_path)
    assert first.rows("SELECT x FROM t") == [(42,)]
    second = open_index("demo", "k1", build, tmp_path)
    assert second.rows("SELECT x FROM t") == [(42,)]
    assert build.builds == 1
    assert second.path == tmp_path / "demo-k1.sqlite"
    assert not list(tmp_path.glob("*.tmp"))


def test_a_new_key_builds_a_new_file(tmp_path: Path) -> None:
    build = Counter()
    open_index("demo", "k1", build, tmp_path)
    open_index("demo", "k2", build, tmp_path)
    assert build.builds == 2


def test_broken_file_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "demo-k1.sqlite").write_bytes(b"not a database at all" * 100)
    build = Counter()
    index = open_index("demo", "k1", build, tmp_path)
    assert index.rows("SELECT x FROM t") == [(42,)]
    assert build.builds == 1


def test_incomplete_file_is_rebuilt(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "demo-k1.sqlite")
    conn.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")  # no 'complete' mark
    conn.commit()
    conn.close()
    build = Counter()
    assert open_index("demo", "k1", build, tmp_path).rows("SELECT x FROM t") == [(42,)]
    assert build.builds == 1


def test_unwritable_folder_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    index = open_index("demo", "k1", Counter(), blocker / "cache")
    assert index.path is None
    assert index.rows("SELECT x FROM t") == [(42,)]


def test_cache_dir_and_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(index_cache.CACHE_ENV, str(tmp_path))
    assert index_cache.cache_dir() == tmp_path
    monkeypatch.delenv(index_cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert index_cache.cache_dir() == tmp_path / "xdg" / "concord"
    assert version_key(1, ["shapely"]) != version_key(2, ["shapely"])
    assert version_key(1, ["shapely"]) != version_key(1, ["numpy"])
