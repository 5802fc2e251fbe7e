"""A treaty area as dated data: the texts in force and their clauses, each with its test.

Pure: built from plain mappings (parsed YAML) with field paths in every error, so
that the data layer can point at the file and line. The geometry of the named
areas lives in the data layer; here an area is only an id with a reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from concord.model import fields as f
from concord.model.errors import FieldPath, InvalidField
from concord.model.sources import Source


class ClauseKind(StrEnum):
    TERRITORY = "territory"
    FORCES = "forces"


@dataclass(frozen=True, slots=True)
class ClauseTest:
    """What a place must be for the clause to hold (see nato-article6.yaml for the vocabulary)."""

    continents: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    holder: str | None = None
    sovereigns: tuple[str, ...] = ()
    islands_in: tuple[str, ...] = ()
    seas: tuple[str, ...] = ()
    north_of_tropic: bool = False
    territories: bool = False
    except_zones: tuple[str, ...] = ()  # named zones where the clause does not hold


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    kind: ClauseKind
    title: str
    valid_from: date
    test: ClauseTest
    valid_to: date | None = None
    note: str | None = None
    source: Source | None = None
    except_reason: str | None = None  # why the except_zones are not covered

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class TreatyText:
    id: str
    valid_from: date
    text: str
    source: Source | None
    valid_to: date | None = None

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class DisputedReading:
    """Places (named zones) where the reading of a clause is not settled: ``inside`` is null."""

    id: str
    zones: tuple[str, ...]
    clause: str
    reason: str
    source: Source | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    party: str | None = None  # the Party whose claim is read (default: the land's sovereign)

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Land of a Party that was not its territory for the treaty until a date (the former
    GDR before German reunification): the territory clauses skip it while in force."""

    id: str
    party: str
    zones: tuple[str, ...]
    valid_to: date
    reason: str
    source: Source

    def in_force_on(self, day: date) -> bool:
        return day <= self.valid_to


@dataclass(frozen=True, slots=True)
class SeaArea:
    """A named sea area; ``disputed`` areas answer null with ``reason``."""

    id: str
    name: str
    disputed: bool = False
    north_of_tropic: bool = False
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Treaty:
    id: str
    body: str
    title: str
    in_force: date
    tropic: float
    texts: tuple[TreatyText, ...]
    clauses: tuple[Clause, ...]
    disputed: tuple[DisputedReading, ...] = ()
    areas: tuple[SeaArea, ...] = ()
    source: Source | None = None
    exclusions: tuple[Exclusion, ...] = ()

    def text_on(self, day: date) -> TreatyText | None:
        return next((t for t in self.texts if t.in_force_on(day)), None)

    def clauses_on(self, day: date, kind: ClauseKind) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind is kind and c.in_force_on(day))

    def area(self, area_id: str) -> SeaArea | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def state_codes(self) -> set[str]:
        """Natural Earth features the clauses name (they must exist in the geography)."""
        return {s for c in self.clauses for s in c.test.states}


def _codes(doc: Mapping[Any, Any], key: str, path: FieldPath) -> tuple[str, ...]:
    value = doc.get(key)
    if value is None:
        return ()
    items = f.sequence(value, (*path, key))
    return tuple(f.text(v, (*path, key, i)) for i, v in enumerate(items))


def _test(value: Any, path: FieldPath) -> ClauseTest:
    doc = f.mapping(value, path)
    keys = {"continents", "states", "holder", "sovereigns", "islands_in", "seas"}
    f.check_keys(doc, keys | {"north_of_tropic", "territories", "except_zones"}, path)
    test = ClauseTest(
        continents=_codes(doc, "continents", path),
        states=tuple(s.upper() for s in _codes(doc, "states", path)),
        holder=None if doc.get("holder") is None else f.text(doc["holder"], (*path, "holder")),
        sovereigns=tuple(s.upper() for s in _codes(doc, "sovereigns", path)),
        islands_in=_codes(doc, "islands_in", path),
        seas=_codes(doc, "seas", path),
        north_of_tropic=bool(doc.get("north_of_tropic", False)),
        territories=bool(doc.get("territories", False)),
        except_zones=_codes(doc, "except_zones", path),
    )
    if not (
        test.continents
        or test.states
        or test.sovereigns
        or test.islands_in
        or test.seas
        or test.territories
    ):
        raise InvalidField(path, "at least one test (continents, states, sovereigns, ...)")
    return test


