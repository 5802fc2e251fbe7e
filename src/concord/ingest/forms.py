"""Find many fixed surface forms in text fast: a dictionary keyed by each form's first word.

One regular expression alternating over thousands of names (a gazetteer of officials) costs
time at every character of every sentence and seconds to compile. Instead the text's words are
looked up in a dictionary of first words, and only the few forms that start with that word
are compared, longest first. The matches are the ones ``(?<!\\w)(?:form|...)(?!\\w)`` with
the longest form first would give: leftmost, longest, never overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD = re.compile(r"(?<!\w)[^\W\d_]+")
_WORD_CHAR = re.compile(r"\w")


class FormIndex:
    """Fixed forms (case-sensitive, already folded) found as whole words in text."""

    def __init__(self, forms: Iterable[str], *, not_after: str = "") -> None:
        """``not_after``: characters that may not precede a match (besides word characters)."""
        self._by_first: dict[str, list[str]] = {}
        self._not_after = not_after
        for form in set(forms):
            first = _WORD.match(form)
            if first is None:
                raise ValueError(f"name form {form!r} must start with a letter")
            self._by_first.setdefault(first.group(0), []).append(form)
        for group in self._by_first.values():
            group.sort(key=len, reverse=True)
        # Only words that start like some form are looked up: names are capitalised, so most
        # words of a sentence are skipped by the regex engine, not by Python.
        initials = "".join(sorted({w[0] for w in self._by_first}))
        self._word = re.compile(rf"(?<!\w)[{re.escape(initials)}][^\W\d_]*") if initials else None

    def __len__(self) -> int:
        return sum(len(g) for g in self._by_first.values())

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, form) for each match, left to right."""
        if self._word is None:
            return
        last = 0
        for word in self._word.finditer(text):
            start = word.start()
            if start < last:
                continue
            form = self._longest(text, start, word.group(0))
            if form is not None:
                yield start, start + len(form), form
                last = start + len(form)

    def at(self, text: str, pos: int) -> str | None:
        """The longest form that starts exactly at ``pos``, if any."""
        word = _WORD.match(text, pos)
        if word is None or (pos and _WORD_CHAR.match(text, pos - 1)):
            return None
        return self._longest(text, pos, word.group(0))

    def _longest(self, text: str, start: int, first: str) -> str | None:
        group = self._by_first.get(first)
        if group is None or (start and text[start - 1] in self._not_after):
            return None
        for form in group:
            if text.startswith(form, start) and not _WORD_CHAR.match(text, start + len(form)):
                return form
        return None
