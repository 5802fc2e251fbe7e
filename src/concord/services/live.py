"""The live silence procedure: proposals, statements, deadlines, closing — all logged.

Every change runs as one writer operation (``store.log``): checks first, then the rows
and the event, so a refused action leaves nothing behind. Verdicts come from the domain
(``model.verdict.evaluate``) on a dossier built from the stored statements: while the
procedure is open it is evaluated without the procedure (silence has not yet become
consent); once closed, with it, as of the deadline's date.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from concord.data.catalog import Catalog
from concord.model.dossier import Dossier, Location, Proposal, Statement
from concord.model.errors import InvalidField
from concord.model.rules.base import get_rule
from concord.model.sources import Source
from concord.model.stance import Stance
from concord.model.verdict import Verdict, evaluate
from concord.services.auth import (
    Principal,
    require_member_delegation,
    require_not_revoked,
    require_secretariat,
)
from concord.services.closing import Closed as Closed  # re-exported: live is the facade
from concord.services.closing import close_due as close_due
from concord.services.errors import Conflict, NotFound
from concord.services.procedure_views import event_view, procedure_view, proposal_view
from concord.services.runtime import Service
from concord.store import records, sql
from concord.store.log import Tx
from concord.store.records import ProcedureRecord, ProposalRecord, StatementRecord
from concord.store.timefmt import display, from_text, to_text

_PROPOSAL_AND_PROCEDURE = (
    "SELECT p.body, c.state, c.deadline FROM proposals p "
    "LEFT JOIN procedures c ON c.proposal_id = p.id WHERE p.id = :id"
)
_PROPOSAL_EXISTS = "SELECT 1 FROM proposals WHERE id = :id"
_INSERT_PROPOSAL = (
    "INSERT INTO proposals (id, body, title, text, location, origin, created_at, created_by) "
    "VALUES (:id, :body, :title, :text, :location, 'api', :created_at, :created_by)"
)
_INSERT_PROCEDURE = (
    "INSERT INTO procedures (proposal_id, kind, deadline, state, started_at) "
    "VALUES (:id, 'silence', :deadline, 'open', :started_at)"
)
_INSERT_STATEMENT = (
    "INSERT INTO statements (proposal_id, actor, stance, date, speaker, outlet, url, title, "
    "quote, reservation, at, seq) VALUES (:proposal_id, :actor, :stance, :date, :speaker, "
    ":outlet, :url, :title, :quote, :reservation, :at, :seq)"
)
MAX_TEXT = 20_000


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return (words[:60].rstrip("-") or "proposal") + "-" + secrets.token_hex(5)


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise InvalidField((field,), "non-empty text")
    if len(value) > MAX_TEXT:
        raise InvalidField((field,), f"at most {MAX_TEXT} characters")
    return value


def submit_proposal(
    svc: Service,
    p: Principal,
    *,
    body: str,
    title: str,
    text: str,
    location: Location | None = None,
) -> Future[dict[str, Any]]:
    """Queue a new proposal; the future resolves once it is durably logged."""
    found = svc.catalog.body(body) if svc.catalog.has_body(body) else None
    if found is None:
        raise InvalidField(("body",), "a known body id (NATO-NAC, EU-COUNCIL, UNSC)", body)
    require_secretariat(p, found.id, "table proposals")
    proposal = Proposal(
        id=_slug(title),
        body=found.id,
        title=_text(title, "title"),
        text=_text(text, "text", required=False) or None,
        location=location,
    )

    def op(tx: Tx) -> dict[str, Any]:
        nonlocal proposal
        while sql.rows(tx.conn, _PROPOSAL_EXISTS, {"id": proposal.id}):  # rare: same suffix
            proposal = replace(proposal, id=_slug(title))
        at = to_text(tx.now())
        loc = None
        if location is not None:
            loc = {"name": location.name, "lat": location.lat, "lon": location.lon}
        tx.write_sql(
            _INSERT_PROPOSAL,
            {
                "id": proposal.id,
                "body": proposal.body,
                "title": proposal.title,
                "text": proposal.text,
                "location": json.dumps(loc) if loc else None,
                "created_at": at,
                "created_by": p.label,
            },
        )
        payload: dict[str, Any] = {
            "id": proposal.id,
            "body": proposal.body,
            "title": proposal.title,
        }
        if proposal.text:
            payload["text"] = proposal.text
        if loc:
            payload["location"] = {k: v for k, v in loc.items() if v is not None}
        event = tx.append(p.label, "proposal.created", payload, proposal=proposal.id)
        return {"id": proposal.id, "body": proposal.body, "seq": event.seq}

    return svc.writer.submit(op)


def submit_silence(
    svc: Service, p: Principal, proposal_id: str, deadline: datetime
) -> Future[dict[str, Any]]:
    """Queue the start of a silence procedure ending at ``deadline``."""
    if deadline.tzinfo is None:
        raise InvalidField(("deadline",), "an ISO 8601 instant with a time zone, e.g. ...Z")
    try:  # 0001-01-01T00:00+01:00 is a valid instant that has no UTC date
        deadline = deadline.astimezone(UTC)
    except OverflowError:
        raise InvalidField(("deadline",), "an instant within years 1-9999 in UTC") from None

    def op(tx: Tx) -> dict[str, Any]:
        found = sql.rows(tx.conn, _PROPOSAL_AND_PROCEDURE, {"id": proposal_id})
        if not found:
            raise NotFound(f"no proposal {proposal_id!r}")
        body, state, existing = found[0]
        require_secretariat(p, body, "start a silence procedure")
        now = tx.now()
        if deadline <= now:
            raise InvalidField(
                ("deadline",), f"an instant after now ({display(now)})", display(deadline)
            )
        if state is not None:
            raise Conflict(
                f"proposal {proposal_id} already has a silence procedure "
                f"({state}, deadline {display(from_text(existing))})"
            )
        tx.write_sql(
            _INSERT_PROCEDURE,
            {"id": proposal_id, "deadline": to_text(deadline), "started_at": to_text(now)},
        )
        payload = {"proposal": proposal_id, "deadline": display(deadline)}
        event = tx.append(p.label, "silence.started", payload, proposal=proposal_id)
        return {**payload, "state": "open", "seq": event.seq}

    return svc.writer.submit(op)


def create_proposal(
    svc: Service,
    p: Principal,
    *,
    body: str,
    title: str,
    text: str,
    location: Location | None = None,
) -> dict[str, Any]:
    return submit_proposal(svc, p, body=body, title=title, text=text, location=location).result()


def start_silence(
    svc: Service, p: Principal, proposal_id: str, deadline: datetime
) -> dict[str, Any]:
    return submit_silence(svc, p, proposal_id, deadline).result()


def submit_statement(
    svc: Service,
    p: Principal,
    proposal_id: str,
    *,
    stance: Stance,
    text: str,
    actor: str | None = None,
    reservation: str | None = None,
) -> Future[dict[str, Any]]:
    """Queue a delegation's statement; the future resolves once it is durably logged."""
    op = statement_op(
        svc, p, proposal_id, stance=stance, text=text, actor=actor, reservation=reservation
    )
    return svc.writer.submit(op)


