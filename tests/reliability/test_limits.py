"""Request-size limit (413), per-token rate limit (429 + Retry-After) and slow clients,
against a real `concord serve` on 127.0.0.1 (sockets, not the in-process transport).

The slow clients are bounded: 40 connections, each trickling a request one byte every
0.2 s for at most 3 s, only to 127.0.0.1.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from pathlib import Path

import httpx

from concord.api.ratelimit import RateLimit, TokenRateLimit
from concord.data.catalog import Catalog
from concord.services import auth
from concord.services.auth import Role
from concord.services.runtime import build_service
from tests.reliability.conftest import Figures
from tests.service_fixtures import LiveServer, start_server


def _tokens(db: str, catalog: Catalog) -> tuple[str, str, str]:
    svc = build_service(db, catalog=catalog)
    try:

        def create(role: Role, actor: str | None = None) -> str:
            return auth.create_token(svc.writer, catalog, body="NATO-NAC", role=role, actor=actor)[
                0
            ]

        return create(Role.SECRETARIAT), create(Role.OBSERVER), create(Role.OBSERVER)
    finally:
        svc.close()


def _raw(server: LiveServer, data: bytes, timeout: float = 5.0) -> bytes:
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while b"\r\n\r\n" not in out:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
        return out


def test_oversize_bodies_are_refused_with_413(tmp_path: Path, catalog: Catalog) -> None:
    db = f"sqlite:///{tmp_path / 'concord.db'}"
    sec, _, _ = _tokens(db, catalog)
    server = start_server(db)
    try:
        h = {"Authorization": f"Bearer {sec}"}
        big = {"body": "NATO-NAC", "title": "x", "text": "y" * 70_000}
        r = server.client.post("/api/proposals", json=big, headers=h)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        # Declared small, sent chunked and large: refused once the count passes 64 KiB.
        chunks = (b"x" * 16_384 for _ in range(8))
        r = server.client.post(
            "/api/proposals",
            content=chunks,
            headers={**h, "content-type": "application/json"},
        )
        assert r.status_code == 413
        # A lying Content-Length header over the limit: refused before anything is read.
        head = _raw(
            server,
            b"POST /api/proposals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + sec.encode()
            + b"\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{",
        )
        assert head.startswith(b"HTTP/1.1 413"), head[:200]
        ok = server.client.post(
            "/api/proposals", json={"body": "NATO-NAC", "title": "x"}, headers=h
        )
        assert ok.status_code == 201
    finally:
        server.stop()


def test_rate_limit_per_token_with_retry_after(
    tmp_path: Path, catalog: Catalog, figures: Figures
) -> None:
    db = f"sqlite:///{tmp_path / 'concord.db'}"
    _, noisy, quiet = _tokens(db, catalog)
    server = start_server(db, args=("--rate-limit", "20/s,burst=10"))
    try:
        statuses: list[int] = []
        retry_after: set[str] = set()
        for _ in range(40):
            r = server.client.get("/api/proposals", headers={"Authorization": f"Bearer {noisy}"})
            statuses.append(r.status_code)
            if r.status_code == 429:
                retry_after.add(r.headers["retry-after"])
                assert r.json()["error"]["code"] == "rate_limited"
        assert statuses[:10] == [200] * 10  # the burst
        assert statuses.count(429) >= 10
        assert retry_after == {"1"}
        # Another token is not affected, nor are requests without a token (401 as ever).
        assert (
            server.client.get(
                "/api/proposals", headers={"Authorization": f"Bearer {quiet}"}
            ).status_code
            == 200
        )
        assert server.client.get("/api/proposals").status_code == 401
        time.sleep(1.0)  # the bucket refills: 20 per second
        r = server.client.get("/api/proposals", headers={"Authorization": f"Bearer {noisy}"})
        assert r.status_code == 200
        figures["limit"] = "20/s,burst=10"
        figures["of_40_back_to_back"] = f"{statuses.count(200)} ok, {statuses.count(429)} 429"
    finally:
        server.stop()


def test_rate_limit_is_off_unless_set() -> None:
    limiter = TokenRateLimit(app=lambda *a: None, limit=None)  # type: ignore[arg-type,return-value]
    assert limiter.limit is None
    on = TokenRateLimit(app=lambda *a: None, limit=RateLimit.parse("2/s,burst=2"))  # type: ignore[arg-type,return-value]
    assert [on.take(b"k", 0.0) for _ in range(3)] == [0.0, 0.0, 0.5]
    assert on.take(b"k", 1.0) == 0.0  # refilled
    assert RateLimit.parse("600/min") == RateLimit(10.0, 10)


def test_slow_clients_do_not_stall_others(
    tmp_path: Path, catalog: Catalog, figures: Figures
) -> None:
    db = f"sqlite:///{tmp_path / 'concord.db'}"
    _, observer, _ = _tokens(db, catalog)
    server = start_server(db)
    host, port = server.url.removeprefix("http://").split(":")
    stop = threading.Event()
    request = (
        b"POST /api/proposals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\nAuthorization: Bearer " + observer.encode() + b"\r\n\r\n{"
    )

    def slow(i: int) -> None:
        try:
            with socket.create_connection((host, int(port)), timeout=5) as s:
                half = request[: 40 + i] if i % 2 else request  # headers or body trickled
                end = time.monotonic() + 3.0
                for b in half:
                    if stop.is_set() or time.monotonic() > end:
                        return
                    s.sendall(bytes([b]))
                    time.sleep(0.2)
        except OSError:
            return

    h = {"Authorization": f"Bearer {observer}"}

    def timed(n: int) -> list[float]:
        out = []
        with httpx.Client(base_url=server.url, timeout=5) as c:
            for _ in range(n):
                t0 = time.perf_counter()
                assert c.get("/api/proposals", headers=h).status_code == 200
                out.append(time.perf_counter() - t0)
        return out

    try:
        calm = timed(20)
        slowpokes = [threading.Thread(target=slow, args=(i,)) for i in range(40)]
        for t in slowpokes:
            t.start()
        time.sleep(0.5)
        under_attack = timed(40)
        stop.set()
        for t in slowpokes:
            t.join(timeout=10)
        assert not any(t.is_alive() for t in slowpokes)
        assert max(under_attack) < 2.0, max(under_attack)
        figures["median_ms_calm"] = round(statistics.median(calm) * 1000, 1)
        figures["median_ms_with_40_slow_clients"] = round(statistics.median(under_attack) * 1000, 1)
        figures["max_ms_with_40_slow_clients"] = round(max(under_attack) * 1000, 1)
    finally:
        stop.set()
        server.stop()
