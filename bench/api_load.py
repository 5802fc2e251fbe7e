"""Load benchmark of the live service, against a real server on 127.0.0.1.

Measures, on one server in one run:
  1. GET /api/health (no database: the framework's own ceiling) — the baseline;
  2. POST /api/proposals/{id}/statements — acknowledged (201, durably logged)
     statements per second with p50/p99 latency, then checks the log: one event per
     acknowledged statement, no gap, chain valid;
  3. deadline lag with N open procedures (default 10,000): deadlines spread over a few
     seconds, and all N on one instant (a burst) — lag = close event time − deadline.

Every request goes to 127.0.0.1; every phase is bounded in time and count. The load
generator is one closed-loop client on uvloop (a protocol per connection, pre-rendered
requests) and shares the machine with the server, so each line shows its CPU per
request next to the server's; both phases use the same client.
Usage: python bench/api_load.py [--db URL] [--seconds 5] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import uvloop
from sqlalchemy import func, select

from concord.services import audit, auth
from concord.services.auth import Role
from concord.services.runtime import build_service
from concord.store.schema import procedures
from concord.store.timefmt import from_text

HOST = "127.0.0.1"


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its children (Linux /proc).

    Unlike requests per second, CPU per request hardly depends on what else runs on
    the machine, so it compares runs made under different load.
    """
    tick = os.sysconf("SC_CLK_TCK")
    total, family = 0.0, {pid}
    for entry in sorted(
        Path("/proc").iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0
    ):
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        me, parent = int(entry.name), int(fields[1])
        if me in family or parent in family:
            family.add(me)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    bodies: list[bytes] = field(default_factory=list)
    elapsed: float = 0.0
    cpu: float = float("nan")  # server CPU seconds during the run
    client_cpu: float = float("nan")  # this load generator's CPU seconds during the run

    @property
    def ok(self) -> int:
        return sum(n for s, n in self.statuses.items() if 200 <= s < 300)

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")

    def line(self, name: str) -> str:
        n = sum(self.statuses.values())
        return (
            f"{name:<38} {self.ok / self.elapsed:>6.0f} ok/s   p50 {self.pct(0.50):6.1f} ms   "
            f"p99 {self.pct(0.99):6.1f} ms   server CPU {self.cpu / max(n, 1) * 1e6:5.0f} us/req"
            f"   client CPU {self.client_cpu / max(n, 1) * 1e6:4.0f} us/req"
            f"   ({self.ok} ok, statuses {dict(self.statuses)})"
        )


def request(method: str, path: str, token: str | None = None, body: object = None) -> bytes:
    data = b"" if body is None else json.dumps(body).encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
    return (head + "\r\n").encode() + data


class _Conn(asyncio.Protocol):
    """One keep-alive connection of the closed-loop client: it sends the next request
    from ``data_received`` as soon as the previous reply is complete — no task, no
    stream objects, pre-rendered request bytes — so that the client's own CPU per
    request stays small next to the server's (both share this machine's cores)."""

    def __init__(self, shared: _Load) -> None:
        self.shared = shared
        self.buf = b""
        self.t0 = 0.0
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass
        self._next()

    def _next(self) -> None:
        req = self.shared.take()
        if req is None:
            self.done.set_result(None)
            assert self.transport is not None
            self.transport.close()
            return
        self.t0 = time.perf_counter()
        assert self.transport is not None
        self.transport.write(req)

    def data_received(self, data: bytes) -> None:
        try:
            self._receive(data)
        except Exception as exc:  # a reply the client cannot read fails the phase
            if not self.done.done():
                self.done.set_exception(exc)
            assert self.transport is not None
            self.transport.close()

    def _receive(self, data: bytes) -> None:
        buf = self.buf + data
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buf[:end].lower() + b"\r\n"
            at = head.find(b"content-length:")
            length = int(head[at + 15 : head.find(b"\r\n", at)]) if at >= 0 else 0
            if len(buf) < end + 4 + length:
                break
            body = buf[end + 4 : end + 4 + length]
            status = int(buf[9:12])
            buf = buf[end + 4 + length :]
            self.shared.record(time.perf_counter() - self.t0, status, body)
            self._next()
        self.buf = buf

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            self.done.set_exception(exc or ConnectionError("server closed the connection"))


