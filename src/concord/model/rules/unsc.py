"""UN Security Council voting (Charter Art. 27).

Nine affirmative votes are needed. On non-procedural matters a permanent member's
negative vote is a veto; its abstention is not (settled practice since 1946).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from concord.analysis.games import Criterion, WeightedGame
from concord.model.rules.base import DecisionRule, Electorate, register


class _SecurityCouncil(DecisionRule):
    needs = frozenset({"permanent"})
    affirmative_votes: ClassVar[int] = 9
    permanent_veto: ClassVar[bool]

    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        if sum(1 for m in e.members if m in yes) < self.affirmative_votes:
            return False
        if not self.permanent_veto:
            return True
        return all(p in yes or p in abstain for p in e.permanent if p in e.members)

    def game(self, e: Electorate) -> WeightedGame:
        criteria = [Criterion((1,) * e.size, self.affirmative_votes)]
        if self.permanent_veto:
            veto = tuple(1 if m in e.permanent else 0 for m in e.members)
            criteria.append(Criterion(veto, sum(veto)))
        return WeightedGame(e.members, tuple(criteria))

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame:
        """An abstaining permanent member does not veto: its concurrence is not needed."""
        criteria = [Criterion((1,) * e.size, self.affirmative_votes)]
        if self.permanent_veto:
            veto = tuple(1 if m in e.permanent and m not in abstain else 0 for m in e.members)
            # An abstainer that consents after all still counts as one affirmative vote.
            criteria.append(Criterion(veto, sum(veto)))
        return WeightedGame(e.members, tuple(criteria))

    def priority(self, e: Electorate) -> Mapping[str, float]:
        return {m: 2.0 if m in e.permanent and self.permanent_veto else 1.0 for m in e.members}


@register
class NonProcedural(_SecurityCouncil):
    name = "non-procedural"
    title = "Non-procedural (9 votes, no permanent member against)"
    description = (
        "Nine affirmative votes including the concurring votes of the permanent members: "
        "a permanent member's negative vote is a veto, its abstention is not."
    )
    permanent_veto = True


@register
class Procedural(_SecurityCouncil):
    name = "procedural"
    title = "Procedural (9 votes)"
    description = "Nine affirmative votes; a permanent member's negative vote is no veto."
    permanent_veto = False
