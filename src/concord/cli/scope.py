"""``concord scope``: is a place inside a body's treaty area, on a date, and why."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from concord.cli import common
from concord.cli.common import console, err_console, parse_date, print_json, user_errors
from concord.cli.lazy import lazy_module
from concord.services.views import point_row_view, scope_view

if TYPE_CHECKING:
    from concord.services import scope
    from concord.services.scope import PointRow, ScopeResult
else:  # loaded on first use: geography and the gazetteer are heavy
    scope = lazy_module("concord.services.scope")


def _verdict_word(inside: bool | None) -> str:
    return {True: "[bold green]inside[/]", False: "[bold red]outside[/]"}.get(
        inside,  # type: ignore[arg-type]
        "[bold yellow]disputed[/]",
    )


def scope_line(result: ScopeResult) -> str:
    """One line for humans: the answer, the clause and the reason."""
    f = result.finding
    clause = f" under {f.clause}" if f.clause else ""
    reason = f.reason.replace("[", "\\[")
    return f"Scope: {_verdict_word(f.inside)}{clause} on {result.on.isoformat()}. {reason}"


def _write_rows(rows: list[PointRow]) -> None:
    out = sys.stdout
    out.write("line,name,lat,lon,inside,clause,country\n")
    for r in rows:
        inside = "null" if r.inside is None else str(r.inside).lower()
        name = r.name.replace('"', '""')
        out.write(
            f'{r.line},"{name}",{r.lat},{r.lon},{inside},{r.clause or ""},{r.country or ""}\n'
        )


@user_errors
def scope_cmd(
    body: str = typer.Argument(..., help="Body id, e.g. NATO-NAC."),
    lat: float | None = typer.Option(None, "--lat", help="Latitude, -90 to 90."),
    lon: float | None = typer.Option(None, "--lon", help="Longitude, -180 to 180."),
    place: str | None = typer.Option(
        None, "--place", help='Place name, e.g. "Tokyo" or "Stanley, FK" (offline gazetteer).'
    ),
    points: Path | None = typer.Option(
        None, "--points", help="CSV file with lat,lon columns: check every row (vectorised)."
    ),
    on: str | None = typer.Option(
        None, "--on", help="Date YYYY-MM-DD: treaty text and membership in force (default: today)."
    ),
    forces: bool = typer.Option(
        False, "--forces", help="Test the clause on forces, vessels and aircraft, not territory."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Is a place inside the body's treaty area (NATO: Article 6), on a date, and why?"""
    day = parse_date(on)
    if points is not None:
        if lat is not None or lon is not None or place is not None:
            common.fail("--points: give the points file alone, without --lat/--lon/--place")
        start = time.perf_counter()
        rows = scope.check_file(common.catalog(), body, points, on=day, forces=forces)
        took = time.perf_counter() - start
        if json_out:
            print_json([point_row_view(r) for r in rows])
        else:
            _write_rows(rows)
        inside = sum(r.inside is True for r in rows)
        disputed = sum(r.inside is None for r in rows)
        err_console.print(
            f"{len(rows)} points: {inside} inside, {len(rows) - inside - disputed} outside, "
            f"{disputed} disputed ({took:.2f} s)"
        )
        return
    result = scope.check(
        common.catalog(), body, lat=lat, lon=lon, place=place, on=day, forces=forces
    )
    if json_out:
        print_json(scope_view(result))
    else:
        console.print(scope_line(result))
