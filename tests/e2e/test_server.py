"""Real servers on real ports: the procedure end to end with its live stream, a kill -9
and restart while a procedure is open, and two servers sharing one PostgreSQL database."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from concord.data.catalog import Catalog
from concord.services.runtime import build_service
from tests.service_fixtures import LiveServer, Tokens, make_tokens

pytestmark = pytest.mark.e2e
Start = Callable[[str], LiveServer]


def tokens_for(db_url: str, catalog: Catalog) -> Tokens:
    svc = build_service(db_url, catalog=catalog)
    try:
        return make_tokens(svc)
    finally:
        svc.close()


def post(server: LiveServer, path: str, token: str, body: Any) -> dict[str, Any]:
    r = server.client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    return dict(r.json())


def get(server: LiveServer, path: str, token: str) -> Any:
    r = server.client.get(path, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return r.json()


def open_procedure(server: LiveServer, tokens: Tokens, seconds: float) -> tuple[str, datetime]:
    pid = post(server, "/api/proposals", tokens.secretariat, {"body": "NATO-NAC", "title": "E2E"})[
        "id"
    ]
    deadline = datetime.now(UTC) + timedelta(seconds=seconds)
    post(
        server,
        f"/api/proposals/{pid}/silence",
        tokens.secretariat,
        {"deadline": deadline.isoformat()},
    )
    return str(pid), deadline


def wait_closed(server: LiveServer, token: str, pid: str, timeout: float) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state = get(server, f"/api/proposals/{pid}", token)
        if state["procedure"]["state"] == "closed":
            return dict(state)
        time.sleep(0.05)
    raise AssertionError(f"{pid} not closed within {timeout} s")


def test_procedure_end_to_end_with_live_stream(
    tmp_path: Path, live_server: Start, catalog: Catalog
) -> None:
    db = f"sqlite:///{tmp_path / 'concord.db'}"
    tokens = tokens_for(db, catalog)
    server = live_server(db)
    pid, deadline = open_procedure(server, tokens, seconds=1.5)
    received: list[tuple[str, dict[str, Any]]] = []

    def listen() -> None:
        headers = {"Authorization": f"Bearer {tokens.observer}"}
        with httpx.stream(
            "GET", f"{server.url}/api/proposals/{pid}/stream", headers=headers, timeout=10
        ) as r:
            kind = ""
            for line in r.iter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    received.append((kind, json.loads(line[6:])))

    listener = threading.Thread(target=listen)
    listener.start()
    time.sleep(0.3)
    made = post(
        server,
        f"/api/proposals/{pid}/statements",
        tokens.delegations["FRA"],
        {"stance": "oppose", "text": "outside the treaty area"},
    )
    listener.join(timeout=8)
    assert not listener.is_alive(), "the stream did not end after the procedure closed"
    kinds = [k for k, _ in received]
    assert kinds[0] == "state" and "statement.made" in kinds and "procedure.closed" in kinds
    statement = next(d for k, d in received if k == "statement.made")
    assert statement["seq"] == made["seq"] and statement["hash"] == made["hash"]
    closed = next(d for k, d in received if k == "procedure.closed")
    lag = datetime.fromisoformat(closed["at"]) - deadline
    assert timedelta(0) <= lag < timedelta(seconds=1)
    assert received[-1][1]["status"] == "blocked"
    assert get(server, "/api/audit/verify", tokens.observer)["ok"] is True


def test_killed_server_restarts_and_closes_the_open_procedure_once(
    tmp_path: Path, live_server: Start, catalog: Catalog
) -> None:
    db = f"sqlite:///{tmp_path / 'concord.db'}"
    tokens = tokens_for(db, catalog)
    server = live_server(db)
    pid, deadline = open_procedure(server, tokens, seconds=2.0)
    made = post(
        server,
        f"/api/proposals/{pid}/statements",
        tokens.delegations["DEU"],
        {"stance": "support", "text": "agreed"},
    )
    server.kill()  # SIGKILL with the procedure open
    time.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()) + 0.3)
    restarted = live_server(db)
    state = wait_closed(restarted, tokens.observer, pid, timeout=5)
    assert state["procedure"]["outcome"] == "adopted"
    assert state["positions"]["DEU"]["stance"] == "support"  # acknowledged before the kill
    time.sleep(0.8)  # give a duplicate close every chance to appear
    evs = get(restarted, f"/api/proposals/{pid}/events", tokens.observer)
    restarted.stop()
    assert [e["kind"] for e in evs].count("procedure.closed") == 1
    assert any(e["seq"] == made["seq"] for e in evs)
    concord = str(Path(sys.executable).with_name("concord"))
    check = subprocess.run(
        [concord, "audit", "verify", "--db", db, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0 and json.loads(check.stdout)["ok"] is True


@pytest.mark.postgres
def test_two_servers_on_one_postgres_close_each_deadline_once(
    pg_url: str, live_server: Start, catalog: Catalog
) -> None:
    tokens = tokens_for(pg_url, catalog)
    servers = [live_server(pg_url), live_server(pg_url)]
    pids = []
    for i in range(24):
        pid, _ = open_procedure(servers[i % 2], tokens, seconds=1.5 + (i % 3) * 0.25)
        pids.append(pid)
    for pid in pids:
        wait_closed(servers[0], tokens.observer, pid, timeout=8)
    time.sleep(1.0)  # give a late duplicate every chance to appear
    for pid in pids:
        evs = get(servers[1], f"/api/proposals/{pid}/events", tokens.observer)
        closes = [e for e in evs if e["kind"] == "procedure.closed"]
        assert len(closes) == 1, pid
        assert closes[0]["payload"]["closed_by"].rsplit(":", 1)[1].isdigit()
    assert get(servers[0], "/api/audit/verify", tokens.observer)["ok"] is True


def test_two_worker_processes_on_one_sqlite_file(
    tmp_path: Path, live_server: Start, catalog: Catalog
) -> None:
    """``serve --workers 2``: concurrent statements and deadlines, one chain, each close once."""
    db_url = f"sqlite:///{tmp_path / 'concord.db'}"
    tokens = tokens_for(db_url, catalog)
    server = live_server(db_url, "--workers", "2")
    pids = [open_procedure(server, tokens, seconds=4.0 + (i % 2) * 0.3)[0] for i in range(6)]
    delegations = list(tokens.delegations.items())[:3]  # NATO members among the fixtures
    statuses: list[int] = []

    def speak(i: int) -> None:
        actor, token = delegations[i % 3]
        with httpx.Client(base_url=server.url, timeout=10) as client:
            r = client.post(
                f"/api/proposals/{pids[i % 6]}/statements",
                json={"stance": "support", "text": f"{actor} {i}"},
                headers={"Authorization": f"Bearer {token}"},
            )
            statuses.append(r.status_code)  # 409 only if this machine is too slow for 4 s

    threads = [threading.Thread(target=speak, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for pid in pids:
        wait_closed(server, tokens.observer, pid, timeout=10)
    time.sleep(1.0)  # both processes' schedulers have had every chance to close again
    made = closes = 0
    for pid in pids:
        evs = get(server, f"/api/proposals/{pid}/events", tokens.observer)
        made += sum(e["kind"] == "statement.made" for e in evs)
        closes += sum(e["kind"] == "procedure.closed" for e in evs)
    assert len(statuses) == 30 and set(statuses) <= {201, 409} and 201 in statuses
    assert (made, closes) == (statuses.count(201), 6)
    assert get(server, "/api/audit/verify", tokens.observer)["ok"] is True
