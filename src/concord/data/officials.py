"""The dated gazetteer of officials: who spoke for which state or organisation, and when.

The entries live in ``data/ingest/officials/*.yaml`` (one file per group of countries, so the
gazetteer grows by adding files). Every entry is checked here, so a mistake in the data names
its file, line and field instead of surfacing as a wrong attribution much later.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from concord.data.catalog import actor_index
from concord.data.yamlio import LineDict, read_yaml
from concord.model.errors import ConcordError

FOLDER = Path(__file__).resolve().parent / "ingest" / "officials"

KINDS = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "spokesperson",
    "secretary_general",
    "other",
)
_FIELDS = {"name", "aliases", "actor", "role", "kind", "from", "to", "source", "note"}


@dataclass(frozen=True)
class OfficialRecord:
    """One term of office as the data file states it (dates widened to whole months/years)."""

    name: str
    aliases: tuple[str, ...]
    actor: str
    role: str
    kind: str
    start: date
    end: date | None
    source_url: str
    origin: str
    #: The data gave the day (not just the month or year) of the start / of the end.
    start_exact: bool = True
    end_exact: bool = True


def parse_term_date(value: Any, *, end: bool) -> date:
    """``YYYY-MM-DD``, ``YYYY-MM`` (whole month) or a bare year (whole year)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return date(value, 12, 31) if end else date(value, 1, 1)
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return parse_term_date(int(text), end=end)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        y, m = int(text[:4]), int(text[5:])
        if not 1 <= m <= 12:
            raise ValueError(text)
        if not end:
            return date(y, m, 1)
        return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _exact(value: Any) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))


def _record(entry: Any, where: str, index: int) -> OfficialRecord:
    field = f"officials[{index}]"
    if not isinstance(entry, LineDict):
        raise ConcordError(f"field {field}: expected a mapping", where=where)
    line = entry.line

    def fail(key: str, expected: str) -> ConcordError:
        at = entry.key_lines.get(key, line)
        got = entry.get(key, "nothing")
        return ConcordError(
            f"field {field}.{key}: expected {expected}, got {got!r}", where=f"{where}:{at}"
        )

    unknown = sorted(str(k) for k in entry if k not in _FIELDS)
    if unknown:
        raise fail(unknown[0], "one of " + ", ".join(sorted(_FIELDS)))
    for key in ("name", "actor", "role"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(key, "a non-empty text")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise fail("aliases", "a list of names")
    if not actor_index().exists(entry["actor"]):
        raise fail("actor", "an ISO 3166-1 alpha-3 code or a known organisation")
    if entry.get("kind") not in KINDS:
        raise fail("kind", "one of " + ", ".join(KINDS))
    try:
        start = parse_term_date(entry.get("from"), end=False)
    except (ValueError, TypeError):
        raise fail("from", "a date YYYY-MM-DD, YYYY-MM or a year") from None
    end: date | None = None
    if entry.get("to") is not None:
        try:
            end = parse_term_date(entry["to"], end=True)
        except (ValueError, TypeError):
            raise fail("to", "a date YYYY-MM-DD, YYYY-MM, a year or null") from None
        if end < start:
            raise fail("to", f"a date on or after from ({start.isoformat()})")
    source = entry.get("source")
    if not isinstance(source, dict):
        raise fail("source", "a mapping with a title and the url of the page checked")
    url, title = source.get("url"), source.get("title")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise fail("source", "a mapping with a title and the url of the page checked")
    if not isinstance(title, str) or not title.strip():
        raise fail("source", "a mapping with a title and the url of the page checked")
    return OfficialRecord(
        name=entry["name"].strip(),
        aliases=tuple(a.strip() for a in aliases),
        actor=entry["actor"],
        role=entry["role"].strip(),
        kind=entry["kind"],
        start=start,
        end=end,
        source_url=url,
        origin=f"{where}:{line}",
        start_exact=_exact(entry.get("from")),
        end_exact=entry.get("to") is not None and _exact(entry["to"]),
    )


def read_officials_file(path: Path) -> list[OfficialRecord]:
    """The checked entries of one gazetteer file."""
    doc = read_yaml(path)
    items = doc.get("officials") if isinstance(doc, LineDict) else None
    if not isinstance(items, list):
        raise ConcordError("expected a top-level 'officials' list", where=f"{path}:1")
    where = str(path)
    return [_record(item, where, i) for i, item in enumerate(items)]


def check_unique(records: Iterable[OfficialRecord]) -> None:
    """The same term listed twice (perhaps in two files) is a data error, not a harmless repeat."""
    seen: dict[tuple[str, str, str, date], str] = {}
    for r in records:
        key = (r.name.casefold(), r.actor, r.kind, r.start)
        if key in seen:
            raise ConcordError(
                f"{r.name} ({r.actor}, {r.kind}) from {r.start} is listed twice "
                f"(first at {seen[key]})",
                where=r.origin,
            )
        seen[key] = r.origin


@cache
def officials(folder: Path = FOLDER) -> tuple[OfficialRecord, ...]:
    """Every entry of every file in ``folder``, checked, in file order."""
    records: list[OfficialRecord] = []
    for path in sorted(folder.glob("*.yaml")):
        records.extend(read_officials_file(path))
    check_unique(records)
    return tuple(settle_successions(records))


SINGLE_HOLDER = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
    | {"secretary_general"}
)


def settle_successions(records: list[OfficialRecord]) -> list[OfficialRecord]:
    """Let an exact date of a successor bound a vague or open term of the predecessor.

    One office has one holder at a time. Where the data know only the year or month a term
    ended (or not at all: ``to: null`` from an older source), the successor's exact start
    closes it the day before; where the predecessor's exact end is known and the successor's
    start is vague, the successor starts the day after. Two vague boundaries stay
    overlapping: the data cannot tell, and the resolver then decides by context. A bound
    derived here is not exact itself, so it never bounds a third term.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(records):
        if r.kind in SINGLE_HOLDER:
            groups.setdefault((r.actor, r.kind), []).append(i)
    out = list(records)
    for members in groups.values():
        # order by the latest day each term could have started; every later term bounds
        # every earlier one (a caretaker between two holders must not hide the first)
        members.sort(key=lambda i: _latest_start(out[i]))
        for a, b in itertools.combinations(members, 2):
            prev, nxt = out[a], out[b]
            if prev.name == nxt.name or nxt.start <= prev.start:
                continue
            prev_end = prev.end or date.max
            if nxt.start_exact and not prev.end_exact and prev_end >= nxt.start:
                out[a] = replace(prev, end=nxt.start - timedelta(days=1))
            elif prev.end_exact and not nxt.start_exact and nxt.start <= prev_end:
                out[b] = replace(nxt, start=prev_end + timedelta(days=1))
    return out


def _latest_start(r: OfficialRecord) -> date:
    if r.start_exact:
        return r.start
    if r.start.month == 1 and r.start.day == 1 and (r.end is None or r.end.year > r.start.year):
        # a bare year: any day of it (a month is treated as its first day, close enough)
        return date(r.start.year, 12, 31)
    return r.start
