"""``concord web``: the dashboard alone, over a folder of dossier files.

``concord serve`` (the HTTP service) mounts the same router next to the API, over the
store; this command runs the dashboard without it, over dossier files (accepting news
from the ingest page appends to those files).
"""

from __future__ import annotations

from pathlib import Path

import typer

from concord.cli import common
from concord.cli.common import user_errors


def web_cmd(
    dossiers: Path | None = typer.Option(
        None,
        "--dossiers",
        metavar="DIR",
        help="Folder of dossier YAML files (default: $CONCORD_DOSSIERS, else ./examples).",
    ),
    host: str = typer.Option("127.0.0.1", "--host", metavar="H", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", metavar="P", help="Port to listen on."),
) -> None:
    """Serve the web dashboard: stance map, verdict, timeline, as-of slider."""
    import uvicorn

    from concord.web.app import create_app

    app = create_app(catalog_factory=common.catalog, folder=dossiers)
    typer.echo(f"concord dashboard on http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("web")(user_errors(web_cmd))