def _clause(value: Any, path: FieldPath) -> Clause:
    doc = f.mapping(value, path)
    f.check_keys(
        doc,
        {"id", "kind", "title", "valid_from", "valid_to", "test", "note", "source"}
        | {"except_reason"},
        path,
    )
    raw_kind = f.text(f.required(doc, "kind", path), (*path, "kind"))
    try:
        kind = ClauseKind(raw_kind)
    except ValueError:
        raise InvalidField((*path, "kind"), "territory or forces", raw_kind) from None
    out = Clause(
        id=f.text(f.required(doc, "id", path), (*path, "id")),
        kind=kind,
        title=f.text(f.required(doc, "title", path), (*path, "title")),
        valid_from=f.iso_date(f.required(doc, "valid_from", path), (*path, "valid_from")),
        valid_to=f.opt_date(doc, "valid_to", path),
        test=_test(f.required(doc, "test", path), (*path, "test")),
        note=f.opt_text(doc, "note", path),
        source=f.opt_source(doc, "source", path),
        except_reason=f.opt_text(doc, "except_reason", path),
    )
    if out.test.except_zones and out.except_reason is None:
        raise InvalidField((*path, "except_reason"), "a reason for the except_zones")
    return out


def _text(value: Any, path: FieldPath) -> TreatyText:
    doc = f.mapping(value, path)
    f.check_keys(doc, {"id", "valid_from", "valid_to", "text", "source"}, path)
    return TreatyText(
        id=f.text(f.required(doc, "id", path), (*path, "id")),
        valid_from=f.iso_date(f.required(doc, "valid_from", path), (*path, "valid_from")),
        valid_to=f.opt_date(doc, "valid_to", path),
        text=f.text(f.required(doc, "text", path), (*path, "text")),
        source=f.source(f.required(doc, "source", path), (*path, "source")),
    )


def _disputed(value: Any, path: FieldPath) -> DisputedReading:
    doc = f.mapping(value, path)
    f.check_keys(
        doc, {"id", "zones", "clause", "reason", "source", "valid_from", "valid_to", "party"}, path
    )
    party = f.opt_text(doc, "party", path)
    return DisputedReading(
        id=f.text(f.required(doc, "id", path), (*path, "id")),
        zones=_codes(doc, "zones", path),
        clause=f.text(f.required(doc, "clause", path), (*path, "clause")),
        reason=f.text(f.required(doc, "reason", path), (*path, "reason")),
        source=f.source(f.required(doc, "source", path), (*path, "source")),
        valid_from=f.opt_date(doc, "valid_from", path),
        valid_to=f.opt_date(doc, "valid_to", path),
        party=party.upper() if party else None,
    )


def _exclusion(value: Any, path: FieldPath) -> Exclusion:
    doc = f.mapping(value, path)
    f.check_keys(doc, {"id", "party", "zones", "valid_to", "reason", "source"}, path)
    zones = _codes(doc, "zones", path)
    if not zones:
        raise InvalidField((*path, "zones"), "at least one zone")
    return Exclusion(
        id=f.text(f.required(doc, "id", path), (*path, "id")),
        party=f.text(f.required(doc, "party", path), (*path, "party")).upper(),
        zones=zones,
        valid_to=f.iso_date(f.required(doc, "valid_to", path), (*path, "valid_to")),
        reason=f.text(f.required(doc, "reason", path), (*path, "reason")),
        source=f.source(f.required(doc, "source", path), (*path, "source")),
    )


