"""Every endpoint in-process (httpx over the ASGI app, no socket), with a fake clock."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from concord.api.app import create_app
from concord.data.catalog import Catalog
from concord.services import audit, live
from concord.services.clock import FakeClock
from concord.services.runtime import Service, build_service
from tests.service_fixtures import Tokens, make_tokens

NATO_MEMBERS_2026 = 32


class Api:
    """A synchronous face over an async httpx client bound to the ASGI app."""

    def __init__(self, svc: Service) -> None:
        self.svc = svc
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(svc, scheduler=False)),
            base_url="http://concord.test",
        )

    def __call__(
        self, method: str, path: str, token: str | None = None, **kw: Any
    ) -> httpx.Response:
        return self.loop.run_until_complete(self.send(method, path, token, **kw))

    async def send(self, method: str, path: str, token: str | None, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return await self.client.request(method, path, headers=headers, **kw)

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


@pytest.fixture
def api_svc(db_url: str, clock: FakeClock, catalog: Catalog) -> Iterator[Service]:
    svc = build_service(db_url, catalog=catalog, clock=clock, threaded=True, token_ttl=0)
    yield svc
    svc.close()


@pytest.fixture
def api(api_svc: Service) -> Iterator[Api]:
    client = Api(api_svc)
    yield client
    client.close()


@pytest.fixture
def tokens(api_svc: Service) -> Tokens:
    nato = api_svc.catalog.body("NATO-NAC").member_codes_on(api_svc.clock.now().date())
    return make_tokens(api_svc, (*nato, "CHN"))


def new_proposal(api: Api, tokens: Tokens, minutes: int | None = 60) -> str:
    r = api(
        "POST",
        "/api/proposals",
        tokens.secretariat,
        json={
            "body": "NATO-NAC",
            "title": "Liaison office in Tokyo",
            "text": "Open it.",
            "location": {"name": "Tokyo", "lat": 35.68, "lon": 139.69},
        },
    )
    assert r.status_code == 201, r.text
    pid = str(r.json()["id"])
    if minutes is not None:
        deadline = (api.svc.clock.now() + timedelta(minutes=minutes)).isoformat()
        r = api(
            "POST", f"/api/proposals/{pid}/silence", tokens.secretariat, json={"deadline": deadline}
        )
        assert r.status_code == 201, r.text
    return pid


def assert_error(
    r: httpx.Response, status: int, *, field: str | None = None, says: str = ""
) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and isinstance(err["code"], str) and says in err["message"]
    if field is not None:
        assert err["field"] == field


def test_health_and_openapi(api: Api) -> None:
    assert api("GET", "/api/health").json() == {"ok": True}
    doc = api("GET", "/openapi.json").json()
    for path in (
        "/api/proposals",
        "/api/proposals/{proposal_id}/silence",
        "/api/proposals/{proposal_id}/statements",
        "/api/proposals/{proposal_id}",
        "/api/proposals/{proposal_id}/events",
        "/api/proposals/{proposal_id}/stream",
        "/api/audit/verify",
        "/api/health",
    ):
        assert path in doc["paths"]


def test_full_procedure_over_http(api: Api, tokens: Tokens) -> None:
    pid = new_proposal(api, tokens)
    r = api(
        "POST",
        f"/api/proposals/{pid}/statements",
        tokens.delegations["FRA"],
        json={"stance": "oppose", "text": "NATO is the North Atlantic"},
    )
    assert r.status_code == 201 and r.json()["actor"] == "FRA" and r.json()["breaks_silence"]
    r = api(
        "POST",
        f"/api/proposals/{pid}/statements",
        tokens.delegations["DEU"],
        json={"stance": "support", "text": "", "reservation": "footnote"},
    )
    assert r.status_code == 201
    state = api("GET", f"/api/proposals/{pid}", tokens.observer).json()
    assert state["status"] == "blocked" and state["procedure"]["state"] == "open"
    assert state["positions"]["FRA"]["stance"] == "oppose"
    assert state["deadline"] == state["procedure"]["deadline"]
    api.svc.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    assert [c.proposal for c in live.close_due(api.svc)] == [pid]
    state = api("GET", f"/api/proposals/{pid}", tokens.observer).json()
    assert state["status"] == "blocked" and state["verdict"]["blockers"] == ["FRA"]
    assert state["procedure"]["outcome"] == "silence-broken"
    evs = api("GET", f"/api/proposals/{pid}/events", tokens.observer).json()
    assert [e["kind"] for e in evs] == [
        "proposal.created",
        "silence.started",
        "statement.made",
        "statement.made",
        "procedure.closed",
    ]
    assert set(evs[0]) == {"seq", "at", "actor", "kind", "payload", "hash", "prev"}
    assert all(
        b["prev"] == a["hash"] for a, b in itertools.pairwise(evs) if b["seq"] == a["seq"] + 1
    )
    tail = api("GET", f"/api/proposals/{pid}/events?after={evs[2]['seq']}", tokens.observer).json()
    assert [e["seq"] for e in tail] == [e["seq"] for e in evs[3:]]
    assert api("GET", "/api/audit/verify", tokens.observer).json() == {
        "ok": True,
        "events": evs[-1]["seq"],
        "first_bad": None,
        "reason": None,
    }
    listed = api("GET", "/api/proposals", tokens.observer).json()
    assert pid in [p["id"] for p in listed]
    lines = api("GET", "/api/audit/export", tokens.observer).text.splitlines()
    assert len(lines) == evs[-1]["seq"]


def test_stream_replays_the_log_and_ends_when_closed(api: Api, tokens: Tokens) -> None:
    pid = new_proposal(api, tokens, minutes=1)
    api(
        "POST",
        f"/api/proposals/{pid}/statements",
        tokens.delegations["USA"],
        json={"stance": "support"},
    )
    api.svc.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
    live.close_due(api.svc)
    r = api("GET", f"/api/proposals/{pid}/stream", tokens.observer)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    kinds = [line.split(": ", 1)[1] for line in r.text.splitlines() if line.startswith("event: ")]
    assert kinds[0] == "state" and kinds[-1] == "state"
    assert "statement.made" in kinds and "procedure.closed" in kinds
    assert '"outcome": "adopted"' in r.text


def test_fifty_concurrent_statements_make_fifty_events_without_gap(
    api: Api, tokens: Tokens
) -> None:
    pid = new_proposal(api, tokens)
    members = sorted(a for a in tokens.delegations if a != "CHN")
    assert len(members) == NATO_MEMBERS_2026
    before = api("GET", "/api/audit/verify", tokens.observer).json()["events"]

    async def all_at_once() -> list[httpx.Response]:
        return await asyncio.gather(
            *(
                api.send(
                    "POST",
                    f"/api/proposals/{pid}/statements",
                    tokens.delegations[members[i % 32]],
                    json={"stance": "support", "text": f"statement {i}"},
                )
                for i in range(50)
            )
        )

    responses = api.loop.run_until_complete(all_at_once())
    assert [r.status_code for r in responses] == [201] * 50
    seqs = sorted(r.json()["seq"] for r in responses)
    assert seqs == list(range(before + 1, before + 51))
    check = api("GET", "/api/audit/verify", tokens.observer).json()
    assert check["ok"] and check["events"] == before + 50
    assert audit.verify_log(api.svc.db).ok


# --- bad input: one clear 4xx JSON error each, nothing half-written -----------------------


def test_auth_errors(api: Api, tokens: Tokens) -> None:
    pid = new_proposal(api, tokens)
    assert_error(api("GET", f"/api/proposals/{pid}"), 401, says="missing bearer token")
    assert_error(
        api("GET", f"/api/proposals/{pid}", "concord_wrong"), 401, says="unknown or revoked"
    )
    r = api("GET", f"/api/proposals/{pid}", headers={"Authorization": "Basic abc"})
    assert_error(r, 401, says="Bearer")
    assert r.headers["www-authenticate"] == "Bearer"
    stmt = f"/api/proposals/{pid}/statements"
    assert_error(
        api("POST", stmt, tokens.delegations["CHN"], json={"stance": "oppose"}),
        403,
        says="CHN is not a member of NATO-NAC",
    )
    assert_error(
        api("POST", stmt, tokens.delegations["FRA"], json={"stance": "oppose", "actor": "USA"}),
        403,
        says="may not act for USA",
    )
    assert_error(
        api("POST", stmt, tokens.observer, json={"stance": "support"}),
        403,
        says="only a delegation",
    )
    assert_error(
        api(
            "POST",
            "/api/proposals",
            tokens.other_secretariat,
            json={"body": "NATO-NAC", "title": "x"},
        ),
        403,
        says="UNSC",
    )
    assert_error(
        api(
            "POST",
            "/api/proposals",
            tokens.delegations["FRA"],
            json={"body": "NATO-NAC", "title": "x"},
        ),
        403,
        says="only a secretariat",
    )
    from concord.services import auth

    token_id = api.svc.auth.authenticate(tokens.delegations["DEU"]).token_id
    auth.revoke_token(api.svc.writer, token_id)
    assert_error(api("POST", stmt, tokens.delegations["DEU"], json={"stance": "support"}), 401)
    assert api("GET", f"/api/proposals/{pid}", tokens.observer).json()["statements"] == 0


def test_malformed_and_mistyped_input_names_the_field(api: Api, tokens: Tokens) -> None:
    pid = new_proposal(api, tokens)
    stmt = f"/api/proposals/{pid}/statements"
    fra = tokens.delegations["FRA"]
    r = api(
        "POST",
        stmt,
        fra,
        content=b'{"stance": "oppose",',
        headers={"content-type": "application/json"},
    )
    assert_error(r, 422, field="body", says="malformed JSON")
    assert_error(api("POST", stmt, fra, json={"stance": "veto"}), 422, field="stance")
    assert_error(api("POST", stmt, fra, json={"stance": "oppose", "text": 5}), 422, field="text")
    assert_error(api("POST", stmt, fra, json={"text": "no stance"}), 422, field="stance")
    assert_error(api("POST", stmt, fra, json={"stance": "oppose", "mood": "x"}), 422, field="mood")
    assert_error(api("POST", stmt, fra, json=["oppose"]), 422, field="body")
    assert_error(
        api("POST", "/api/proposals", tokens.secretariat, json={"body": "NATO-NAC"}),
        422,
        field="title",
    )
    assert_error(
        api("POST", "/api/proposals", tokens.secretariat, json={"body": "NOPE", "title": "x"}),
        422,
        field="body",
    )
    assert_error(
        api(
            "POST",
            "/api/proposals",
            tokens.secretariat,
            json={"body": "NATO-NAC", "title": "x", "location": {"lat": 123}},
        ),
        422,
        field="location.lat",
    )
    assert_error(api("GET", f"/api/proposals/{pid}/events?after=-1", fra), 422, field="after")
    assert api("GET", f"/api/proposals/{pid}", fra).json()["statements"] == 0


def test_deadlines_and_lateness(api: Api, tokens: Tokens) -> None:
    pid = new_proposal(api, tokens, minutes=None)
    silence = f"/api/proposals/{pid}/silence"
    past = (api.svc.clock.now() - timedelta(minutes=1)).isoformat()
    assert_error(
        api("POST", silence, tokens.secretariat, json={"deadline": past}),
        422,
        field="deadline",
        says="after now",
    )
    assert_error(
        api("POST", silence, tokens.secretariat, json={"deadline": "2026-03-02T12:00:00"}),
        422,
        field="deadline",
        says="time zone",
    )
    assert_error(
        api("POST", silence, tokens.secretariat, json={"deadline": "tomorrow"}),
        422,
        field="deadline",
    )
    soon = (api.svc.clock.now() + timedelta(minutes=5)).isoformat()
    assert api("POST", silence, tokens.secretariat, json={"deadline": soon}).status_code == 201
    assert_error(
        api("POST", silence, tokens.secretariat, json={"deadline": soon}), 409, says="already has"
    )
    api.svc.clock.advance(timedelta(minutes=5))  # type: ignore[attr-defined]
    stmt = f"/api/proposals/{pid}/statements"
    assert_error(
        api("POST", stmt, tokens.delegations["FRA"], json={"stance": "oppose"}),
        409,
        says="no statement is accepted after it",
    )
    assert api("GET", f"/api/proposals/{pid}", tokens.observer).json()["statements"] == 0


def test_unknown_proposal_and_route(api: Api, tokens: Tokens) -> None:
    for method, path, body in (
        ("GET", "/api/proposals/nope", None),
        ("GET", "/api/proposals/nope/events", None),
        ("GET", "/api/proposals/nope/stream", None),
        ("POST", "/api/proposals/nope/statements", {"stance": "oppose"}),
    ):
        token = tokens.delegations["FRA"]
        assert_error(api(method, path, token, json=body), 404, says="nope")
    assert_error(
        api(
            "POST",
            "/api/proposals/nope/silence",
            tokens.secretariat,
            json={"deadline": "2030-01-01T00:00:00Z"},
        ),
        404,
    )
    assert_error(api("GET", "/api/nothing-here"), 404)


def test_oversize_bodies_are_refused(api: Api, tokens: Tokens) -> None:
    pid = new_proposal(api, tokens)
    stmt = f"/api/proposals/{pid}/statements"
    huge = {"stance": "oppose", "text": "x" * 70_000}
    assert_error(api("POST", stmt, tokens.delegations["FRA"], json=huge), 413, says="larger than")

    async def chunks() -> Any:
        for _ in range(20):
            yield b" " * 8192

    r = api(
        "POST",
        stmt,
        tokens.delegations["FRA"],
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert_error(r, 413)
    long_text = {"stance": "oppose", "text": "x" * 20_001}
    assert_error(api("POST", stmt, tokens.delegations["FRA"], json=long_text), 422, field="text")
    assert api("GET", f"/api/proposals/{pid}", tokens.observer).json()["statements"] == 0
