"""What the web dashboard shows for a proposal, as JSON-ready data.

The verdict comes from :func:`concord.services.analysis.analyze` and is shaped by
:func:`concord.services.views.verdict_view`; this module only arranges it for a
page: members with their positions and map codes, non-members who reacted, the
timeline of statements, and the dates at which the verdict can change (the stops
of the as-of slider). Scope, forecast and power come from optional providers so
that features built elsewhere plug in without this module knowing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import pycountry

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.model.dossier import Dossier, Statement
from concord.model.errors import ConcordError
from concord.model.verdict import Verdict
from concord.services.analysis import Today, analyze, resolve_as_of
from concord.services.dossiers import DossierSource
from concord.services.views import source_view, statement_view, verdict_view

Provider = Callable[[Dossier, Catalog, date], Mapping[str, Any]]
"""Computes one optional panel (scope, forecast, power) for a dossier on a date."""

PANELS = ("scope", "forecast", "power")


@dataclass(frozen=True)
class Providers:
    """Optional panel providers; a missing one shows as "not available"."""

    scope: Provider | None = None
    forecast: Provider | None = None
    power: Provider | None = None


@cache
def iso_numeric(code: str) -> str | None:
    """ISO 3166-1 numeric code of a state (the map's feature id); None for organisations."""
    if len(code) != 3 or not code.isalpha():
        return None
    country = pycountry.countries.get(alpha_3=code.upper())
    return str(country.numeric) if country is not None else None


def _counted_as(v: Verdict) -> dict[str, str]:
    """How each member's position counts, read off the verdict (not recomputed)."""
    groups = (
        ("consent", v.supporters),
        ("consent by silence", v.consented_by_silence),
        ("objection", v.opposed),
        ("abstention", v.abstained),
        ("undecided", v.undecided),
    )
    return {m: label for label, members in groups for m in members}


def _member_rows(v: Verdict, dossier: Dossier, catalog: Catalog) -> list[dict[str, Any]]:
    counted = _counted_as(v)
    said = _statement_counts(dossier.statements, v.as_of)
    rows = []
    for code in v.members:
        position = v.positions.get(code)
        rows.append(
            {
                "code": code,
                "name": catalog.actors.name(code),
                "numeric": iso_numeric(code),
                "stance": position.stance.value if position else None,
                "counted_as": counted.get(code, "undecided"),
                "blocker": code in v.blockers,
                "needed": code in v.needed,
                "latest": statement_view(position) if position else None,
                "statements": said.get(code, 0),
            }
        )
    return rows


def _statement_counts(statements: Iterable[Statement], as_of: date) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in statements:
        if s.date <= as_of:
            out[s.actor] = out.get(s.actor, 0) + 1
    return out


def _non_member_rows(v: Verdict, catalog: Catalog) -> list[dict[str, Any]]:
    return [
        {
            "code": r.actor,
            "name": catalog.actors.name(r.actor),
            "numeric": iso_numeric(r.actor),
            "stance": r.stance.value,
            "latest": statement_view(r.statement),
        }
        for r in v.non_members
    ]


def timeline(dossier: Dossier, body: Body, catalog: Catalog, as_of: date) -> list[dict[str, Any]]:
    """Every statement, oldest first, marked as a member's or not on its own date."""
    rows = []
    for s in sorted(dossier.statements, key=lambda s: (s.date, s.actor, s.order_key())):
        src = source_view(s.source) or {}
        rows.append(
            {
                "date": s.date.isoformat(),
                "actor": s.actor,
                "name": catalog.actors.name(s.actor),
                "stance": s.stance.value,
                "speaker": s.speaker,
                "outlet": src.get("outlet") or src.get("title"),
                "quote": src.get("quote"),
                "url": src.get("url"),
                "reservation": s.reservation,
                "member": any(m.code == s.actor and m.active_on(s.date) for m in body.memberships),
                "after_as_of": s.date > as_of,
            }
        )
    return rows


def membership_changes(body: Body, catalog: Catalog) -> list[dict[str, Any]]:
    """Joins and departures of the body, by the first day they take effect."""
    out = []
    for m in body.memberships:
        out.append({"date": m.joined.isoformat(), "code": m.code, "change": "joined"})
        if m.left is not None:
            out.append(
                {"date": (m.left + timedelta(days=1)).isoformat(), "code": m.code, "change": "left"}
            )
    for row in out:
        row["name"] = catalog.actors.name(row["code"])
    return sorted(out, key=lambda r: (r["date"], r["code"]))


def change_dates(dossier: Dossier, body: Body, default_as_of: date) -> list[date]:
    """The slider's stops: the dates on which the verdict can change.

    Statement dates, the default as-of date, and membership changes between the
    first and the last of those; plus the joins and departures of any actor that
    made a statement (a reacting applicant becomes a voting member), even later.
    """
    said = {s.date for s in dossier.statements}
    first = min(said | {default_as_of})
    last = max(said | {default_as_of})
    speakers = {s.actor for s in dossier.statements}
    stops = set(said) | {default_as_of}
    for m in body.memberships:
        for day in (m.joined, m.left + timedelta(days=1) if m.left else None):
            if day is None or day < first:
                continue
            if day <= last or m.code in speakers:
                stops.add(day)
    return sorted(stops)


def _panel(provider: Provider | None, dossier: Dossier, catalog: Catalog, on: date) -> Any:
    if provider is None:
        return {"available": False, "reason": "not available"}
    try:
        return {"available": True, **provider(dossier, catalog, on)}
    except ConcordError as exc:
        return {"available": False, "reason": str(exc)}


def _names(page: Mapping[str, Any], v: Verdict, catalog: Catalog) -> dict[str, str]:
    codes = set(v.members) | {r["actor"] for r in page["timeline"]}
    codes |= {r["code"] for r in page["membership_changes"]}
    return {c: catalog.actors.name(c) for c in sorted(codes)}


def proposal_page(
    dossier: Dossier,
    catalog: Catalog,
    *,
    on: date | None = None,
    providers: Providers | None = None,
    today: Today = date.today,
) -> dict[str, Any]:
    """Everything the proposal page draws for ``dossier`` as of ``on`` (default: its as_of)."""
    providers = providers or Providers()
    result = analyze(dossier, catalog, on=on, today=today)
    v, body, p = result.verdict, result.body, dossier.proposal
    default_as_of = resolve_as_of(dossier, None, today)
    stops = change_dates(dossier, body, default_as_of)
    loc = p.location
    page: dict[str, Any] = {
        "proposal": {
            "id": p.id,
            "title": p.title,
            "body": body.id,
            "body_name": body.name,
            "rule": result.rule.name,
            "rule_title": result.rule.title,
            "text": p.text,
            "location": {"name": loc.name, "lat": loc.lat, "lon": loc.lon} if loc else None,
            "default_as_of": default_as_of.isoformat(),
            "procedure": (
                {
                    "kind": dossier.procedure.kind.value,
                    "deadline": dossier.procedure.deadline.isoformat(),
                }
                if dossier.procedure
                else None
            ),
        },
        "as_of": v.as_of.isoformat(),
        "verdict": verdict_view(v),
        "members": _member_rows(v, dossier, catalog),
        "non_members": _non_member_rows(v, catalog),
        "timeline": timeline(dossier, body, catalog, v.as_of),
        "membership_changes": [
            c
            for c in membership_changes(body, catalog)
            if stops and stops[0].isoformat() <= c["date"] <= stops[-1].isoformat()
        ],
        "dates": [d.isoformat() for d in stops],
    }
    for name in PANELS:
        page[name] = _panel(getattr(providers, name), dossier, catalog, v.as_of)
    page["names"] = _names(page, v, catalog)
    return page


def proposal_index(source: DossierSource, catalog: Catalog, today: Today = date.today) -> list[Any]:
    """One row per dossier of ``source``: title, body and the verdict on its own as_of."""
    rows = []
    for proposal_id in source.ids():
        dossier = source.get(proposal_id)
        p = dossier.proposal
        row: dict[str, Any] = {"id": p.id, "title": p.title, "body": p.body}
        try:
            v = analyze(dossier, catalog, today=today).verdict
        except ConcordError as exc:
            row["error"] = str(exc)
        else:
            row.update(
                as_of=v.as_of.isoformat(),
                status=v.status.value,
                members=len(v.members),
                statements=len(dossier.statements),
                blockers=list(v.blockers),
            )
        rows.append(row)
    return rows
