"""One article through the pipeline: clean, date, split, attribute, resolve, classify, match.

Pure text in, values out: no file access and no catalog here, so it runs the same in a worker
process or on a Dask cluster. Membership is added by the service, which has the catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from concord.ingest.attribution import holders, reporting_chain, speaker_of
from concord.ingest.cleaning import clean
from concord.ingest.dates import DateReading, read_date
from concord.ingest.proposals import KnownProposal, ProposalMatcher, detect_body
from concord.ingest.resolution import ArticleMemory, find_mentions
from concord.ingest.sentences import Sentence, split
from concord.ingest.stance import find_cues
from concord.ingest.text import fold
from concord.model.stance import Stance

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


@dataclass
class Article:
    published: date | None
    date_how: str | None
    warnings: list[str]
    body: str | None
    statements: list[Extracted] = field(default_factory=list)
    dropped_lines: int = 0


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


def _aggregate(cands: list[_Candidate]) -> list[Extracted]:
    """Per actor and proposal the latest stance counts; a conditional refusal stays conditional
    when later sentences only repeat the refusal ("would keep blocking")."""
    groups: dict[tuple[str, str | None], list[_Candidate]] = {}
    for c in cands:
        groups.setdefault((c.actor, c.proposal), []).append(c)
    out: list[Extracted] = []
    for group in groups.values():
        group.sort(key=lambda c: c.position)
        final = group[-1]
        conditional = [c for c in group if c.stance is Stance.CONDITIONAL]
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
            )
        )
    out.sort(key=lambda e: (e.offset, e.actor))
    return out


def analyse(
    raw: str,
    *,
    known: Sequence[KnownProposal] = (),
    body_hint: str | None = None,
    dating: DateReading | None = None,
    today: date | None = None,
) -> Article:
    """Statements proposed from one article's text (``dating`` overrides the dateline)."""
    reading = dating or read_date(raw, today=today)
    cleaned = clean(raw)
    sentences = split(cleaned.lines)
    body_text = "\n".join(line.text for line in cleaned.lines)
    body = body_hint or detect_body(body_text)
    article = Article(
        reading.published, reading.how, list(reading.warnings), body, [], len(cleaned.dropped)
    )
    matcher = ProposalMatcher(known) if known else None
    main = matcher.best(body_text, body) if matcher else None
    if matcher:  # only proposals the article is about compete sentence by sentence
        ranked = matcher.scores(body_text, body)
        top = ranked[0][0] if ranked else 0.0
        matcher = ProposalMatcher([p for s, p in ranked if top and s >= 0.5 * top])
    memory = ArticleMemory(day=reading.published)
    cands: list[_Candidate] = []
    for index, sentence in enumerate(sentences):
        folded = fold(sentence.text)
        low = folded.lower()
        mentions = find_mentions(sentence.text, folded, memory)
        speaker = speaker_of(folded, mentions, memory)
        via = tuple(reporting_chain(folded))
        proposal = main.id if main else None
        if matcher:
            window = " ".join(s.text for s in sentences[max(0, index - 1) : index + 1])
            local = matcher.best(sentence.text, body, floor=2.0) or matcher.best(window, body)
            chosen = local or main
            proposal = chosen.id if chosen else None
        for cue in find_cues(low):
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
                cands.append(
                    _Candidate(
                        actor=actor,
                        stance=stance,
                        speaker=holder.mention.speaker,
                        sentence=sentence,
                        position=sentence.start + cue.start,
                        confidence=confidence,
                        proposal=proposal,
                        via=via,
                        changes=cue.changes,
                    )
                )
        if speaker is not None:
            memory.last_person = speaker if speaker.speaker else memory.last_person
    article.statements = _aggregate(cands)
    return article