def statement_op(
    svc: Service,
    p: Principal,
    proposal_id: str,
    *,
    stance: Stance,
    text: str,
    actor: str | None = None,
    reservation: str | None = None,
) -> Callable[[Tx], dict[str, Any]]:
    """The writer operation of a statement (checked inputs; the checks that need the
    store run in the operation). Its result is the reply of the route."""
    text = _text(text, "text", required=False)
    reservation = _text(reservation, "reservation", required=False) if reservation else None
    catalog = svc.catalog

    def op(tx: Tx) -> dict[str, Any]:
        require_not_revoked(tx, p)  # the token check that `bearer(for_write=True)` left
        found = tx.read(_PROPOSAL_AND_PROCEDURE, {"id": proposal_id})
        if not found:
            raise NotFound(f"no proposal {proposal_id!r}")
        body, state, deadline = found[0]
        now = tx.now()
        speaker = require_member_delegation(p, catalog.body(body), actor, now.date())
        if state == "closed" or (state == "open" and from_text(deadline) <= now):
            raise Conflict(
                f"the silence procedure on {proposal_id} ended at "
                f"{display(from_text(deadline))}; no statement is accepted after it"
            )
        if state == "record":
            raise Conflict(f"{proposal_id} is a recorded dossier, not a live procedure")
        payload: dict[str, Any] = {
            "proposal": proposal_id,
            "actor": speaker,
            "stance": stance.value,
            "date": now.date().isoformat(),
        }
        if text:
            payload["text"] = text
        if reservation:
            payload["reservation"] = reservation
        breaks = state == "open" and stance is not Stance.SUPPORT
        if breaks:
            payload["breaks_silence"] = True
        event = tx.append(speaker, "statement.made", payload, proposal=proposal_id)
        statement = Statement(
            actor=speaker,
            stance=stance,
            date=now.date(),
            source=Source(quote=text) if text else None,
            reservation=reservation,
        )
        tx.insert_later(
            _INSERT_STATEMENT, records.statement_row(proposal_id, statement, event.at, event.seq)
        )
        return {**payload, "seq": event.seq, "at": event.at, "hash": event.hash}

    return op


