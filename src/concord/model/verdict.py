"""Verdicts: adopted, blocked or pending, computed through the rule interface only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import combinations

from concord.model.body import Body
from concord.model.dossier import Dossier, Statement, positions_as_of
from concord.model.errors import ConcordError
from concord.model.rules.base import DecisionRule, Electorate
from concord.model.stance import STANCE_TO_VOTE, Stance, Vote

# Above this many standing against, blockers are found greedily rather than exactly.
_EXACT_BLOCKER_LIMIT = 12


class Status(StrEnum):
    ADOPTED = "adopted"
    BLOCKED = "blocked"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class Reaction:
    """A statement by an actor that is not a member on the date: it has no vote."""

    actor: str
    stance: Stance
    statement: Statement


@dataclass(frozen=True, slots=True)
class Reservation:
    actor: str
    text: str


@dataclass(frozen=True, slots=True)
class Ballot:
    """Members of the electorate sorted by how their position counts for the rule."""

    yes: frozenset[str]
    no: frozenset[str]
    abstain: frozenset[str]
    undecided: frozenset[str]
    by_silence: frozenset[str]


@dataclass(frozen=True, slots=True)
class Verdict:
    proposal: str
    body: str
    rule: str
    as_of: date
    status: Status
    members: tuple[str, ...]
    blockers: tuple[str, ...]
    supporters: tuple[str, ...]
    opposed: tuple[str, ...]
    abstained: tuple[str, ...]
    undecided: tuple[str, ...]
    needed: tuple[str, ...]
    consented_by_silence: tuple[str, ...]
    non_members: tuple[Reaction, ...]
    reservations: tuple[Reservation, ...]
    positions: Mapping[str, Statement]
    after_as_of: tuple[Statement, ...]
    satisfiable: bool
    silence_deadline_passed: bool | None


def _ballot(
    rule: DecisionRule,
    members: tuple[str, ...],
    positions: Mapping[str, Statement],
    silent_consent: bool,
) -> Ballot:
    groups: dict[Vote, set[str]] = {v: set() for v in Vote}
    by_silence: set[str] = set()
    for m in members:
        statement = positions.get(m)
        if statement is None:
            if silent_consent:
                groups[Vote.YES].add(m)
                by_silence.add(m)
            else:
                groups[Vote.UNDECIDED].add(m)
            continue
        vote = STANCE_TO_VOTE[statement.stance]
        if vote is Vote.ABSTAIN and not rule.recognises_abstention:
            vote = Vote.UNDECIDED
        groups[vote].add(m)
    return Ballot(
        yes=frozenset(groups[Vote.YES]),
        no=frozenset(groups[Vote.NO]),
        abstain=frozenset(groups[Vote.ABSTAIN]),
        undecided=frozenset(groups[Vote.UNDECIDED]),
        by_silence=frozenset(by_silence),
    )


# When blocked, ``needed`` is searched once per blocker (it must win one over); at most
# this many blockers, the weightiest, are tried.
_BLOCKER_TRIALS = 8


def _greedy_addition(
    rule: DecisionRule, e: Electorate, ballot: Ballot, order: list[str], forced: tuple[str, ...]
) -> list[str] | None:
    """Win members over in ``order`` after ``forced`` until the rule passes, then prune
    whoever is superfluous (never a forced member). ``None`` if it cannot pass."""
    chosen = list(forced)
    yes = set(ballot.yes) | set(forced)
    if not rule.passes(e, frozenset(yes), ballot.abstain - yes):
        for m in order:
            if m in yes:
                continue
            chosen.append(m)
            yes.add(m)
            if rule.passes(e, frozenset(yes), ballot.abstain - yes):
                break
        else:
            return None
    for m in reversed(chosen[len(forced) : -1]):
        trial = frozenset(yes - {m})
        if rule.passes(e, trial, ballot.abstain - trial):
            yes.discard(m)
            chosen.remove(m)
    return chosen


def smallest_addition(
    rule: DecisionRule, e: Electorate, ballot: Ballot, blockers: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], bool]:
    """A smallest set of members whose consent, added to today's, satisfies the rule.

    Members are won over in order of the rule's priority (population, weight,
    permanent seat); among equals the undecided come before abstainers and
    opponents. When the act is blocked the set includes a blocker, since lifting
    the block is what it takes: each of the weightiest blockers is tried and the
    smallest result kept. Returns the set and whether the rule can be satisfied.
    """
    if rule.passes(e, ballot.yes, ballot.abstain):
        return (), True
    reluctance = {**dict.fromkeys(ballot.undecided, 0), **dict.fromkeys(ballot.abstain, 1)}
    reluctance.update(dict.fromkeys(ballot.no, 2))
    priority = rule.priority(e)
    order = sorted(
        (m for m in e.members if m not in ballot.yes),
        key=lambda m: (-priority[m], m not in blockers, reluctance[m], m),
    )
    trials: list[tuple[str, ...]] = [()]
    if blockers:
        trials = [(b,) for b in [m for m in order if m in blockers][:_BLOCKER_TRIALS]]
    results = [r for r in (_greedy_addition(rule, e, ballot, order, t) for t in trials) if r]
    if not results:
        return tuple(sorted(order)), False
    best = min(results, key=lambda r: (len(r), sorted(r)))
    return tuple(sorted(best)), True


def _fails(rule: DecisionRule, e: Electorate, against: frozenset[str], ballot: Ballot) -> bool:
    """Whether the act fails when only ``against`` keep their objection or abstention."""
    abstain = against & ballot.abstain
    yes = frozenset(e.members) - against
    return not rule.passes(e, yes, abstain)


def _is_critical(rule: DecisionRule, e: Electorate, member: str, ballot: Ballot) -> bool:
    """Whether ``member``'s objection is decisive within some failing set of those against."""
    against = ballot.no | ballot.abstain
    others = sorted(against - {member})
    if len(others) <= _EXACT_BLOCKER_LIMIT:
        for size in range(len(others) + 1):
            for subset in combinations(others, size):
                keep = frozenset(subset)
                if _fails(rule, e, keep | {member}, ballot) and not _fails(rule, e, keep, ballot):
                    return True
        return False
    for order in (others, others[::-1]):
        kept = set(against)
        for other in order:
            if _fails(rule, e, frozenset(kept - {other}), ballot):
                kept.discard(other)
        if not _fails(rule, e, frozenset(kept - {member}), ballot):
            return True
    return False


