"""Soak: a real server at full load for 60 s with its memory (RSS) sampled every second.

In one run, on one server on 127.0.0.1: GET /api/health for 5 s (the baseline of
bench/api_load.py), then 60 s of mixed load — statements (acknowledged = durably
logged), proposal reads and the event list — from 64 keep-alive connections. The server's
RSS is read from /proc every second; memory is flat when the last 20 s grow by less than
5 % over the first 20 s after warm-up. Ends with the log check (one event per
acknowledged statement, chain valid).
Usage: python bench/reliability_load.py [--db URL] [--seconds 60] [--connections 64]
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
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sample() -> None:
        t0 = time.monotonic()
        while not stop.is_set() and time.monotonic() - t0 < args.seconds + 120:
            samples.append((time.monotonic() - t0, rss_kib(server.pid)))
            stop.wait(1.0)

    try:
        print(
            f"server: concord serve on 127.0.0.1:{port}, db {db.split('://')[0]}, "
            f"{os.cpu_count()} cores, {args.connections} connections"
        )
        asyncio.run(soak(args, port, sec, dele, samples, sample, stop))
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    svc = build_service(db)
    check = audit.verify_log(svc.db)
    svc.close()
    print(f"  log check: {check.events - before} events after the soak started; ok={check.ok}")


async def soak(
    args: argparse.Namespace,
    port: int,
    sec: str,
    dele: list[str],
    samples: list[tuple[float, int]],
    sample: object,
    stop: threading.Event,
) -> None:
    made = await load(
        port,
        [request("POST", "/api/proposals", sec, {"body": "NATO-NAC", "title": "soak"})],
        seconds=10,
        connections=1,
        limit=1,
        keep=True,
    )
    pid = json.loads(made.bodies[0])["id"]
    deadline = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    await load(
        port,
        [request("POST", f"/api/proposals/{pid}/silence", sec, {"deadline": deadline})],
        seconds=10,
        connections=1,
        limit=1,
    )
    health = await load(port, [request("GET", "/api/health")], seconds=5, connections=64)
    print(health.line("GET /api/health, 64 conn (baseline)"))
    mixed = []
    for i, tok in enumerate(dele):
        mixed.append(
            request(
                "POST",
                f"/api/proposals/{pid}/statements",
                tok,
                {"stance": "support", "text": f"soak {i}"},
            )
        )
        mixed.append(request("GET", f"/api/proposals/{pid}", sec))
        mixed.append(request("GET", f"/api/proposals/{pid}/events?after=999999999", sec))
    thread = threading.Thread(target=sample)  # type: ignore[arg-type]
    thread.start()
    run = await load(port, mixed, seconds=args.seconds, connections=args.connections)
    stop.set()
    thread.join()
    print(run.line(f"mixed load {args.seconds:.0f} s, {args.connections} conn"))
    steady = [kib for t, kib in samples if t >= 5.0]
    first, last = steady[: len(steady) // 3], steady[-(len(steady) // 3) :]
    grow = statistics.mean(last) / statistics.mean(first) - 1.0
    print(
        f"{'  server RSS':<38} start {samples[0][1] / 1024:.0f} MiB, after warm-up "
        f"{statistics.mean(first) / 1024:.0f} MiB, last third {statistics.mean(last) / 1024:.0f}"
        f" MiB, max {max(k for _, k in samples) / 1024:.0f} MiB, growth {grow * 100:+.1f} % "
        f"({'flat' if grow < 0.05 else 'GROWING'}; {len(samples)} samples)"
    )


if __name__ == "__main__":
    main()
