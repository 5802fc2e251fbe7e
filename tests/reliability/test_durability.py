"""Durability: statements posted under load while the real server is SIGKILLed and restarted.

Afterwards every acknowledged (201) statement is in the log exactly once with the seq and
hash it was acknowledged with, no refused one wrote anything, the chain verifies, and
every deadline that passed was closed exactly once. SQLite (WAL, synchronous=FULL) and
PostgreSQL (scripts/pg.sh; only concord is killed, not PostgreSQL). Short: 3 kills;
full (`make reliability`): 20. All traffic to 127.0.0.1; every loop bounded.
"""

from __future__ import annotations

import json
import random
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from concord.data.catalog import Catalog
from concord.services import audit, auth
from concord.services.auth import Role
from concord.services.runtime import build_service
from concord.store.schema import events, procedures, proposal_events
from concord.store.schema import statements as statements_t
from tests.reliability.conftest import Figures, scale
from tests.service_fixtures import LiveServer, free_port, start_server

WORKERS = 8


@dataclass
class Outcomes:
    acked: dict[str, dict[str, Any]] = field(default_factory=dict)  # nonce -> 201 body
    refused: dict[str, int] = field(default_factory=dict)  # nonce -> 4xx status
    unknown: set[str] = field(default_factory=set)  # connection lost: may or may not be in
    server_errors: list[tuple[str, int, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _generator(
    url: str,
    tokens: dict[str, str],
    pids: list[str],
    worker: int,
    out: Outcomes,
    stop: threading.Event,
    limit: int,
) -> None:
    rng = random.Random(worker)
    actors = sorted(tokens)
    client = httpx.Client(base_url=url, timeout=5.0)
    try:
        for i in range(limit):
            if stop.is_set():
                return
            nonce = f"w{worker}-{i}"
            pid = pids[0] if rng.random() < 0.7 else rng.choice(pids)
            actor = rng.choice(actors)
            body = {"stance": rng.choice(["support", "oppose", "abstain"]), "text": nonce}
            try:
                r = client.post(
                    f"/api/proposals/{pid}/statements",
                    json=body,
                    headers={"Authorization": f"Bearer {tokens[actor]}"},
                )
            except httpx.ConnectError:  # the server is down: nothing was sent
                time.sleep(0.05)
                continue
            except httpx.TransportError:
                with out.lock:
                    out.unknown.add(nonce)
                time.sleep(0.02)
                continue
            with out.lock:
                if r.status_code == 201:
                    out.acked[nonce] = {**r.json(), "proposal": pid}
                elif r.status_code >= 500:
                    out.server_errors.append((nonce, r.status_code, r.text))
                else:
                    out.refused[nonce] = r.status_code
    finally:
        client.close()


def _setup(db: str, catalog: Catalog) -> tuple[str, dict[str, str]]:
    svc = build_service(db, catalog=catalog)
    try:
        members = svc.catalog.body("NATO-NAC").member_codes_on(datetime.now(UTC).date())

        def create(role: Role, actor: str | None = None) -> str:
            return auth.create_token(
                svc.writer, svc.catalog, body="NATO-NAC", role=role, actor=actor
            )[0]

        return create(Role.SECRETARIAT), {m: create(Role.DELEGATION, m) for m in members}
    finally:
        svc.close()


def _open(server: LiveServer, sec: str, title: str, deadline: datetime) -> str:
    h = {"Authorization": f"Bearer {sec}"}
    r = server.client.post("/api/proposals", json={"body": "NATO-NAC", "title": title}, headers=h)
    assert r.status_code == 201, r.text
    pid = str(r.json()["id"])
    r = server.client.post(
        f"/api/proposals/{pid}/silence", json={"deadline": deadline.isoformat()}, headers=h
    )
    assert r.status_code == 201, r.text
    return pid


def run_kill_test(db: str, catalog: Catalog, figures: Figures) -> None:
    kills = scale(3, 20)
    n_short = scale(6, 30)
    sec, tokens = _setup(db, catalog)
    port = free_port()
    server = start_server(db, port=port)
    t_start = time.monotonic()
    try:
        now = datetime.now(UTC)
        pids = [_open(server, sec, "durability main", now + timedelta(hours=1))]
        # Deadlines spread over the expected run (about 2 s per kill cycle), some falling
        # while the server is down.
        span = 2.0 * kills + 2.0
        deadlines = {}
        for i in range(n_short):
            deadline = now + timedelta(seconds=1.5 + span * i / n_short)
            pid = _open(server, sec, f"durability {i}", deadline)
            pids.append(pid)
            deadlines[pid] = deadline
        out = Outcomes()
        stop = threading.Event()
        workers = [
            threading.Thread(
                target=_generator, args=(server.url, tokens, pids, w, out, stop, 100_000)
            )
            for w in range(WORKERS)
        ]
        for w in workers:
            w.start()
        rng = random.Random(8)
        acked_before_kill = []
        try:
            for _ in range(kills):
                # Kill only a server that has acknowledged something since it started
                # (bounded wait), then at a random moment under load.
                since = len(out.acked)
                end = time.monotonic() + 15.0
                while len(out.acked) == since and time.monotonic() < end:
                    time.sleep(0.02)
                time.sleep(rng.uniform(0.3, 1.2))
                acked_before_kill.append(len(out.acked))
                server.process.send_signal(signal.SIGKILL)
                server.process.wait(timeout=10)
                server.stop()
                time.sleep(rng.uniform(0.0, 0.3))
                server = start_server(db, port=port)
            time.sleep(0.5)
        finally:
            stop.set()
            for w in workers:
                w.join(timeout=30)
        assert not any(w.is_alive() for w in workers)
        # Let every short deadline pass and be closed by the (last) server.
        last = max(deadlines.values())
        time.sleep(max(0.0, (last - datetime.now(UTC)).total_seconds()) + 1.5)
        server.stop()
    finally:
        server.stop()
    elapsed = time.monotonic() - t_start

    assert out.server_errors == []
    # The load was real: statements were acknowledged between every two kills.
    gains = [b - a for a, b in zip([0, *acked_before_kill], acked_before_kill, strict=False)]
    assert all(g > 0 for g in gains), gains

    svc = build_service(db, catalog=catalog)
    try:
        check = audit.verify_log(svc.db)
        assert check.ok, check
        with svc.db.reading() as conn:
            made = conn.execute(
                select(events.c.seq, events.c.hash, events.c.payload).where(
                    events.c.kind == "statement.made"
                )
            ).all()
            closes = conn.execute(
                select(events.c.seq, events.c.payload).where(events.c.kind == "procedure.closed")
            ).all()
            procs = {r.proposal_id: r for r in conn.execute(select(procedures)).all()}
            stmt_rows = conn.execute(select(statements_t.c.quote, statements_t.c.seq)).all()
            linked = {r.seq: r.proposal_id for r in conn.execute(select(proposal_events)).all()}
    finally:
        svc.close()

    by_text: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
    for seq, h, payload in made:
        p = json.loads(payload)
        by_text.setdefault(p.get("text", ""), []).append((int(seq), h, p))
    rows_by_text = Counter(r.quote for r in stmt_rows)
    for nonce, ack in out.acked.items():
        found = by_text.get(nonce, [])
        assert len(found) == 1, (nonce, found)
        seq, h, p = found[0]
        assert (seq, h) == (ack["seq"], ack["hash"]), nonce
        assert p["proposal"] == ack["proposal"] == linked[seq]
        assert rows_by_text[nonce] == 1, nonce
    for nonce in out.refused:
        assert nonce not in by_text, f"refused statement {nonce} was written"
    # Nothing appeared twice, whatever its acknowledgement.
    assert all(len(v) == 1 for v in by_text.values())

    closed_by_pid = Counter(json.loads(payload)["proposal"] for _, payload in closes)
    for pid, deadline in deadlines.items():
        assert deadline < datetime.now(UTC)
        assert closed_by_pid[pid] == 1, (pid, closed_by_pid[pid])
        assert procs[pid].state == "closed"
        close_seq = next(s for s, pl in closes if json.loads(pl)["proposal"] == pid)
        assert procs[pid].closed_seq == close_seq
        # Whatever was accepted for it was logged before its close.
        for v in by_text.values():
            seq, _, p = v[0]
            if p["proposal"] == pid:
                assert seq < close_seq
    assert closed_by_pid[pids[0]] == 0

    figures["kills"] = kills
    figures["acknowledged"] = len(out.acked)
    figures["lost_in_flight_unacknowledged"] = len(out.unknown)
    figures["unacknowledged_but_committed"] = sum(1 for n in out.unknown if n in by_text)
    figures["refused_4xx"] = len(out.refused)
    figures["deadlines_closed_once"] = f"{len(deadlines)}/{len(deadlines)}"
    figures["events"] = check.events
    figures["seconds"] = round(elapsed, 1)


def test_sigkill_under_load_sqlite(tmp_path: Any, catalog: Catalog, figures: Figures) -> None:
    run_kill_test(f"sqlite:///{tmp_path / 'concord.db'}", catalog, figures)


@pytest.mark.postgres
def test_sigkill_under_load_postgres(pg_url: str, catalog: Catalog, figures: Figures) -> None:
    run_kill_test(pg_url, catalog, figures)
