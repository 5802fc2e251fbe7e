"""CLI for analysis: ``power``, ``forecast`` and ``compare``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from concord.cli import common
from concord.cli.common import console, parse_date, print_json, user_errors
from concord.cli.lazy import lazy_module
from concord.model.errors import ConcordError
from concord.services.views import comparison_view, forecast_view, power_view

if TYPE_CHECKING:
    from concord.services import compare as compare_service
    from concord.services import forecasting
    from concord.services import power as power_service
else:  # loaded on first use: numpy and the maths are not needed by other commands
    compare_service = lazy_module("concord.services.compare")
    forecasting = lazy_module("concord.services.forecasting")
    power_service = lazy_module("concord.services.power")


@user_errors
def power_cmd(
    body: str | None = typer.Argument(None, help="Body id, e.g. UNSC (or use --weights)."),
    rule: str | None = typer.Option(None, "--rule", help="Rule (default: the body's)."),
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD (default: today)."),
    weights: str | None = typer.Option(
        None, "--weights", help="Weights W1,W2,... of a weighted-quota game (with --quota)."
    ),
    quota: int | None = typer.Option(None, "--quota", help="Quota for --weights."),
    banzhaf_only: bool = typer.Option(
        False,
        "--banzhaf-only",
        help="Skip Shapley-Shubik where it is costly (floating-point path, thousands of players).",
    ),
    shapley: bool = typer.Option(
        False,
        "--shapley",
        help="Compute Shapley-Shubik even when it is estimated to take more than a few seconds"
        " (by default it is then skipped, with a note).",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Voting power (Banzhaf, Shapley-Shubik) of each member under a rule, exact where it fits."""
    if shapley and banzhaf_only:
        raise ConcordError("--shapley and --banzhaf-only exclude each other", where="--shapley")
    want = True if shapley else (False if banzhaf_only else None)
    if weights is not None or quota is not None:
        if body is not None or rule is not None or on is not None:
            raise ConcordError("give either BODY [--rule] [--on] or --weights with --quota")
        if weights is None or quota is None:
            raise ConcordError("--weights and --quota go together", where="--weights")
        report = power_service.weights_power(weights, quota, shapley=want)
    elif body is None:
        raise ConcordError("give a BODY (see `concord bodies`) or --weights with --quota")
    else:
        report = power_service.body_power(
            common.catalog(), body, rule=rule, on=parse_date(on), shapley=want
        )
    view = power_view(report)
    if json_out:
        print_json(view)
        return
    ix = report.indices
    title = (
        f"{report.body} · rule {report.rule} · {report.as_of}"
        if report.body
        else f"weighted game, quota {quota}"
    )
    table = Table(title=f"Voting power: {title} ({ix.method})", title_justify="left")
    for col in ("member", "Banzhaf", "Shapley-Shubik", "swings"):
        table.add_column(col, justify="left" if col == "member" else "right")
    shown = sorted(range(len(ix.players)), key=lambda k: -ix.banzhaf[k])[:40]
    for k in shown:
        ss = f"{ix.shapley_shubik[k]:.6f}" if ix.shapley_computed else "-"
        if ix.shapley_shubik_exact is not None:
            ss += f" ({ix.shapley_shubik_exact[k]})"
        table.add_row(
            ix.players[k],
            f"{ix.banzhaf[k]:.6f}",
            ss,
            "" if ix.swings is None else str(ix.swings[k]),
        )
    console.print(table)
    if len(ix.players) > len(shown):
        console.print(f"... and {len(ix.players) - len(shown)} more (use --json for all)")
    if ix.shapley_note:
        console.print(f"note: {ix.shapley_note}", soft_wrap=True)


@user_errors
def forecast_cmd(
    dossier: Path = typer.Argument(..., help="Dossier YAML file."),
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD; overrides as_of."),
    rule: str | None = typer.Option(None, "--rule", help="Forecast under another rule."),
    flip: list[str] = typer.Option([], "--flip", help="What-if ACTOR=STANCE (repeatable)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Exact chance a dossier passes, and how likely each member's choice is to decide it."""
    report = forecasting.forecast_file(
        dossier, common.catalog(), on=parse_date(on), rule=rule, flips=flip
    )
    view = forecast_view(report)
    if json_out:
        print_json(view)
        return
    console.print(
        f"[bold]{view['probability']:.4f}[/] chance of adoption · {view['body']} · rule "
        f"{view['rule']} · as of {view['as_of']} · now {view['status']} ({view['method']})"
    )
    table = Table(title="Members by criticality", title_justify="left")
    for col in ("member", "P(consent)", "criticality"):
        table.add_column(col, justify="left" if col == "member" else "right")
    ranked = sorted(view["criticality"].items(), key=lambda kv: (-kv[1], kv[0]))
    for code, crit in ranked:
        table.add_row(code, f"{view['probabilities'][code]:.2f}", f"{crit:.4f}")
    console.print(table)
    if view["abstaining"]:
        console.print(
            f"abstaining for certain (stated neutral; no veto, not a vote in favour): "
            f"{', '.join(view['abstaining'])}"
        )


@user_errors
def compare_cmd(
    dossier: Path = typer.Argument(..., help="Dossier YAML file."),
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD; overrides as_of."),
    flip: list[str] = typer.Option([], "--flip", help="What-if ACTOR=STANCE (repeatable)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Verdict and adoption probability under every rule, side by side (what-if)."""
    view = comparison_view(
        compare_service.compare(dossier, common.catalog(), on=parse_date(on), flips=flip)
    )
    if json_out:
        print_json(view)
        return
    table = Table(
        title=f"{view['proposal']} · {view['body']} · as of {view['as_of']}", title_justify="left"
    )
    for col in ("rule", "body's rule", "status", "P(adopted)", "blockers / why not"):
        table.add_column(col)
    for row in view["rules"]:
        mark = "default" if row["default"] else ("yes" if row["listed"] else "what-if")
        if row["applicable"]:
            table.add_row(
                row["rule"],
                mark,
                row["status"],
                f"{row['probability']:.4f}",
                ", ".join(row["blockers"]),
            )
        else:
            table.add_row(row["rule"], mark, "-", "-", f"not applicable: {row['reason']}")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("power")(power_cmd)
    app.command("forecast")(forecast_cmd)
    app.command("compare")(compare_cmd)
