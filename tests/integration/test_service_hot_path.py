"""The fast paths of the service keep the contract: statements, tokens, batch closing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from concord.api.app import create_app
from concord.api.routes import make_statement, router
from concord.api.statements import StatementEndpoint
from concord.data.catalog import Catalog
from concord.model.stance import Stance
from concord.services import audit, auth, live
from concord.services.clock import FakeClock
from concord.services.errors import Unauthorized
from concord.services.runtime import Service, build_service
from concord.store import records
from tests.service_fixtures import make_tokens

BAD_AND_GOOD: list[dict[str, Any]] = [
    {"content": b'{"stance": "oppose",', "headers": {"content-type": "application/json"}},
    {"content": b'{"stance": "oppose"}', "headers": {"content-type": "text/plain"}},
    {"content": b'{"stance": "oppose"}', "headers": {"content-type": "application/x+json"}},
    {"content": b""},
    {"json": {"stance": "veto"}},
    {"json": ["oppose"]},
    {"json": {"stance": "oppose", "text": 5}},
    {"json": {"stance": "oppose", "mood": "x"}},
    {"json": {"stance": "oppose", "text": "x" * 20_001}},
    {"json": {"stance": "oppose", "actor": "USA"}},
    {"json": {"stance": "support", "text": "d'accord, très bien"}},
]


@pytest.fixture
def hot_svc(db_url: str, clock: FakeClock, catalog: Catalog) -> Iterator[Service]:
    svc = build_service(db_url, catalog=catalog, clock=clock, threaded=True, token_ttl=3600)
    yield svc
    svc.close()


def test_statement_route_is_served_by_the_plain_endpoint_and_documented() -> None:
    first = router.routes[0]
    assert getattr(first, "path", "") == "/api/proposals/{proposal_id}/statements"
    assert isinstance(getattr(first, "app", None), StatementEndpoint)


def test_plain_endpoint_answers_exactly_as_the_fastapi_route(hot_svc: Service) -> None:
    """Each request goes to both; status, body (minus seq/at/hash) and headers agree."""
    tokens = make_tokens(hot_svc)
    app = create_app(hot_svc, scheduler=False)
    app.add_api_route(
        "/documented/{proposal_id}/statements", make_statement, methods=["POST"], status_code=201
    )
    assert "/api/proposals/{proposal_id}/statements" in app.openapi()["paths"]
    sec = hot_svc.auth.authenticate(tokens.secretariat)
    pid = live.create_proposal(hot_svc, sec, body="NATO-NAC", title="t", text="")["id"]
    live.start_silence(hot_svc, sec, pid, hot_svc.clock.now() + timedelta(hours=1))

    async def compare() -> list[int]:
        statuses = []
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for token in (tokens.delegations["FRA"], tokens.observer, "concord_bad", None):
                for case in BAD_AND_GOOD:
                    headers = dict(case.get("headers", {}))
                    if token:
                        headers["Authorization"] = f"Bearer {token}"
                    kw = {**case, "headers": headers}
                    fast = await client.post(f"/api/proposals/{pid}/statements", **kw)
                    slow = await client.post(f"/documented/{pid}/statements", **kw)
                    got, want = fast.json(), slow.json()
                    for body in (got, want):
                        for key in ("seq", "at", "hash"):
                            body.pop(key, None)
                    assert (fast.status_code, got) == (slow.status_code, want), kw
                    assert fast.headers.get("www-authenticate") == slow.headers.get(
                        "www-authenticate"
                    )
                    statuses.append(fast.status_code)
            missing = await client.post(
                "/api/proposals/nope/statements",
                json={"stance": "oppose"},
                headers={"Authorization": f"Bearer {tokens.delegations['FRA']}"},
            )
            assert missing.status_code == 404 and "nope" in missing.json()["error"]["message"]
        return statuses

    statuses = asyncio.run(compare())
    assert {201, 401, 403, 422} <= set(statuses)
    assert statuses.count(201) == 2  # one statement each way, for FRA only
    assert audit.verify_log(hot_svc.db).ok


def test_revocation_in_this_process_takes_effect_at_once(hot_svc: Service) -> None:
    tokens = make_tokens(hot_svc)
    who = hot_svc.auth.authenticate(tokens.delegations["FRA"])  # now cached for an hour
    assert hot_svc.auth.authenticate(tokens.delegations["FRA"]) is who
    auth.revoke_token(hot_svc.writer, who.token_id)
    with pytest.raises(Unauthorized):
        hot_svc.auth.authenticate(tokens.delegations["FRA"])


def test_revocation_by_another_process_is_seen_after_the_ttl(
    db_url: str, clock: FakeClock, catalog: Catalog
) -> None:
    server = build_service(db_url, catalog=catalog, clock=clock, token_ttl=3600)
    other = build_service(db_url, catalog=catalog, clock=clock)
    try:
        tokens = make_tokens(other)
        who = server.auth.authenticate(tokens.delegations["DEU"])
        auth.revoke_token(other.writer, who.token_id)
        assert server.auth.authenticate(tokens.delegations["DEU"]) == who  # within the ttl
        server.auth.ttl = 0  # the ttl has run out
        with pytest.raises(Unauthorized):
            server.auth.authenticate(tokens.delegations["DEU"])
        fresh = make_tokens(other, ("USA",))  # a token made elsewhere is found too
        assert server.auth.authenticate(fresh.delegations["USA"]).actor == "USA"
    finally:
        server.close()
        other.close()


def test_batch_closing_gives_each_procedure_its_own_verdict(svc: Service, clock: FakeClock) -> None:
    """Procedures sharing a verdict and procedures with their own, across batches."""
    tokens = make_tokens(svc)
    sec = svc.auth.authenticate(tokens.secretariat)
    fra = svc.auth.authenticate(tokens.delegations["FRA"])
    deadline = clock.now() + timedelta(minutes=10)
    plan = {}
    for i in range(23):
        pid = live.create_proposal(svc, sec, body="NATO-NAC", title=f"p{i}", text="")["id"]
        live.start_silence(svc, sec, pid, deadline + timedelta(seconds=i % 2))
        stance = (None, Stance.OPPOSE, Stance.SUPPORT)[i % 3]
        if stance is not None:
            live.submit_statement(svc, fra, pid, stance=stance, text="").result()
        plan[pid] = stance
    clock.advance(timedelta(minutes=11))
    closed = live.close_due(svc, limit=5)
    assert sorted(c.proposal for c in closed) == sorted(plan)
    assert live.close_due(svc) == []
    for c in closed:
        with svc.db.reading() as conn:
            rec = records.get_proposal(conn, c.proposal)
            proc = records.get_procedure(conn, c.proposal)
            stmts = records.statements_of(conn, [c.proposal])[c.proposal]
        assert rec is not None and proc is not None and proc.state == "closed"
        verdict = live.verdict_for(svc.catalog, rec, stmts, proc, clock.now().date())
        expected = "adopted" if verdict.status.value == "adopted" else "silence-broken"
        assert c.outcome == proc.outcome == expected
        assert expected == ("silence-broken" if plan[c.proposal] is Stance.OPPOSE else "adopted")
        event = live.proposal_events(svc, c.proposal)[-1]
        assert event["kind"] == "procedure.closed" and event["seq"] == c.seq
        objected = plan[c.proposal] is Stance.OPPOSE
        assert event["payload"]["broken_by"] == (["FRA"] if objected else [])
    assert audit.verify_log(svc.db).ok
