"""The ingestion data: names, demonyms, metonyms, officials and cues, loaded once.

All of it comes from YAML files in ``concord/data/ingest`` so that coverage grows by adding
data, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from concord.data.officials import officials as gazetteer
from concord.data.yamlio import read_yaml
from concord.ingest.forms import FormIndex
from concord.ingest.text import fold
from concord.model.errors import ConcordError

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


@dataclass(frozen=True)
class NameEntry:
    """A surface form (folded) that names an actor, and how (name, demonym, metonym, role)."""

    form: str
    actor: str
    kind: str


@dataclass(frozen=True)
class Official:
    name: str
    forms: tuple[str, ...]
    actor: str
    role: str
    kind: str
    start: date
    end: date | None

    def in_office(self, day: date | None) -> bool:
        if day is None:
            return True
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Lexicon:
    names: tuple[NameEntry, ...]
    name_forms: FormIndex  # state and organisation names, demonyms, metonyms
    by_form: dict[str, NameEntry]
    officials: tuple[Official, ...]
    official_forms: FormIndex  # every name and alias, found by first word
    officials_by_form: dict[str, tuple[Official, ...]]  # folded form -> its officials
    cues: dict[str, re.Pattern[str]]
    chrome: tuple[re.Pattern[str], ...]
    non_state_re: re.Pattern[str]
    outlet_forms: FormIndex  # news organisations: they carry claims, never hold stances
    outlet_noun_re: re.Pattern[str]  # "the paper", "state media" (lower-cased text)


def _alternation(forms: list[str]) -> str:
    forms = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


def _names(doc: Any) -> list[NameEntry]:
    out: list[NameEntry] = []
    for code, spec in (doc.get("states") or {}).items():
        for key, kind in (("names", "name"), ("demonyms", "demonym"), ("capitals", "metonym")):
            for form in spec.get(key) or []:
                out.append(NameEntry(fold(str(form)), str(code), kind))
    for code, spec in (doc.get("organisations") or {}).items():
        for key, kind in (("names", "org"), ("roles", "role"), ("metonyms", "metonym")):
            for form in spec.get(key) or []:
                out.append(NameEntry(fold(str(form)), str(code), kind))
    return out


_NOT_CUES = {"chrome", "non_state_roles", "outlets", "outlet_nouns"}


def _cue(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])")


def _pattern(p: Any, key: str) -> str:
    """A cue pattern as the text is matched: folded ("opposé" = "oppose") and lower-case, but
    not its escapes (``\\S`` stays ``\\S``); anything but a string is a data error."""
    if not isinstance(p, str):
        raise ConcordError(
            f"cue {p!r} under {key!r} is not text: quote it", where=str(DATA / "cues.yaml")
        )
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group(0).lower(), fold(p))


@cache
def lexicon() -> Lexicon:
    # the curated file first: its forms win over the generated world-wide names
    names = _names(read_yaml(DATA / "actor_names.yaml")) + _names(
        read_yaml(DATA / "world_names.yaml")
    )
    by_form: dict[str, NameEntry] = {}
    for n in names:
        by_form.setdefault(n.form, n)
    name_forms = FormIndex((n.form for n in names), not_after=".")
    officials = [
        Official(
            name=r.name,
            forms=tuple(fold(x) for x in (r.name, *r.aliases)),
            actor=r.actor,
            role=r.role,
            kind=r.kind,
            start=r.start,
            end=r.end,
        )
        for r in gazetteer()
    ]
    by_form_officials: dict[str, list[Official]] = {}
    for o in officials:
        for f in dict.fromkeys(o.forms):
            by_form_officials.setdefault(f, []).append(o)
    cues_doc = read_yaml(DATA / "cues.yaml")
    cues = {
        key: _cue([_pattern(p, key) for p in value])
        for key, value in cues_doc.items()
        if isinstance(value, list) and key not in _NOT_CUES
    }
    chrome = tuple(re.compile(rf"\s*(?:{p})\s*", re.IGNORECASE) for p in cues_doc["chrome"])
    non_state = re.compile(
        rf"(?<![\w])(?:{_alternation([str(r) for r in cues_doc['non_state_roles']])})(?![\w])"
    )
    return Lexicon(
        names=tuple(names),
        name_forms=name_forms,
        by_form=by_form,
        officials=tuple(officials),
        official_forms=FormIndex(by_form_officials),
        officials_by_form={f: tuple(v) for f, v in by_form_officials.items()},
        cues=cues,
        chrome=chrome,
        non_state_re=non_state,
        outlet_forms=FormIndex(fold(str(o)) for o in cues_doc["outlets"]),
        outlet_noun_re=_cue([str(p) for p in cues_doc["outlet_nouns"]]),
    )
