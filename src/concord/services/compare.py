"""Compare: the verdict and adoption probability of a dossier under every rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from concord.data.catalog import Catalog
from concord.model.errors import ConcordError
from concord.model.rules.base import all_rules
from concord.services.forecasting import ForecastReport, forecast
from concord.services.whatif import analyze_whatif
from concord.store.dossier_files import load_dossier


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    rule: str
    #: The body lists this rule (else a what-if under a rule of another body).
    listed: bool
    default: bool
    report: ForecastReport | None = None
    #: Why the rule cannot be applied to this body (missing data, too large, ...).
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    proposal: str
    body: str
    as_of: date
    outcomes: tuple[RuleOutcome, ...]


def compare(
    path: Path, catalog: Catalog, *, on: date | None = None, flips: Sequence[str] = ()
) -> Comparison:
    """Every rule the body lists first, then every other registered rule it could use."""
    dossier = load_dossier(path, catalog)
    base = analyze_whatif(dossier, catalog, on=on, flips=flips)
    body = base.body
    has_permanent = any(m.permanent for m in body.members_on(base.verdict.as_of))
    names = list(body.rules) + [r.name for r in all_rules() if r.name not in body.rules]
    rules = {r.name: r for r in all_rules()}
    outcomes = []
    for name in names:
        listed, default = name in body.rules, name == body.default_rule
        if "permanent" in rules[name].needs and not has_permanent:
            reason = f"{body.id} has no permanent members"
            outcomes.append(RuleOutcome(name, listed, default, reason=reason))
            continue
        try:
            report = forecast(dossier, catalog, on=base.verdict.as_of, rule=name, flips=flips)
        except ConcordError as exc:
            outcomes.append(RuleOutcome(name, listed, default, reason=str(exc)))
            continue
        outcomes.append(RuleOutcome(name, listed, default, report=report))
    return Comparison(dossier.proposal.id, body.id, base.verdict.as_of, tuple(outcomes))
