"""Fixtures of the live-service tests: one database per test on SQLite and PostgreSQL,
a fake clock, a service, tokens, and one real-server fixture that waits until it answers.

PostgreSQL comes from ``scripts/pg.sh`` (``make test``) through ``CONCORD_TEST_PG_URL``.
Without it the PostgreSQL cases are skipped — except under CI (``CI=true``), where a
missing server fails the run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from concord.data.catalog import Catalog
from concord.services import auth
from concord.services.auth import Role
from concord.services.clock import FakeClock
from concord.services.runtime import Service, build_service
from concord.store.database import resolve_url

PG_ENV = "CONCORD_TEST_PG_URL"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{PG_ENV} is not set under CI: run the tests through scripts/pg.sh")
    pytest.skip(f"{PG_ENV} not set (make test starts PostgreSQL through scripts/pg.sh)")


def fresh_pg_database() -> tuple[str, Callable[[], None]]:
    """A new empty database on the test server, and a function that drops it."""
    server = resolve_url(pg_server_url())
    name = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on a SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'concord.db'}"
        return
    url, drop = fresh_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def pg_url() -> Iterator[str]:
    url, drop = fresh_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def svc(db_url: str, clock: FakeClock, catalog: Catalog) -> Iterator[Service]:
    service = build_service(db_url, catalog=catalog, clock=clock, token_ttl=0.0)
    try:
        yield service
    finally:
        service.close()


@dataclass
class Tokens:
    secretariat: str
    observer: str
    delegations: dict[str, str]
    other_secretariat: str


def make_tokens(svc: Service, actors: tuple[str, ...] = ("FRA", "DEU", "USA", "CHN")) -> Tokens:
    def create(body: str, role: Role, actor: str | None = None) -> str:
        return auth.create_token(svc.writer, svc.catalog, body=body, role=role, actor=actor)[0]

    return Tokens(
        secretariat=create("NATO-NAC", Role.SECRETARIAT),
        observer=create("NATO-NAC", Role.OBSERVER),
        delegations={a: create("NATO-NAC", Role.DELEGATION, a) for a in actors},
        other_secretariat=create("UNSC", Role.SECRETARIAT),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    client: httpx.Client

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        self.log.close()
        self.client.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self.log.closed:
            self.log.close()
        self.client.close()

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


def start_server(
    db_url: str, timeout: float = 60.0, *, port: int | None = None, args: tuple[str, ...] = ()
) -> LiveServer:
    """``concord serve`` on 127.0.0.1 (a free port unless given), once /api/health answers."""
    port = port or free_port()
    concord = str(Path(sys.executable).with_name("concord"))
    cmd = [concord, "serve", "--db", db_url, "--port", str(port), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the server stops
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    server = LiveServer(url, proc, log, httpx.Client(base_url=url, timeout=10))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = server.errors()
            server.stop()
            raise RuntimeError(f"server exited with {proc.returncode}: {err}")
        try:
            if server.client.get("/api/health", timeout=1.0).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"server on port {port} did not answer within {timeout} s")


@pytest.fixture
def live_server() -> Iterator[Callable[..., LiveServer]]:
    """Start real servers on a database; every one started is stopped afterwards."""
    started: list[LiveServer] = []

    def start(db_url: str, *options: str) -> LiveServer:
        server = start_server(db_url, 60.0, args=options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
