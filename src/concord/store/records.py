"""Rows of the service store turned into domain objects, and the queries that read them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, func, select

from concord.model.dossier import (
    Location,
    Procedure,
    ProcedureKind,
    Proposal,
    Statement,
)
from concord.model.sources import Source
from concord.model.stance import Stance
from concord.store.chain import Event
from concord.store.schema import chain_head, events, procedures, proposal_events, proposals
from concord.store.schema import statements as statements_t
from concord.store.timefmt import from_text


@dataclass(frozen=True, slots=True)
class ProcedureRecord:
    kind: str
    deadline: datetime
    state: str  # open, closed, record
    started_at: datetime
    closed_at: datetime | None
    outcome: str | None
    closed_seq: int | None

    def as_domain(self) -> Procedure:
        return Procedure(kind=ProcedureKind(self.kind), deadline=self.deadline)


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    proposal: Proposal
    origin: str
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class StatementRecord:
    statement: Statement
    at: datetime | None
    seq: int | None


def proposal_from_row(row: Row[Any]) -> ProposalRecord:
    location = None
    if row.location:
        loc = json.loads(row.location)
        location = Location(name=loc.get("name"), lat=loc.get("lat"), lon=loc.get("lon"))
    return ProposalRecord(
        proposal=Proposal(
            id=row.id,
            body=row.body,
            title=row.title,
            rule=row.rule,
            location=location,
            as_of=date.fromisoformat(row.as_of) if row.as_of else None,
            text=row.text,
        ),
        origin=row.origin,
        created_at=from_text(row.created_at),
        created_by=row.created_by,
    )


def procedure_from_row(row: Row[Any]) -> ProcedureRecord:
    return ProcedureRecord(
        kind=row.kind,
        deadline=from_text(row.deadline),
        state=row.state,
        started_at=from_text(row.started_at),
        closed_at=from_text(row.closed_at) if row.closed_at else None,
        outcome=row.outcome,
        closed_seq=row.closed_seq,
    )


def statement_from_row(row: Row[Any]) -> StatementRecord:
    source = None
    if row.outlet or row.url or row.quote or row.title:
        source = Source(title=row.title, url=row.url, outlet=row.outlet, quote=row.quote)
    return StatementRecord(
        statement=Statement(
            actor=row.actor,
            stance=Stance(row.stance),
            date=date.fromisoformat(row.date),
            speaker=row.speaker,
            source=source,
            reservation=row.reservation,
        ),
        at=from_text(row.at) if row.at else None,
        seq=row.seq,
    )


def statement_row(
    proposal_id: str, s: Statement, at: str | None, seq: int | None
) -> dict[str, Any]:
    src = s.source
    return {
        "proposal_id": proposal_id,
        "actor": s.actor,
        "stance": s.stance.value,
        "date": s.date.isoformat(),
        "speaker": s.speaker,
        "outlet": src.outlet if src else None,
        "url": src.url if src else None,
        "title": src.title if src else None,
        "quote": src.quote if src else None,
        "reservation": s.reservation,
        "at": at,
        "seq": seq,
    }


def get_proposal(conn: Connection, proposal_id: str) -> ProposalRecord | None:
    row = conn.execute(select(proposals).where(proposals.c.id == proposal_id)).first()
    return proposal_from_row(row) if row else None


def get_procedure(conn: Connection, proposal_id: str) -> ProcedureRecord | None:
    row = conn.execute(select(procedures).where(procedures.c.proposal_id == proposal_id)).first()
    return procedure_from_row(row) if row else None


def statements_of(
    conn: Connection, proposal_ids: Sequence[str]
) -> dict[str, list[StatementRecord]]:
    out: dict[str, list[StatementRecord]] = {pid: [] for pid in proposal_ids}
    if not proposal_ids:
        return out
    rows = conn.execute(
        select(statements_t)
        .where(statements_t.c.proposal_id.in_(list(proposal_ids)))
        .order_by(statements_t.c.id)
    )
    for row in rows:
        out[row.proposal_id].append(statement_from_row(row))
    return out


def proposal_ids(conn: Connection) -> list[str]:
    return [str(i) for i in conn.execute(select(proposals.c.id).order_by(proposals.c.id)).scalars()]


def list_proposals(conn: Connection) -> list[ProposalRecord]:
    rows = conn.execute(select(proposals).order_by(proposals.c.created_at, proposals.c.id))
    return [proposal_from_row(r) for r in rows]


def event_from_row(row: Row[Any]) -> Event:
    return Event(
        seq=int(row.seq),
        at=row.at,
        actor=row.actor,
        kind=row.kind,
        payload=row.payload,
        prev=row.prev,
        hash=row.hash,
    )


def events_of_proposal(conn: Connection, proposal_id: str, after: int = 0) -> list[Event]:
    rows = conn.execute(
        select(events)
        .join(proposal_events, proposal_events.c.seq == events.c.seq)
        .where(proposal_events.c.proposal_id == proposal_id, events.c.seq > after)
        .order_by(events.c.seq)
    )
    return [event_from_row(r) for r in rows]


def iter_events(conn: Connection, batch: int = 5000) -> Iterator[Event]:
    """Every event in ``seq`` order, read in pages so that memory stays flat."""
    after = -1
    while True:
        rows = conn.execute(
            select(events).where(events.c.seq > after).order_by(events.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        for r in rows:
            yield event_from_row(r)
        after = int(rows[-1].seq)


def head(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(
        select(chain_head.c.seq, chain_head.c.hash).where(chain_head.c.id == 1)
    ).first()
    return (int(row.seq), str(row.hash)) if row else None


def next_open_deadline(conn: Connection) -> datetime | None:
    value = conn.execute(
        select(func.min(procedures.c.deadline)).where(procedures.c.state == "open")
    ).scalar()
    return from_text(value) if value else None
