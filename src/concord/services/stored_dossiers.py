"""The service store as a DossierSource: what `concord load` imported and what the API created.

The dashboard reads stored proposals through the same port as dossier files
(``services.dossiers``), so the proposal page shows them unchanged. A live procedure counts
as the verdict of the service does (``live.verdict_for``): while it is open it is left out
(silence is not yet consent); once closed, or as imported, it is part of the dossier.

Accepting reviewed statements from the news (the ingest page) writes them here, logged as
one ``statements.recorded`` event, by the secretariat of the proposal's body only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from concord.model import parse
from concord.model.dossier import Dossier, Statement
from concord.model.parse import ActorCheck
from concord.services.auth import Principal, require_secretariat
from concord.services.dossiers import UnknownDossier
from concord.services.errors import Conflict, Unauthorized
from concord.services.runtime import Service
from concord.services.views import statement_view
from concord.store import records
from concord.store.log import Tx
from concord.store.schema import statements as statements_t

LIVE_STATES = ("open", "closed")


class StoredDossiers:
    """Every proposal of the store, as a domain dossier."""

    def __init__(self, svc: Service) -> None:
        self.svc = svc

    def ids(self) -> list[str]:
        with self.svc.db.reading() as conn:
            return records.proposal_ids(conn)

    def get(self, proposal_id: str) -> Dossier:
        with self.svc.db.reading() as conn:
            rec = records.get_proposal(conn, proposal_id)
            if rec is None:
                raise _unknown(proposal_id)
            proc = records.get_procedure(conn, proposal_id)
            stmts = records.statements_of(conn, [proposal_id])[proposal_id]
        procedure = proc.as_domain() if proc is not None and proc.state != "open" else None
        return Dossier(
            proposal=rec.proposal,
            statements=tuple(s.statement for s in stmts),
            procedure=procedure,
        )

    def live_procedure(self, proposal_id: str) -> bool:
        """Whether the proposal runs (or ran) a silence procedure through the service."""
        with self.svc.db.reading() as conn:
            proc = records.get_procedure(conn, proposal_id)
        return proc is not None and proc.state in LIVE_STATES

    def add_statements(
        self, proposal_id: str, rows: Sequence[dict[str, Any]], who: object = None
    ) -> int:
        """Record reviewed statements (dossier-file mappings); returns how many were new."""
        if not isinstance(who, Principal):
            raise Unauthorized("recording statements needs the secretariat's bearer token")
        parsed = parse_rows(rows, self.svc.catalog.actors.exists)

        def op(tx: Tx) -> int:
            rec = records.get_proposal(tx.conn, proposal_id)
            if rec is None:
                raise _unknown(proposal_id)
            require_secretariat(who, rec.proposal.body, "record statements on its proposals")
            proc = records.get_procedure(tx.conn, proposal_id)
            if proc is not None and proc.state in LIVE_STATES:
                raise Conflict(
                    f"{proposal_id} runs a silence procedure: only delegations speak in it"
                )
            have = records.statements_of(tx.conn, [proposal_id])[proposal_id]
            seen = {(s.statement.actor, s.statement.stance, s.statement.date) for s in have}
            new: list[Statement] = []
            for s in parsed:
                if (s.actor, s.stance, s.date) not in seen:
                    seen.add((s.actor, s.stance, s.date))
                    new.append(s)
            if not new:
                return 0
            payload = {
                "proposal": proposal_id,
                "statements": [statement_view(s) for s in new],
            }
            event = tx.append(who.label, "statements.recorded", payload, proposal=proposal_id)
            tx.write(
                statements_t.insert(),
                [records.statement_row(proposal_id, s, event.at, event.seq) for s in new],
            )
            return len(new)

        return self.svc.writer.run(op)


def _unknown(proposal_id: str) -> UnknownDossier:
    """Not listing the known ids: a store may hold thousands (GET /web/api/proposals does)."""
    return UnknownDossier(f"unknown proposal {proposal_id!r}; see the list of proposals")


def parse_rows(rows: Sequence[dict[str, Any]], actor_known: ActorCheck) -> list[Statement]:
    """Dossier statement mappings to statements; a bad one names its index and field."""
    return [parse.statement(row, ("statements", i), actor_known) for i, row in enumerate(rows)]
