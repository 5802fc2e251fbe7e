"""Bodies with dated membership.

A body is a forum (the North Atlantic Council, the EU Council, the Security
Council, or one a user defines). Membership is per forum and per date: a state is
a member from ``joined`` through ``left`` inclusive (``left`` is the last day).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from concord.model.errors import RuleNotApplicable
from concord.model.sources import Source


@dataclass(frozen=True, slots=True)
class Membership:
    code: str
    joined: date
    left: date | None = None
    permanent: bool = False
    weight: int | None = None
    source: Source | None = None
    note: str | None = None

    def active_on(self, day: date) -> bool:
        return self.joined <= day and (self.left is None or day <= self.left)


@dataclass(frozen=True, slots=True)
class PopulationTable:
    """Official population figures in force from ``valid_from`` (e.g. Annex III of a year)."""

    valid_from: date
    figures: Mapping[str, int]
    source: Source | None = None
    complete: bool = True
    total: int | None = None


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    name: str
    default_rule: str
    rules: tuple[str, ...]
    memberships: tuple[Membership, ...]
    organisation: str | None = None
    description: str | None = None
    quota: int | None = None
    populations: tuple[PopulationTable, ...] = ()
    source: Source | None = None
    origin: str = "built-in"
    params: Mapping[str, float] = field(default_factory=dict)
    # the member list is complete from this day; before it, a state the data does not list
    # may still have been a member (the UNSC's elected members before the data's first term)
    members_complete_from: date | None = None

    def is_member_on(self, code: str, day: date) -> bool | None:
        """True or False where the data knows; None for an unlisted state before the data is
        complete (never a false "non-member")."""
        if code in self.member_codes_on(day):
            return True
        if self.members_complete_from and day < self.members_complete_from:
            return None
        return False

    def members_on(self, day: date) -> tuple[Membership, ...]:
        """Memberships active on ``day``, one per state, sorted by code."""
        active = {m.code: m for m in self.memberships if m.active_on(day)}
        return tuple(active[code] for code in sorted(active))

    def member_codes_on(self, day: date) -> tuple[str, ...]:
        return tuple(m.code for m in self.members_on(day))

    def ever_member(self, code: str) -> bool:
        return any(m.code == code for m in self.memberships)

    def population_on(self, day: date, members: tuple[str, ...]) -> Mapping[str, int]:
        """The official population table in force on ``day``, checked to cover ``members``."""
        tables = [t for t in self.populations if t.valid_from <= day]
        if not tables:
            raise RuleNotApplicable(
                f"{self.id} has no official population figures in force on {day.isoformat()}"
            )
        table = max(tables, key=lambda t: t.valid_from)
        missing = [code for code in members if code not in table.figures]
        if missing:
            raise RuleNotApplicable(
                f"{self.id} population figures in force from {table.valid_from.isoformat()} "
                f"lack {', '.join(missing)} (the data file marks that table incomplete)"
            )
        return {code: table.figures[code] for code in members}
