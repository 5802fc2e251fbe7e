"""JSON shapes of the live service (DESIGN.md, "HTTP contract"): add fields, never rename."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from concord.model.dossier import positions_as_of
from concord.model.verdict import Verdict
from concord.services.views import statement_view, verdict_view
from concord.store.chain import Event
from concord.store.records import ProcedureRecord, ProposalRecord, StatementRecord
from concord.store.timefmt import display


def event_view(e: Event) -> dict[str, Any]:
    """``{seq, at, actor, kind, payload, hash, prev}`` — the ``events`` row, payload parsed."""
    return e.as_dict()


def procedure_view(proc: ProcedureRecord, now: datetime) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": proc.kind,
        "state": proc.state,
        "deadline": display(proc.deadline),
        "started_at": display(proc.started_at),
        "seconds_left": max(0.0, round((proc.deadline - now).total_seconds(), 3)),
    }
    if proc.closed_at is not None:
        out["closed_at"] = display(proc.closed_at)
        out["outcome"] = proc.outcome
        out["closed_seq"] = proc.closed_seq
    return out


def proposal_view(
    rec: ProposalRecord,
    proc: ProcedureRecord | None,
    stmts: Sequence[StatementRecord],
    verdict: Verdict,
    now: datetime,
    count: int | None = None,
) -> dict[str, Any]:
    """``{status, deadline, positions, verdict}`` plus the proposal and its procedure.

    ``count``: how many statements are stored, when ``stmts`` is a reduced set.
    """
    p = rec.proposal
    latest = positions_as_of((s.statement for s in stmts), verdict.as_of).latest
    positions: dict[str, Any] = {}
    for actor, s in sorted(latest.items()):
        view = statement_view(s)
        if s.source and s.source.quote:
            view["text"] = s.source.quote
        view["member"] = actor in verdict.members
        positions[actor] = view
    location = None
    if p.location is not None:
        location = {
            k: v
            for k, v in {
                "name": p.location.name,
                "lat": p.location.lat,
                "lon": p.location.lon,
            }.items()
            if v is not None
        }
    return {
        "id": p.id,
        "body": p.body,
        "title": p.title,
        "text": p.text,
        "location": location,
        "origin": rec.origin,
        "created_at": display(rec.created_at),
        "status": verdict.status.value,
        "deadline": display(proc.deadline) if proc else None,
        "procedure": procedure_view(proc, now) if proc else None,
        "positions": positions,
        "statements": len(stmts) if count is None else count,
        "verdict": verdict_view(verdict),
    }
