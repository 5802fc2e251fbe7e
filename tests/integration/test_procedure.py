"""The silence procedure through the services, on SQLite and PostgreSQL, with a fake clock."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from concord.data.catalog import Catalog
from concord.model.stance import Stance
from concord.services import audit, live
from concord.services.auth import Principal
from concord.services.clock import FakeClock
from concord.services.errors import Conflict, Forbidden, NotFound
from concord.services.runtime import Service, build_service
from concord.store.schema import events, procedures, statements
from tests.service_fixtures import make_tokens


def who(svc: Service, token: str) -> Principal:
    return svc.auth.authenticate(token)


def open_silence(svc: Service, clock: FakeClock, minutes: int = 60) -> tuple[str, object]:
    tokens = make_tokens(svc)
    sec = who(svc, tokens.secretariat)
    pid = live.create_proposal(svc, sec, body="NATO-NAC", title="Open an office", text="t")["id"]
    live.start_silence(svc, sec, pid, clock.now() + timedelta(minutes=minutes))
    return pid, tokens


def count(svc: Service, table: object, *where: object) -> int:
    with svc.db.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())  # type: ignore[arg-type]


def test_silence_kept_is_adopted_at_the_deadline(svc: Service, clock: FakeClock) -> None:
    pid, tokens = open_silence(svc, clock)
    fra = who(svc, tokens.delegations["FRA"])
    live.submit_statement(svc, fra, pid, stance=Stance.SUPPORT, text="fine").result()
    state = live.proposal_state(svc, pid)
    assert state["procedure"]["state"] == "open" and state["status"] == "pending"
    assert live.close_due(svc) == []  # not yet due
    clock.advance(timedelta(minutes=60))
    closed = live.close_due(svc)
    assert [c.proposal for c in closed] == [pid] and closed[0].outcome == "adopted"
    state = live.proposal_state(svc, pid)
    assert state["status"] == "adopted"
    assert "FRA" in state["verdict"]["supporters"]
    assert "DEU" in state["verdict"]["consented_by_silence"]
    assert live.close_due(svc) == []
    assert audit.verify_log(svc.db).ok


def test_one_objection_breaks_silence(svc: Service, clock: FakeClock) -> None:
    pid, tokens = open_silence(svc, clock)
    fra = who(svc, tokens.delegations["FRA"])
    made = live.submit_statement(svc, fra, pid, stance=Stance.OPPOSE, text="treaty area").result()
    assert made["breaks_silence"] is True
    clock.advance(timedelta(hours=2))
    (closed,) = live.close_due(svc)
    assert closed.outcome == "silence-broken"
    state = live.proposal_state(svc, pid)
    assert state["status"] == "blocked" and state["verdict"]["blockers"] == ["FRA"]
    kinds = [e["kind"] for e in live.proposal_events(svc, pid)]
    assert kinds == ["proposal.created", "silence.started", "statement.made", "procedure.closed"]
    assert live.proposal_events(svc, pid)[-1]["payload"]["broken_by"] == ["FRA"]


def test_statement_at_or_after_the_deadline_is_refused_and_not_written(
    svc: Service, clock: FakeClock
) -> None:
    pid, tokens = open_silence(svc, clock, minutes=5)
    fra = who(svc, tokens.delegations["FRA"])
    clock.advance(timedelta(minutes=5))  # exactly the deadline: too late
    before = count(svc, events)
    with pytest.raises(Conflict, match="ended at"):
        live.submit_statement(svc, fra, pid, stance=Stance.OPPOSE, text="late").result()
    assert count(svc, events) == before and count(svc, statements) == 0
    live.close_due(svc)
    with pytest.raises(Conflict):
        live.submit_statement(svc, fra, pid, stance=Stance.OPPOSE, text="later").result()


def test_deadline_in_the_past_and_second_silence(svc: Service, clock: FakeClock) -> None:
    tokens = make_tokens(svc)
    sec = who(svc, tokens.secretariat)
    pid = live.create_proposal(svc, sec, body="NATO-NAC", title="T", text="")["id"]
    with pytest.raises(Exception, match="deadline") as err:
        live.start_silence(svc, sec, pid, clock.now() - timedelta(seconds=1))
    assert type(err.value).__name__ == "InvalidField"
    live.start_silence(svc, sec, pid, clock.now() + timedelta(days=1))
    with pytest.raises(Conflict, match="already has a silence procedure"):
        live.start_silence(svc, sec, pid, clock.now() + timedelta(days=2))
    with pytest.raises(NotFound):
        live.start_silence(svc, sec, "no-such", clock.now() + timedelta(days=2))


def test_roles_and_membership_on_the_date(svc: Service, clock: FakeClock) -> None:
    pid, tokens = open_silence(svc, clock)
    chn = who(svc, tokens.delegations["CHN"])
    with pytest.raises(Forbidden, match="CHN is not a member of NATO-NAC on 2026-03-02"):
        live.submit_statement(svc, chn, pid, stance=Stance.OPPOSE, text="").result()
    fra = who(svc, tokens.delegations["FRA"])
    with pytest.raises(Forbidden, match="may not act for DEU"):
        live.submit_statement(svc, fra, pid, stance=Stance.OPPOSE, text="", actor="DEU").result()
    with pytest.raises(Forbidden, match="only a delegation"):
        live.submit_statement(
            svc, who(svc, tokens.secretariat), pid, stance=Stance.SUPPORT, text=""
        ).result()
    with pytest.raises(Forbidden, match="only a secretariat"):
        live.create_proposal(svc, fra, body="NATO-NAC", title="x", text="")
    with pytest.raises(Forbidden, match="UNSC"):
        live.create_proposal(
            svc, who(svc, tokens.other_secretariat), body="NATO-NAC", title="x", text=""
        )
    assert count(svc, statements) == 0


def test_membership_follows_the_catalog_dates(db_url: str, catalog: Catalog) -> None:
    """Sweden joined NATO on 2024-03-07: its delegation may speak from that day only."""
    from datetime import UTC, datetime

    clock = FakeClock(datetime(2024, 3, 6, 12, 0, tzinfo=UTC))
    svc = build_service(db_url, catalog=catalog, clock=clock, token_ttl=0)
    try:
        tokens = make_tokens(svc, ("SWE",))
        sec = who(svc, tokens.secretariat)
        pid = live.create_proposal(svc, sec, body="NATO-NAC", title="T", text="")["id"]
        live.start_silence(svc, sec, pid, clock.now() + timedelta(days=3))
        swe = who(svc, tokens.delegations["SWE"])
        with pytest.raises(Forbidden, match="SWE is not a member of NATO-NAC on 2024-03-06"):
            live.submit_statement(svc, swe, pid, stance=Stance.SUPPORT, text="").result()
        clock.advance(timedelta(days=1))
        made = live.submit_statement(svc, swe, pid, stance=Stance.SUPPORT, text="").result()
        assert made["actor"] == "SWE" and made["date"] == "2024-03-07"
    finally:
        svc.close()


def test_restart_closes_an_open_procedure_exactly_once(
    db_url: str, clock: FakeClock, catalog: Catalog
) -> None:
    first = build_service(db_url, catalog=catalog, clock=clock, token_ttl=0)
    pid, _ = open_silence(first, clock, minutes=10)
    first.close()  # the server goes away with the procedure open
    clock.advance(timedelta(minutes=30))
    second = build_service(db_url, catalog=catalog, clock=clock, token_ttl=0)
    try:
        assert [c.proposal for c in live.close_due(second)] == [pid]
        assert live.close_due(second) == []
        third = build_service(db_url, catalog=catalog, clock=clock, token_ttl=0)
        assert live.close_due(third) == []
        third.close()
        assert count(second, events, events.c.kind == "procedure.closed") == 1
        assert audit.verify_log(second.db).ok
    finally:
        second.close()


def test_concurrent_schedulers_close_each_deadline_once(
    db_url: str, clock: FakeClock, catalog: Catalog
) -> None:
    """Several services (as several server processes would) race to close 30 deadlines."""
    services = [build_service(db_url, catalog=catalog, clock=clock, token_ttl=0) for _ in range(3)]
    try:
        tokens = make_tokens(services[0])
        sec = who(services[0], tokens.secretariat)
        for i in range(30):
            pid = live.create_proposal(services[0], sec, body="NATO-NAC", title=f"P{i}", text="")
            live.start_silence(
                services[0], sec, pid["id"], clock.now() + timedelta(seconds=i % 5 + 1)
            )
        clock.advance(timedelta(seconds=10))
        results: list[list[str]] = [[] for _ in services]

        def run(i: int) -> None:
            for _ in range(3):
                results[i].extend(c.proposal for c in live.close_due(services[i], limit=7))

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(services))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        closed = [p for r in results for p in r]
        assert len(closed) == 30 and len(set(closed)) == 30
        assert count(services[0], procedures, procedures.c.state == "open") == 0
        assert count(services[0], events, events.c.kind == "procedure.closed") == 30
        assert audit.verify_log(services[0].db).ok
    finally:
        for s in services:
            s.close()


def test_tampering_is_detected_with_the_first_bad_seq(svc: Service, clock: FakeClock) -> None:
    pid, tokens = open_silence(svc, clock)
    fra = who(svc, tokens.delegations["FRA"])
    made = live.submit_statement(svc, fra, pid, stance=Stance.OPPOSE, text="no").result()
    live.submit_statement(svc, fra, pid, stance=Stance.OPPOSE, text="still no").result()
    assert audit.verify_log(svc.db).ok
    with svc.db.writing() as conn:
        conn.execute(
            text(
                "UPDATE events SET payload = replace(payload, 'oppose', 'support') WHERE seq = :s"
            ),
            {"s": made["seq"]},
        )
    result = audit.verify_log(svc.db)
    assert not result.ok and result.first_bad == made["seq"]


def test_proposal_ids_never_collide(svc: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    sec = who(svc, make_tokens(svc).secretariat)
    suffixes = iter(["aaaaaaaaaa", "aaaaaaaaaa", "bbbbbbbbbb"])
    monkeypatch.setattr(live.secrets, "token_hex", lambda _n: next(suffixes))
    first = live.create_proposal(svc, sec, body="NATO-NAC", title="Same title", text="")["id"]
    second = live.create_proposal(svc, sec, body="NATO-NAC", title="Same title", text="")["id"]
    assert (first, second) == ("same-title-aaaaaaaaaa", "same-title-bbbbbbbbbb")
