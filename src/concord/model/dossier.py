"""Dossiers: a proposal before a body and what actors said about it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from concord.model.sources import Source
from concord.model.stance import SAME_DAY_PRECEDENCE, Stance


@dataclass(frozen=True, slots=True)
class Location:
    name: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    id: str
    body: str
    title: str
    rule: str | None = None
    location: Location | None = None
    as_of: date | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    actor: str
    stance: Stance
    date: dt.date
    speaker: str | None = None
    source: Source | None = None
    reservation: str | None = None

    def order_key(self) -> tuple[dt.date, int, str, str, str]:
        """Later statements win; on the same day the most restrictive stance wins.

        The remaining fields only break exact ties, so that the result never
        depends on the order in which statements are listed.
        """
        return (
            self.date,
            SAME_DAY_PRECEDENCE[self.stance],
            self.reservation or "",
            self.speaker or "",
            (self.source.url or "") if self.source else "",
        )


class ProcedureKind(StrEnum):
    SILENCE = "silence"


@dataclass(frozen=True, slots=True)
class Procedure:
    kind: ProcedureKind
    deadline: datetime  # timezone-aware, UTC

    def deadline_passed(self, as_of: date) -> bool:
        """``as_of`` is a whole day: a deadline on or before that day has passed by its end."""
        return self.deadline.date() <= as_of


@dataclass(frozen=True, slots=True)
class Dossier:
    proposal: Proposal
    statements: tuple[Statement, ...] = ()
    procedure: Procedure | None = None
    probabilities: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Positions:
    """Each actor's latest statement up to a date, and the statements left out."""

    latest: Mapping[str, Statement]
    after_as_of: tuple[Statement, ...]


def positions_as_of(statements: Iterable[Statement], as_of: date) -> Positions:
    """The latest statement of each actor dated on or before ``as_of``."""
    latest: dict[str, Statement] = {}
    later: list[Statement] = []
    for s in statements:
        if s.date > as_of:
            later.append(s)
            continue
        current = latest.get(s.actor)
        if current is None or s.order_key() > current.order_key():
            latest[s.actor] = s
    later.sort(key=lambda s: (s.date, s.actor))
    return Positions(latest=latest, after_as_of=tuple(later))
