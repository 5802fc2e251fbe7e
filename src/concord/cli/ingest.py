"""``concord ingest``: propose statements from news articles (DESIGN.md contract)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from concord.cli import common
from concord.cli.common import console, err_console, print_json, user_errors
from concord.cli.lazy import lazy_module

if TYPE_CHECKING:
    from concord.services import ingestion
else:  # loaded on first use: the NLP data and HTML extractors are heavy
    ingestion = lazy_module("concord.services.ingestion")


def _run(
    files: list[Path],
    known: list[Any],
    body: str | None,
    workers: int,
    dask: str | None,
    url: str | None = None,
    urls: dict[str, str] | None = None,
) -> list[ingestion.FileResult]:
    if files == [Path("-")]:
        return [ingestion.ingest_text(sys.stdin.read(), "<stdin>", known=known, body=body, url=url)]

    def unmatched(names: list[str]) -> None:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        err_console.print(f"warning: --urls names no input file for: {shown}", highlight=False)

    if not sys.stderr.isatty():
        return ingestion.ingest_paths(
            files, known=known, body=body, workers=workers, dask_address=dask, url=url,
            urls=urls, unmatched=unmatched,
        )  # fmt: skip
    with Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=None)
        return ingestion.ingest_paths(
            files,
            known=known,
            body=body,
            workers=workers,
            dask_address=dask,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            url=url,
            urls=urls,
            unmatched=unmatched,
        )


def _table(results: list[ingestion.FileResult]) -> Table:
    table = Table("file", "published", "actor", "stance", "member", "speaker", "evidence")
    for r in results:
        for s in r.statements:
            member = {True: "member", False: "non-member", None: "?"}[s["member"]]
            table.add_row(
                Path(r.file).name, r.published or "?", s["actor"], s["stance"], member,
                s["speaker"] or "", s["evidence"][:90],
            )  # fmt: skip
    return table


def ingest_cmd(
    files: list[Path] = typer.Argument(..., help="Article .txt/.html files or folders; - = stdin."),
    body: str | None = typer.Option(None, "--body", help="Body id, if known (e.g. NATO-NAC)."),
    into: Path | None = typer.Option(
        None, "--into", help="Dossier YAML: append statements on its proposal."
    ),
    dossiers: list[Path] = typer.Option(
        [],
        "--dossiers",
        help="Folder of dossier YAML files to match proposals against (repeatable).",
    ),
    review: bool = typer.Option(False, "--review", help="Ask before appending each statement."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    workers: int = typer.Option(1, "--workers", min=1, help="Local worker processes."),
    dask: str | None = typer.Option(None, "--dask", help="Address of a Dask scheduler."),
    url: str | None = typer.Option(
        None, "--url", help="Where the (one) article was published: a date in it is weighed."
    ),
    urls: Path | None = typer.Option(
        None,
        "--urls",
        help="File of '<article file name> <URL>' lines: where each article of a batch was "
        "published.",
    ),
) -> None:
    """Propose statements (actor, stance, speaker, evidence) from news articles."""
    user_errors(_ingest)(files, body, into, dossiers, review, json_out, workers, dask, url, urls)


def _ingest(
    files: list[Path],
    body: str | None,
    into: Path | None,
    dossiers: list[Path],
    review: bool,
    json_out: bool,
    workers: int,
    dask: str | None,
    url: str | None = None,
    urls: Path | None = None,
) -> None:
    cat = common.catalog()
    if body:
        body = cat.body(body).id
    known = ingestion.known_proposals(into, dossiers, cat)
    addresses = ingestion.read_url_list(urls) if urls else None
    results = _run(files, known, body, workers, dask, url, addresses)
    statements = [s for r in results for s in r.statements]
    failures = [r for r in results if r.error]
    for r in failures:
        sys.stderr.write(f"error: {r.error}\n")
    for r in results:
        for w in r.warnings:
            if not w.startswith("no publication date"):
                sys.stderr.write(f"warning: {w} ({r.file})\n")
    if json_out:
        print_json(statements)
    else:
        console.print(_table(results))
    if into:

        def ask(s: dict[str, Any]) -> bool:
            prompt = f"append {s['actor']} {s['stance']} ({s['evidence'][:70]})?"
            return not review or typer.confirm(prompt, default=True, err=True)

        added, skipped = ingestion.accept_into(into, statements, cat, ask)
        for reason in skipped:
            sys.stderr.write(f"skipped: {reason}\n")
        sys.stderr.write(f"appended {added} statement(s) to {into}\n")
    if failures:
        raise typer.Exit(1)
