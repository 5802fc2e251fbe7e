"""Simple games given by weights and quotas: the form the fast exact paths work on.

A rule that can describe itself this way (:meth:`DecisionRule.game`) gets generating-
function and meet-in-the-middle algorithms instead of coalition enumeration. One form
covers every built-in rule: a conjunction of weighted quotas (members × population for
EU QMV, permanent members + nine votes for the UNSC, one quota for weighted and
majority rules, everyone for consensus) with an optional clause that deems some
criteria met when fewer than ``min_blocking`` players stand against (QMV's "a blocking
minority must include at least four members").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Criterion:
    """The coalition's total of ``weights`` must reach ``quota``."""

    weights: tuple[int, ...]
    quota: int
    #: Deemed met when fewer than :attr:`WeightedGame.min_blocking` players are outside.
    waivable: bool = False

    @property
    def total(self) -> int:
        return sum(self.weights)


@dataclass(frozen=True, slots=True)
class WeightedGame:
    """A monotone simple game: a coalition wins when it meets every criterion."""

    players: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    min_blocking: int = 0

    def __post_init__(self) -> None:
        n = len(self.players)
        if not self.criteria:
            raise ValueError("a weighted game needs at least one criterion")
        for c in self.criteria:
            if len(c.weights) != n:
                raise ValueError("every criterion needs one weight per player")
            if any(w < 0 for w in c.weights):
                raise ValueError("weights must be non-negative integers")

    @property
    def n(self) -> int:
        return len(self.players)

    def wins_totals(self, size: int, totals: Sequence[int]) -> bool:
        """Whether a coalition of ``size`` players with these criterion totals wins."""
        waived = self.n - size < self.min_blocking
        return all(
            t >= c.quota or (c.waivable and waived)
            for c, t in zip(self.criteria, totals, strict=True)
        )

    def is_winning(self, coalition: Iterable[int]) -> bool:
        """``coalition`` is a set of player indices."""
        members = set(coalition)
        totals = [sum(c.weights[i] for i in members) for c in self.criteria]
        return self.wins_totals(len(members), totals)

    def single_quota(self) -> Criterion | None:
        """The one criterion when the game is a plain weighted-quota game."""
        if len(self.criteria) == 1 and not (self.criteria[0].waivable and self.min_blocking > 0):
            return self.criteria[0]
        return None


def quota_game(players: tuple[str, ...], weights: Sequence[int], quota: int) -> WeightedGame:
    return WeightedGame(players, (Criterion(tuple(weights), quota),))


def count_game(players: tuple[str, ...], quota: int) -> WeightedGame:
    """Every player has weight one: ``quota`` players must consent."""
    return quota_game(players, [1] * len(players), quota)
