"""Soak: a real server at full load for 60 s with its memory (RSS) sampled every second.

In one run, on one server on 127.0.0.1: GET /api/health for 5 s (the baseline of
bench/api_load.py); then two soaks from 64 keep-alive connections, each with the
server's RSS read from /proc every second:

1. read-heavy on a fixed-size proposal (``--statements`` statements posted first): GET
   /api/proposals/{id} and its event list, nothing written — any growth here is a leak;
2. mixed: statements (acknowledged = durably logged), proposal reads and the event
   list, all on one proposal that grows by every statement.

Memory is flat when the last third of a soak (after 5 s of warm-up) is less than 5 %
over its first third. Ends with the log check (one event per acknowledged statement,
chain valid).
Usage: python bench/reliability_load.py [--db URL] [--seconds 60] [--read-seconds 60]
       [--statements 2000] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from api_load import free_port, load, request, start_server

from concord.services import audit, auth
from concord.services.auth import Role
from concord.services.runtime import build_service


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--read-seconds", type=float, default=60.0)
    ap.add_argument("--statements", type=int, default=2000)
    ap.add_argument("--connections", type=int, default=64)
    args = ap.parse_args()
    db = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='concord-soak-')}/soak.db"
    svc = build_service(db)
    members = svc.catalog.body("NATO-NAC").member_codes_on(datetime.now(UTC).date())
    sec = auth.create_token(svc.writer, svc.catalog, body="NATO-NAC", role=Role.SECRETARIAT)[0]
    dele = [
        auth.create_token(svc.writer, svc.catalog, body="NATO-NAC", role=Role.DELEGATION, actor=m)[
            0
        ]
        for m in members
    ]
    before = audit.verify_log(svc.db).events
    svc.close()
    port = free_port()
    server = start_server(db, port)
    try:
        print(
            f"server: concord serve on 127.0.0.1:{port}, db {db.split('://')[0]}, "
            f"{os.cpu_count()} cores, {args.connections} connections; "
            f"load average {Path('/proc/loadavg').read_text().split()[0]}"
        )
        asyncio.run(soak(args, port, sec, dele, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    svc = build_service(db)
    check = audit.verify_log(svc.db)
    svc.close()
    print(f"  log check: {check.events - before} events after the soak started; ok={check.ok}")


class Sampler:
    """The server's RSS every second while a soak runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.samples = pid, list[tuple[float, int]]()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        t0 = time.monotonic()
        while not self.stop.is_set():
            self.samples.append((time.monotonic() - t0, rss_kib(self.pid)))
            self.stop.wait(1.0)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def line(self) -> str:
        s = self.samples
        steady = [kib for t, kib in s if t >= 5.0]
        first, last = steady[: len(steady) // 3], steady[-(len(steady) // 3) :]
        grow = statistics.mean(last) / statistics.mean(first) - 1.0
        return (
            f"{'  server RSS':<38} start {s[0][1] / 1024:.1f} MiB, after warm-up "
            f"{statistics.mean(first) / 1024:.1f} MiB, last third "
            f"{statistics.mean(last) / 1024:.1f} MiB, max {max(k for _, k in s) / 1024:.1f} MiB, "
            f"growth {grow * 100:+.1f} % ({'flat' if grow < 0.05 else 'GROWING'}; "
            f"{len(s)} samples)"
        )


async def open_proposal(port: int, sec: str, title: str) -> str:
    made = await load(
        port,
        [request("POST", "/api/proposals", sec, {"body": "NATO-NAC", "title": title})],
        seconds=10,
        connections=1,
        limit=1,
        keep=True,
    )
    pid = str(json.loads(made.bodies[0])["id"])
    deadline = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    await load(
        port,
        [request("POST", f"/api/proposals/{pid}/silence", sec, {"deadline": deadline})],
        seconds=10,
        connections=1,
        limit=1,
    )
    return pid


def statements(pid: str, dele: list[str], tag: str) -> list[bytes]:
    return [
        request(
            "POST",
            f"/api/proposals/{pid}/statements",
            tok,
            {"stance": "support", "text": f"{tag} {i}"},
        )
        for i, tok in enumerate(dele)
    ]


def reads(pid: str, sec: str) -> list[bytes]:
    return [
        request("GET", f"/api/proposals/{pid}", sec),
        request("GET", f"/api/proposals/{pid}/events?after=999999999", sec),
    ]


async def soak(args: argparse.Namespace, port: int, sec: str, dele: list[str], pid_: int) -> None:
    health = await load(port, [request("GET", "/api/health")], seconds=5, connections=64)
    print(health.line("GET /api/health, 64 conn (baseline)"))

    fixed = await open_proposal(port, sec, "soak fixed")
    filled = await load(
        port, statements(fixed, dele, "fill"), seconds=120, connections=16, limit=args.statements
    )
    print(filled.line(f"fill: {args.statements} statements, 16 conn"))
    if args.read_seconds > 0:
        with Sampler(pid_) as rss:
            run = await load(
                port, reads(fixed, sec), seconds=args.read_seconds, connections=args.connections
            )
        print(
            run.line(
                f"read-only {args.read_seconds:.0f} s, fixed proposal, {args.connections} conn"
            )
        )
        print(rss.line())

    pid = await open_proposal(port, sec, "soak mixed")
    mixed = []
    for stmt in statements(pid, dele, "soak"):
        mixed += [stmt, *reads(pid, sec)]
    with Sampler(pid_) as rss:
        run = await load(port, mixed, seconds=args.seconds, connections=args.connections)
    print(run.line(f"mixed load {args.seconds:.0f} s, {args.connections} conn"))
    print(rss.line())


if __name__ == "__main__":
    main()
