"""Which body an article is about, and which known proposal a statement concerns.

Body detection counts each body's vocabulary in the article. Proposal matching works in two
steps. First the article: each known proposal (a dossier's title, id and text) is scored by
how much of its vocabulary the article uses and how often; proposals of another body or of a
year far from the article's are discounted, and only those close to the best stay in play.
Then each sentence: among the proposals in play, a sentence belongs to those whose
*distinctive* words (not shared with the others) it uses; a sentence with none keeps the topic
of the sentence before it. States are matched by identity, not spelling ("Finnish",
"Helsinki" and "Finland" are one word), so "Stockholm's bid" matches "Admit Sweden".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from concord.ingest.forms import FormIndex
from concord.ingest.lexicon import lexicon
from concord.ingest.text import fold

_BODY_TERMS: dict[str, tuple[str, ...]] = {
    "NATO-NAC": (r"\bNATO\b", r"\bOTAN\b", r"\bNAVO\b", r"\bNavo\b", r"\balliance\b",
                 r"\bNorth Atlantic\b", r"\ballies\b", r"\bSecretary[- ]General\b", r"\baliansi\b",
                 r"\balli[ée]s\b", r"\bbondgenoten\b"),
    "EU-COUNCIL": (r"\bE\.?U\.?\b", r"\bEuropean Union\b", r"\bEuropean Council\b",
                   r"\bCouncil of the EU\b", r"\bSchengen\b", r"\bmember states\b",
                   r"\bEuropean Commission\b", r"\bUni Eropa\b", r"\bUE\b",
                   r"\bUnion europ[ée]enne\b", r"\bEuropese Unie\b", r"\blidstaten\b",
                   r"\b[ÉE]tats membres\b", r"\bnegara anggota\b"),
    "UNSC": (r"\bSecurity Council\b", r"\bU\.?N\.?\b", r"\bdraft resolution\b", r"\bresolution\b",
             r"\bpermanent members?\b", r"\bConseil de s[ée]curit[ée]\b", r"\bONU\b",
             r"\bVeiligheidsraad\b", r"\bVN\b", r"\bDewan Keamanan\b", r"\bDK PBB\b",
             r"\bPBB\b", r"\br[ée]solution\b", r"\bresolusi\b", r"\bvotes? in favou?r\b",
             r"\babstentions?\b"),
    "OTHER:OSCE": (r"\bOSCE\b", r"\bOrganization for Security and Co-operation\b"),
    "OTHER:WTO": (r"\bWTO\b", r"\bWorld Trade Organi[sz]ation\b", r"\bMinisterial Conference\b"),
}  # fmt: skip
_STOP = frozenset(
    re.findall(
        r"\S+",
        "a an the of to in on for and or with by at from into its their his her as is are was were "
        "be been that this these those it nato eu un council union european approve adopt admit "
        "open draft resolution proposal plan within all grant invite appoint confirm convene task "
        "hold start put them path against after before over about between would will could "
        "should has have had but also than more which who said says not "
        # the vocabulary of all political news, too common to tell proposals apart
        "minister ministers ministerial president prime leader leaders official officials "
        "government country countries state states meeting meetings",
    )
)
# words that name one idea in several ways ("membership bid", "applied to join", "accession"):
# a proposal written one way still matches an article that says it another
_CONCEPTS = re.compile(
    # "member" alone is not here: "NATO members" says nothing of an accession
    r"(?P<zkjoin>membership|accession|accede[sd]?|acceding|join|joins|joined|joining|bids?|"
    r"applica\w*|applied|apply|applies|enlargement|admission|expansion)"
    r"|(?P<zksanc>sanction\w*|restrictive|restrictions?)"
    r"|(?P<zkfund>fund|funds|funding|financ\w*|budget\w*|aid|package\w*)"
    r"|(?P<zkwith>withdraw\w*|withdrew|pullout)"
)


def _concept(word: str) -> str:
    m = _CONCEPTS.fullmatch(word)
    return m.lastgroup if m and m.lastgroup else word[:6]


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_OTHER_BODY = 0.3  # a proposal of another body than the article's
_OTHER_YEAR = 0.2  # a proposal dated more than a year away from the article
_IN_PLAY = 0.3  # share of the best article score a proposal needs to stay in play


@dataclass(frozen=True)
class KnownProposal:
    """A proposal the analyst already tracks (from a dossier), to match statements against."""

    id: str
    body: str
    title: str
    text: str = ""
    year: int | None = None

    @property
    def when(self) -> int | None:
        """The proposal's year: given, else the last year written in its id."""
        if self.year is not None:
            return self.year
        years = _YEAR.findall(self.id)
        return int(years[-1]) if years else None


_BODIES = list(_BODY_TERMS)
# one pass over the article for all bodies: each body's terms are one named group
_BODY_RE = re.compile(
    "|".join(f"(?P<b{i}>{'|'.join(_BODY_TERMS[b])})" for i, b in enumerate(_BODIES))
)


def detect_body(text: str) -> str | None:
    scores = dict.fromkeys(_BODIES, 0)
    for m in _BODY_RE.finditer(text):
        scores[_BODIES[int(str(m.lastgroup)[1:])]] += 1
    # a specific forum named even once beats the generic vocabulary of another
    for specific in ("OTHER:OSCE", "OTHER:WTO"):
        if scores[specific] >= 2:
            return specific
    best = max(scores, key=lambda b: scores[b])
    return best if scores[best] > 0 else None


