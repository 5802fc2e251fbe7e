"""Who holds a stance: the agent of the cue, the speaker of the sentence, or the last speaker.

Order of evidence for one cue: the agent of a passive ("ratified by the Turkish parliament");
the nearest actor before the cue with the actors coordinated with it ("France, Germany and
Belgium kept arguing"); a possessor of a stance noun ("Turkey's approval"); the sentence's
speaker ("..., said Chinese Foreign Ministry spokesman Wang Wenbin", "according to X",
"X told"); a pronoun subject resolved to the article's last speaker ("he said"). Chains of
reporting ("Kyodo, citing the FT, said") are read by ``provenance``: outlets are never holders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from concord.ingest.lexicon import lexicon
from concord.ingest.resolution import ArticleMemory, Mention
from concord.ingest.stance import Cue
from concord.ingest.text import NUMBER_WORDS

# A sentence opened by a singular person pronoun speaks for the article's last speaker; "we"/"I"
# do only inside that speaker's own quotation. "They"/"it" name someone else (countries of a
# region, a parliament): never the speaker's stance.
_PERSON_SUBJECT = re.compile(
    r"^\W*(?:(?:however|but|and|yet|still|then|later|meanwhile|instead|nevertheless|namun|"
    r"tetapi|mais|cependant|maar|echter),?\s+)?(?:he|she|ia|il|elle|hij)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"(?<!\w)(?:we|i|our|my|kami|nous|je|wij|ik)(?!\w)")
_OTHER_SUBJECT = re.compile(r"^\W*(?:they|it|mereka|ils|elles|zij)\b(?!\s+(?:is|was|'s)\b)")
_PRONOUN_SPEAKER = re.compile(
    r"(?<!\w)(?:he|she|ia|il|elle|hij)\s+(?:\w+\s+)?(?:said|says|added|told|wrote|"
    r"argued|stressed|noted|warned|insisted|repeated|declared|continued)",
    re.I,
)
# "Rutte must agree", "parliaments had to ratify": what is asked of the subject, not its stance
_OBLIGED = re.compile(
    r"(?<!\w)(?:must|has to|have to|had to|needs? to|needed to|should|ought to|harus|wajib|"
    r"doit|doivent|moet|moeten|(?:pressure|pressured|pressed|calls|called|urged|urging|asked|"
    r"demands?|appeals?|appealed)\s+(?:on\s+\w+\s+)?to)\s+(?:\w+\s+)?$"
)  # "Cyprus resisted pressure to sign off": what it is pushed to do is not its stance
_WE = re.compile(r"(?<!\w)(?:we|kami|kita|nous|wij)\s+(?:\w+\s+)?(?:must|have to|need to|should|"
                 r"harus|wajib|devons|moeten)(?!\w)")  # fmt: skip
# The agent of a passive, also after a participle of a stance noun ("a veto imposed today in
# Vienna by Russia"); never across a comma.
_BY_AGENT = re.compile(
    r"^\s+(?:(?:\w+\s+)?|(?:[a-z]+ed|cast|put|set|made|given|taken|held|laid|lodged)\s+"
    r"(?:[\w'-]+\s+){0,3}?)by\s"
)
# Subjects that name other parties, not the speaker: "only one country had opposed it"
_THIRD_PARTY = re.compile(
    r"(?<!\w)(?:countries|country|members|member states|states|allies|nations|capitals|"
    r"delegations|others|partners|governments|negara|pays|landen)(?!\w)"
)
_CLAUSE_START = re.compile(
    r"[,;:\"(]|(?<!\w)(?:said|says|told|added|stated|that|who|which|because|while)(?!\w)"
)
_CAUSE = re.compile(
    r"(?<!\w)(?:after|because(?: of)?|as|since|due to|owing to|when|karena|setelah|parce que|"
    r"omdat)\s+(?:the\s+)?$"
)
_COORD = re.compile(
    r"^\s*(?:,|and|or|nor|as well as|dan|et|en)\s*(?:,\s*)?"
    r"(?:(?!(?:with|without|by|from|to|for|in|on|at|against|of)\s)[a-z]+\s+)?$"
)  # "France, Germany and also Belgium", not "talks with Ukraine, with Orban leaving"
_CLAUSE_BREAK = re.compile(
    r"[;:]|, while |, whereas | whereas |, but | and the \d+ | and the other "
)

# "X had held it up, but then approved it": the clause after "but" has no subject of its own
_ELIDED_SUBJECT = re.compile(
    r", but (?:(?:then|later|eventually|finally|quickly|soon|since|now|also|has|have|had|would|"
    r"will|did)\s+){0,3}$"
)

# a group defined by its stance, whose members are listed after it
_COLLECTIVE = re.compile(
    r"(?:countries|states|members|nations|governments|negara|anggota|pays|landen|lidstaten)\s+"
    r"(?:that|which|who|yang|qui|die)\s+(?:[\w-]+\s+){0,2}$"
)
_NAMED_THEN = re.compile(r"\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3},\s+(?:the\s+|a\s+)?")
_JOINED = re.compile(r"\bjoin(?:s|ed|ing)?\s+(?:the\s+)?$")
_ALONG = re.compile(
    r"(?:\s+[\w-]+){0,3}?,?\s+(?:along with|together with|alongside|as did|nor did|and so did|"
    r"joined by|as well as)"
    r"\s+(?:the\s+)?"
)
_COUNTED = re.compile(
    rf"(?:{NUMBER_WORDS}|several|other|remaining)\s+(?:other\s+)?"
    r"(?:countries|states|members|nations|governments)"
    r"\s+$"
)
_COLON = re.compile(r"\s*[:\u2014\u2013]\s")
_INVERTED = re.compile(r"\s*(?:were|was|are|:)\s")
_LIST_INTRO = re.compile(
    r"(?:\b(?:included|include|includes|including|were|are|namely|mencakup|termasuk|yaitu|"
    r"adalah|sont|zijn)\b|:)"
)


@dataclass(frozen=True)
class Holder:
    mention: Mention
    how: str  # passive, subject, possessor, speaker, pronoun, cause


def _chain(mentions: list[Mention], anchor: Mention, low: str, backwards: bool) -> list[Mention]:
    """The anchor and the actors coordinated with it ("France, Germany and Belgium").

    Backwards, a bare comma joins only a list already closed by a conjunction, or inside
    parentheses: in "kata Orbán, Rutte harus ..." or "by Belarus, Estonia's bid" the comma
    ends a clause.
    """
    out = [anchor]
    ordered = sorted(mentions, key=lambda m: m.start, reverse=backwards)
    current = anchor
    # inside parentheses a bare comma lists: "three states (China, Venezuela, Angola)"
    conjunction = low.rfind("(", 0, anchor.start) > low.rfind(")", 0, anchor.start)
    for m in ordered:
        if (backwards and m.end > current.start) or (not backwards and m.start < current.end):
            continue
        gap = low[m.end : current.start] if backwards else low[current.end : m.start]
        gap = re.sub(r"^'s?", "", gap)
        bare_comma = gap.strip() == ","
        if backwards and (m.passive_agent and not anchor.passive_agent):
            break  # "vetoed by Russia, Estonia's bid ...": an agent of another clause
        if (
            _COORD.match(gap)
            and not m.excluded
            and not (backwards and bare_comma and not conjunction)
        ):
            out.append(m)
            current = m
            conjunction = conjunction or not bare_comma
        else:
            break
    return out


def speaker_of(folded: str, mentions: list[Mention], memory: ArticleMemory) -> Mention | None:
    """The person or organ the sentence is attributed to, if any."""
    speech = lexicon().cues["speech"]
    low = folded.lower()
    for m in speech.finditer(low):
        before = [x for x in mentions if x.end <= m.start() and m.start() - x.end <= 60]
        after = [x for x in mentions if x.start >= m.end() and x.start - m.end() <= 40]
        for cand in sorted(before, key=lambda x: -x.end):
            if not cand.excluded and (cand.speaker or cand.kind in {"demonym", "metonym", "name"}):
                between = low[cand.end : m.start()]
                if "," not in between or cand.speaker:
                    return cand
        for cand in sorted(after, key=lambda x: x.start):
            if not cand.excluded and cand.speaker:
                return cand
            # '"...," said Jan Novak, Czech Europe minister': the person's state, named after
            if (
                not cand.excluded
                and cand.kind == "demonym"
                and _NAMED_THEN.fullmatch(folded[m.end() : cand.start])
            ):
                return cand
    acc = re.search(r"(?:according to|menurut)\s", low)
    if acc:
        for cand in mentions:
            if cand.start >= acc.end() and not cand.excluded and cand.start - acc.end() < 40:
                return cand
    if _PRONOUN_SPEAKER.search(folded) and memory.last_person is not None:
        return memory.last_person
    return None


def anyone_to_hold(
    low: str, mentions: list[Mention], speaker: Mention | None, memory: ArticleMemory
) -> bool:
    """Whether a stance in this sentence could have a holder at all (else its cues need not be
    looked for): a usable mention, a speaker, or a pronoun for the last person named."""
    return (
        speaker is not None
        or any(not m.excluded for m in mentions)
        or (memory.last_person is not None and bool(_PERSON_SUBJECT.match(low)))
    )


def holders(
    cue: Cue,
    low: str,
    mentions: list[Mention],
    speaker: Mention | None,
    memory: ArticleMemory,
) -> list[Holder]:
    """The actors that hold the stance expressed by ``cue``."""
    usable = [m for m in mentions if not m.excluded]
    if cue.kind == "tally":  # "four abstentions (India, Brazil, ...)" or "...: India, Brazil"
        bracket = low[cue.end :].lstrip().startswith("(")
        close = low.find(")" if bracket else ";", cue.end)
        inside = [m for m in usable if cue.end <= m.start and (close < 0 or m.end <= close)]
        return [Holder(m, "tally") for m in inside]
    if _COUNTED.search(low, max(0, cue.start - 40), cue.start) and _COLON.match(low, cue.end):
        # "Five countries voted against: France, Poland and Austria"
        return [Holder(m, "listed") for m in usable if m.start >= cue.end]
    inverted = _INVERTED.match(low, cue.end)
    if inverted and not low[: cue.start].strip(" \"'") and _starts_list(usable, inverted.end()):
        # "Abstaining were China, Russia and India", "Voting against: Hungary and Poland"
        return [Holder(m, "listed") for m in usable if m.start >= cue.end]
    if _COLLECTIVE.search(low, max(0, cue.start - 60), cue.start):
        # "the 14 countries that backed it included France, Britain, ...": the list holds it
        intro = _LIST_INTRO.search(low, cue.end)
        if intro:
            return [Holder(m, "listed") for m in usable if m.start >= intro.end()]
    if cue.kind == "proposer":  # "the British-drafted text": the actor joined to the cue
        return [Holder(m, "proposer") for m in usable if m.end == cue.start]
    adjective = [m for m in usable if m.kind == "demonym" and m.end == cue.start - 1]
    if adjective and cue.kind in {"support", "oppose", "neutral"}:
        return [Holder(adjective[0], "adjective")]  # "the German abstention", "a French veto"
    if cue.kind == "own":  # "an Israeli bid", "the French proposal": the demonym's own
        # (not "Sweden's application": a possessive names the bid more than it reports it)
        own = [m for m in usable if m.kind == "demonym" and m.end == cue.start - 1]
        return [Holder(m, "own") for m in own]
    after = low[cue.end : cue.end + 48]
    if _BY_AGENT.match(after):  # "a compromise put forward by Finland": whatever the subject
        passive = [m for m in usable if m.passive_agent and m.start >= cue.end]
        if passive:
            first = min(passive, key=lambda m: m.start)
            return [Holder(m, "passive") for m in _chain(usable, first, low, backwards=False)]
    if _OTHER_SUBJECT.match(low) and not any(m.agent for m in usable if m.end <= cue.start):
        return []  # "They oppose ...": a third party's stance, reported
    if cue.kind == "demand":
        return [Holder(speaker, "speaker")] if speaker else []
    if cue.kind == "deadlock":  # "failed to agree ..., after Greece said ...": Greece
        for m in sorted(usable, key=lambda m: m.start):
            if m.start >= cue.end and _CAUSE.search(low[cue.end : m.start]):
                chain = _chain(usable, replace(m, agent=True), low, backwards=False)
                return [Holder(x, "cause") for x in chain]
        return []
    if cue.kind in {"support", "oppose"} and _OBLIGED.search(
        low[max(0, cue.start - 30) : cue.start]
    ):
        return [Holder(speaker, "speaker")] if speaker and _WE.search(low[: cue.start]) else []
    for m in sorted(usable, key=lambda m: -m.end):
        if m.end > cue.start:
            continue
        gap = low[m.end : cue.start]
        if _CLAUSE_BREAK.search(gap) and not _ELIDED_SUBJECT.search(gap):
            break
        if m.possessive and re.fullmatch(r"'s?\s+(?:[a-z]+\s+)?", gap):
            return [Holder(x, "possessor") for x in _chain(usable, m, low, backwards=True)]
        if not m.agent:
            continue
        subjects = [Holder(x, "subject") for x in _chain(usable, m, low, backwards=True)]
        joined = _JOINED.search(low, max(0, m.start - 30), m.start)
        if joined and low[m.end : cue.start].strip() == "in":  # "Italy joined Hungary in opposing"
            before = [x for x in usable if x.end <= joined.start() and x.agent]
            if before:
                subjects.append(Holder(max(before, key=lambda x: x.end), "subject"))
        if re.search(r"\b(?:that|which|who)\b", gap):  # "one of the members that can veto"
            return subjects
        return subjects + _companions(usable, cue, low)
    if _THIRD_PARTY.search(_clause_to(low, cue.start)):
        return []  # "He said only one country had opposed it": someone else's stance, reported
    if speaker is not None:
        return [Holder(speaker, "speaker")]
    if _PERSON_SUBJECT.match(low) and memory.last_person is not None:
        return [Holder(memory.last_person, "pronoun")]
    return []


def _starts_list(usable: list[Mention], at: int) -> bool:
    return any(at <= m.start <= at + 4 for m in usable)


def _companions(usable: list[Mention], cue: Cue, low: str) -> list[Holder]:
    """Who the text joins to the subject after the verb: "Germany abstained along with China
    and India", "France objected, as did Belgium"."""
    along = _ALONG.match(low, cue.end)
    if along is None:
        return []
    first = next((m for m in usable if m.start == along.end()), None)
    if first is None:
        return []
    return [Holder(x, "companion") for x in _chain(usable, first, low, backwards=False)]


def _clause_to(low: str, at: int) -> str:
    """The text of the clause that ends at ``at`` (after the last break or speech verb)."""
    head = low[:at]
    cut = max((m.end() for m in _CLAUSE_START.finditer(head)), default=0)
    return head[cut:]


def own_voice(low: str) -> bool:
    """Whether a quoted sentence speaks in the first person ("we will not allow")."""
    return bool(_FIRST_PERSON.search(low))
