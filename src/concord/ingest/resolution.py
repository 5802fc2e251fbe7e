"""Find actor mentions in a sentence and resolve them to states or organisations.

Sources of resolution, in order: the dated gazetteer of officials; "<demonym> <title> <Name>"
(which also teaches the article that <Name> speaks for that state); country names, capitals
and metonyms (Kremlin, Élysée, White House, Brussels for the EU); roles of organisations
("NATO Secretary General"). Opposition MPs, former office-holders and analysts are marked
as not speaking for their state. Mentions after a preposition are not agents ("an office
in Japan"), except after "by" (the agent of a passive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from concord.ingest.lexicon import Lexicon, Official, lexicon
from concord.ingest.provenance import outlet_spans, qualifies_outlet
from concord.ingest.text import OWN_NOUNS, fold

_PREPOSITIONS = {
    "in", "to", "of", "with", "for", "from", "on", "at", "into", "over", "about", "against",
    "toward", "towards", "between", "across", "beyond", "within", "without", "under", "among",
    "amid", "than", "like", "kepada", "dengan", "di", "ke", "dari", "tentang", "untuk",
    "melawan", "de", "du", "des", "en", "au", "aux", "van", "met", "naar", "voor", "tegen",
    "including", "told", "urged", "asked", "informed", "convince", "persuade", "visit",
    "visiting", "toured", "tours", "help", "helping", "give", "giving",
    # the object of a directive verb is asked to take a stance; it does not hold one
    "urges", "urging", "asks", "asking", "tells", "telling", "convinced", "convincing",
    "persuaded", "persuading", "pressed", "presses", "pressing", "pressured", "pressuring",
    "pushed", "pushing", "encouraged", "encourages", "encouraging", "lobbied", "lobbying",
    "implored", "begged", "warned", "warning", "warns", "invited", "inviting", "invites",
}  # fmt: skip
_INSTITUTIONS = re.compile(
    r"^'s?\s+(?:own\s+)?(?:parliament|government|foreign ministry|ministry|president|prime "
    r"minister|leadership|officials?|delegation|ambassador|envoy|foreign minister|cabinet|"
    r"authorities|chancellor|leader|spokes(?:man|woman|person)|decision|conduct|position|move|"
    r"stance|representatives?)\b"
)
_NON_AGENT_NOUNS = re.compile(
    r"^\s+(?:television|tv|media|press|newspaper|radio|news agency|public broadcaster|"
    r"community|minority|language|forces|troops|personnel|funds|democracy|politicians|pilots|"
    r"regions?|territory|airspace|people|citizens|economy|law|border|soil|counterpart|"
    r"friction|hopes|national)\b",
    re.I,
)
_EXCEPT = re.compile(
    r"(?<!\w)(?:except(?: for)?|excluding|apart from|other than|save for|kecuali|sauf|"
    r"hormis|behalve|uitgezonderd)(?!\w)"
)
# "their opposition to Estonia's bid" is a stance, not the opposition party
_STANCE_NOUN_AFTER = re.compile(r"\s+(?:to|against)\b")
_PREV_WORD = re.compile(r"([\w']+)\W*$")
_BEFORE_ARTICLE = re.compile(r"([\w']+)\s+(?:the|a|an)\s*$")
_APPOSITION = re.compile(r",\s*(?:the\s+)?")
# a person who serves an actor speaks for it: "Shaaban, an aide to President Assad, said"
# (an ambassador *to* a state is another state's)
_SERVES = re.compile(
    r"\b(?:(?:aide|adviser|advisor|counsell?or)s?\s+(?:to|of|for)|(?:spokes(?:man|woman|person)|"
    r"envoy|ambassador|representative|delegate)s?\s+(?:of|for))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# An organisation that holds something of its own: "the European Union's joint candidate"
_ORG_VOICE = re.compile(r"'s?\s")
_TITLE_WORD = r"[\w'.-]+"
_PERSON = r"[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}"
_AFTER_DEMONYM_TITLE = re.compile(
    rf"^\s+((?:{_TITLE_WORD}\s+){{0,5}}?)(?:[Mm]inister|[Pp]resident|[Cc]hancellor|[Ss]ecretary|"
    rf"[Ss]pokes(?:man|woman|person)|[Aa]mbassador|[Ee]nvoy|[Pp]remier|[Ll]eader|[Kk]ing|"
    rf"[Qq]ueen|[Cc]ommissioner)(?:\s+(?:{_TITLE_WORD}\s+){{0,4}}?)?\s*,?\s+(?P<person>{_PERSON})"
)
_INDONESIAN_TITLE = re.compile(rf"(?P<person>{_PERSON}),\s+(?:Perdana Menteri|Presiden|Menteri"
                               rf"(?:\s+Luar Negeri)?)\s+(?P<country>[A-Z]\w+)")  # fmt: skip


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    kind: str  # official, person, name, demonym, metonym, role, learned
    speaker: str | None = None
    agent: bool = True
    passive_agent: bool = False
    possessive: bool = False
    excluded: bool = False  # opposition MP, former office-holder: not the state


@dataclass
class ArticleMemory:
    """What the article has taught us: surnames that speak for an actor, the last speaker."""

    day: date | None
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # surname -> (actor, name)
    last_person: Mention | None = None
    officials: set[str] = field(default_factory=set)  # names of officials resolved so far


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 40), start)  # a bounded window: no prefix scan
    return m.group(1).lower() if m else ""


def _named_actors(lex: Lexicon, text: str) -> set[str]:
    return {lex.by_form[form].actor for _, _, form in lex.name_forms.finditer(text)}


def _one_actor(
    lex: Lexicon, dated: list[Official], sentence: str, before: str, memory: ArticleMemory
) -> list[Official]:
    """Officials of one actor among same-day namesakes of several, or none: never a guess.

    A full name in the sentence or earlier in the article decides ("Prime Minister Ulf
    Kristersson ... Kristersson said"); else a state named just before the form ("Swedish
    Prime Minister Kristersson"); else the form stays unresolved.
    """
    named = [o for o in dated if fold(o.name) in sentence or o.name in memory.officials]
    if len({o.actor for o in named}) == 1:
        return named
    near = _named_actors(lex, before) & {o.actor for o in dated}
    if len(near) == 1:
        return [o for o in dated if o.actor in near]
    return []


def _official(
    lex: Lexicon, form: str, day: date | None, sentence: str, start: int, memory: ArticleMemory
) -> tuple[str, str] | None:
    dated = [o for o in lex.officials_by_form.get(form, ()) if o.in_office(day)]
    if len({o.actor for o in dated}) > 1:
        dated = _one_actor(lex, dated, sentence, sentence[max(0, start - 40) : start], memory)
    if not dated:
        return None
    if len(dated) > 1:
        low = sentence[max(0, start - 60) : start + len(form)].lower()
        dated.sort(key=lambda o: (o.role.lower().split()[-1] not in low, -o.start.toordinal()))
    return dated[0].actor, dated[0].name


_COMPOUND_AFTER = re.compile(r"-[a-z]")
_NAME_EN = re.compile(r"[A-Z][\w'-]+ en $")
_OWN_NOUN = re.compile(  # what the state puts forward, or a stance noun it owns
    rf" (?:{OWN_NOUNS}|abstention|veto|vetoes|objection|opposition|support|approval|refusal|"
    r"reservations|blockade|position|stance|decision)s?\b"
)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:\w+ly\s+)?[a-z]+ing\b")
_MEMBER_AFTER = re.compile(
    r"\s+(?:MPs?|lawmakers?|deputy|deputies|opposition|legislators?|politicians?)\b"
)


def find_mentions(text: str, folded: str, memory: ArticleMemory) -> list[Mention]:
    """All actor mentions in one sentence (``folded`` is ``text`` folded, same offsets)."""
    lex = lexicon()
    spans: list[Mention] = []
    taken: list[tuple[int, int]] = outlet_spans(folded)  # "France 24" is no mention of France

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(m: Mention) -> None:
        spans.append(m)
        taken.append((m.start, m.end))

    for m in _INDONESIAN_TITLE.finditer(folded):
        entry = lex.by_form.get(m.group("country"))
        if entry and entry.kind == "name":
            add(Mention(m.start(), m.end(), entry.actor, "person", speaker=m.group("person")))
            memory.people[m.group("person").split()[-1]] = (entry.actor, m.group("person"))
    for start, end, form in lex.official_forms.finditer(folded):
        if not free(start, end):
            continue
        learned = memory.people.get(form.split()[-1])
        if learned and form in fold(learned[1]):  # the article said whom this name speaks for
            add(_classify(text, folded, start, end, learned[0], "learned", learned[1], lex))
            continue
        found = _official(lex, form, memory.day, folded, start, memory)
        if found:
            # "a Fidesz MP": a member of the governing party, not the party acting as a body
            member = bool(_MEMBER_AFTER.match(folded, end))
            add(Mention(start, end, found[0], "official", speaker=found[1], excluded=member))
            memory.officials.add(found[1])
    for name_start, end, form in lex.name_forms.finditer(folded):
        if not free(name_start, end):
            continue
        entry = lex.by_form[form]
        speaker = None
        kind = entry.kind
        if entry.kind in {"demonym", "name", "role", "org"}:
            t = _AFTER_DEMONYM_TITLE.match(folded[end:])
            if t and (entry.kind == "demonym" or entry.kind in {"org", "role"}):
                speaker = t.group("person").rstrip(".")
                end = end + t.end()
                kind = "person"
                memory.people[speaker.split()[-1]] = (entry.actor, speaker)
            elif entry.kind == "org" and not _ORG_VOICE.match(folded, end):
                continue  # "NATO" alone is the forum, not a voice in it
        if entry.kind == "demonym" and kind == "demonym" and _NON_AGENT_NOUNS.match(folded[end:]):
            continue
        if kind != "person" and qualifies_outlet(folded, end):
            continue  # "China's Xinhua", "Russian news agency TASS": the outlet, not the state
        add(_classify(text, folded, name_start, end, entry.actor, kind, speaker, lex))
    for surname, (actor, name) in memory.people.items():
        for m in re.finditer(rf"(?<![\w]){re.escape(surname)}(?![\w])", folded):
            if free(m.start(), m.end()):
                add(_classify(text, folded, m.start(), m.end(), actor, "learned", name, lex))
    spans.sort(key=lambda s: s.start)
    spans = _appositions(folded, spans, memory)
    spans = _ethnic_groups(folded, spans)
    for s in spans:
        if s.speaker and s.agent and not s.excluded:
            memory.last_person = s
    return spans


def _ethnic_groups(folded: str, spans: list[Mention]) -> list[Mention]:
    """Two demonyms in a row name a community, not a state: "Bosnian Serb leaders", "Turkish
    Cypriot officials" speak for neither Bosnia, Serbia, Turkey nor Cyprus."""
    out = list(spans)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind == b.kind == "demonym" and folded[a.end : b.start] in (" ", "-"):
            out[i] = replace(a, excluded=True)
            out[i + 1] = replace(b, excluded=True)
    return out


def _appositions(folded: str, spans: list[Mention], memory: ArticleMemory) -> list[Mention]:
    """A name followed by an organisation's role speaks for that organisation, whatever office
    the gazetteer knows the name from: "Charles Michel, President of the European Council,"."""
    out: list[Mention] = []
    for i, s in enumerate(spans):
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        name = s.speaker
        if (
            name is not None
            and nxt is not None
            and nxt.kind == "role"
            and nxt.actor != s.actor
            and _APPOSITION.fullmatch(folded[s.end : nxt.start])
        ):
            s = replace(s, actor=nxt.actor, kind="person")
            memory.people[name.split()[-1]] = (nxt.actor, name)
        out.append(s)
    return out


def _classify(
    text: str,
    folded: str,
    start: int,
    end: int,
    actor: str,
    kind: str,
    speaker: str | None,
    lex: Lexicon,
) -> Mention:
    prev = _prev_word(folded, start)
    before_article = _BEFORE_ARTICLE.search(folded, max(0, start - 40), start)
    by_agent = prev == "by" or bool(before_article and before_article.group(1).lower() == "by")
    cues = lex.cues
    agent = True
    after_verb = bool(prev) and any(cues[k].fullmatch(prev) for k in ("support", "oppose"))
    window = folded[max(0, start - 40) : min(len(folded), end + 30)]
    clause_before = re.split(
        r"[,;:(]|\b(?:who|said|says|told|added|that)\b", folded[max(0, start - 40) : start]
    )[-1]
    if _EXCEPT.search(clause_before):  # "all members, except India and Hungary,"
        agent = False
    non_state = [
        m for m in lex.non_state_re.finditer(clause_before)
        if not _STANCE_NOUN_AFTER.match(clause_before, m.end())
    ]  # fmt: skip
    excluded = bool(non_state) or bool(_MEMBER_AFTER.match(folded, end))
    if kind in {"role", "person"} and "former" in window[: start - max(0, start - 40)]:
        excluded = True
    after = folded[end : end + 40]
    possessive = after.startswith("'s") or after.startswith("'")
    serves = _SERVES.search(folded, max(0, start - 40), start)  # "an aide to President X"
    # "with Russia voting against": the subject of an absolute participle clause
    absolute = prev == "with" and bool(_PARTICIPLE_AFTER.match(folded, end))
    # Dutch "en" is "and" between two names ("Frankrijk en Polen"), French "en" is "in"
    absolute = absolute or (
        prev == "en" and bool(_NAME_EN.search(folded, max(0, start - 40), start))
    )
    if _COMPOUND_AFTER.match(folded, end) or (kind == "demonym" and _OWN_NOUN.match(folded, end)):
        agent = False  # "the British-drafted text", "the French proposal": a modifier
    agent = agent and (prev not in _PREPOSITIONS or bool(serves) or absolute) and not after_verb
    if possessive and not _INSTITUTIONS.match(after):
        agent = False
    return Mention(
        start=start,
        end=end,
        actor=actor,
        kind=kind,
        speaker=speaker,
        agent=agent,
        passive_agent=by_agent,
        possessive=possessive,
        excluded=excluded,
    )
