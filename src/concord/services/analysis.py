"""Analyse a dossier: which body, which rule, which date, then the verdict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.model.dossier import Dossier
from concord.model.rules.base import DecisionRule, get_rule
from concord.model.verdict import Verdict, evaluate
from concord.store.dossier_files import load_dossier

if TYPE_CHECKING:
    from concord.services.scope import ScopeResult

Today = Callable[[], date]


@dataclass(frozen=True)
class Analysis:
    dossier: Dossier
    body: Body
    rule: DecisionRule
    verdict: Verdict
    scope: ScopeResult | None = None  # whenever the proposal has a location


def resolve_as_of(dossier: Dossier, on: date | None, today: Today = date.today) -> date:
    """``--on`` wins over the dossier's ``as_of``, which wins over today."""
    return on or dossier.proposal.as_of or today()


def analyze(
    dossier: Dossier,
    catalog: Catalog,
    *,
    on: date | None = None,
    rule: str | None = None,
    today: Today = date.today,
) -> Analysis:
    body = catalog.body(dossier.proposal.body)
    chosen = get_rule(rule or dossier.proposal.rule or body.default_rule)
    as_of = resolve_as_of(dossier, on, today)
    location = dossier.proposal.location
    where = None
    if location is not None:
        from concord.services import scope  # geography loads only when a place is asked

        where = scope.for_location(location, body, as_of)
    return Analysis(dossier, body, chosen, evaluate(dossier, body, chosen, as_of), where)


def analyze_file(
    path: Path, catalog: Catalog, *, on: date | None = None, rule: str | None = None
) -> Analysis:
    return analyze(load_dossier(path, catalog), catalog, on=on, rule=rule)
