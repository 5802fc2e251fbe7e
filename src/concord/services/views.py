"""JSON-ready views of domain results: the shapes of DESIGN.md's contracts.

The CLI's ``--json`` and the HTTP API render through these functions, so the
contract is defined once.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.model.dossier import Statement
from concord.model.sources import Source
from concord.model.verdict import Verdict

if TYPE_CHECKING:
    from concord.services.analysis import Analysis
    from concord.services.compare import Comparison
    from concord.services.forecasting import ForecastReport
    from concord.services.power import PowerReport
    from concord.services.scope import PointRow, ScopeResult


def source_view(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    out = {"title": source.title, "url": source.url, "outlet": source.outlet, "quote": source.quote}
    return {k: v for k, v in out.items() if v is not None}


def statement_view(s: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"actor": s.actor, "stance": s.stance.value, "date": s.date.isoformat()}
    if s.speaker:
        out["speaker"] = s.speaker
    if s.reservation:
        out["reservation"] = s.reservation
    src = source_view(s.source)
    if src:
        out["source"] = src
    return out


def body_view(body: Body, today: date) -> dict[str, Any]:
    return {
        "id": body.id,
        "name": body.name,
        "organisation": body.organisation,
        "default_rule": body.default_rule,
        "rules": list(body.rules),
        "members_today": len(body.members_on(today)),
        "origin": body.origin,
    }


def members_view(body: Body, on: date, catalog: Catalog) -> list[dict[str, Any]]:
    out = []
    for m in body.members_on(on):
        row: dict[str, Any] = {
            "code": m.code,
            "name": catalog.actors.name(m.code),
            "joined": m.joined.isoformat(),
        }
        if m.left:
            row["left"] = m.left.isoformat()
        if m.permanent:
            row["permanent"] = True
        if m.weight is not None:
            row["weight"] = m.weight
        src = source_view(m.source)
        if src:
            row["source"] = src
        out.append(row)
    return out


def verdict_view(v: Verdict) -> dict[str, Any]:
    """The ``analyze --json`` shape (DESIGN.md), with extra fields added, none renamed."""
    return {
        "proposal": v.proposal,
        "body": v.body,
        "rule": v.rule,
        "as_of": v.as_of.isoformat(),
        "status": v.status.value,
        "blockers": list(v.blockers),
        "supporters": list(v.supporters),
        "undecided": list(v.undecided),
        "needed": list(v.needed),
        "non_members": [
            {"actor": r.actor, **statement_view(r.statement), "stance": r.stance.value}
            for r in v.non_members
        ],
        "reservations": [{"actor": r.actor, "text": r.text} for r in v.reservations],
        "opposed": list(v.opposed),
        "abstained": list(v.abstained),
        "consented_by_silence": list(v.consented_by_silence),
        "silence_deadline_passed": v.silence_deadline_passed,
        "satisfiable": v.satisfiable,
        "members": len(v.members),
        "positions": {a: statement_view(s) for a, s in sorted(v.positions.items())},
        "ignored_after_as_of": [statement_view(s) for s in v.after_as_of],
    }


def scope_view(result: ScopeResult) -> dict[str, Any]:
    """The ``scope --json`` shape (DESIGN.md): inside, place, clause, reason, plus context."""
    f = result.finding
    return {
        "inside": f.inside,
        "place": f.place,
        "clause": f.clause,
        "reason": f.reason,
        "clauses": list(f.clauses),
        "lat": result.lat,
        "lon": result.lon,
        "country": f.country,
        "sovereign": f.sovereign,
        "body": result.body,
        "on": result.on.isoformat(),
        "forces": result.forces,
        "treaty_text": f.text,
    }


def point_row_view(row: PointRow) -> dict[str, Any]:
    return {
        "line": row.line,
        "name": row.name,
        "lat": row.lat,
        "lon": row.lon,
        "inside": row.inside,
        "clause": row.clause,
        "country": row.country,
    }


def analysis_view(a: Analysis) -> dict[str, Any]:
    """``analyze --json``: the verdict plus ``scope`` (null when the proposal has no location)."""
    return {**verdict_view(a.verdict), "scope": scope_view(a.scope) if a.scope else None}


def _keyed(players: tuple[str, ...], values: Any, positional: bool) -> Any:
    return list(values) if positional else dict(zip(players, values, strict=True))


def power_view(report: PowerReport) -> dict[str, Any]:
    """The ``power --json`` shape: indices normalised to sum to 1, keyed by member (or
    listed in the order given with ``--weights``), plus exact fractions when exact."""
    ix, pos = report.indices, report.positional
    out: dict[str, Any] = {
        "banzhaf": _keyed(ix.players, ix.banzhaf, pos),
        "shapley_shubik": _keyed(ix.players, ix.shapley_shubik, pos)
        if ix.shapley_computed
        else None,
        "banzhaf_absolute": _keyed(ix.players, ix.banzhaf_absolute, pos),
        "swings": None if ix.swings is None else _keyed(ix.players, ix.swings, pos),
        "exact": ix.exact,
        "method": ix.method,
    }
    if ix.shapley_note is not None:
        out["shapley_shubik_note"] = ix.shapley_note
    if ix.banzhaf_exact is not None and ix.shapley_shubik_exact is not None:
        out["fractions"] = {
            "banzhaf": _keyed(ix.players, [str(f) for f in ix.banzhaf_exact], pos),
            "shapley_shubik": _keyed(ix.players, [str(f) for f in ix.shapley_shubik_exact], pos),
        }
    if report.body is not None:
        out["body"] = report.body
        out["rule"] = report.rule
        out["as_of"] = report.as_of.isoformat() if report.as_of else None
    return out


def forecast_view(report: ForecastReport) -> dict[str, Any]:
    """The ``forecast --json`` shape: ``probability`` and ``criticality`` per member."""
    v, f = report.analysis.verdict, report.forecast
    return {
        "probability": f.probability,
        "criticality": dict(zip(f.players, f.criticality, strict=True)),
        "proposal": v.proposal,
        "body": v.body,
        "rule": v.rule,
        "as_of": v.as_of.isoformat(),
        "status": v.status.value,
        "probabilities": dict(report.probabilities),
        "abstaining": list(report.abstaining),
        "method": f.method,
    }


def comparison_view(c: Comparison) -> dict[str, Any]:
    rows = []
    for o in c.outcomes:
        row: dict[str, Any] = {"rule": o.rule, "listed": o.listed, "default": o.default}
        if o.report is None:
            row.update({"applicable": False, "reason": o.reason})
        else:
            v = o.report.analysis.verdict
            row.update(
                {
                    "applicable": True,
                    "status": v.status.value,
                    "probability": o.report.forecast.probability,
                    "blockers": list(v.blockers),
                    "needed": list(v.needed),
                }
            )
        rows.append(row)
    return {"proposal": c.proposal, "body": c.body, "as_of": c.as_of.isoformat(), "rules": rows}
