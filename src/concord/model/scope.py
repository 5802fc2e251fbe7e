"""Is a place inside a treaty area on a date, under which clause, and why?

Pure logic over facts: the data layer finds what a point is (whose land, which
continent, an island or not, which sea areas and disputed zones contain it) and
this module reads the clauses in force that day against those facts and the
body's memberships. A state's territory counts only while it is a Party.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from concord.model.treaty import Clause, ClauseKind, ClauseTest, Exclusion, Treaty

CONTINENT_NAMES = {"europe": "Europe", "north-america": "North America"}

Memberships = Mapping[str, tuple[date, date | None]]


@dataclass(frozen=True, slots=True)
class Land:
    """A point on land: the Natural Earth feature it lies in and what that piece of land is."""

    state: str  # Natural Earth feature code, e.g. BMU
    name: str  # e.g. Bermuda
    sovereign: str  # ISO 3166-1 alpha-3 of the sovereign state, e.g. GBR
    sovereign_name: str
    continent: str  # Natural Earth continent of the feature, e.g. "North America"
    on_continent: str | None  # continent id when this piece lies on it ("europe"), else None
    island: bool  # the piece of land touches no other country's land
    waters: bool = False  # in the territorial sea off that land, not on the land itself


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    lat: float
    lon: float
    land: Land | None  # None: open sea
    areas: frozenset[str] = frozenset()  # sea areas whose outer limits contain the point
    zones: frozenset[str] = frozenset()  # named zones (e.g. ceuta) that contain the point

    @property
    def at_sea(self) -> bool:
        """Open sea or territorial sea: the sea areas of the forces clauses include both."""
        return self.land is None or self.land.waters


@dataclass(frozen=True, slots=True)
class Finding:
    inside: bool | None
    clause: str | None
    reason: str
    place: str
    clauses: tuple[str, ...] = ()
    text: str | None = None  # id of the treaty text in force
    country: str | None = None  # Natural Earth feature code of the land, if any
    sovereign: str | None = None


def _party(code: str, parties: Memberships, day: date) -> bool:
    span = parties.get(code)
    return span is not None and span[0] <= day and (span[1] is None or day <= span[1])


def _north(facts: PlaceFacts, treaty: Treaty) -> bool:
    return facts.lat > treaty.tropic


def _exclusion(treaty: Treaty, facts: PlaceFacts, day: date) -> Exclusion | None:
    """The dated exclusion (e.g. the former GDR before 1990-10-03) that holds here, if any."""
    land = facts.land
    if land is None:
        return None
    for ex in treaty.exclusions:
        if ex.party == land.sovereign and ex.in_force_on(day) and set(ex.zones) & facts.zones:
            return ex
    return None


def _territory_match(
    test: ClauseTest,
    facts: PlaceFacts,
    treaty: Treaty,
    parties: Memberships,
    day: date,
    excluded: bool = False,
) -> str | None:
    """Why the land at ``facts`` satisfies ``test`` (a short phrase), or None.

    ``excluded``: the land is not its sovereign's territory for the treaty on ``day``."""
    land = facts.land
    if land is None or set(test.except_zones) & facts.zones:
        return None
    party = _party(land.sovereign, parties, day) and not excluded
    if test.continents and party and land.on_continent in test.continents:
        return f"territory of {land.sovereign_name} in {CONTINENT_NAMES[land.on_continent]}"
    if test.states and land.state in test.states:
        holder = test.holder
        if holder is None:
            return f"in {land.name}"
        if _party(holder, parties, day):
            return f"in {land.name}, then held by {holder}"
    if test.sovereigns and party and land.sovereign in test.sovereigns:
        return f"territory of {land.sovereign_name}"
    if test.islands_in and party and land.island:
        for area in test.islands_in:
            if area in facts.areas and (not test.north_of_tropic or _north(facts, treaty)):
                named = treaty.area(area)
                where = named.name if named else area
                north = " north of the Tropic of Cancer" if test.north_of_tropic else ""
                return f"an island of {land.sovereign_name} in {where}{north}"
    return None


def _sea_match(test: ClauseTest, facts: PlaceFacts, treaty: Treaty) -> str | None:
    if not facts.at_sea:
        return None
    for area in test.seas:
        if area in facts.areas and (not test.north_of_tropic or _north(facts, treaty)):
            named = treaty.area(area)
            north = " north of the Tropic of Cancer" if test.north_of_tropic else ""
            return f"at sea in {named.name if named else area}{north}"
    return None


def _describe(facts: PlaceFacts, parties: Memberships, day: date) -> str:
    land = facts.land
    if land is None:
        return "open sea"
    owner = "" if land.sovereign_name == land.name else f"{land.sovereign_name}, "
    kind = "the territorial sea (12 nautical miles) of" if land.waters else "land of"
    span = parties.get(land.sovereign)
    if _party(land.sovereign, parties, day):
        status = f"a Party since {span[0].isoformat()}" if span else "a Party"
    elif span and day < span[0]:
        status = f"a Party only from {span[0].isoformat()}"
    elif span and span[1] and day > span[1]:
        status = f"no longer a Party after {span[1].isoformat()}"
    else:
        status = "not a Party"
    return f"{kind} {land.name} ({owner}{status})"


