"""Character-level normalisation that keeps offsets: one output char per input char.

Matching runs on the normalised copy; evidence is cut from the original text at the same
offsets, so it stays an exact substring of what the user gave us.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_MAP = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
}


@cache
def _fold_char(ch: str) -> str:
    if ch in _MAP:
        return _MAP[ch]
    if ord(ch) < 128:
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isascii() else ch


_TABLE: dict[int, str] = {}


def fold(text: str) -> str:
    """Apostrophes, quotes, dashes and spaces unified; Latin accents stripped; same length."""
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    for ch in set(text):
        if ord(ch) >= 128 and ord(ch) not in _TABLE:
            _TABLE[ord(ch)] = _fold_char(ch)
    return text.replace("`", "'").translate(_TABLE)


# Word lists that several reading rules share (one list, so the rules stay in step)
NUMBER_WORDS = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
)
# nouns for what a state puts forward itself: "an Israeli bid", "the French proposal"
OWN_NOUNS = (
    r"bid|application|candidacy|candidature|request|proposal|initiative|plan|draft|resolution"
)
