"""Loading the catalog's bodies and dossier files into the store (idempotent)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from concord.model.dossier import Dossier
from concord.model.errors import ConcordError
from concord.services.runtime import Service
from concord.store import records
from concord.store.dossier_files import load_dossier
from concord.store.log import Tx
from concord.store.schema import bodies, procedures, proposals
from concord.store.schema import statements as statements_t
from concord.store.timefmt import display, to_text


@dataclass(frozen=True)
class LoadReport:
    bodies_added: list[str]
    dossiers_added: list[str]
    dossiers_unchanged: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "bodies_added": self.bodies_added,
            "dossiers_added": self.dossiers_added,
            "dossiers_unchanged": self.dossiers_unchanged,
        }


def _add_bodies(tx: Tx, svc: Service) -> list[str]:
    known = set(tx.conn.execute(select(bodies.c.id)).scalars())
    added = []
    for body in sorted(svc.catalog.bodies.values(), key=lambda b: b.id):
        if body.id in known:
            continue
        tx.write(
            insert(bodies).values(
                id=body.id,
                name=body.name,
                default_rule=body.default_rule,
                origin=body.origin,
                loaded_at=to_text(tx.now()),
            )
        )
        tx.append("admin", "body.loaded", {"id": body.id, "name": body.name})
        added.append(body.id)
    return added


def _add_dossier(tx: Tx, dossier: Dossier, digest: str, origin: str) -> bool:
    """Insert a dossier; False when the same content is already there."""
    p = dossier.proposal
    stored = tx.conn.execute(select(proposals.c.digest).where(proposals.c.id == p.id)).first()
    if stored is not None:
        if stored.digest == digest:
            return False
        raise ConcordError(
            f"proposal {p.id} is already stored with other content; give the dossier a new id",
            where=origin,
        )
    loc = None
    if p.location is not None:
        loc = {"name": p.location.name, "lat": p.location.lat, "lon": p.location.lon}
    now = to_text(tx.now())
    tx.write(
        insert(proposals).values(
            id=p.id,
            body=p.body,
            title=p.title,
            text=p.text,
            rule=p.rule,
            location=json.dumps(loc) if loc else None,
            as_of=p.as_of.isoformat() if p.as_of else None,
            origin="import",
            digest=digest,
            created_at=now,
            created_by="admin",
        )
    )
    payload: dict[str, Any] = {
        "id": p.id,
        "body": p.body,
        "title": p.title,
        "digest": digest,
        "statements": len(dossier.statements),
    }
    if dossier.procedure is not None:
        payload["procedure"] = {
            "kind": dossier.procedure.kind.value,
            "deadline": display(dossier.procedure.deadline),
        }
    event = tx.append("admin", "dossier.imported", payload, proposal=p.id)
    if dossier.statements:
        tx.write(
            insert(statements_t),
            [records.statement_row(p.id, s, None, event.seq) for s in dossier.statements],
        )
    if dossier.procedure is not None:
        tx.write(
            insert(procedures).values(
                proposal_id=p.id,
                kind=dossier.procedure.kind.value,
                deadline=to_text(dossier.procedure.deadline),
                state="record",
                started_at=now,
            )
        )
    return True


def load(svc: Service, dossier_files: list[Path]) -> LoadReport:
    """Add the catalog's bodies and the given dossiers that are not yet stored."""
    dossiers = []
    for path in dossier_files:
        dossier = load_dossier(path, svc.catalog)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        dossiers.append((dossier, digest, str(path)))

    def op(tx: Tx) -> LoadReport:
        added, unchanged = [], []
        body_ids = _add_bodies(tx, svc)
        for dossier, digest, origin in dossiers:
            if _add_dossier(tx, dossier, digest, origin):
                added.append(dossier.proposal.id)
            else:
                unchanged.append(dossier.proposal.id)
        return LoadReport(body_ids, added, unchanged)

    return svc.writer.run(op)
