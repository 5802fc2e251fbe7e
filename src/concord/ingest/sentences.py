"""Sentence splitting with offsets, aware of abbreviations (U.S., Feb., Mr., E.U.)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from concord.ingest.cleaning import Line
from concord.ingest.dates import dateline_length
from concord.ingest.text import fold

_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|"
    r"Dec|Gen|Lt|Col|Sen|Rep|Gov|Prof|No|vs|etc|Thu|Tue|Wed|Fri|Sat|Sun|Mon)\.)$"
)
_BOUNDARY = re.compile(r"[.!?…][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9À-Ý])")


@dataclass(frozen=True)
class Sentence:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split(lines: tuple[Line, ...]) -> list[Sentence]:
    """Sentences with their offsets; a dateline opening a line is not part of its sentence."""
    out: list[Sentence] = []
    for line in lines:
        pos = dateline_length(fold(line.text[:120]))
        for m in _BOUNDARY.finditer(line.text, pos):
            head = line.text[pos : m.start() + 1]
            if _ABBREV.search(head.rstrip(".!?…") + ".") and head.rstrip().endswith("."):
                continue
            chunk = line.text[pos : m.end()].rstrip()
            if chunk:
                out.append(Sentence(line.start + pos, chunk))
            pos = m.end()
        rest = line.text[pos:].rstrip()
        if rest:
            out.append(Sentence(line.start + pos, rest))
    return out
