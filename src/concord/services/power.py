"""Voting power of a body under a rule, or of a weighted game given on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from concord.analysis.games import quota_game
from concord.analysis.power import PowerIndices, power_by_enumeration, power_of_game
from concord.data.catalog import Catalog
from concord.model.errors import ConcordError, RuleNotApplicable
from concord.model.rules.base import DecisionRule, Electorate, get_rule


@dataclass(frozen=True, slots=True)
class PowerReport:
    indices: PowerIndices
    body: str | None = None
    rule: str | None = None
    as_of: date | None = None
    #: True for ``--weights``: the JSON lists values in the order given.
    positional: bool = False


def rule_power(rule: DecisionRule, e: Electorate, *, shapley: bool | None = None) -> PowerIndices:
    """Power through the rule's weighted form when it has one, else by enumeration."""
    try:
        game = rule.game(e)
    except ValueError as exc:
        raise RuleNotApplicable(f"rule {rule.name}: {exc}") from None
    if game is not None:
        return power_of_game(game, shapley=shapley)
    members = e.members
    return power_by_enumeration(
        members, lambda s: rule.is_winning(e, frozenset(members[i] for i in s))
    )


def body_power(
    catalog: Catalog,
    body_id: str,
    *,
    rule: str | None = None,
    on: date | None = None,
    shapley: bool | None = None,
) -> PowerReport:
    body = catalog.body(body_id)
    chosen = get_rule(rule or body.default_rule)
    day = on or date.today()
    e = chosen.electorate(body, day)
    if not e.members:
        raise ConcordError(f"{body.id} has no members on {day.isoformat()}")
    indices = rule_power(chosen, e, shapley=shapley)
    return PowerReport(indices, body=body.id, rule=chosen.name, as_of=day)


def parse_weights(text: str) -> list[int]:
    """``"4,3,2,1"`` → ``[4, 3, 2, 1]``; weights must be non-negative integers."""
    items = [t.strip() for t in text.split(",")]
    if not text.strip() or any(not t for t in items):
        raise ConcordError("expected comma-separated integers, e.g. 4,3,2,1", where="--weights")
    weights = []
    for k, t in enumerate(items, start=1):
        try:
            w = int(t)
        except ValueError:
            raise ConcordError(
                f"weight {k} is {t!r}: expected a non-negative integer", where="--weights"
            ) from None
        if w < 0:
            raise ConcordError(
                f"weight {k} is {w}: expected a non-negative integer", where="--weights"
            )
        weights.append(w)
    return weights


def weights_power(weights_text: str, quota: int, *, shapley: bool | None = None) -> PowerReport:
    """``shapley``: True computes Shapley–Shubik whatever it costs, False skips it, None
    (the default) computes it when its estimated time fits the budget."""
    weights = parse_weights(weights_text)
    total = sum(weights)
    if not 0 < quota <= total:
        raise ConcordError(
            f"quota {quota} is outside (0, {total}]: it must be positive and at most the "
            "total weight",
            where="--quota",
        )
    players = tuple(str(k) for k in range(1, len(weights) + 1))
    indices = power_of_game(quota_game(players, weights, quota), shapley=shapley)
    return PowerReport(indices, positional=True)
