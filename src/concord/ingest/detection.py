"""Detect what an article is about when no known dossier matches: a generated proposal.

The proposal phrase is read from the first "proposal / plan / bid ... to <do something>" or
"<State>'s accession / membership / bid" in the article (headline first). Its id is a stable
slug of the body, the phrase's salient words and the article's year, so the same story told by
two outlets gets the same id: "a NATO proposal to open an office in Tokyo" in 2023 gives
``nato-tokyo-office-2023``, titled "Open an office in Tokyo".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from concord.ingest.text import fold

_HEAD = r"(?:proposals?|plans?|idea|bids?|move|request|initiative|decision|push|efforts?|offer)"
_PLAN = re.compile(
    rf"\b{_HEAD}\s+(?:by\s+[\w\s'-]{{1,30}}?\s+)?(?:to|for)\s+(?P<phrase>[^.;:,!?()\"\-\n]+)", re.I
)
_BID = re.compile(
    r"(?P<who>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)'s?\s+(?:(?:NATO|EU|UN|OSCE|WTO)\s+)?"
    r"(?P<what>accession|membership|bid|application|candidacy)"
    r"(?:\s+(?:to|for)\s+(?P<to>(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))?"
)
_STOP_AT = re.compile(
    r"\s+(?:because|which|that|while|but|after|before|as|since|when|where|so|and then|despite|"
    r"amid|until|unless|if|is|was|has|had|would|could|will|remains?|said)\b.*$",
    re.I,
)
_DROP = frozenset(
    re.findall(
        r"\S+",
        "a an the of to in on at for from with its their his her this that these those new own "
        "and or be up set open establish create give grant admit approve adopt appoint allow make "
        "let start hold launch build deploy send",
    )
)
_PREFIX = {"NATO-NAC": "nato", "EU-COUNCIL": "eu", "UNSC": "unsc", "OTHER:OSCE": "osce",
           "OTHER:WTO": "wto"}  # fmt: skip
_MAX_WORDS = 8


@dataclass(frozen=True)
class Detected:
    """A proposal read from the article itself: a generated id and a human title."""

    id: str
    title: str


def _slug_words(phrase: str) -> list[str]:
    """Salient words, place first: "an office in Tokyo" -> ["tokyo", "office"]."""
    tokens = re.findall(r"[\w'-]+", phrase)
    m = re.search(r"\b(?:in|for|of|with)\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", phrase)
    head = phrase[: m.start()] if m else phrase
    place = m.group(1).split() if m else []
    rest = [t for t in re.findall(r"[\w'-]+", head) if t.lower() not in _DROP]
    ordered = place + rest
    words = [fold(w).lower().strip("'") for w in ordered if w.lower() not in _DROP]
    words = [re.sub(r"[^a-z0-9]+", "-", w).strip("-") for w in words]
    out = [w for w in words if w]
    return out[:3] if out else [w.lower() for w in tokens[:3]]


def _clip(phrase: str) -> str:
    phrase = _STOP_AT.sub("", phrase.strip())
    return " ".join(phrase.split()[:_MAX_WORDS]).rstrip(" ,")


def detect_proposal(text: str, body: str | None, year: int | None) -> Detected | None:
    """The article's proposal as a stable slug and a title; None if no proposal phrase."""
    folded = fold(text)
    found: list[tuple[int, list[str], str]] = []
    m = _PLAN.search(folded)
    if m:
        phrase = _clip(text[m.start("phrase") : m.end("phrase")])
        if len(phrase.split()) >= 2:
            found.append((m.start(), _slug_words(phrase), phrase[:1].upper() + phrase[1:]))
    b = _BID.search(folded)
    if b:
        who = text[b.start("who") : b.end("who")]
        what = b.group("what").lower()
        to = b.group("to")
        title = f"{who}'s {what}" + (f" to {text[b.start('to') : b.end('to')]}" if to else "")
        found.append((b.start(), [*_slug_words(who), what], title))
    if not found:
        return None
    _, slug, title = min(found, key=lambda f: f[0])
    parts = ([_PREFIX[body]] if body in _PREFIX else []) + slug
    if year is not None:
        parts.append(str(year))
    return Detected("-".join(dict.fromkeys(parts)), title)
