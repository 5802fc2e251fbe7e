"""Which body an article is about, and which known proposal a statement concerns.

Body detection counts each body's vocabulary in the article. Proposal matching scores the
words of each known proposal (a dossier's title, id and text) against the sentence and its
neighbours: proper nouns and rare words weigh most. With no known proposals, statements carry
the article's main topic only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_BODY_TERMS: dict[str, tuple[str, ...]] = {
    "NATO-NAC": (r"\bNATO\b", r"\bOTAN\b", r"\balliance\b", r"\bNorth Atlantic\b", r"\ballies\b",
                 r"\bSecretary[- ]General\b", r"\baliansi\b"),
    "EU-COUNCIL": (r"\bE\.?U\.?\b", r"\bEuropean Union\b", r"\bEuropean Council\b",
                   r"\bCouncil of the EU\b", r"\bSchengen\b", r"\bmember states\b",
                   r"\bEuropean Commission\b", r"\bUni Eropa\b"),
    "UNSC": (r"\bSecurity Council\b", r"\bU\.?N\.?\b", r"\bdraft resolution\b", r"\bresolution\b",
             r"\bpermanent members?\b"),
    "OTHER:OSCE": (r"\bOSCE\b", r"\bOrganization for Security and Co-operation\b"),
    "OTHER:WTO": (r"\bWTO\b", r"\bWorld Trade Organi[sz]ation\b", r"\bMinisterial Conference\b"),
}  # fmt: skip
_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "with",
        "by",
        "at",
        "from",
        "into",
        "its",
        "their",
        "his",
        "her",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "those",
        "it",
        "nato",
        "eu",
        "un",
        "council",
        "union",
        "european",
        "approve",
        "adopt",
        "admit",
        "open",
        "draft",
        "resolution",
        "proposal",
        "plan",
        "within",
        "all",
    ]
)


@dataclass(frozen=True)
class KnownProposal:
    """A proposal the analyst already tracks (from a dossier), to match statements against."""

    id: str
    body: str
    title: str
    text: str = ""


def detect_body(text: str) -> str | None:
    scores = {
        body: sum(len(re.findall(t, text)) for t in terms) for body, terms in _BODY_TERMS.items()
    }
    # a specific forum named even once beats the generic vocabulary of another
    for specific in ("OTHER:OSCE", "OTHER:WTO"):
        if scores[specific] >= 2:
            return specific
    best = max(scores, key=lambda b: scores[b])
    return best if scores[best] > 0 else None


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2]


def _stem(word: str) -> str:
    return word[:6]


class ProposalMatcher:
    """Scores known proposals against a window of text; rare shared words count most."""

    def __init__(self, proposals: Sequence[KnownProposal]) -> None:
        self.proposals = list(proposals)
        docs = [
            {_stem(w) for w in _words(f"{p.title} {p.text} {p.id.replace('-', ' ')}")}
            for p in self.proposals
        ]
        df = Counter(w for d in docs for w in d)
        n = max(1, len(docs))
        self._docs = [{w: math.log(1 + n / df[w]) for w in d} for d in docs]

    def scores(self, window: str, body: str | None) -> list[tuple[float, KnownProposal]]:
        words = {_stem(w) for w in _words(window)}
        out = []
        for weights, p in zip(self._docs, self.proposals, strict=True):
            s = sum(v for w, v in weights.items() if w in words)
            if body and p.body != body:
                s *= 0.5
            out.append((s, p))
        out.sort(key=lambda x: -x[0])
        return out

    def best(self, window: str, body: str | None, floor: float = 1.0) -> KnownProposal | None:
        ranked = self.scores(window, body)
        if ranked and ranked[0][0] >= floor:
            return ranked[0][1]
        return None
