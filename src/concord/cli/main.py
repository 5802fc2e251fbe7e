"""Entry point: ``concord``. Each command parses, calls one service, renders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from concord.cli import common, web
from concord.cli import service as service_cli
from concord.cli.common import console, parse_date, print_json, user_errors
from concord.cli.ingest import ingest_cmd
from concord.cli.power import register as register_analysis
from concord.cli.render import bodies_table, members_table, verdict_panel
from concord.cli.scope import scope_cmd, scope_line
from concord.model.rules.base import all_rules
from concord.services import catalog_queries, whatif
from concord.services.views import analysis_view

app = typer.Typer(
    name="concord",
    help=(
        "Track, forecast and run the decisions of bodies that decide by consensus "
        "or by vetoable vote."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    bodies: list[Path] = typer.Option(
        [],
        "--bodies",
        metavar="PATH",
        help="Extra body YAML file or folder (repeatable; also $CONCORD_BODIES).",
    ),
) -> None:
    common.set_extra_bodies(bodies)


@app.command("bodies")
@user_errors
def bodies_cmd(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the bodies concord knows, built-in and your own."""
    rows = catalog_queries.list_bodies(common.catalog(), date.today())
    if json_out:
        print_json(rows)
    else:
        console.print(bodies_table(rows))


@app.command("members")
@user_errors
def members_cmd(
    body: str = typer.Argument(..., metavar="BODY", help="Body id, e.g. NATO-NAC."),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="Date YYYY-MM-DD (default: today)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the members of a body on a date, with the source of each membership."""
    cat = common.catalog()
    day = parse_date(on) or date.today()
    found, rows = catalog_queries.members(cat, body, day)
    if json_out:
        print_json(rows)
    else:
        console.print(members_table(found, day, rows))


@app.command("rules")
@user_errors
def rules_cmd(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the decision rules in the registry."""
    rows = [{"name": r.name, "title": r.title, "description": r.description} for r in all_rules()]
    if json_out:
        print_json(rows)
        return
    for r in rows:
        console.print(f"[bold]{r['name']}[/]  {r['title']}\n    {r['description']}")


@app.command("analyze")
@user_errors
def analyze_cmd(
    dossier: Path = typer.Argument(..., metavar="DOSSIER", help="Dossier YAML file."),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="Date YYYY-MM-DD; overrides the dossier's as_of."
    ),
    rule: str | None = typer.Option(
        None, "--rule", metavar="RULE", help="Evaluate under another rule (what-if)."
    ),
    flip: list[str] = typer.Option(
        [], "--flip", metavar="ACTOR=STANCE", help="What-if ACTOR=STANCE (repeatable)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Verdict on a dossier: adopted, blocked or pending; who blocks; what it would take."""
    cat = common.catalog()
    result = whatif.analyze_file(dossier, cat, on=parse_date(on), rule=rule, flips=flip)
    if json_out:
        print_json(analysis_view(result))
    else:
        console.print(
            verdict_panel(result.verdict, result.dossier.proposal.title, common.catalog())
        )
        if result.scope:
            console.print(scope_line(result.scope))


app.command("scope")(scope_cmd)


app.command("ingest")(ingest_cmd)


web.register(app)


register_analysis(app)


service_cli.register(app)


def main() -> None:
    app()
