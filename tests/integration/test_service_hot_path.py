"""The fast paths of the service keep the contract: statements, tokens, batch closing."""

from __future__ import annotations

import asyncio
import json
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
from concord.services import audit, auth, closing, live
from concord.services.clock import FakeClock
from concord.services.errors import Unauthorized
from concord.services.runtime import Service, build_service
from concord.store import records
from concord.store.chain import canonical
from concord.store.timefmt import from_text
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


@pytest.mark.parametrize(
    "pid, deadline, node, broken_by",
    [
        ("draft-1a2b3c4d5e", "2026-11-29T16:00:00Z", "host:1", ()),
        ('quo"te\\é-ü', "2026-11-29T16:00:00.5Z", "nœud\n2", ("FRA", "TUR")),
    ],
)
def test_closed_payload_is_the_canonical_json_of_the_payload(
    pid: str, deadline: str, node: str, broken_by: tuple[str, ...]
) -> None:
    for outcome, status in (("adopted", "adopted"), ("silence-broken", "blocked")):
        payload = {
            "proposal": pid,
            "deadline": deadline,
            "outcome": outcome,
            "status": status,
            "broken_by": list(broken_by),
            "closed_by": node,
        }
        text = closing.closed_payload(pid, deadline, outcome, status, broken_by, node)
        assert text == canonical(payload)
        assert json.loads(text) == payload


def test_a_burst_closes_each_once_with_one_chained_event_at_its_closing_time(
    svc: Service, clock: FakeClock
) -> None:
    """40 deadlines at one instant, closed 7 per transaction."""
    tokens = make_tokens(svc)
    sec = svc.auth.authenticate(tokens.secretariat)
    deadline = clock.now() + timedelta(minutes=5)
    pids = []
    for i in range(40):
        pid = live.create_proposal(svc, sec, body="NATO-NAC", title=f"b{i}", text="")["id"]
        live.start_silence(svc, sec, pid, deadline)
        pids.append(pid)
    before = audit.verify_log(svc.db).events
    clock.advance(timedelta(minutes=6))
    closed = []
    for _ in range(3):
        closed += svc.writer.run(lambda tx: closing.close_batch(tx, svc.catalog, svc.node, 7))
    closed += live.close_due(svc, limit=7)
    assert sorted(c.proposal for c in closed) == sorted(pids)
    assert live.close_due(svc) == []
    check = audit.verify_log(svc.db)
    assert check.ok and check.events == before + 40
    for c in closed:
        (event,) = [e for e in live.proposal_events(svc, c.proposal) if e["seq"] == c.seq]
        with svc.db.reading() as conn:
            proc = records.get_procedure(conn, c.proposal)
        assert proc is not None and proc.closed_at == c.closed_at
        assert event["kind"] == "procedure.closed" and from_text(event["at"]) == c.closed_at


def _shortcut_app(svc: Service, seen: list[str]) -> Any:
    """The app with one more middleware added afterwards, recording the paths it sees."""
    app = create_app(svc, scheduler=False)

    class Recorder:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                seen.append(scope["path"])
            await self.inner(scope, receive, send)

    app.add_middleware(Recorder)
    return app


def test_statements_take_the_shortcut_behind_every_middleware(hot_svc: Service) -> None:
    tokens = make_tokens(hot_svc)
    sec = hot_svc.auth.authenticate(tokens.secretariat)
    pid = live.create_proposal(hot_svc, sec, body="NATO-NAC", title="t", text="")["id"]
    live.start_silence(hot_svc, sec, pid, hot_svc.clock.now() + timedelta(hours=1))
    seen: list[str] = []
    app = _shortcut_app(hot_svc, seen)
    calls: list[str] = []
    original = StatementEndpoint.__call__

    async def counted(self: StatementEndpoint, scope: Any, receive: Any, send: Any) -> None:
        calls.append("router" if "endpoint" in scope else "shortcut")
        await original(self, scope, receive, send)

    async def post(path: str, root_path: str = "") -> httpx.Response:
        transport = httpx.ASGITransport(app=app, root_path=root_path)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await client.post(
                path,
                json={"stance": "support"},
                headers={"Authorization": f"Bearer {tokens.delegations['FRA']}"},
            )

    StatementEndpoint.__call__ = counted  # type: ignore[method-assign]
    try:
        fast = asyncio.run(post(f"/api/proposals/{pid}/statements"))
        routed = asyncio.run(post(f"/api/proposals/{pid}/statements", root_path="/x"))
        other = asyncio.run(post(f"/api/proposals/{pid}/statements/more"))
    finally:
        StatementEndpoint.__call__ = original  # type: ignore[method-assign]
    assert fast.status_code == 201 and fast.json()["actor"] == "FRA"
    assert routed.status_code == 201 and routed.json()["seq"] == fast.json()["seq"] + 1
    assert other.status_code in (404, 405)
    assert calls == ["shortcut", "router"]
    assert seen.count(f"/api/proposals/{pid}/statements") == 2  # the middleware saw both
    assert audit.verify_log(hot_svc.db).ok
