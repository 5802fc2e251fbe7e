"""What-if: a dossier with some members' positions flipped, or under another rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.model.dossier import Dossier, Statement
from concord.model.errors import ConcordError
from concord.model.sources import Source
from concord.model.stance import Stance
from concord.services.analysis import Analysis, analyze, resolve_as_of
from concord.store.dossier_files import load_dossier

_STANCES = ", ".join(s.value for s in Stance)
WHAT_IF = Source(title="what-if (--flip)")


def parse_flip(text: str) -> tuple[str, Stance]:
    """``"FRA=support"`` → ``("FRA", Stance.SUPPORT)``."""
    actor, sep, stance = text.partition("=")
    if not sep or not actor.strip():
        raise ConcordError(
            f"expected ACTOR=STANCE (e.g. FRA=support), got {text!r}", where="--flip"
        )
    try:
        return actor.strip().upper(), Stance(stance.strip().lower())
    except ValueError:
        raise ConcordError(
            f"stance {stance!r} for {actor.strip().upper()}: expected one of {_STANCES}",
            where="--flip",
        ) from None


def apply_flips(dossier: Dossier, body: Body, as_of: date, flips: Sequence[str]) -> Dossier:
    """The dossier with each flipped member's position replaced as of ``as_of``.

    The member's statements up to ``as_of`` are dropped and one what-if statement put in
    their place, dated when it still counts (before a silence deadline that has passed).
    """
    if not flips:
        return dossier
    members = set(body.member_codes_on(as_of))
    counted_until = as_of
    if dossier.procedure is not None and dossier.procedure.deadline_passed(as_of):
        counted_until = min(as_of, dossier.procedure.deadline.date())
    statements = list(dossier.statements)
    for text in flips:
        actor, stance = parse_flip(text)
        if actor not in members:
            raise ConcordError(
                f"{actor} is not a member of {body.id} on {as_of.isoformat()}", where="--flip"
            )
        statements = [s for s in statements if s.actor != actor or s.date > as_of]
        statements.append(Statement(actor=actor, stance=stance, date=counted_until, source=WHAT_IF))
    return replace(dossier, statements=tuple(statements))


def analyze_whatif(
    dossier: Dossier,
    catalog: Catalog,
    *,
    on: date | None = None,
    rule: str | None = None,
    flips: Sequence[str] = (),
) -> Analysis:
    """:func:`concord.services.analysis.analyze` after applying ``flips``."""
    body = catalog.body(dossier.proposal.body)
    as_of = resolve_as_of(dossier, on)
    changed = apply_flips(dossier, body, as_of, flips)
    return analyze(changed, catalog, on=as_of, rule=rule)


def analyze_file(
    path: Path,
    catalog: Catalog,
    *,
    on: date | None = None,
    rule: str | None = None,
    flips: Sequence[str] = (),
) -> Analysis:
    return analyze_whatif(load_dossier(path, catalog), catalog, on=on, rule=rule, flips=flips)
