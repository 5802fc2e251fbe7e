"""Authorisation matrix: every API endpoint × every kind of caller → the expected status,
generated from the one table ``MATRIX``; and revocation that takes effect at once.

The date is 2023-06-01, when Finland was a NATO member and Sweden was not yet (it joined
on 2024-03-07): Sweden's delegation token is valid but may not speak on that day. Each
cell runs on a fresh proposal, so a refused request can be checked to have written
nothing. Tokens are checked as `concord serve` checks them (each request reads its row).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from concord.data.catalog import Catalog
from concord.services import audit, auth, live
from concord.services.auth import Role
from concord.services.clock import FakeClock
from concord.services.runtime import Service, build_service
from tests.integration.test_api import Api
from tests.service_fixtures import LiveServer, fresh_pg_database

DAY = datetime(2023, 6, 1, 9, 0, tzinfo=UTC)

CALLERS = (
    "none",
    "malformed",
    "revoked",
    "observer",
    "delegation_other_actor",
    "delegation_non_member",
    "secretariat_other_body",
    "right_role",
)

# endpoint -> (role that is right for it, expected status for each caller in CALLERS order)
MATRIX: dict[str, tuple[str, tuple[int, ...]]] = {
    "POST /api/proposals": ("secretariat", (401, 401, 401, 403, 403, 403, 403, 201)),
    "POST /api/proposals/{id}/silence": ("secretariat", (401, 401, 401, 403, 403, 403, 403, 201)),
    "POST /api/proposals/{id}/statements": (
        "delegation",
        (401, 401, 401, 403, 403, 403, 403, 201),
    ),
    "GET /api/proposals": ("observer", (401, 401, 401, 200, 200, 200, 200, 200)),
    "GET /api/proposals/{id}": ("observer", (401, 401, 401, 200, 200, 200, 200, 200)),
    "GET /api/proposals/{id}/events": ("observer", (401, 401, 401, 200, 200, 200, 200, 200)),
    "GET /api/proposals/{id}/stream": ("observer", (401, 401, 401, 200, 200, 200, 200, 200)),
    "GET /api/audit/verify": ("observer", (401, 401, 401, 200, 200, 200, 200, 200)),
    "GET /api/audit/export": ("observer", (401, 401, 401, 200, 200, 200, 200, 200)),
    "GET /api/health": ("none", (200, 200, 200, 200, 200, 200, 200, 200)),
}


@dataclass
class World:
    api: Api
    svc: Service
    clock: FakeClock
    tokens: dict[str, str]  # secretariat, observer, FRA, SWE, UNSC, revoked-secretariat, ...


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One database per module and backend: the cells share it, each on its own proposal."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('authz') / 'concord.db'}"
        return
    url, drop = fresh_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture(scope="module")
def world(world_db: str, catalog: Catalog) -> Iterator[World]:
    clock = FakeClock(DAY)
    svc = build_service(world_db, catalog=catalog, clock=clock, threaded=True)  # as `serve`

    def create(body: str, role: Role, actor: str | None = None) -> str:
        return auth.create_token(svc.writer, catalog, body=body, role=role, actor=actor)[0]

    tokens = {
        "secretariat": create("NATO-NAC", Role.SECRETARIAT),
        "observer": create("NATO-NAC", Role.OBSERVER),
        "FRA": create("NATO-NAC", Role.DELEGATION, "FRA"),
        "SWE": create("NATO-NAC", Role.DELEGATION, "SWE"),
        "UNSC": create("UNSC", Role.SECRETARIAT),
    }
    for role, secret in (
        ("secretariat", create("NATO-NAC", Role.SECRETARIAT)),
        ("delegation", create("NATO-NAC", Role.DELEGATION, "FRA")),
        ("observer", create("NATO-NAC", Role.OBSERVER)),
    ):
        svc.auth.authenticate(secret)  # cached as valid first: revocation must still win
        auth.revoke_token(svc.writer, svc.auth.authenticate(secret).token_id, svc.auth)
        tokens[f"revoked-{role}"] = secret
    api = Api(svc)
    try:
        yield World(api, svc, clock, tokens)
    finally:
        api.close()
        svc.close()


def _headers(world: World, caller: str, right: str) -> dict[str, str]:
    t = world.tokens
    secret = {
        "none": None,
        "malformed": "",
        "revoked": t[f"revoked-{right if right != 'none' else 'observer'}"],
        "observer": t["observer"],
        "delegation_other_actor": t["FRA"],
        "delegation_non_member": t["SWE"],
        "secretariat_other_body": t["UNSC"],
        "right_role": {"secretariat": t["secretariat"], "delegation": t["FRA"]}.get(
            right, t["observer"]
        ),
    }[caller]
    if caller == "malformed":
        return {"Authorization": "Basic Zm9vOmJhcg=="}
    return {} if secret is None else {"Authorization": f"Bearer {secret}"}


def _fresh_proposal(world: World, *, silence: bool, closed: bool = False) -> str:
    sec = world.svc.auth.authenticate(world.tokens["secretariat"])
    pid = str(live.create_proposal(world.svc, sec, body="NATO-NAC", title="Matrix", text="")["id"])
    if silence:
        deadline = world.clock.now() + timedelta(seconds=1 if closed else 3600)
        live.start_silence(world.svc, sec, pid, deadline)
    if closed:
        world.clock.advance(timedelta(seconds=2))
        assert live.close_due(world.svc)
    return pid


def _request(world: World, endpoint: str, caller: str) -> tuple[str, str, dict[str, Any] | None]:
    method, path = endpoint.split(" ", 1)
    body: dict[str, Any] | None = None
    if "{id}" in path:
        needs_silence = not path.endswith("/silence")
        pid = _fresh_proposal(world, silence=needs_silence, closed=path.endswith("/stream"))
        path = path.replace("{id}", pid)
    if endpoint == "POST /api/proposals":
        body = {"body": "NATO-NAC", "title": "Matrix cell", "text": "x"}
    elif path.endswith("/silence"):
        body = {"deadline": (world.clock.now() + timedelta(hours=1)).isoformat()}
    elif path.endswith("/statements"):
        body = {"stance": "oppose", "text": "matrix"}
        if caller == "delegation_other_actor":
            body["actor"] = "DEU"
    return method, path, body


CELLS = [
    pytest.param(endpoint, caller, statuses[i], id=f"{endpoint} | {caller}")
    for endpoint, (_, statuses) in MATRIX.items()
    for i, caller in enumerate(CALLERS)
]


def test_the_matrix_covers_every_api_endpoint(world: World) -> None:
    doc = world.api("GET", "/openapi.json").json()
    routes = {
        f"{method.upper()} {path.replace('{proposal_id}', '{id}')}"
        for path, ops in doc["paths"].items()
        if path.startswith("/api/")
        for method in ops
    }
    assert routes == set(MATRIX)


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CELLS)
def test_authorisation_matrix(world: World, endpoint: str, caller: str, expected: int) -> None:
    method, path, body = _request(world, endpoint, caller)
    right = MATRIX[endpoint][0]
    before = audit.verify_log(world.svc.db).events
    r = world.api(method, path, headers=_headers(world, caller, right), json=body)
    assert r.status_code == expected, (endpoint, caller, r.text)
    after = audit.verify_log(world.svc.db)
    assert after.ok
    if expected >= 400:
        assert r.json()["error"]["status"] == expected
        assert after.events == before, "a refused request wrote to the log"
        if expected == 401:
            assert r.headers["www-authenticate"] == "Bearer"
    elif method == "POST":
        assert after.events == before + 1


def test_a_revoked_token_stops_at_once_in_the_same_process(world: World) -> None:
    secret = auth.create_token(
        world.svc.writer, world.svc.catalog, body="NATO-NAC", role=Role.OBSERVER
    )[0]
    h = {"Authorization": f"Bearer {secret}"}
    assert world.api("GET", "/api/proposals", headers=h).status_code == 200  # now cached (1 s)
    token_id = world.svc.auth.authenticate(secret).token_id
    auth.revoke_token(world.svc.writer, token_id, world.svc.auth)
    assert world.api("GET", "/api/proposals", headers=h).status_code == 401


def test_a_token_revoked_by_the_cli_stops_at_the_very_next_request(
    db_url: str, catalog: Catalog, live_server: Any
) -> None:
    """`concord token revoke` (its own process) against a running server, no waiting:
    the server had accepted the token just before; its first request after the CLI
    returns gets 401 (SQLite file and PostgreSQL)."""
    import subprocess
    import sys
    from pathlib import Path

    svc = build_service(db_url, catalog=catalog)
    try:
        secret, info = auth.create_token(svc.writer, catalog, body="NATO-NAC", role=Role.OBSERVER)
    finally:
        svc.close()
    servers: list[LiveServer] = [live_server(db_url)]
    h = {"Authorization": f"Bearer {secret}"}
    for server in servers:
        for _ in range(3):
            assert server.client.get("/api/proposals", headers=h).status_code == 200
    concord = str(Path(sys.executable).with_name("concord"))
    subprocess.run([concord, "token", "revoke", info.id, "--db", db_url], check=True, timeout=60)
    for server in servers:
        r = server.client.get("/api/proposals", headers=h)
        assert r.status_code == 401, r.text
        assert r.json()["error"]["message"] == "unknown or revoked token"


def test_a_token_made_or_revoked_by_another_process_counts_at_the_next_request(
    db_url: str, catalog: Catalog, live_server: Any
) -> None:
    """This test's process writes the tokens; the server learns of them only from the store.

    Reads check the token's row per request; statements (the hot path) check it in the
    writer's transaction — both must refuse the very next request.
    """
    server: LiveServer = live_server(db_url)
    svc = build_service(db_url, catalog=catalog)
    try:

        def make(role: Role, actor: str | None = None) -> tuple[dict[str, str], str]:
            secret = auth.create_token(
                svc.writer, catalog, body="NATO-NAC", role=role, actor=actor
            )[0]
            return {"Authorization": f"Bearer {secret}"}, svc.auth.authenticate(secret).token_id

        (obs, obs_id), (sec, _), (fra, fra_id) = (
            make(Role.OBSERVER),
            make(Role.SECRETARIAT),
            make(Role.DELEGATION, "FRA"),
        )
        statuses = [server.client.get("/api/proposals", headers=obs).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]  # made after the server started: known at once
        pid = server.client.post(
            "/api/proposals", headers=sec, json={"body": "NATO-NAC", "title": "t"}
        ).json()["id"]
        deadline = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
        r = server.client.post(
            f"/api/proposals/{pid}/silence", headers=sec, json={"deadline": deadline}
        )
        assert r.status_code == 201
        url = f"/api/proposals/{pid}/statements"
        for _ in range(2):
            r = server.client.post(url, headers=fra, json={"stance": "support", "text": "ok"})
            assert r.status_code == 201

        auth.revoke_token(svc.writer, obs_id)  # the server's own authenticator is not told
        auth.revoke_token(svc.writer, fra_id)
        events = audit.verify_log(svc.db).events
        assert server.client.get("/api/proposals", headers=obs).status_code == 401
        r = server.client.post(url, headers=fra, json={"stance": "oppose", "text": "no"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", r.text
        assert audit.verify_log(svc.db).events == events  # refused: nothing written
    finally:
        svc.close()