@cache
def _state_forms() -> FormIndex:
    return FormIndex(
        (n.form for n in lexicon().names if n.kind in {"name", "demonym", "metonym"}),
        not_after=".",
    )


def state_token(code: str) -> str:
    """The matching token that stands for a state, whatever name the text gives it."""
    return f"zz{code.lower()}"


def words(text: str) -> list[str]:
    """Content words of ``text`` (6-letter stems), with state names replaced by state tokens."""
    folded = fold(text)
    lex = lexicon()
    out: list[str] = []
    pos = 0
    for start, end, form in _state_forms().finditer(folded):
        out.extend(_plain(folded[pos:start]))
        out.append(state_token(lex.by_form[form].actor))
        pos = end
    out.extend(_plain(folded[pos:]))
    return out


def _plain(text: str) -> list[str]:
    out = []
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word not in _STOP and len(word) > 2:
            out.append(_concept(word))
    return out


def _vocabulary(p: KnownProposal) -> dict[str, float]:
    """A proposal's words with their factor: glosses in parentheses count half."""
    text = f"{p.title} {p.text} {p.id.replace('-', ' ')}"
    glosses = " ".join(re.findall(r"\(([^)]*)\)", text))
    main = re.sub(r"\([^)]*\)", " ", text)
    out = {w: 0.5 for w in words(glosses) if not w.isdigit()}
    out.update({w: 1.0 for w in words(main) if not w.isdigit()})
    return out


@dataclass
class ProposalMatcher:
    """Scores known proposals against an article, then assigns its sentences to them."""

    proposals: Sequence[KnownProposal]
    _weights: list[dict[str, float]] = field(init=False)

    def __post_init__(self) -> None:
        docs = [_vocabulary(p) for p in self.proposals]
        df = Counter(w for d in docs for w in d)
        n = max(1, len(docs))
        self._weights = [{w: f * math.log(1 + n / df[w]) for w, f in d.items()} for d in docs]

    def scores(
        self, text: str, body: str | None, year: int | None = None
    ) -> list[tuple[float, KnownProposal]]:
        """Article-level scores, best first: shared vocabulary, its frequency and coverage."""
        tf = Counter(words(text))
        out = []
        for weights, p in zip(self._weights, self.proposals, strict=True):
            total = sum(weights.values()) or 1.0
            hit = {w: v for w, v in weights.items() if tf[w]}
            s = sum(v * (1 + math.log(tf[w])) for w, v in hit.items())
            s *= math.sqrt(sum(hit.values()) / total)
            if body and p.body != body:
                s *= _OTHER_BODY
            if year is not None and p.when is not None and abs(p.when - year) > 1:
                s *= _OTHER_YEAR
            out.append((s, p))
        out.sort(key=lambda x: -x[0])
        return out

    def in_play(
        self, text: str, body: str | None, year: int | None = None, floor: float = 0.5
    ) -> list[KnownProposal]:
        """The proposals an article is about: the best one and those close to it."""
        ranked = self.scores(text, body, year)
        if not ranked or ranked[0][0] < floor:
            return []
        top = ranked[0][0]
        return [p for s, p in ranked if s >= _IN_PLAY * top]


class SentenceTopics:
    """Assigns sentences to the proposals in play by their distinctive words."""

    def __init__(self, topics: Sequence[KnownProposal]) -> None:
        self.topics = list(topics)
        vocab = [
            {w for w in words(f"{p.title} {p.text} {p.id.replace('-', ' ')}") if not w.isdigit()}
            for p in self.topics
        ]
        shared = Counter(w for v in vocab for w in v)
        self.distinctive = [{w for w in v if shared[w] == 1} for v in vocab]
        self.current: list[KnownProposal] = self.topics[:1]
        self._before: list[KnownProposal] = self.current
        self._present: set[str] = set()

    def of(self, sentence: str) -> list[KnownProposal]:
        """Proposals this sentence speaks of; else the topic of the sentence before."""
        if len(self.topics) <= 1:
            return self.topics
        self._present = set(words(sentence))
        self._before = self.current
        hits = self._hits(self._present)
        if hits:
            self.current = hits
        return self.current

    def for_holder(self, actor: str) -> list[KnownProposal]:
        """The last sentence's proposals for a stance held by ``actor``.

        A state named as the holder of a stance is not evidence of what the stance is about:
        in "Turkey lifted its objection to Finland's bid" Turkey speaks and Finland's bid is
        the topic. Proposals that only the holder's own name ties to the sentence give way to
        the others when there are any.
        """
        if len(self.topics) <= 1:
            return self.topics
        hits = self._hits(self._present - {state_token(actor)})
        if hits:
            return hits
        return self.current

    def _hits(self, present: set[str]) -> list[KnownProposal]:
        return [p for p, d in zip(self.topics, self.distinctive, strict=True) if d & present]

    def own(self, actor: str, among: Sequence[KnownProposal]) -> KnownProposal | None:
        """The proposal that is ``actor``'s own bid (its name is one of its distinctive words)."""
        token = state_token(actor)
        mine = [p for p in among if token in self.distinctive[self.topics.index(p)]]
        return mine[0] if len(mine) == 1 else None
