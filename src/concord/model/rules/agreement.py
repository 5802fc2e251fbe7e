"""Rules where any single member can stop the act: consensus and unanimity."""

from __future__ import annotations

from concord.analysis.games import Criterion, WeightedGame, count_game
from concord.model.rules.base import DecisionRule, Electorate, register


@register
class Consensus(DecisionRule):
    name = "consensus"
    title = "Consensus (no objection)"
    description = (
        "There is no vote: the act carries when every member consents, and one "
        "objection blocks it. There is no abstention; a neutral member has not yet "
        "let the text pass. Under a silence procedure a silent member consents once "
        "the deadline has passed. Consent with a reservation (a footnote) counts."
    )
    recognises_abstention = False

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        return all(m in yes for m in e.members)

    def game(self, e: Electorate) -> WeightedGame:
        return count_game(e.members, e.size)


@register
class Unanimity(DecisionRule):
    name = "unanimity"
    title = "Unanimity (abstention does not block)"
    description = (
        "Every member voting must vote yes; an abstention does not prevent adoption "
        "(Art. 238(4) TFEU). At least one member must vote yes."
    )

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        return bool(yes) and all(m in yes or m in abstain for m in e.members)

    def game(self, e: Electorate) -> WeightedGame:
        return count_game(e.members, e.size)

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame:
        """Every member not abstaining must consent, and at least one member must."""
        others = tuple(0 if m in abstain else 1 for m in e.members)
        criteria = [Criterion(others, sum(others))]
        if sum(others) == 0:
            criteria = [Criterion((1,) * e.size, 1)]
        return WeightedGame(e.members, tuple(criteria))


@register
class ConstructiveAbstention(DecisionRule):
    name = "constructive-abstention"
    title = "Unanimity with constructive abstention (EU CFSP)"
    description = (
        "Unanimity where abstention does not block (Art. 31(1) TEU), except that the "
        "act falls when the abstainers are at least one third of the members and "
        "represent at least one third of the population."
    )
    needs = frozenset({"population"})

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        if not yes or any(m not in yes and m not in abstain for m in e.members):
            return False
        abstainers = [m for m in e.members if m in abstain]
        abstained_pop = sum(e.population[m] for m in abstainers)
        too_many = 3 * len(abstainers) >= e.size
        too_populous = 3 * abstained_pop >= e.total_population()
        return not (too_many and too_populous)

    def game(self, e: Electorate) -> WeightedGame:
        return count_game(e.members, e.size)
