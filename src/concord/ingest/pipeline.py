"""One article through the pipeline: clean, date, split, attribute, resolve, classify, match.

Pure text in, values out: no file access and no catalog here, so it runs the same in a worker
process or on a Dask cluster. Membership is added by the service, which has the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from concord.ingest.attribution import anyone_to_hold, holders, speaker_of
from concord.ingest.cleaning import clean
from concord.ingest.dates import DateReading, read_date, weigh
from concord.ingest.detection import detect_proposal
from concord.ingest.proposals import KnownProposal, ProposalMatcher, SentenceTopics, detect_body
from concord.ingest.provenance import Hop, chain
from concord.ingest.resolution import ArticleMemory, Mention, find_mentions
from concord.ingest.sentences import Sentence, split
from concord.ingest.stance import find_cues
from concord.ingest.text import fold
from concord.model.stance import Stance

# Retrospective sentences: the story's background, not its news
_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
_BACKGROUND = re.compile(
    rf"(?<!\w)(?:had (?:to|earlier|already|previously|long|once|been)|earlier|previously|"
    rf"formerly|initially|at first|back in|until then|in the past|twice|"
    rf"(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+) times|"
    rf"(?:years?|months?|weeks?) ago|last (?:year|month|week|{_MONTH})|in (?:{_MONTH})\b(?! \d)|"
    rf"in (?:19|20)\d\d|since (?:19|20)\d\d)(?!\w)"
)
_VOTE = re.compile(r"veto|vot|abst")
# a sentence that goes on with the report of the sentence before: "It said ...", "The paper
# added ...", "According to the report, ..."
_REPORT_GOES_ON = re.compile(
    r"\s*(?:(?:it|the (?:report|paper|newspaper|agency|daily|broadcaster|article|outlet|"
    r"station|channel|wire))\s+(?:also\s+)?(?:said|says|reported|reports|added|adds|wrote|"
    r"writes|quoted|quotes|cited|cites)\b|according to (?:the|that|this) (?:report|paper|"
    r"newspaper|agency|article|daily)\b)"
)
_ORGANISATIONS = {"NATO", "EU", "UN", "OSCE", "WTO", "EPP", "AU", "ASEAN", "G7"}


@dataclass(frozen=True)
class Extracted:
    """One proposed statement: who, what stance, through whom, on what evidence."""

    actor: str
    stance: Stance
    speaker: str | None
    evidence: str
    offset: int
    confidence: float
    proposal: str | None
    via: tuple[str, ...] = ()
    changed: bool = False
    proposal_title: str | None = None
    chain: tuple[Hop, ...] = ()  # outermost outlet first, original source last


@dataclass
class Article:
    published: date | None
    date_how: str | None
    warnings: list[str]
    body: str | None
    statements: list[Extracted] = field(default_factory=list)
    dropped_lines: int = 0
    date_sources: dict[str, str] = field(default_factory=dict)  # witness -> the date it gave


@dataclass(frozen=True)
class _Candidate:
    actor: str
    stance: Stance
    speaker: str | None
    sentence: Sentence
    position: int
    confidence: float
    proposal: str | None
    via: tuple[str, ...]
    changes: bool
    proposal_title: str | None = None
    chain: tuple[Hop, ...] = ()
    background: bool = False
    negated: bool = False
    vote: bool = False  # a recorded act: a veto cast, a vote, an abstention


def _aggregate(cands: list[_Candidate]) -> list[Extracted]:
    """Per actor and proposal the latest stance counts, but a later sentence of background
    ("had earlier held it up", "Last May ...") does not override the news unless it marks a
    change ("lifted its objection"); a later denial does not undo a plain earlier stance; a
    conditional refusal stays conditional when later sentences only repeat the refusal ("would
    keep blocking")."""
    groups: dict[tuple[str, str | None], list[_Candidate]] = {}
    for c in cands:
        groups.setdefault((c.actor, c.proposal), []).append(c)
    out: list[Extracted] = []
    for group in groups.values():
        group.sort(key=lambda c: c.position)
        group = _after_change(group)
        final = group[-1]
        news = [c for c in group if not c.background]
        if final.background and not final.changes and news:
            final = news[-1]
        acts = [c for c in news if c.vote and not c.negated and c.position < final.position]
        if final.negated and not final.changes and acts and acts[-1].stance is not final.stance:
            # "used its veto" ... "the vote did not reflect any opposition to statehood": a vote
            # cast stands against a later denial of what it meant
            final = acts[-1]
        conditional = [
            c for c in group
            if c.stance is Stance.CONDITIONAL and (final.background or not c.background)
        ]  # fmt: skip
        if conditional and final.stance is Stance.OPPOSE and not final.changes:
            final = conditional[-1]
        changed = len({c.stance for c in group}) > 1
        same = [c for c in group if c.stance is final.stance]
        if not any(c.changes for c in same):
            final = next((c for c in same if c.speaker), same[0])  # first clear statement
        out.append(
            Extracted(
                actor=final.actor,
                stance=final.stance,
                speaker=final.speaker,
                evidence=final.sentence.text,
                offset=final.sentence.start,
                confidence=round(final.confidence, 2),
                proposal=final.proposal,
                via=final.via,
                changed=changed,
                proposal_title=final.proposal_title,
                chain=final.chain,
            )
        )
    out.sort(key=lambda e: (e.offset, e.actor))
    return out


def _after_change(group: list[_Candidate]) -> list[_Candidate]:
    """A marked change ("lifted its objection") is the news: a later unmarked sentence with
    another stance tells the story of the stance before ("it had blocked the process")."""
    marked = [i for i, c in enumerate(group) if c.changes]
    if not marked:
        return group
    change = group[marked[-1]]
    return group[: marked[-1] + 1] + [
        c for c in group[marked[-1] + 1 :] if c.stance is change.stance
    ]


class _Quotes:
    """Quotation continuing over sentences: "... ," said Wang. "Asia lies beyond ..." is Wang's.

    A sentence inside a quotation, or opening one, in the paragraph of an attributed sentence
    is the same speaker's, unless it names its own speaker.
    """

    def __init__(self) -> None:
        self.open = False
        self.end = 0
        self.who: Mention | None = None

    def speaker(self, raw: str, s: Sentence, folded: str, own: Mention | None) -> Mention | None:
        if "\n" in raw[self.end : s.start]:
            self.open, self.who = False, None
        quoted = self.open or folded.lstrip().startswith('"')
        if folded.count('"') % 2:
            self.open = not self.open
        self.end = s.end
        if own is not None and own.speaker:
            self.who = own
        elif own is None and quoted:
            return self.who
        return own


@cache
def _matcher(known: tuple[KnownProposal, ...]) -> ProposalMatcher:
    return ProposalMatcher(known)


def analyse(
    raw: str,
    *,
    known: Sequence[KnownProposal] = (),
    body_hint: str | None = None,
    dating: DateReading | None = None,
    today: date | None = None,
    witnesses: Sequence[DateReading] = (),
) -> Article:
    """Statements proposed from one article's text.

    ``dating`` overrides the dateline; ``witnesses`` (URL, HTML metadata) are weighed with it.
    """
    dateline = dating or read_date(raw, today=today)
    reading = weigh([*witnesses, dateline]) if witnesses else dateline
    cleaned = clean(raw)
    sentences = split(cleaned.lines)
    body_text = "\n".join(line.text for line in cleaned.lines)
    body = body_hint or detect_body(body_text)
    article = Article(
        reading.published, reading.how, list(reading.warnings), body, [], len(cleaned.dropped)
    )
    for r in [*witnesses, dateline]:
        if r.published and r.how:
            article.date_sources.setdefault(r.how, r.published.isoformat())
    year = reading.year
    in_play = _matcher(tuple(known)).in_play(body_text, body, year) if known else []
    topics = SentenceTopics(in_play) if in_play else None
    detected = None if in_play else detect_proposal(body_text, body, year)
    fallback = [(detected.id, detected.title)] if detected else [(None, None)]
    memory = ArticleMemory(day=reading.published)
    cands: list[_Candidate] = []
    quote = _Quotes()
    last_hops: tuple[Hop, ...] = ()
    for sentence in sentences:
        folded = fold(sentence.text)
        low = folded.lower()
        mentions = find_mentions(sentence.text, folded, memory)
        speaker = quote.speaker(raw, sentence, folded, speaker_of(folded, mentions, memory))
        hops = tuple(chain(folded))
        if hops:
            last_hops = hops
        elif last_hops and _REPORT_GOES_ON.match(low):  # "Kyodo cited the FT. It said ..."
            hops = last_hops
        via = tuple(h.name for h in hops)
        here = topics.of(sentence.text) if topics else []
        background = bool(_BACKGROUND.search(low))
        cues = find_cues(low) if anyone_to_hold(low, mentions, speaker, memory) else []
        for cue in cues:
            if cue.hearsay:
                continue
            for holder in holders(cue, low, mentions, speaker, memory):
                stance = cue.stance
                actor = holder.mention.actor
                if cue.kind == "unclear" and actor not in _ORGANISATIONS:
                    stance = Stance.SUPPORT  # a state confident of a deal wants it
                if (
                    cue.kind == "unclear"
                    and actor in _ORGANISATIONS
                    and cue.stance is not Stance.UNCLEAR
                ):
                    stance = Stance.UNCLEAR
                confidence = 0.85
                if cue.hedged:
                    confidence -= 0.15
                if holder.how in {"speaker", "pronoun"}:
                    confidence -= 0.1
                if via:
                    confidence -= 0.05
                here_for = topics.for_holder(actor) if topics else here
                targets = [(p.id, p.title) for p in here_for] or fallback
                own = topics.own(actor, in_play) if topics and cue.kind == "applicant" else None
                if own is not None:  # a state that seeks to join supports its own bid
                    targets = [(own.id, own.title)]
                for proposal, title in targets:
                    cands.append(
                        _Candidate(
                            actor=actor,
                            stance=stance,
                            speaker=holder.mention.speaker
                            or (speaker.speaker if speaker and speaker.actor == actor else None),
                            sentence=sentence,
                            position=sentence.start + cue.start,
                            confidence=confidence,
                            proposal=proposal,
                            via=via,
                            changes=cue.changes,
                            background=background,
                            proposal_title=title,
                            chain=hops,
                            negated=cue.negated,
                            vote=bool(_VOTE.search(low, cue.start, cue.end)),
                        )
                    )
        if speaker is not None:
            memory.last_person = speaker if speaker.speaker else memory.last_person
    article.statements = _aggregate(cands)
    return article
