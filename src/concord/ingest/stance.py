"""Stance cues in a sentence: polarity, negation, conditions, hedges, hearsay.

A cue is a word or phrase that carries a stance ("objects", "ratified", "abstained"). Negation
before a cue flips support and opposition ("could not support", "declined to block"); a
condition after a support cue makes it conditional ("will not agree ... until", "if the vote is
to go ahead", "in exchange for"); an oppose cue with a condition stays oppose ("will block ...
if there is a war"). Cues inside hearsay ("reports that", "whether") are not the speaker's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from concord.ingest.lexicon import lexicon
from concord.ingest.text import NUMBER_WORDS, OWN_NOUNS
from concord.model.stance import Stance

_PRIORITY = {
    "lift": 0, "reverse": 0, "applicant": 1, "neutral": 2, "unclear": 3, "oppose": 4, "support": 5,
}  # fmt: skip
_DEMAND = re.compile(r"(?<!\w)(?:had to|has to|have to|must|needs to|need to|wajib|harus)(?!\w)")
# A body that could not decide "after"/"because" someone: the one named is blamed, i.e. opposed
_DEADLOCK = re.compile(
    r"(?<!\w)(?:failed|unable|could not|couldn't|did not manage|were unable|was unable)"
    r"(?: [\w,]+){0,3}? to (?:agree|reach (?:an? )?(?:agreement|consensus|deal|decision)|decide)"
    r"(?!\w)"
)
_MODAL = re.compile(r"(?<!\w)(?:will|would|'ll|shall|threaten(?:s|ed)? to|vow(?:s|ed)? to)(?!\w)")
_TALLY = re.compile(
    rf"(?<!\w)(?:{NUMBER_WORDS})\s+(?:votes?\s+)?"
    r"(?P<what>against|in favou?r|for|abstentions?|abstaining|abstained|no|yes)"
    r"\s*(?=[(:\u2014\u2013]|-\s)"
)
_TALLY_STANCE = {
    "aga": Stance.OPPOSE, "no": Stance.OPPOSE, "in ": Stance.SUPPORT, "for": Stance.SUPPORT,
    "yes": Stance.SUPPORT, "abs": Stance.NEUTRAL,
}  # fmt: skip
# "not the only one reluctant": a comparison, not a negation
_NOT_ONLY = re.compile(r"\bnot (?:the )?(?:only|just|alone)\b")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME_AFTER = re.compile(
    rf"\s+(?:\d|(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\b|(?:next|this|last|"
    rf"early|late|mid)\b|(?:{_MONTHS})\b|(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    rf"sunday|tomorrow|now|then|today)\b)"
)
_LIFTING = re.compile(r"until|unless|tenzij|as long as|in exchange for")
_COMPOUND_PROPOSER = re.compile(  # ... of a text, not "the US-led alliance"
    r"(?<=\w)-(?:drafted|sponsored|backed|led|proposed|authored|written|penned)(?!\w)"
    r"(?=\s+(?:[\w-]+\s+){0,2}(?:text|draft|resolution|proposal|motion|initiative|plan|"
    r"statement|declaration|bid|package|amendment)s?\b)"
)
_OWN_BID = re.compile(rf"(?<=\w )(?:{OWN_NOUNS})s?(?!\w)")
# consent at a price: what a member demands before it agrees
_WANTS_CHANGES = re.compile(
    r"(?<!\w)(?:demand(?:s|ed|ing)?|sought|seeks?|seeking|wants?|wanted|insist(?:s|ed|ing)? on|"
    r"asked for|asks for|pressed for|pushing for|pushed for|holding out for|held out for|"
    r"holds out for)\s+(?:\S+\s+){0,4}?"
    r"(?:guarantees?|changes|amendments|assurances|concessions|exemptions?|carve-outs?|"
    r"opt-outs?|derogations?|safeguards)(?!\w)"
)
_ONLY_IF = re.compile(r"(?<!\w)(?:will|would|could|can|is ready to|was ready to) only(?!\w)")
_WELCOME_NEITHER = re.compile(r"(?<!\w)welcome[sd]? neither(?!\w)")
_AGREEMENT = re.compile(r"(?<!\w)(?:agree|agreement|deal|accord|consensus|sepakat)")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # support, oppose, lift, reverse, neutral, unclear, applicant, demand, deadlock,
    # tally ("two against (Russia, China)"), proposer ("the British-drafted text"), own
    # ("an Israeli bid")
    stance: Stance
    negated: bool = False
    conditional: bool = False
    hedged: bool = False
    hearsay: bool = False

    @property
    def changes(self) -> bool:
        """A lifted objection or withdrawn support is a change of stance: it overrides what
        came before."""
        return self.kind in {"lift", "reverse"}


def _negated(low: str, start: int, since: int = 0) -> bool:
    """Whether a negation stands before the cue at ``start``, after ``since`` (the end of the
    cue before: in 'said "no" to a draft led by the US' the "no" is that cue's, not this)."""
    before = _NOT_ONLY.sub(" ", low[max(since, start - 50) : start])
    words = re.findall(r"[\w']+", before)[-6:]  # "could not for the time being support"
    neg = lexicon().cues["negation"]
    # search the words as a phrase: "declined to", "refused to" are two words
    return bool(neg.search(" ".join(words))) or before.rstrip().endswith("n't")


def _overlaps(a: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(not (a[1] <= s or a[0] >= e) for s, e in taken)


def find_cues(low: str) -> list[Cue]:
    """Cues in a lower-cased, folded sentence, longest and most specific first."""
    cues = lexicon().cues
    found: list[tuple[int, int, str]] = []
    for kind in _PRIORITY:
        for m in cues[kind].finditer(low):
            found.append((m.start(), m.end(), kind))
    for m in _WELCOME_NEITHER.finditer(low):
        found.append((m.start(), m.end(), "oppose"))
    found.sort(key=lambda c: (-(c[1] - c[0]), _PRIORITY[c[2]]))
    tallies = [
        Cue(m.start(), m.end(), "tally", _TALLY_STANCE[m.group("what")[:3]])
        for m in _TALLY.finditer(low)
    ]  # "two against (Russia, China)": the states in the parentheses
    taken: list[tuple[int, int]] = [(c.start, c.end) for c in tallies]
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if not _overlaps((start, end), taken):
            taken.append((start, end))
            chosen.append((start, end, kind))
    chosen.sort()
    hearsay_at = [m.end() for m in cues["hearsay"].finditer(low)]
    conditions = [
        m
        for m in cues["condition"].finditer(low)
        if not (m.group(0) == "until" and _TIME_AFTER.match(low, m.end()))
    ]  # "renewed the sanctions until 31 August" is a term, not a condition
    condition_at = [m.start() for m in conditions]
    # a refusal "until"/"unless" something happens is consent on that condition; a refusal
    # "if there is a war" names when it would refuse, not what would make it consent
    lifting_at = [m.start() for m in conditions if _LIFTING.fullmatch(m.group(0))]
    hedged = bool(cues["hedge"].search(low))
    out: list[Cue] = list(tallies)
    previous_end = 0
    negation = cues["negation"]
    for start, end, kind in chosen:
        # a cue that is itself a negation ("reluctant to back") still negates the next one
        since = previous_end
        previous_end = start if negation.fullmatch(low, start, end) else end
        negated = kind in {"support", "oppose", "lift", "reverse"} and _negated(low, start, since)
        if kind == "oppose" and low[max(0, start - 8) : start] == "against ":
            negated = True  # "warned Budapest against blocking it": against the block
        if negated and kind in {"lift", "reverse"}:
            # "did not lift its veto" keeps the old stance: no change, the opposite cue
            kind = "support" if kind == "reverse" else "oppose"
            negated = False
        if kind == "oppose" and "not" in low[start:end]:
            negated = False  # the cue already contains its negation ("not welcome")
        if kind == "unclear" and "confiden" in low[start:end] and not _AGREEMENT.search(low[end:]):
            continue
        stance = {
            "support": Stance.SUPPORT,
            "oppose": Stance.OPPOSE,
            "lift": Stance.SUPPORT,
            "reverse": Stance.OPPOSE,
            "applicant": Stance.SUPPORT,
            "neutral": Stance.NEUTRAL,
            "unclear": Stance.UNCLEAR,
        }[kind]
        if negated:
            stance = Stance.OPPOSE if stance is Stance.SUPPORT else Stance.SUPPORT
        # "will not agree ... until", "would only sign ... if", "will block it unless": consent
        # on a stated condition; a refusal needs a modal ("blocked it until March" is time)
        conditional = any(c > end for c in condition_at) and (
            kind == "support"
            or (
                kind == "oppose"
                and any(c > end for c in lifting_at)
                and bool(_MODAL.search(low, max(0, start - 30), start))
            )
        )
        if conditional:
            stance = Stance.CONDITIONAL
        out.append(
            Cue(
                start,
                end,
                kind,
                stance,
                negated=negated,
                conditional=conditional,
                hedged=hedged,
                hearsay=any(h <= start for h in hearsay_at),
            )
        )
    for m in _DEADLOCK.finditer(low):
        if not _overlaps((m.start(), m.end()), taken):
            out.append(Cue(m.start(), m.end(), "deadlock", Stance.OPPOSE))
    for m in _COMPOUND_PROPOSER.finditer(low):  # "the British-drafted text"
        if not _overlaps((m.start(), m.end()), taken):
            out.append(Cue(m.start(), m.end(), "proposer", Stance.SUPPORT))
    for m in _OWN_BID.finditer(low):  # "an Israeli bid": whose the bid is (a demonym before)
        if not _overlaps((m.start(), m.end()), taken):
            out.append(Cue(m.start(), m.end(), "own", Stance.SUPPORT))
    for m in _WANTS_CHANGES.finditer(low):  # "Greece demanded guarantees", "sought changes"
        if not _overlaps((m.start(), m.end()), taken):
            out.append(Cue(m.start(), m.end(), "support", Stance.CONDITIONAL, conditional=True))
    for m in _ONLY_IF.finditer(low):  # "Nicosia would only release the file if ..."
        if any(c > m.end() for c in condition_at) and not _overlaps((m.start(), m.end()), taken):
            out.append(Cue(m.start(), m.end(), "support", Stance.CONDITIONAL, conditional=True))
    for m in _DEMAND.finditer(low):
        if any(c > m.end() for c in condition_at) and not _overlaps((m.start(), m.end()), taken):
            out.append(Cue(m.start(), m.end(), "demand", Stance.CONDITIONAL, conditional=True))
    out.sort(key=lambda c: c.start)
    return out