class _Load:
    """What the connections of one phase share: the requests, the limits, the results."""

    def __init__(self, reqs: list[bytes], end_at: float, limit: int, run: Run, keep: bool):
        self.reqs, self.end_at, self.limit, self.run, self.keep = reqs, end_at, limit, run, keep
        self.sent = 0

    def take(self) -> bytes | None:
        if self.sent >= self.limit or time.perf_counter() >= self.end_at:
            return None
        req = self.reqs[self.sent % len(self.reqs)]
        self.sent += 1
        return req

    def record(self, latency: float, status: int, body: bytes) -> None:
        run = self.run
        run.latencies.append(latency)
        run.statuses[status] = run.statuses.get(status, 0) + 1
        if self.keep:
            run.bodies.append(body)


async def load(
    port: int,
    reqs: list[bytes],
    *,
    seconds: float,
    connections: int,
    limit: int = 10**9,
    keep: bool = False,
    server: int | None = None,
) -> Run:
    """Drive ``connections`` keep-alive connections until ``seconds`` or ``limit``
    requests; every request sent is answered and counted (none is cut off)."""
    run = Run()
    loop = asyncio.get_running_loop()
    cpu0 = server_cpu(server) if server else float("nan")
    me0 = time.process_time()
    t0 = time.perf_counter()
    shared = _Load(reqs, t0 + seconds, limit, run, keep)
    conns = []
    for _ in range(connections):
        _, proto = await loop.create_connection(lambda: _Conn(shared), HOST, port)
        conns.append(proto)
    await asyncio.gather(*(c.done for c in conns))
    run.elapsed = time.perf_counter() - t0
    run.client_cpu = time.process_time() - me0
    if server:
        run.cpu = server_cpu(server) - cpu0
    return run


def start_server(db: str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    concord = str(Path(sys.executable).with_name("concord"))
    proc = subprocess.Popen(
        [concord, "serve", "--db", db, "--port", str(port)]
        + (["--workers", str(workers)] if workers > 1 else []),
        stdout=subprocess.DEVNULL,
    )
    import urllib.request

    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/health", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not start")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


async def open_procedures(
    port: int, sec: str, n: int, connections: int, spread: float
) -> tuple[list[str], float]:
    """Open ``n`` procedures; deadlines fall after the last one is open, ``spread`` apart.

    Returns the ids and how long opening took.
    """
    t0 = time.perf_counter()
    made = await load(
        port,
        [request("POST", "/api/proposals", sec, {"body": "NATO-NAC", "title": "bench"})],
        seconds=600,
        connections=connections,
        limit=n,
        keep=True,
    )
    ids = [json.loads(b)["id"] for b in made.bodies]
    took = time.perf_counter() - t0
    first = datetime.now(UTC) + timedelta(seconds=1.5 * took + 5.0)
    reqs = [
        request(
            "POST",
            f"/api/proposals/{pid}/silence",
            sec,
            {"deadline": (first + timedelta(seconds=spread * i / n)).isoformat()},
        )
        for i, pid in enumerate(ids)
    ]
    started = await load(port, reqs, seconds=600, connections=connections, limit=n)
    if started.ok != n:
        raise SystemExit(f"only {started.ok} of {n} silences started: {started.statuses}")
    return ids, time.perf_counter() - t0


def lags(db: str, ids: list[str], timeout: float) -> list[float]:
    """Wait (polling a cheap count every 0.5 s) until all are closed; then their lags."""
    svc = build_service(db)
    wanted = set(ids)
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            with svc.db.reading() as conn:
                last = conn.execute(
                    select(func.max(procedures.c.deadline)).where(
                        procedures.c.proposal_id.in_(ids[-1:])
                    )
                ).scalar_one()
                still_open = conn.execute(
                    select(func.count())
                    .select_from(procedures)
                    .where(procedures.c.state == "open", procedures.c.deadline <= last)
                ).scalar_one()
            if still_open == 0 and datetime.now(UTC) > from_text(last):
                break
            time.sleep(0.5)
        with svc.db.reading() as conn:
            rows = conn.execute(
                select(procedures.c.proposal_id, procedures.c.deadline, procedures.c.closed_at)
            ).all()
        got = {r.proposal_id: r for r in rows if r.proposal_id in wanted and r.closed_at}
        return [
            (from_text(r.closed_at) - from_text(r.deadline)).total_seconds() for r in got.values()
        ] + [float("inf")] * (len(wanted) - len(got))
    finally:
        svc.close()


