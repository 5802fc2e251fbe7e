"""The stance vocabulary and how stances map to votes."""

from __future__ import annotations

from enum import StrEnum


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    CONDITIONAL = "conditional"
    NEUTRAL = "neutral"
    UNCLEAR = "unclear"


class Vote(StrEnum):
    """What a position means for a rule: consent, objection, abstention or nothing yet."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    UNDECIDED = "undecided"


STANCE_TO_VOTE: dict[Stance, Vote] = {
    Stance.SUPPORT: Vote.YES,
    Stance.OPPOSE: Vote.NO,
    Stance.NEUTRAL: Vote.ABSTAIN,
    Stance.CONDITIONAL: Vote.UNDECIDED,
    Stance.UNCLEAR: Vote.UNDECIDED,
}

# When one actor makes conflicting statements on the same day, the most
# restrictive one stands: an objection on the record is never hidden by a
# same-day statement listed after it. This keeps verdicts independent of order.
SAME_DAY_PRECEDENCE: dict[Stance, int] = {
    Stance.OPPOSE: 4,
    Stance.CONDITIONAL: 3,
    Stance.UNCLEAR: 2,
    Stance.NEUTRAL: 1,
    Stance.SUPPORT: 0,
}
