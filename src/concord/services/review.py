"""The analyst's review of ingested news: extract statements with their evidence located in
the text, then accept the chosen ones into a dossier and return the new verdict.

Shared by the web ingest page over any dossier source that can record statements: a
folder of dossier files (``concord web``) or the service store (``concord serve``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from concord.data.catalog import Catalog
from concord.ingest.proposals import KnownProposal
from concord.model.errors import ConcordError, InvalidField
from concord.services import ingestion
from concord.services.analysis import Today, analyze
from concord.services.dossiers import DossierSource
from concord.services.views import verdict_view

MAX_TEXT = ingestion.MAX_BYTES


class RecordingSource(DossierSource, Protocol):
    """A dossier source that can also take reviewed statements."""

    def add_statements(
        self, proposal_id: str, rows: Sequence[dict[str, Any]], who: object = None
    ) -> int: ...


def known_proposals(source: DossierSource) -> list[KnownProposal]:
    """The source's proposals, for the matcher to attach statements to."""
    out = []
    for pid in source.ids():
        try:
            p = source.get(pid).proposal
        except ConcordError:
            continue
        year = p.as_of.year if p.as_of else None
        out.append(KnownProposal(p.id, p.body, p.title, p.text or "", year))
    return out


def locate(evidence: str, text: str) -> list[int] | None:
    """``[start, end]`` of the evidence in the text (whitespace may differ); None if absent."""
    start = text.find(evidence)
    if start >= 0:
        return [start, start + len(evidence)]
    words = evidence.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return [found.start(), found.end()] if found else None


def extract(
    source: DossierSource,
    catalog: Catalog,
    text: str,
    *,
    name: str = "pasted text",
    body: str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Run the ingestion pipeline on one article; statements carry their ``span`` in ``text``."""
    if not text.strip():
        raise InvalidField(("text",), "article text or HTML")
    if len(text.encode()) > MAX_TEXT:
        raise InvalidField(("text",), f"an article under {MAX_TEXT} bytes")
    if body is not None and not catalog.has_body(body):
        raise InvalidField(("body",), "a known body id", body)
    result = ingestion.ingest_text(
        text, name or "pasted text", known=known_proposals(source), body=body, catalog=catalog,
        today=today,
    )  # fmt: skip
    shown = result.text or ""
    statements = []
    for i, s in enumerate(result.statements):
        statements.append({**s, "index": i, "span": locate(s["evidence"], shown)})
    return {
        "file": result.file,
        "published": result.published,
        "warnings": result.warnings,
        "body": result.body,
        "error": result.error,
        "text": shown,
        "statements": statements,
    }


def accept(
    source: RecordingSource,
    catalog: Catalog,
    proposal_id: str,
    statements: Sequence[dict[str, Any]],
    *,
    who: object = None,
    today: Today = date.today,
) -> dict[str, Any]:
    """Add the accepted statements to the dossier; the verdict after, and what was skipped."""
    rows, skipped = [], []
    for i, s in enumerate(statements):
        for key in ("actor", "stance", "evidence", "file"):
            if not isinstance(s.get(key), str):
                raise InvalidField(("statements", i, key), "text")
        row = ingestion.dossier_row(s)
        if row is None:
            skipped.append(f"{s['actor']} {s['stance']}: the article has no date")
        else:
            rows.append(row)
    added = source.add_statements(proposal_id, rows, who) if rows else 0
    verdict = analyze(source.get(proposal_id), catalog, today=today).verdict
    return {
        "proposal": proposal_id,
        "added": added,
        "skipped": skipped,
        "verdict": verdict_view(verdict),
    }