def describe(name: str, xs: list[float]) -> str:
    xs = sorted(xs)
    return (
        f"{name:<38} p50 {statistics.median(xs) * 1000:7.1f} ms   "
        f"p99 {xs[int(0.99 * (len(xs) - 1))] * 1000:7.1f} ms   max {xs[-1] * 1000:7.1f} ms   "
        f"({len(xs)} procedures)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL (default: a fresh SQLite file in a temp dir)")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--procedures", type=int, default=10_000, help="0 skips the deadline phase")
    ap.add_argument("--workers", type=int, default=1, help="concord serve --workers N")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="concord-bench-")
    db = args.db or f"sqlite:///{tmp}/bench.db"

    svc = build_service(db)
    nato = svc.catalog.body("NATO-NAC")
    members = nato.member_codes_on(datetime.now(UTC).date())
    sec = auth.create_token(svc.writer, svc.catalog, body="NATO-NAC", role=Role.SECRETARIAT)[0]
    dele = {
        m: auth.create_token(
            svc.writer, svc.catalog, body="NATO-NAC", role=Role.DELEGATION, actor=m
        )[0]
        for m in members
    }
    svc.close()

    port = free_port()
    server = start_server(db, port, args.workers)
    print(
        f"server: concord serve --workers {args.workers} on {HOST}:{port}, "
        f"db {db.split('://')[0]}, load average {os.getloadavg()[0]:.1f}, "
        f"{os.cpu_count()} cores, {args.connections} connections, {args.seconds:.0f} s per phase"
    )
    try:
        uvloop.run(run_all(args, db, port, server.pid, sec, dele))
    finally:
        server.terminate()
        server.wait(timeout=30)


async def run_all(
    args: argparse.Namespace, db: str, port: int, server: int, sec: str, dele: dict[str, str]
) -> None:
    conn = args.connections
    made = await load(
        port,
        [request("POST", "/api/proposals", sec, {"body": "NATO-NAC", "title": "bench statements"})],
        seconds=10,
        connections=1,
        limit=1,
        keep=True,
    )
    pid = json.loads(made.bodies[0])["id"]
    deadline = datetime.now(UTC) + timedelta(hours=1)
    await load(
        port,
        [request("POST", f"/api/proposals/{pid}/silence", sec, {"deadline": deadline.isoformat()})],
        seconds=10,
        connections=1,
        limit=1,
    )
    await load(port, [request("GET", "/api/health")], seconds=1, connections=conn)  # warm up
    reqs = [
        request(
            "POST",
            f"/api/proposals/{pid}/statements",
            tok,
            {"stance": "support", "text": "no objection"},
        )
        for tok in dele.values()
    ]
    for c in sorted({16, conn}):
        health = await load(
            port,
            [request("GET", "/api/health")],
            seconds=args.seconds,
            connections=c,
            server=server,
        )
        print(health.line(f"GET /api/health, {c} conn (baseline)"))
        svc = build_service(db)
        before = audit.verify_log(svc.db).events
        svc.close()
        stmts = await load(port, reqs, seconds=args.seconds, connections=c, server=server)
        print(stmts.line(f"POST statements, {c} conn"))
        svc = build_service(db)
        check = audit.verify_log(svc.db)
        svc.close()
        print(
            f"{'  log check':<34} {check.events - before} new events for {stmts.ok} "
            f"acknowledged statements; chain ok={check.ok}"
        )

    n = args.procedures
    for name, spread in (("spread over 30 s", 30.0), ("one common instant", 0.0)) if n else ():
        ids, took = await open_procedures(port, sec, n, conn, spread)
        print(f"{'opened ' + str(n) + ' procedures':<38} in {took:.1f} s ({name})")
        print(describe(f"deadline lag, {name}", lags(db, ids, 2 * took + 60)))


if __name__ == "__main__":
    main()
