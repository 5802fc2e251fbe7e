"""Reporting chains: the route a claim travelled before it reached the article.

"Kyodo, citing the Financial Times, said France opposed the plan" gives the chain Kyodo ->
Financial Times; "according to Reuters, which cited two diplomats" gives Reuters -> two
diplomats; "Macron told AFP" gives AFP (Macron, the speaker, is the origin). The chain runs
from the outlet the article relies on to the original source. News organisations are carried
in the chain and never held as actors: :func:`outlet_spans` tells resolution which spans of a
sentence name one, and :func:`qualifies_outlet` which state names only describe one
("China's Xinhua", "French daily Le Monde").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from concord.ingest.lexicon import lexicon

# Relations that introduce the next hop: "citing X", "which cited X", "according to X",
# "told X"; and the reversed ones whose object is the outer hop: "cited by X", "quoted by X".
_INTRO = re.compile(
    r"(?<!\w)(?:(?P<back>(?:cited|quoted|reported|carried)(?: [\w,]+){0,3}? by|via)|citing|quoting|"
    r"(?:which|who|that) (?:cited|quoted)|according to|told|in an interview with|"
    r"speaking to|sources? (?:at|in|from)) +"
)
_SOURCE = re.compile(
    r"(?:(?:the|a|an|one|two|three|four|several|some|many|unnamed|anonymous|senior|other|"
    r"another|[A-Z][\w'-]+|[a-z]+ian|[a-z]+ese|[a-z]+ish)\s+){0,4}"
    r"(?:diplomats?|officials?|sources?|people|persons?|envoys?|aides?|advis[eo]rs?|"
    r"spokes(?:man|woman|person)|ministers?|lawmakers?|insiders?|documents?|"
    r"cables?|memos?|letters?|statements?|minutes|transcripts?|drafts?)(?!\w)"
)
_SOURCE_BEFORE = re.compile(_SOURCE.pattern + r",?\s+$")
_ADJECTIVE = re.compile(r"[A-Z][\w'-]+\s+")
_SPEECH_AFTER = re.compile(
    r"^(?:'s?)?\s*(?:,[^,]{0,60},\s*)?(?:has |had |have )?(?:said|says|reported|reports|"
    r"quoted|cited|wrote|writes|carried|published|ran)(?!\w)"
)
_QUALIFIER = re.compile(
    r"^(?:'s?)?\s+(?:(?:state|state-run|state-owned|official|public|private|leading|main|top|"
    r"business|financial|online|government-run|pro-government|independent)\s+){0,3}"
)


@dataclass(frozen=True)
class Hop:
    """One link of a reporting chain: an outlet, or a source (people, documents)."""

    name: str
    kind: str  # outlet, source
    start: int
    end: int

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind}


@lru_cache(maxsize=32)
def _outlets(folded: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(lexicon().outlet_forms.finditer(folded))  # resolution and chain both ask


def outlet_spans(folded: str) -> list[tuple[int, int]]:
    """Spans of news organisations named in a sentence ("Reuters", "France 24")."""
    return [(s, e) for s, e, _ in _outlets(folded)]


def qualifies_outlet(folded: str, end: int) -> bool:
    """Whether the name ending at ``end`` describes an outlet ("China's Xinhua said")."""
    rest = folded[end : end + 60]
    q = _QUALIFIER.match(rest)
    if q is None:
        return False
    lex = lexicon()
    at = end + q.end()
    return bool(lex.outlet_noun_re.match(folded.lower(), at) or lex.outlet_forms.at(folded, at))


def _target(folded: str, low: str, pos: int, named: dict[int, Hop], *, sources: bool) -> Hop | None:
    """The hop a relation points to: "the Dutch news agency ANP", "AFP", "two diplomats"."""
    at = pos + (4 if low.startswith("the ", pos) else 0)
    if at in named:
        return named[at]
    nouns = lexicon().outlet_noun_re
    adjective = _ADJECTIVE.match(folded, at)  # "Belgian television", "the Dutch news agency"
    noun = (nouns.match(low, adjective.end()) if adjective else None) or nouns.match(low, at)
    if noun is not None:
        rest = noun.end() + 1
        if rest in named:
            return named[rest]
        return Hop(folded[pos : noun.end()], "outlet", pos, noun.end())
    src = _SOURCE.match(folded, pos) if sources else None
    if src:
        return Hop(folded[pos : src.end()], "source", pos, src.end())
    return None


def chain(folded: str) -> list[Hop]:
    """The reporting chain of one sentence, outermost first; empty when nothing is reported."""
    lex = lexicon()
    low = folded.lower()
    hops: list[Hop] = []
    front: list[Hop] = []
    named = {s: Hop(folded[s:e], "outlet", s, e) for s, e, _ in _outlets(folded)}
    taken: set[int] = set()
    for m in _INTRO.finditer(low):  # "According to", "Citing": same offsets as folded
        told = m.group(0).startswith("told")
        hop = _target(folded, low, m.end(), named, sources=not told)
        if hop is None or hop.start in taken:
            continue
        taken.add(hop.start)
        (front if m.group("back") else hops).append(hop)
        teller = _SOURCE_BEFORE.search(folded, max(0, m.start() - 60), m.start()) if told else None
        if teller and teller.start() not in taken:  # "two diplomats told Reuters"
            taken.add(teller.start())
            name = folded[teller.start() : teller.end()].rstrip(", ")
            hops.append(Hop(name, "source", hop.end + 1, hop.end + 1))
    for s, hop in named.items():
        if s not in taken:
            hops.append(hop)
            taken.add(s)
    for noun in lex.outlet_noun_re.finditer(low):
        start = noun.start()
        if start in taken or not noun.group(0).startswith("the "):
            continue
        if _SPEECH_AFTER.match(low[noun.end() :]):
            hops.append(Hop(folded[start : noun.end()], "outlet", start, noun.end()))
    hops.sort(key=lambda h: h.start)
    front.sort(key=lambda h: h.start)
    return [*reversed(front), *hops]
