"""The per-proposal state cache (services/proposal_states): a read after any write sees it.

Every check compares the cached state with ``proposal_state_uncached`` (every statement
read and judged again) — after writes of this process, of another process on the same
database (a second service), after the scheduler closes the procedure, and for imported
dossiers whose statements lie after the verdict's date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concord.data.catalog import Catalog
from concord.model.dossier import Dossier, Proposal, Statement
from concord.model.stance import Stance
from concord.services import live
from concord.services.clock import FakeClock
from concord.services.loading import _add_dossier
from concord.services.proposal_states import ProposalStates
from concord.services.runtime import Service, build_service
from concord.store import records
from concord.store.log import Tx
from concord.store.schema import statements as statements_t
from tests.integration.test_procedure import open_silence, who


def same(svc: Service, pid: str) -> dict[str, Any]:
    cached = live.proposal_state(svc, pid)
    assert cached == live.proposal_state_uncached(svc, pid)
    return cached


def test_read_after_write_sees_the_write(svc: Service, clock: FakeClock) -> None:
    pid, tokens_ = open_silence(svc, clock)
    tokens: Any = tokens_
    fra, deu = (who(svc, tokens.delegations[a]) for a in ("FRA", "DEU"))
    assert same(svc, pid)["statements"] == 0
    hits = svc.states.hits
    assert same(svc, pid)["statements"] == 0 and svc.states.hits == hits + 1  # unchanged: cached
    for i, (p, stance) in enumerate(
        [(fra, Stance.SUPPORT), (deu, Stance.SUPPORT), (fra, Stance.OPPOSE), (deu, Stance.OPPOSE)]
    ):
        live.submit_statement(svc, p, pid, stance=stance, text=f"s{i}").result()
        state = same(svc, pid)
        assert state["statements"] == i + 1
        assert state["positions"][p.actor]["stance"] == stance.value
        assert state["positions"][p.actor]["text"] == f"s{i}"
    assert svc.states.refreshes >= 4


def test_another_process_and_the_scheduler(
    svc: Service, db_url: str, clock: FakeClock, catalog: Catalog
) -> None:
    """A second service on the same database stands for a second server or the CLI."""
    pid, tokens_ = open_silence(svc, clock, minutes=30)
    tokens: Any = tokens_
    other = build_service(db_url, catalog=catalog, clock=clock, token_ttl=0.0)
    try:
        assert same(svc, pid)["status"] == "pending"  # cached in `svc`
        fra = who(other, tokens.delegations["FRA"])
        live.submit_statement(other, fra, pid, stance=Stance.OPPOSE, text="no").result()
        state = same(svc, pid)  # written by the other process: seen at once
        assert state["positions"]["FRA"]["stance"] == "oppose" and state["statements"] == 1
        clock.advance(timedelta(minutes=30))
        assert same(svc, pid)["procedure"]["state"] == "open"  # due, not yet closed
        (closed,) = live.close_due(other)  # the other process's scheduler closes it
        state = same(svc, pid)
        assert state["procedure"]["state"] == "closed"
        assert state["procedure"]["closed_seq"] == closed.seq
        assert state["status"] == "blocked" and state["verdict"]["blockers"] == ["FRA"]
    finally:
        other.close()


def test_capacity_bounds_the_cache(svc: Service, clock: FakeClock) -> None:
    svc.states = ProposalStates(capacity=2)
    pids = [open_silence(svc, clock)[0] for _ in range(3)]
    for pid in pids:
        same(svc, pid)
    assert len(svc.states) == 2
    loads = svc.states.loads
    same(svc, pids[0])  # evicted first: read again from the store
    assert svc.states.loads == loads + 1 and len(svc.states) == 2


ACTORS = ["FRA", "DEU", "USA", "TUR", "HUN", "SWE", "CHN"]
statements = st.lists(
    st.builds(
        Statement,
        actor=st.sampled_from(ACTORS),
        stance=st.sampled_from(list(Stance)),
        date=st.dates(date(2022, 6, 1), date(2024, 6, 1)),
        reservation=st.none() | st.just("caveat"),
    ),
    max_size=12,
)


def test_reduced_statements_give_the_exact_state(svc: Service) -> None:
    """Imported dossiers with statements in any order, before and after their as-of date."""
    n = 0

    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(statements, st.none() | st.dates(date(2022, 6, 1), date(2024, 6, 1)), st.data())
    def run(stmts: list[Statement], as_of: date | None, data: st.DataObject) -> None:
        nonlocal n
        n += 1
        pid = f"p-{n}"
        proposal = Proposal(id=pid, body="NATO-NAC", title="t", as_of=as_of)
        dossier = Dossier(proposal=proposal, statements=tuple(stmts))
        svc.writer.run(lambda tx: _add_dossier(tx, dossier, f"d{n}", "test"))
        same(svc, pid)
        more = data.draw(statements)
        if more:  # the next read folds in only the new rows
            svc.writer.run(lambda tx: _append(tx, pid, more))
            assert same(svc, pid)["statements"] == len(stmts) + len(more)

    run()
    assert n >= 10


def _append(tx: Tx, pid: str, stmts: list[Statement]) -> None:
    """What `stored_dossiers.add_statements` writes, without its duplicate filter."""
    event = tx.append("admin", "statements.recorded", {"proposal": pid}, proposal=pid)
    tx.write(
        statements_t.insert(), [records.statement_row(pid, s, event.at, event.seq) for s in stmts]
    )
