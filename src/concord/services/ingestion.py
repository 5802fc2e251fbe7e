"""Ingest news: files, folders or stdin in; proposed statements (DESIGN.md shape) out.

Shared by the CLI and, later, the API and the web review screen. One file's failure never
stops a batch: each file yields either statements or an error naming the file. Batches run
in-process, on a local process pool (``workers``) or on an existing Dask cluster.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from concord.data.catalog import Catalog
from concord.ingest.dates import DateReading
from concord.ingest.pipeline import Article, analyse
from concord.ingest.proposals import KnownProposal
from concord.model.errors import ConcordError
from concord.services.ingestion_urls import read_url_list as read_url_list  # for the CLI

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = {".txt", ".html", ".htm"}

Progress = Callable[[int, int], None]


@dataclass
class FileResult:
    """What one input produced: statements (DESIGN.md ``ingest --json`` rows) or an error."""

    file: str
    published: str | None = None
    warnings: list[str] = field(default_factory=list)
    body: str | None = None
    statements: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    text: str | None = None  # the text analysed (HTML: its main text), for review screens
    date_sources: dict[str, str] = field(default_factory=dict)  # witness -> date it gave


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders expanded to their .txt/.html files, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise ConcordError("empty file: expected article text or HTML", where=name)
    if len(data) > MAX_BYTES:
        raise ConcordError(
            f"file too large ({len(data)} bytes): expected an article under {MAX_BYTES} bytes",
            where=name,
        )
    if b"\x00" in data[:4096]:
        raise ConcordError("binary file: expected UTF-8 article text or HTML", where=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConcordError(
            f"invalid UTF-8 at byte {exc.start}: expected UTF-8 article text", where=name
        ) from None


def _is_html(text: str, name: str) -> bool:
    head = text[:2048].lstrip().lower()
    return name.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html"))


def html_to_text(html: str) -> tuple[str, DateReading]:
    """Main text by trafilatura, date by htmldate (the HTML extra-free core stays importable)."""
    import trafilatura

    from concord.ingest.dates import read_html_date

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    return text, read_html_date(html)


def date_witnesses(
    html_dating: DateReading | None, url: str | None, today: date | None
) -> list[DateReading]:
    """Dates besides the dateline: HTML metadata and the article's URL, when there are any."""
    from concord.ingest.dates import read_url_date

    out = [html_dating] if html_dating is not None else []
    if url:
        out.append(read_url_date(url, today=today or date.today()))
    return out


@cache
def _catalog() -> Catalog:
    return Catalog.load()


def membership(catalog: Catalog, body: str | None, actor: str, day: date) -> bool | None:
    """Whether ``actor`` sits in ``body`` on ``day``; None for bodies concord does not model
    and for dates before the body's member list is complete."""
    if body is None or not catalog.has_body(body):
        return None
    return catalog.body(body).is_member_on(actor, day)


def ingest_text(
    text: str,
    name: str,
    *,
    known: Sequence[KnownProposal] = (),
    body: str | None = None,
    catalog: Catalog | None = None,
    today: date | None = None,
    url: str | None = None,
) -> FileResult:
    """One article's text (or HTML) to a :class:`FileResult`; never raises for bad content.

    ``url`` is where the article was published (else the HTML's canonical or og:url): a
    date in it is weighed with the metadata and the dateline.
    """
    from concord.ingest.dates import canonical_url

    catalog = catalog or _catalog()
    dating = None
    if _is_html(text, name):
        url = url or canonical_url(text)
        text, dating = html_to_text(text)
        if not text.strip():
            return FileResult(name, error=f"no article text found in HTML ({name})")
    witnesses = date_witnesses(dating, url, today)
    article: Article = analyse(text, known=known, body_hint=body, today=today, witnesses=witnesses)
    day = article.published or today or date.today()
    known_by_id = {k.id: k for k in known}
    result = FileResult(
        name,
        article.published.isoformat() if article.published else None,
        article.warnings,
        article.body,
        text=text,
        date_sources=article.date_sources,
    )
    for s in article.statements:
        stmt_body = known_by_id[s.proposal].body if s.proposal in known_by_id else article.body
        result.statements.append(
            {
                "file": name,
                "published": result.published,
                "actor": s.actor,
                "speaker": s.speaker,
                "stance": s.stance.value,
                "member": membership(catalog, stmt_body, s.actor, day),
                "body": stmt_body,
                "proposal": s.proposal,
                "proposal_title": s.proposal_title,
                "evidence": s.evidence,
                "confidence": s.confidence,
                "via": list(s.via),
                "chain": [h.as_json() for h in s.chain],
                "stance_changed": s.changed,
                "warnings": list(article.warnings),
                "date_sources": dict(article.date_sources),
            }
        )
    return result


def ingest_file(
    path: str, known: Sequence[KnownProposal] = (), body: str | None = None, url: str | None = None
) -> FileResult:
    """Read and ingest one file; errors (empty, binary, bad UTF-8, too large) become a result."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, error=f"cannot read file: {exc.strerror} ({path})")
    return ingest_bytes(data, path, known, body, url)


def ingest_bytes(
    data: bytes,
    path: str,
    known: Sequence[KnownProposal] = (),
    body: str | None = None,
    url: str | None = None,
) -> FileResult:
    """Ingest a file's contents as :func:`ingest_file` would; errors become a result."""
    try:
        return ingest_text(_decode(data, path), path, known=known, body=body, url=url)
    except ConcordError as exc:
        return FileResult(path, error=str(exc) if exc.where else f"{exc.message} ({path})")


# Per-process job settings: set once by the pool initializer (or the Dask warm-up), so tasks
# carry only file names, never the proposals or the body again.
_JOB: dict[str, Any] = {"known": (), "body": None}
_BATCH_MAX = 64  # files per task: large enough to hide per-task cost, small enough for progress