def evaluate(dossier: Dossier, body: Body, rule: DecisionRule, as_of: date) -> Verdict:
    """The verdict on ``dossier`` before ``body`` under ``rule`` as of ``as_of``."""
    e = rule.electorate(body, as_of)
    if not e.members:
        raise ConcordError(f"{body.id} has no members on {as_of.isoformat()}")
    procedure = dossier.procedure
    silence_passed = procedure.deadline_passed(as_of) if procedure else None
    counted_until = as_of
    if procedure is not None and silence_passed:
        counted_until = min(as_of, procedure.deadline.date())
    pos = positions_as_of(dossier.statements, as_of)
    counted = positions_as_of(dossier.statements, counted_until).latest
    member_set = set(e.members)
    member_positions = {a: s for a, s in counted.items() if a in member_set}
    ballot = _ballot(rule, e.members, member_positions, silent_consent=bool(silence_passed))

    if rule.passes(e, ballot.yes, ballot.abstain):
        status = Status.ADOPTED
    elif rule.passes(e, ballot.yes | ballot.undecided, ballot.abstain):
        status = Status.PENDING
    else:
        status = Status.BLOCKED
    blockers: tuple[str, ...] = ()
    if status is Status.BLOCKED:
        blockers = tuple(sorted(m for m in ballot.no if _is_critical(rule, e, m, ballot)))
    needed, satisfiable = smallest_addition(rule, e, ballot, frozenset(blockers))

    non_members = tuple(
        Reaction(actor=a, stance=s.stance, statement=s)
        for a, s in sorted(pos.latest.items())
        if a not in member_set
    )
    reservations = tuple(
        Reservation(actor=a, text=s.reservation)
        for a, s in sorted(member_positions.items())
        if s.reservation and s.stance is Stance.SUPPORT
    )
    return Verdict(
        proposal=dossier.proposal.id,
        body=body.id,
        rule=rule.name,
        as_of=as_of,
        status=status,
        members=e.members,
        blockers=blockers,
        supporters=tuple(sorted(ballot.yes - ballot.by_silence)),
        opposed=tuple(sorted(ballot.no)),
        abstained=tuple(sorted(ballot.abstain)),
        undecided=tuple(sorted(ballot.undecided)),
        needed=needed,
        consented_by_silence=tuple(sorted(ballot.by_silence)),
        non_members=non_members,
        reservations=reservations,
        positions=member_positions,
        after_as_of=pos.after_as_of,
        satisfiable=satisfiable,
        silence_deadline_passed=silence_passed,
    )