def _why_not(facts: PlaceFacts, treaty: Treaty) -> str:
    """Explain for land of a Party why no territory clause applies."""
    land = facts.land
    assert land is not None
    bits = ["not on the European or North American continent"]
    if not land.island:
        bits.append("not an island")
    else:
        islands = {a for c in treaty.clauses for a in c.test.islands_in}
        if not islands & facts.areas:
            bits.append("an island outside the North Atlantic area")
        if not _north(facts, treaty):
            bits.append("south of the Tropic of Cancer")
    return ", ".join(bits)


def judge(
    treaty: Treaty,
    facts: PlaceFacts,
    parties: Memberships,
    day: date,
    *,
    forces: bool = False,
    place: str = "",
) -> Finding:
    """The finding for one place on ``day`` (territory clauses, or forces ones)."""
    label = place or f"{facts.lat:.4f}, {facts.lon:.4f}"
    land = facts.land

    def finding(
        inside: bool | None, clause: str | None, reason: str, clauses: tuple[str, ...] = ()
    ) -> Finding:
        return Finding(
            inside,
            clause,
            reason,
            label,
            clauses=clauses,
            text=text.id if text else None,
            country=land.state if land else None,
            sovereign=land.sovereign if land else None,
        )

    text = treaty.text_on(day)
    if text is None or day < treaty.in_force:
        return finding(
            False,
            None,
            f"{treaty.title}: not in force on {day.isoformat()} "
            f"(in force from {treaty.in_force.isoformat()})",
        )
    where = _describe(facts, parties, day)
    excluded = _exclusion(treaty, facts, day)
    territory: list[tuple[Clause, str]] = []
    for clause in treaty.clauses_on(day, ClauseKind.TERRITORY):
        why = _territory_match(clause.test, facts, treaty, parties, day, excluded is not None)
        if why:
            territory.append((clause, why))
    hits: list[tuple[Clause, str]] = []
    if forces:
        for clause in treaty.clauses_on(day, ClauseKind.FORCES):
            if clause.test.territories and territory:
                hits.append((clause, f"over {territory[0][1]}"))
                continue
            why = _sea_match(clause.test, facts, treaty) or _territory_match(
                clause.test, facts, treaty, parties, day, excluded is not None
            )
            if why:
                hits.append((clause, why))
        if not hits and territory:  # an attack on forces on covered territory hits that territory
            hits = territory
    else:
        hits = territory
    kind = "forces, vessels or aircraft" if forces else "territory"
    if hits:
        clause, why = hits[0]
        return finding(
            True,
            clause.id,
            f"{label}: {where}; covered as {why}, by the clause on {clause.title} "
            f"(Article 6, {text.id})",
            tuple(c.id for c, _ in hits),
        )
    disputed = _disputed(treaty, facts, parties, day, forces)
    if disputed is not None:
        clause_id, reason = disputed
        return finding(None, clause_id, f"{label}: {where}; disputed: {reason}")
    if excluded is not None:
        return finding(False, None, f"{label}: {where}, but {excluded.reason}")
    if land is not None:
        for clause in treaty.clauses_on(day, ClauseKind.FORCES if forces else ClauseKind.TERRITORY):
            if clause.except_reason and set(clause.test.except_zones) & facts.zones:
                return finding(False, None, f"{label}: {where}; {clause.except_reason}")
    if land is None:
        names = [a.name for a in treaty.areas if a.id in facts.areas]
        seas = f" ({', '.join(names)})" if names else ""
        if forces:
            reason = (
                f"{label}: open sea{seas}, not in any sea area Article 6 names in force on "
                f"{day.isoformat()}"
            )
            if not _north(facts, treaty):
                reason += " (south of the Tropic of Cancer)"
        else:
            reason = (
                f"{label}: open sea{seas}; the territory clauses cover land only "
                "(use --forces for forces, vessels and aircraft)"
            )
        return finding(False, None, reason)
    if _party(land.sovereign, parties, day):
        reason = f"{label}: {where}, but {_why_not(facts, treaty)}"
        if forces:
            reason += "; no sea area or occupation area of the forces clause applies"
    else:
        reason = f"{label}: {where}; Article 6 covers no {kind} there, nor any sea area"
        if not forces:
            reason = f"{label}: {where}; not the territory of a Party"
    return finding(False, None, reason)


def _disputed(
    treaty: Treaty, facts: PlaceFacts, parties: Memberships, day: date, forces: bool
) -> tuple[str, str] | None:
    land = facts.land
    if land is not None:
        for reading in treaty.disputed:
            if not _party(reading.party or land.sovereign, parties, day):
                continue
            clause = next((c for c in treaty.clauses if c.id == reading.clause), None)
            if (
                clause
                and clause.in_force_on(day)
                and reading.in_force_on(day)
                and set(reading.zones) & facts.zones
            ):
                return reading.clause, reading.reason
        return None
    if not forces:
        return None
    for area_id in sorted(facts.areas):
        area = treaty.area(area_id)
        if area and area.disputed and (not area.north_of_tropic or _north(facts, treaty)):
            return area.id, f"{area.name}: {area.reason}"
    return None
