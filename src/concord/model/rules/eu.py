"""EU Council qualified majority (Art. 16(4) TEU, Art. 238(2) TFEU).

Thresholds are counts of members and shares of the official population of the
year; an abstention counts as not in favour. Under the standard rule a blocking
minority needs at least four members, failing which the majority is deemed
attained: the three largest states cannot block alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from concord.analysis.games import Criterion, WeightedGame
from concord.model.rules.base import DecisionRule, Electorate, register


class _QualifiedMajority(DecisionRule):
    needs = frozenset({"population"})
    member_share: ClassVar[int]  # percent of members
    population_share: ClassVar[int] = 65
    min_members: ClassVar[int] = 0
    min_blocking_minority: ClassVar[int] = 0

    def members_needed(self, n: int) -> int:
        """The smallest count of members that reaches the member threshold."""
        return max(self.min_members, -(-self.member_share * n // 100))

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        in_favour = [m for m in e.members if m in yes]
        if len(in_favour) < self.members_needed(e.size):
            return False
        if e.size - len(in_favour) < self.min_blocking_minority:
            return True
        favour_pop = sum(e.population[m] for m in in_favour)
        return 100 * favour_pop >= self.population_share * e.total_population()

    def game(self, e: Electorate) -> WeightedGame:
        population = tuple(e.population[m] for m in e.members)
        pop_quota = -(-self.population_share * sum(population) // 100)
        return WeightedGame(
            e.members,
            (
                Criterion((1,) * e.size, self.members_needed(e.size)),
                Criterion(population, pop_quota, waivable=True),
            ),
            min_blocking=self.min_blocking_minority,
        )

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame:
        """Abstention counts as not in favour: the same game."""
        return self.game(e)

    def priority(self, e: Electorate) -> Mapping[str, float]:
        return {m: float(e.population[m]) for m in e.members}


@register
class QualifiedMajority(_QualifiedMajority):
    name = "qmv"
    title = "Qualified majority (55 % of members, 65 % of population)"
    description = (
        "At least 55 % of the members, at least 15 of them, representing at least 65 % "
        "of the population (official figures of the year); abstention counts as not in "
        "favour; a blocking minority must include at least four members."
    )
    member_share = 55
    min_members = 15
    min_blocking_minority = 4


@register
class ReinforcedQualifiedMajority(_QualifiedMajority):
    name = "qmv-reinforced"
    title = "Reinforced qualified majority (72 % of members, 65 % of population)"
    description = (
        "When the Council does not act on a Commission proposal: at least 72 % of the "
        "members representing at least 65 % of the population; abstention counts as "
        "not in favour."
    )
    member_share = 72