def sea_area(value: Any, path: FieldPath) -> SeaArea:
    """The non-geometric part of an entry of ``areas.yaml``."""
    doc = f.mapping(value, path)
    f.check_keys(
        doc, {"id", "name", "reading", "reason", "note", "north_of_tropic", "polygon"}, path
    )
    reading = f.text(f.required(doc, "reading", path), (*path, "reading"))
    if reading not in ("core", "disputed"):
        raise InvalidField((*path, "reading"), "core or disputed", reading)
    reason = f.opt_text(doc, "reason", path)
    if reading == "disputed" and reason is None:
        raise InvalidField((*path, "reason"), "a reason for a disputed area")
    return SeaArea(
        id=f.text(f.required(doc, "id", path), (*path, "id")),
        name=f.text(f.required(doc, "name", path), (*path, "name")),
        disputed=reading == "disputed",
        north_of_tropic=bool(doc.get("north_of_tropic", False)),
        reason=reason,
    )


def treaty(
    doc: Any, areas: tuple[SeaArea, ...] = (), zones: frozenset[str] | None = None
) -> Treaty:
    """Build a :class:`Treaty`; references to areas (and to ``zones``, if given) are checked."""
    path: FieldPath = ()
    doc = f.mapping(doc, path)
    f.check_keys(
        doc,
        {"id", "body", "title", "in_force", "tropic_of_cancer", "tropic_source", "texts"}
        | {"clauses", "disputed", "source", "exclusions"},
        path,
    )
    texts = f.sequence(f.required(doc, "texts", path), ("texts",))
    clauses = f.sequence(f.required(doc, "clauses", path), ("clauses",))
    out = Treaty(
        id=f.text(f.required(doc, "id", path), ("id",)),
        body=f.text(f.required(doc, "body", path), ("body",)).upper(),
        title=f.text(f.required(doc, "title", path), ("title",)),
        in_force=f.iso_date(f.required(doc, "in_force", path), ("in_force",)),
        tropic=f.number(
            f.required(doc, "tropic_of_cancer", path), ("tropic_of_cancer",), low=23, high=24
        ),
        texts=tuple(_text(t, ("texts", i)) for i, t in enumerate(texts)),
        clauses=tuple(_clause(c, ("clauses", i)) for i, c in enumerate(clauses)),
        disputed=tuple(
            _disputed(d, ("disputed", i)) for i, d in enumerate(doc.get("disputed") or [])
        ),
        areas=areas,
        source=f.opt_source(doc, "source", path),
        exclusions=tuple(
            _exclusion(x, ("exclusions", i)) for i, x in enumerate(doc.get("exclusions") or [])
        ),
    )
    known = {a.id for a in areas}
    for i, c in enumerate(out.clauses):
        for key, ids in (("islands_in", c.test.islands_in), ("seas", c.test.seas)):
            for area_id in ids:
                if area_id not in known:
                    raise InvalidField(
                        ("clauses", i, "test", key),
                        f"a known area ({', '.join(sorted(known))})",
                        area_id,
                    )
    if zones is not None:
        named: list[tuple[FieldPath, tuple[str, ...]]] = [
            (("clauses", i, "test", "except_zones"), c.test.except_zones)
            for i, c in enumerate(out.clauses)
        ]
        named += [(("disputed", i, "zones"), d.zones) for i, d in enumerate(out.disputed)]
        named += [(("exclusions", i, "zones"), x.zones) for i, x in enumerate(out.exclusions)]
        for where, ids in named:
            for zone in ids:
                if zone not in zones:
                    raise InvalidField(where, f"a known zone ({', '.join(sorted(zones))})", zone)
    clause_ids = {c.id for c in out.clauses}
    for i, d in enumerate(out.disputed):
        if d.clause not in clause_ids:
            raise InvalidField(("disputed", i, "clause"), "the id of a clause above", d.clause)
    return out