def _init_worker(known: tuple[KnownProposal, ...], body: str | None) -> None:
    """Load the lexicon, catalog and proposal matcher once per worker process."""
    from concord.ingest.lexicon import lexicon

    _JOB["known"], _JOB["body"] = known, body
    lexicon()
    _catalog()


Job = tuple[str, str | None]  # a file and where it was published, if known


def _ingest_batch(jobs: list[Job]) -> list[FileResult]:
    return [ingest_file(f, _JOB["known"], _JOB["body"], url=url) for f, url in jobs]


def _ingest_batch_with(
    jobs: list[Job], known: tuple[KnownProposal, ...], body: str | None
) -> list[FileResult]:
    if _JOB["known"] != known or _JOB["body"] != body:
        _init_worker(known, body)
    return _ingest_batch(jobs)


def batches(jobs: Sequence[Job], workers: int) -> list[list[Job]]:
    """Jobs in order, cut into about four tasks per worker, at most ``_BATCH_MAX`` each."""
    size = max(1, min(_BATCH_MAX, -(-len(jobs) // (4 * max(1, workers)))))
    return [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]


def ingest_paths(
    paths: Sequence[Path],
    *,
    known: Sequence[KnownProposal] = (),
    body: str | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
    url: str | None = None,
    urls: dict[str, str] | None = None,
    unmatched: Callable[[list[str]], None] | None = None,
) -> list[FileResult]:
    """Ingest many files, in order of input, locally, on a process pool or on Dask.

    ``url``, where the one article given was published, is a hint for its date; ``urls``
    (file name or path → URL, from ``--urls``) gives one for each article of a batch, and
    ``unmatched`` hears of the names in it that no input file has.
    """
    from concord.services.ingestion_urls import match_urls

    files = [str(p) for p in expand_inputs(paths)]
    if not files:
        raise ConcordError("no input files: expected .txt or .html files or folders")
    if url is not None and len(files) != 1:
        raise ConcordError(
            f"--url names one article's address: expected one file, got {len(files)}; "
            "give a batch's addresses with --urls"
        )
    addresses, unused = match_urls(files, urls or {})
    if url is not None:
        addresses = [url]
    if unused and unmatched:
        unmatched(unused)
    results: list[FileResult] = []
    jobs = list(zip(files, addresses, strict=True))
    for batch in _run(jobs, tuple(known), body, workers, dask_address):
        results.extend(batch)
        if progress:
            progress(len(results), len(files))
    return results


def _run(
    jobs: list[Job],
    known: tuple[KnownProposal, ...],
    body: str | None,
    workers: int,
    dask_address: str | None,
) -> Iterator[list[FileResult]]:
    if dask_address:
        from concord.services.ingestion_dask import run_on_dask

        task = partial(_ingest_batch_with, known=known, body=body)
        yield from run_on_dask(jobs, dask_address, task, batches)
    elif workers > 1:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(known, body)
        ) as pool:
            yield from pool.map(_ingest_batch, batches(jobs, workers))
    else:
        _JOB["known"], _JOB["body"] = known, body
        for batch in batches(jobs, 1):
            yield _ingest_batch(batch)


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))


def known_from_dossiers(paths: Sequence[Path], catalog: Catalog) -> list[KnownProposal]:
    """The proposals of the analyst's dossiers, to match statements against."""
    from concord.store.dossier_files import load_dossier

    out = []
    for p in paths:
        prop = load_dossier(p, catalog).proposal
        year = prop.as_of.year if prop.as_of else None
        out.append(KnownProposal(prop.id, prop.body, prop.title, prop.text or "", year))
    return out


def known_proposals(
    into: Path | None, folders: Sequence[Path], catalog: Catalog
) -> list[KnownProposal]:
    """Proposals to match: the ``--into`` dossier's and those of every dossier in ``folders``.

    Only what the analyst names is searched (no implicit example folders); a folder's files
    must all be dossiers, and a bad one is reported with its file and line.
    """
    paths = [into] if into else []
    for folder in folders:
        if not folder.is_dir():
            raise ConcordError("expected a folder of dossier YAML files", where=str(folder))
        paths.extend(sorted(p for p in folder.glob("*.y*ml") if p.suffix in {".yaml", ".yml"}))
    seen: dict[str, KnownProposal] = {}
    for k in known_from_dossiers(list(dict.fromkeys(paths)), catalog):
        seen.setdefault(k.id, k)
    return list(seen.values())


def dossier_row(statement: dict[str, Any]) -> dict[str, Any] | None:
    """A dossier statement for an ingested one; None when the article has no date."""
    if not statement.get("published"):
        return None
    row: dict[str, Any] = {
        "actor": statement["actor"],
        "stance": statement["stance"],
        "date": statement["published"],
    }
    if statement.get("speaker"):
        row["speaker"] = statement["speaker"]
    row["source"] = {"title": Path(statement["file"]).name, "quote": statement["evidence"]}
    return row


def accept_into(
    dossier: Path,
    statements: Sequence[dict[str, Any]],
    catalog: Catalog,
    accept: Callable[[dict[str, Any]], bool] = lambda s: True,
) -> tuple[int, list[str]]:
    """Append accepted statements on the dossier's proposal; returns (added, skipped reasons)."""
    from concord.store.dossier_append import append_statements
    from concord.store.dossier_files import load_dossier

    proposal = load_dossier(dossier, catalog).proposal
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    for s in statements:
        if s.get("proposal") not in (None, proposal.id):
            continue
        row = dossier_row(s)
        if row is None:
            skipped.append(f"{s['file']}: {s['actor']} {s['stance']}: article has no date")
            continue
        if accept(s):
            rows.append(row)
    return append_statements(dossier, rows, catalog), skipped
