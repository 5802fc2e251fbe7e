"""Forecast a dossier: the exact chance it passes, and whose choice decides it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from concord.analysis.forecast import Forecast, forecast_by_enumeration, forecast_game
from concord.data.catalog import Catalog
from concord.model.dossier import Dossier
from concord.model.errors import RuleNotApplicable
from concord.model.rules.base import DecisionRule, Electorate
from concord.model.verdict import Verdict
from concord.services.analysis import Analysis
from concord.services.whatif import analyze_whatif
from concord.store.dossier_files import load_dossier

DEFAULT_PROBABILITY = 0.5


@dataclass(frozen=True, slots=True)
class ForecastReport:
    analysis: Analysis
    forecast: Forecast
    #: The consent probability used for each member.
    probabilities: Mapping[str, float]
    #: Members whose stated abstention is taken as certain (they neither consent nor
    #: stand against); their consent probability is 0.
    abstaining: tuple[str, ...] = ()


def member_probabilities(verdict: Verdict, given: Mapping[str, float]) -> dict[str, float]:
    """DESIGN.md: support (or consent by silence after the deadline) 1, oppose 0, else
    the dossier's probability or 0.5; a stated abstention under a rule that recognises
    abstention is certain (0 consent, see :func:`fixed_abstainers`) unless the dossier
    gives a probability. The ballot comes from the verdict, so silence and abstention
    are counted exactly as :func:`concord.model.verdict.evaluate` counts them."""
    consent = set(verdict.supporters) | set(verdict.consented_by_silence)
    against = set(verdict.opposed) | set(fixed_abstainers(verdict, given))
    out = {}
    for m in verdict.members:
        if m in consent:
            out[m] = 1.0
        elif m in against:
            out[m] = 0.0
        else:
            out[m] = float(given.get(m, DEFAULT_PROBABILITY))
    return out


def fixed_abstainers(verdict: Verdict, given: Mapping[str, float]) -> tuple[str, ...]:
    """Members whose stated ``neutral`` the rule counts as an abstention (the verdict
    lists them only when the rule recognises abstention) and for whom the dossier gives
    no probability: they abstain for certain, a third outcome beside consent and
    standing against (a UNSC permanent member that abstains does not veto)."""
    return tuple(m for m in verdict.abstained if m not in given)


def rule_forecast(
    rule: DecisionRule, e: Electorate, p: Sequence[float], abstain: frozenset[str] = frozenset()
) -> Forecast:
    """Members of ``abstain`` (probability 0) abstain rather than stand against; their
    criticality is the chance that consenting instead of abstaining decides the act."""
    try:
        game = rule.game_given(e, abstain) if abstain else rule.game(e)
    except ValueError as exc:
        raise RuleNotApplicable(f"rule {rule.name}: {exc}") from None
    if game is not None:
        return forecast_game(game, p)
    members = e.members

    def wins(s: frozenset[int]) -> bool:
        yes = frozenset(members[i] for i in s)
        return rule.passes(e, yes, abstain - yes)

    return forecast_by_enumeration(members, wins, p)


def forecast(
    dossier: Dossier,
    catalog: Catalog,
    *,
    on: date | None = None,
    rule: str | None = None,
    flips: Sequence[str] = (),
) -> ForecastReport:
    result = analyze_whatif(dossier, catalog, on=on, rule=rule, flips=flips)
    v = result.verdict
    given = result.dossier.probabilities
    probs = member_probabilities(v, given)
    abstaining = fixed_abstainers(v, given)
    e = result.rule.electorate(result.body, v.as_of)
    outcome = rule_forecast(result.rule, e, [probs[m] for m in e.members], frozenset(abstaining))
    return ForecastReport(result, outcome, probs, abstaining)


def forecast_file(
    path: Path,
    catalog: Catalog,
    *,
    on: date | None = None,
    rule: str | None = None,
    flips: Sequence[str] = (),
) -> ForecastReport:
    return forecast(load_dossier(path, catalog), catalog, on=on, rule=rule, flips=flips)
