"""The one decision-rule interface, and the registry every rule joins.

A rule answers three questions (DESIGN.md): who may vote on a date
(:meth:`DecisionRule.electorate`), is a set of consenting members winning
(:meth:`DecisionRule.is_winning`), is a set of objecting members blocking
(:meth:`DecisionRule.is_blocking`). All three reduce to :meth:`DecisionRule.passes`,
the ballot-level test, which is the only method a rule must implement. Verdicts,
power indices and probabilities are computed from this interface alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, TypeVar

from concord.analysis.games import WeightedGame
from concord.model.body import Body
from concord.model.errors import RuleNotApplicable, UnknownRule


@dataclass(frozen=True, slots=True)
class Electorate:
    """Who may vote on a date, with whatever the rule needs to count them."""

    members: tuple[str, ...]
    permanent: frozenset[str] = frozenset()
    population: Mapping[str, int] = field(default_factory=dict)
    weights: Mapping[str, int] = field(default_factory=dict)
    quota: int | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    def total_population(self) -> int:
        return sum(self.population[m] for m in self.members)


class DecisionRule(ABC):
    """A decision rule. Subclasses set the class attributes and implement :meth:`passes`."""

    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    #: False where the rule has no abstention (NATO consensus): a neutral stance is
    #: then neither consent nor objection, so the member stays undecided.
    recognises_abstention: ClassVar[bool] = True
    #: Data the electorate must carry: "population", "weights", "permanent".
    needs: ClassVar[frozenset[str]] = frozenset()

    def electorate(self, body: Body, on: date) -> Electorate:
        """Members of ``body`` on ``on``, with the figures this rule counts."""
        memberships = body.members_on(on)
        codes = tuple(m.code for m in memberships)
        population: Mapping[str, int] = {}
        weights: dict[str, int] = {}
        if "population" in self.needs:
            population = body.population_on(on, codes)
        if "weights" in self.needs:
            for m in memberships:
                if m.weight is None:
                    raise RuleNotApplicable(f"{body.id}: member {m.code} has no weight")
                weights[m.code] = m.weight
            if body.quota is None:
                raise RuleNotApplicable(f"{body.id}: rule {self.name} needs a quota")
        return Electorate(
            members=codes,
            permanent=frozenset(m.code for m in memberships if m.permanent),
            population=population,
            weights=weights,
            quota=body.quota,
        )

    @abstractmethod
    def passes(self, e: Electorate, yes: frozenset[str], abstain: frozenset[str]) -> bool:
        """Whether the act carries when ``yes`` consent, ``abstain`` abstain and every
        other member of the electorate votes no (or objects)."""

    def is_winning(self, e: Electorate, coalition: frozenset[str]) -> bool:
        """The simple game: ``coalition`` consents, everyone else stands against."""
        return self.passes(e, coalition, frozenset())

    def is_blocking(self, e: Electorate, objecting: frozenset[str]) -> bool:
        """Whether ``objecting`` stop the act even if every other member consents."""
        return not self.passes(e, frozenset(e.members) - objecting, frozenset())

    def game(self, e: Electorate) -> WeightedGame | None:
        """The simple game of :meth:`is_winning` as weights and quotas, if it has that form.

        Optional: power indices and forecasts use it for exact fast algorithms and
        otherwise enumerate coalitions through :meth:`is_winning` (small bodies only).
        """
        return None

    def game_given(self, e: Electorate, abstain: frozenset[str]) -> WeightedGame | None:
        """The simple game when the members of ``abstain`` who do not consent abstain
        (rather than stand against): a coalition S wins iff
        ``passes(e, S, abstain - S)``. Optional, like :meth:`game`; forecasts use it for
        members fixed as abstaining. The default covers only an empty ``abstain``."""
        return self.game(e) if not abstain else None

    def priority(self, e: Electorate) -> Mapping[str, float]:
        """How much a member's consent counts; used to find a smallest winning addition.

        The default treats members alike; weighted rules override it so that greedy
        selection by priority yields a smallest set.
        """
        return {m: 1.0 for m in e.members}


RuleT = TypeVar("RuleT", bound=type[DecisionRule])

_REGISTRY: dict[str, DecisionRule] = {}


def register(cls: RuleT) -> RuleT:
    """Class decorator: make a rule available under its ``name``."""
    if cls.name in _REGISTRY:
        raise ValueError(f"rule {cls.name!r} registered twice")
    _REGISTRY[cls.name] = cls()
    return cls


def get_rule(name: str) -> DecisionRule:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownRule(f"unknown rule {name!r}; known rules: {known}") from None


def rule_names() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def all_rules() -> tuple[DecisionRule, ...]:
    return tuple(_REGISTRY[name] for name in rule_names())


RuleFactory = Callable[[], DecisionRule]
