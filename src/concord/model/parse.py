"""Build model objects from plain mappings (parsed YAML or JSON), validating every field.

Pure: no file access. Errors carry the field path; readers add file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from concord.model import fields as f
from concord.model.body import Body, Membership, PopulationTable
from concord.model.dossier import Dossier, Location, Procedure, ProcedureKind, Proposal, Statement
from concord.model.errors import FieldPath, InvalidField
from concord.model.rules.base import rule_names
from concord.model.stance import Stance

ActorCheck = Callable[[str], bool]

_STANCES = ", ".join(s.value for s in Stance)


def _actor(value: Any, path: FieldPath, known: ActorCheck) -> str:
    code = f.text(value, path).upper()
    if not known(code):
        raise InvalidField(
            path, "an ISO 3166-1 alpha-3 state code (FRA) or a known organisation (NATO)", value
        )
    return code


def _rule(value: Any, path: FieldPath) -> str:
    name = f.text(value, path)
    if name not in rule_names():
        raise InvalidField(path, f"a rule name ({', '.join(rule_names())})", value)
    return name


def _location(value: Any, path: FieldPath) -> Location:
    if isinstance(value, str):
        return Location(name=f.text(value, path))
    doc = f.mapping(value, path)
    f.check_keys(doc, {"name", "lat", "lon"}, path)
    lat, lon = doc.get("lat"), doc.get("lon")
    if (lat is None) != (lon is None):
        raise InvalidField((*path, "lat" if lat is None else "lon"), "lat and lon together")
    loc = Location(
        name=f.opt_text(doc, "name", path),
        lat=None if lat is None else f.number(lat, (*path, "lat"), low=-90, high=90),
        lon=None if lon is None else f.number(lon, (*path, "lon"), low=-180, high=180),
    )
    if loc.name is None and loc.lat is None:
        raise InvalidField(path, "a place name or lat and lon")
    return loc


def proposal(doc: Mapping[Any, Any], path: FieldPath, body_known: ActorCheck) -> Proposal:
    f.check_keys(doc, {"id", "body", "title", "rule", "location", "as_of", "text"}, path)
    body = f.text(f.required(doc, "body", path), (*path, "body"))
    if not body_known(body):
        raise InvalidField((*path, "body"), "a known body id (see `concord bodies`)", body)
    location = doc.get("location")
    return Proposal(
        id=f.text(f.required(doc, "id", path), (*path, "id")),
        body=body,
        title=f.text(f.required(doc, "title", path), (*path, "title")),
        rule=None if doc.get("rule") is None else _rule(doc["rule"], (*path, "rule")),
        location=None if location is None else _location(location, (*path, "location")),
        as_of=f.opt_date(doc, "as_of", path),
        text=f.opt_text(doc, "text", path),
    )


def statement(doc: Any, path: FieldPath, actor_known: ActorCheck) -> Statement:
    doc = f.mapping(doc, path)
    f.check_keys(doc, {"actor", "stance", "date", "speaker", "source", "reservation", "note"}, path)
    raw_stance = f.text(f.required(doc, "stance", path), (*path, "stance"))
    try:
        stance = Stance(raw_stance.lower())
    except ValueError:
        raise InvalidField((*path, "stance"), f"one of {_STANCES}", raw_stance) from None
    reservation = f.opt_text(doc, "reservation", path)
    if reservation and stance is not Stance.SUPPORT:
        raise InvalidField(
            (*path, "reservation"),
            "a reservation only with stance support (consent with a footnote)",
        )
    return Statement(
        actor=_actor(f.required(doc, "actor", path), (*path, "actor"), actor_known),
        stance=stance,
        date=f.iso_date(f.required(doc, "date", path), (*path, "date")),
        speaker=f.opt_text(doc, "speaker", path),
        source=f.opt_source(doc, "source", path),
        reservation=reservation,
    )


def procedure(value: Any, path: FieldPath) -> Procedure:
    doc = f.mapping(value, path)
    f.check_keys(doc, {"kind", "deadline", "launched"}, path)
    kind = f.text(f.required(doc, "kind", path), (*path, "kind"))
    try:
        parsed_kind = ProcedureKind(kind)
    except ValueError:
        raise InvalidField((*path, "kind"), "silence", kind) from None
    deadline = f.utc_datetime(f.required(doc, "deadline", path), (*path, "deadline"))
    return Procedure(kind=parsed_kind, deadline=deadline)


def probabilities(value: Any, path: FieldPath, actor_known: ActorCheck) -> dict[str, float]:
    doc = f.mapping(value, path)
    out: dict[str, float] = {}
    for key, p in doc.items():
        code = _actor(key, (*path, str(key)), actor_known)
        out[code] = f.number(p, (*path, str(key)), low=0.0, high=1.0)
    return out


def dossier(doc: Any, actor_known: ActorCheck, body_known: ActorCheck) -> Dossier:
    """A dossier from its document form (DESIGN.md, "Dossier file")."""
    doc = f.mapping(doc, ())
    f.check_keys(
        doc, {"proposal", "statements", "procedure", "probabilities", "expected", "notes"}, ()
    )
    prop = proposal(
        f.mapping(f.required(doc, "proposal", ()), ("proposal",)), ("proposal",), body_known
    )
    raw_statements = doc.get("statements") or []
    statements = tuple(
        statement(item, ("statements", i), actor_known)
        for i, item in enumerate(f.sequence(raw_statements, ("statements",)))
    )
    proc = doc.get("procedure")
    probs = doc.get("probabilities")
    return Dossier(
        proposal=prop,
        statements=statements,
        procedure=None if proc is None else procedure(proc, ("procedure",)),
        probabilities={}
        if probs is None
        else probabilities(probs, ("probabilities",), actor_known),
    )


def membership(value: Any, path: FieldPath, actor_known: ActorCheck) -> Membership:
    doc = f.mapping(value, path)
    f.check_keys(
        doc,
        {"code", "joined", "left", "permanent", "weight", "source", "note", "verified", "name"},
        path,
    )
    joined = f.iso_date(f.required(doc, "joined", path), (*path, "joined"))
    left = f.opt_date(doc, "left", path)
    if left is not None and left < joined:
        raise InvalidField((*path, "left"), f"a date on or after joined ({joined})", str(left))
    weight = doc.get("weight")
    return Membership(
        code=_actor(f.required(doc, "code", path), (*path, "code"), actor_known),
        joined=joined,
        left=left,
        permanent=bool(doc.get("permanent") and f.boolean(doc["permanent"], (*path, "permanent"))),
        weight=None if weight is None else f.integer(weight, (*path, "weight")),
        source=f.opt_source(doc, "source", path),
        note=f.opt_text(doc, "note", path),
    )


def population_tables(
    value: Any, path: FieldPath, actor_known: ActorCheck
) -> tuple[PopulationTable, ...]:
    """``{2024: {source, complete, total, figures: {DEU: …}}, "2020-02-01": {…}}``."""
    doc = f.mapping(value, path)
    tables = []
    for key, raw in doc.items():
        here = (*path, str(key))
        valid_from = date(key, 1, 1) if isinstance(key, int) else f.iso_date(key, here)
        entry = f.mapping(raw, here)
        f.check_keys(entry, {"source", "complete", "total", "figures", "note"}, here)
        figures_doc = f.mapping(entry.get("figures") or {}, (*here, "figures"))
        figures = {
            _actor(code, (*here, "figures", str(code)), actor_known): f.integer(
                n, (*here, "figures", str(code)), low=1
            )
            for code, n in figures_doc.items()
        }
        complete = entry.get("complete", True)
        total = entry.get("total")
        tables.append(
            PopulationTable(
                valid_from=valid_from,
                figures=figures,
                source=f.opt_source(entry, "source", here),
                complete=f.boolean(complete, (*here, "complete")),
                total=None if total is None else f.integer(total, (*here, "total"), low=1),
            )
        )
    return tuple(sorted(tables, key=lambda t: t.valid_from))


def body(doc: Any, actor_known: ActorCheck, origin: str = "built-in") -> Body:
    """A body from its YAML form; users' bodies use the same path as the built-in ones."""
    doc = f.mapping(doc, ())
    f.check_keys(
        doc,
        {
            "id",
            "name",
            "organisation",
            "description",
            "default_rule",
            "rules",
            "source",
            "members",
            "quota",
            "population",
            "params",
            "note",
            "members_complete_from",
        },
        (),
    )
    default_rule = _rule(f.required(doc, "default_rule", ()), ("default_rule",))
    raw_rules = f.sequence(doc.get("rules") or [default_rule], ("rules",))
    rules = tuple(_rule(r, ("rules", i)) for i, r in enumerate(raw_rules))
    if default_rule not in rules:
        rules = (default_rule, *rules)
    members = tuple(
        membership(m, ("members", i), actor_known)
        for i, m in enumerate(f.sequence(f.required(doc, "members", ()), ("members",)))
    )
    quota = doc.get("quota")
    population = doc.get("population")
    params = f.mapping(doc.get("params") or {}, ("params",))
    return Body(
        id=f.text(f.required(doc, "id", ()), ("id",)).upper(),
        name=f.text(f.required(doc, "name", ()), ("name",)),
        default_rule=default_rule,
        rules=rules,
        memberships=members,
        organisation=f.opt_text(doc, "organisation", ()),
        description=f.opt_text(doc, "description", ()),
        quota=None if quota is None else f.integer(quota, ("quota",), low=1),
        populations=()
        if population is None
        else population_tables(population, ("population",), actor_known),
        source=f.opt_source(doc, "source", ()),
        origin=origin,
        params={
            str(k): f.number(v, ("params", str(k)), low=-1e18, high=1e18) for k, v in params.items()
        },
        members_complete_from=f.opt_date(doc, "members_complete_from", ()),
    )
