"""Publication date from datelines, stamps, URLs and metadata, with noise flagged, not hidden.

A dateline such as "June 6, 2023, 2022 (EIRNS)" gives 2023-06-06 and a warning about the stray
year; a month-only stamp gives no date and a warning. Only the top of the article is read for
a dateline, so dates of events inside the story are not mistaken for the publication date.
A URL ("/2023/06/06/", "2023-06-06", "20230606") and HTML metadata are further witnesses;
:func:`weigh` takes the date most of them give and warns when they disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "januari", "janvier", "janvari"),
            ("february", "feb", "februari", "février", "fevrier"),
            ("march", "mar", "maret", "mars", "maart"),
            ("april", "apr", "avril"),
            ("may", "mei", "mai"),
            ("june", "jun", "juni", "juin"),
            ("july", "jul", "juli", "juillet"),
            ("august", "aug", "agustus", "août", "aout", "augustus"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "oktober", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "desember", "décembre", "decembre"),
        ]
    )
    for m in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")
_MDY = re.compile(
    rf"(?<!\w)({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})((?:\s*,\s*\d{{4}}(?!\d))*)", re.I
)
_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})((?:\s*,\s*\d{{4}})*)", re.I)
_HEAD_CHARS = 400
_DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Z.'-]{{2,}}(?:\s+[A-Z][A-Z.'-]+){{0,2}},?\s*)?"
    rf"(?P<date>(?i:(?:{_MONTH})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?(?:\s*,\s*\d{{4}})*"
    rf"|\d{{1,2}}\s+(?:{_MONTH})\.?,?\s+\d{{4}}(?:\s*,\s*\d{{4}})*)|\d{{4}}-\d{{2}}-\d{{2}})?"
    rf"\s*(?P<agency>\([A-Za-z .&]{{2,24}}\))?\s*(?:-{{1,2}}|\u2014|\u2013)\s*"
    rf"(?=[\"'\u201c\u2018A-Z])"
)


@dataclass
class DateReading:
    published: date | None = None
    how: str | None = None
    warnings: list[str] = field(default_factory=list)
    year: int | None = None  # the publication year, also from a partial date ("2024-06")


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _stray(extra: str, found: date) -> list[str]:
    years = re.findall(r"\d{4}", extra)
    return [
        f"noisy dateline: stray year {y} after {found.isoformat()} ignored"
        for y in years
        if int(y) != found.year
    ]


def read_date(raw: str, *, today: date | None = None) -> DateReading:
    """The first full date at the top of the article; partial dates and noise become warnings."""
    head = raw[:_HEAD_CHARS]
    out = DateReading()
    candidates: list[tuple[int, date, str, list[str]]] = []
    for m in _ISO.finditer(head):
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        if d is None:
            out.warnings.append(f"partial date {m.group(0)} in dateline: day unknown")
            out.year = out.year or y
            continue
        found = _valid(y, mo, int(d))
        if found:
            candidates.append((m.start(), found, "stamp", []))
    for m in _MDY.finditer(head):
        found = _valid(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if found:
            candidates.append((m.start(), found, "dateline", _stray(m.group(4), found)))
    for m in _DMY.finditer(head):
        found = _valid(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        if found:
            candidates.append((m.start(), found, "dateline", _stray(m.group(4), found)))
    if candidates:
        _, found, how, warns = min(candidates, key=lambda c: c[0])
        if today is not None and found > today:
            out.warnings.append(f"dateline {found.isoformat()} is in the future: ignored")
        else:
            out.published, out.how, out.year = found, how, found.year
            out.warnings.extend(warns)
    if out.published is None:
        out.warnings.append("no publication date found")
    return out


def read_html_date(html: str) -> DateReading:
    """Publication date from HTML metadata via htmldate (original date, not last update)."""
    from htmldate import find_date

    out = DateReading()
    found = find_date(html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    if found:
        out.published, out.how = date.fromisoformat(found), "html metadata"
        out.year = out.published.year
    else:
        out.warnings.append("no publication date in HTML metadata")
    return out


def dateline_length(sentence: str) -> int:
    """Length of a dateline opening ``sentence`` ("June 6, 2023 (EIRNS)—", "MADRID — "), else 0.

    The sentence keeps its offsets in the file: callers move its start past the dateline, so
    evidence stays an exact substring without the dateline noise.
    """
    m = _DATELINE.match(sentence)
    if not m or not (m.group("date") or m.group("place")):
        return 0
    return m.end()


_URL_DATES = (
    re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})[-_](?P<m>\d{2})[-_](?P<d>\d{2})(?!\d)"),
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d.])"),
)
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?!\d)")
_CANONICAL = (
    re.compile(r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.I),
    re.compile(r"<meta\b[^>]*\bproperty=[\"']?og:url\b[^>]*>", re.I),
)
_ATTR_URL = re.compile(r"\b(?:href|content)\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I)


def canonical_url(html: str) -> str | None:
    """The page's own address from ``<link rel="canonical">`` or ``og:url``, if given."""
    head = html[:200_000]
    for tag in _CANONICAL:
        for m in tag.finditer(head):
            url = _ATTR_URL.search(m.group(0))
            if url:
                return url.group(1)
    return None


def read_url_date(url: str, *, today: date | None = None) -> DateReading:
    """A date in the path of ``url`` ("/2023/06/06/", "2023-06-06", "20230606"); else none.

    Only plausible dates count (1990 to a day after ``today``); a year and month alone
    ("/2023/06/") give the year and a warning, like a partial stamp.
    """
    out = DateReading()
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    latest = date(today.year + 1, 12, 31) if today else date(2100, 12, 31)
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            found = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found and date(1990, 1, 1) <= found <= latest:
                if today is not None and found > today:
                    out.warnings.append(f"URL date {found.isoformat()} is in the future: ignored")
                    continue
                out.published, out.how, out.year = found, "url", found.year
                return out
    month = _URL_MONTH.search(path)
    if month and 1 <= int(month.group("m")) <= 12:
        out.year = int(month.group("y"))
        out.warnings.append(f"partial date {month.group('y')}-{month.group('m')} in URL")
    return out


_NO_DATE = "no publication date"
_TRUST = ("html metadata", "url", "dateline", "stamp")  # who wins a tie


def weigh(readings: list[DateReading]) -> DateReading:
    """One publication date from several witnesses: the date most give, ties to the most
    trusted (metadata, URL, dateline); any disagreement is a warning naming each witness."""
    dated = [r for r in readings if r.published is not None]
    out = DateReading(
        warnings=[w for r in readings for w in r.warnings if not w.startswith(_NO_DATE)]
    )
    if not dated:
        out.year = next((r.year for r in readings if r.year), None)
        out.warnings.append("no publication date found")
        return out

    def rank(r: DateReading) -> tuple[int, int]:
        votes = sum(1 for x in dated if x.published == r.published)
        trust = _TRUST.index(r.how) if r.how in _TRUST else len(_TRUST)
        return (-votes, trust)

    best = min(dated, key=rank)
    out.published, out.how, out.year = best.published, best.how, best.year
    if len({r.published for r in dated}) > 1:
        said = ", ".join(f"{r.how} {r.published}" for r in dated)
        out.warnings.append(
            f"publication dates disagree ({said}): took {best.published} from {best.how}"
        )
    return out
