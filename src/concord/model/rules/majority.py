"""Majority and weighted rules for user-defined bodies."""

from __future__ import annotations

from collections.abc import Mapping

from concord.analysis.games import WeightedGame, count_game, quota_game
from concord.model.errors import RuleNotApplicable
from concord.model.rules.base import DecisionRule, Electorate, register


@register
class SimpleMajority(DecisionRule):
    name = "simple-majority"
    title = "Simple majority (more yes than no)"
    description = "More members vote yes than no; abstentions are not counted."

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        ayes = sum(1 for m in e.members if m in yes)
        noes = sum(1 for m in e.members if m not in yes and m not in abstain)
        return ayes > noes

    def game(self, e: Electorate) -> WeightedGame:
        return count_game(e.members, e.size // 2 + 1)

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame:
        """Ayes > noes, where a non-consenting abstainer is no "no": 2|S - A| + |S & A|
        > n - |A|, i.e. weight 2 for the others, 1 for abstainers."""
        weights = [1 if m in abstain else 2 for m in e.members]
        held = sum(1 for m in e.members if m in abstain)
        return quota_game(e.members, weights, e.size - held + 1)


@register
class AbsoluteMajority(DecisionRule):
    name = "absolute-majority"
    title = "Absolute majority (more than half of all members)"
    description = "More than half of all members vote yes, whoever is present."

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        return 2 * sum(1 for m in e.members if m in yes) > e.size

    def game(self, e: Electorate) -> WeightedGame:
        return count_game(e.members, e.size // 2 + 1)

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame:
        """Abstention counts as not in favour: the same game."""
        return self.game(e)


@register
class WeightedQuota(DecisionRule):
    name = "weighted-quota"
    title = "Weighted quota"
    description = "The weights of the members voting yes reach the body's quota."
    needs = frozenset({"weights"})

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        assert e.quota is not None
        return sum(e.weights[m] for m in e.members if m in yes) >= e.quota

    def game(self, e: Electorate) -> WeightedGame:
        assert e.quota is not None
        negative = [m for m in e.members if e.weights[m] < 0]
        if negative:
            raise RuleNotApplicable(f"weights must be non-negative; negative for {negative[0]}")
        return quota_game(e.members, [e.weights[m] for m in e.members], e.quota)

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame:
        """Only consenting weight counts: the same game."""
        return self.game(e)

    def priority(self, e: Electorate) -> Mapping[str, float]:
        return {m: float(e.weights[m]) for m in e.members}