def verdict_for(
    catalog: Catalog,
    rec: ProposalRecord,
    stmts: Sequence[StatementRecord],
    proc: ProcedureRecord | None,
    today: date,
) -> Verdict:
    """The domain's verdict on a stored proposal (see the module docstring)."""
    body = catalog.body(rec.proposal.body)
    rule = get_rule(rec.proposal.rule or body.default_rule)
    procedure = None
    as_of = rec.proposal.as_of or today
    if proc is not None and proc.state == "record":
        procedure = proc.as_domain()
    elif proc is not None and proc.state == "closed":
        procedure, as_of = proc.as_domain(), proc.deadline.date()
    elif proc is not None:
        as_of = today
    dossier = Dossier(
        proposal=rec.proposal, statements=tuple(s.statement for s in stmts), procedure=procedure
    )
    return evaluate(dossier, body, rule, as_of)


def proposal_state(svc: Service, proposal_id: str) -> dict[str, Any]:
    """The proposal's state, from the per-proposal cache (``services.proposal_states``)."""
    with svc.db.reading() as conn:
        snap = svc.states.snapshot(conn, proposal_id)
    if snap is None:
        raise NotFound(f"no proposal {proposal_id!r}")
    now = svc.clock.now()
    today = now.date()

    def render() -> dict[str, Any] | None:
        verdict = verdict_for(svc.catalog, snap.rec, snap.statements, snap.proc, today)
        if not snap.exact_as_of(verdict.as_of):  # statements after the verdict's date
            return None
        return proposal_view(snap.rec, snap.proc, snap.statements, verdict, now, count=snap.count)

    view = svc.states.derived(snap, ("view", today), render)
    if view is None:
        return proposal_state_uncached(svc, proposal_id)
    if snap.proc is None:
        return view
    return {**view, "procedure": procedure_view(snap.proc, now)}  # seconds_left is now


def proposal_state_uncached(svc: Service, proposal_id: str) -> dict[str, Any]:
    """The state computed from every stored statement (the reference for the cache)."""
    with svc.db.reading() as conn:
        rec = records.get_proposal(conn, proposal_id)
        if rec is None:
            raise NotFound(f"no proposal {proposal_id!r}")
        proc = records.get_procedure(conn, proposal_id)
        stmts = records.statements_of(conn, [proposal_id])[proposal_id]
    now = svc.clock.now()
    verdict = verdict_for(svc.catalog, rec, stmts, proc, now.date())
    return proposal_view(rec, proc, stmts, verdict, now)


def list_proposals(svc: Service) -> list[dict[str, Any]]:
    with svc.db.reading() as conn:
        recs = records.list_proposals(conn)
    return [
        {
            "id": r.proposal.id,
            "body": r.proposal.body,
            "title": r.proposal.title,
            "origin": r.origin,
        }
        for r in recs
    ]


def proposal_events(svc: Service, proposal_id: str, after: int = 0) -> list[dict[str, Any]]:
    with svc.db.reading() as conn:
        if records.get_proposal(conn, proposal_id) is None:
            raise NotFound(f"no proposal {proposal_id!r}")
        return [event_view(e) for e in records.events_of_proposal(conn, proposal_id, after)]


def next_deadline(svc: Service) -> datetime | None:
    with svc.db.reading() as conn:
        return records.next_open_deadline(conn)
