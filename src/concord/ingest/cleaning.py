"""Remove page chrome from plain text: navigation, ads, read-more lists, captions, footers.

Cleaning works on whole lines and never edits inside a kept line, so every sentence of the
cleaned text is still an exact substring of the original (evidence must be).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from concord.ingest.lexicon import lexicon
from concord.ingest.text import fold

_STAMP = re.compile(r"^\s*date \d{4}-\d{2}(-\d{2})?\s*")
_SENTENCE_END = re.compile(r"[.!?\"')\]:…]\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    """Kept lines with their offsets in the original text, and what was dropped."""

    lines: tuple[Line, ...]
    dropped: tuple[str, ...]


def _is_chrome(text: str) -> bool:
    folded = fold(text).strip()
    return any(p.fullmatch(folded) for p in lexicon().chrome)


def clean(raw: str) -> Cleaned:
    """Keep body lines. A line after "Read more" that is not a sentence is a teaser: drop it."""
    kept: list[Line] = []
    dropped: list[str] = []
    offset = 0
    in_read_more = False
    lines = raw.split("\n")
    for i, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        stamp = _STAMP.match(line)
        if stamp:  # an extraction stamp "date 2023-06-06" before the text: not body
            start += stamp.end()
            line = line[stamp.end() :]
            stripped = line.strip()
            if not stripped:
                continue
        if _is_chrome(stripped):
            dropped.append(stripped)
            in_read_more = fold(stripped).lower().startswith("read more")
            continue
        is_sentence = bool(_SENTENCE_END.search(stripped)) or len(stripped.split()) > 25
        if in_read_more and not is_sentence:
            dropped.append(stripped)
            continue
        in_read_more = False
        last = i == len(lines) - 1 or not any(x.strip() for x in lines[i + 1 :])
        if last and "," in stripped and not is_sentence and len(stripped.split()) <= 8:
            dropped.append(stripped)  # a trailing tag list: "Ukraine, Hungary, education law"
            continue
        lead = len(line) - len(line.lstrip())
        kept.append(Line(start + lead, stripped))
    return Cleaned(tuple(kept), tuple(dropped))
