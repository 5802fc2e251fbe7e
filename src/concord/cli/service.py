"""CLI of the live service: ``serve``, ``load``, ``token create|revoke|list``, ``audit``.

The store and web stacks are imported inside the commands, so that the rest of the
CLI starts without them.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

import typer

from concord.cli.common import console, print_json, user_errors
from concord.model.errors import ConcordError

SWITCH_INTERVAL = 0.001  # seconds; see ``serve``

DB_HELP = "Database: a SQLite path or postgresql://… (default: $CONCORD_DB, else concord.db)."

token_app = typer.Typer(help="Bearer tokens for the HTTP API.", no_args_is_help=True)
audit_app = typer.Typer(help="Verify or export the hash-chained event log.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("load")(load)
    app.add_typer(token_app, name="token")
    app.add_typer(audit_app, name="audit")


@user_errors
def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="Server processes sharing the port, each with its own writer and scheduler; "
        "the database orders their commits into one chain.",
    ),
    dashboard_link: bool = typer.Option(
        False,
        "--dashboard-link",
        help="Create a read-only observer token for this run (revoked when the server stops) "
        "and print a dashboard link that carries it.",
    ),
    rate_limit: str | None = typer.Option(
        None,
        "--rate-limit",
        help="Per-token limit, e.g. 50/s or 600/min,burst=100 (default: $CONCORD_RATE_LIMIT, "
        "else off); over it: 429 with Retry-After.",
    ),
) -> None:
    """Serve the HTTP API and the dashboard (database migrated first), run the scheduler."""
    import os

    import uvicorn

    from concord.api.app import create_app
    from concord.api.ratelimit import RATE_ENV, RateLimit
    from concord.api.transport import GatheringHttpToolsProtocol
    from concord.services import auth
    from concord.services.runtime import build_service
    from concord.store.database import DB_ENV

    limit = RateLimit.parse(rate_limit) if rate_limit else RateLimit.from_env()
    # The writer thread lets go of the GIL at every SQLite call and must win it back from
    # a busy event loop; the default 5 ms switch interval made each of those a 5 ms wait.
    sys.setswitchinterval(SWITCH_INTERVAL)
    svc = build_service(db, threaded=workers == 1)
    url = f"http://{host}:{port}/"
    link, revoke = url, None
    if dashboard_link:
        secret, info = auth.create_token(
            svc.writer, svc.catalog, body=auth.default_body(svc.catalog), role=auth.Role.OBSERVER
        )
        link = f"{url}#token={secret}"
        # Revoked in the app's shutdown: uvicorn re-raises SIGTERM once it has stopped.
        revoke = partial(auth.revoke_token, svc.writer, info.id)
    sys.stdout.write(
        f"concord serving {url}\n  dashboard {link}\n  API docs {url}docs, database {svc.db.url}"
        + (f", {workers} processes" if workers > 1 else "")
        + "\n"
    )
    sys.stdout.flush()
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "loop": "uvloop",
        "http": GatheringHttpToolsProtocol,
        "proxy_headers": False,
    }
    if workers > 1:
        svc.close()  # migrated; each worker process opens its own
        os.environ[DB_ENV] = svc.db.url
        if rate_limit:
            os.environ[RATE_ENV] = rate_limit
        uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, **options)
        return
    try:
        app = create_app(svc, on_stop=revoke, rate_limit=limit)
        freeze_heap()
        uvicorn.run(app, **options)
    finally:
        svc.close()


def worker_app() -> Any:
    """The application of one ``serve --workers N`` process (database from ``$CONCORD_DB``)."""
    from concord.api.app import create_app
    from concord.api.ratelimit import RateLimit
    from concord.services.runtime import build_service

    sys.setswitchinterval(SWITCH_INTERVAL)
    app = create_app(build_service(None, threaded=True), rate_limit=RateLimit.from_env())
    freeze_heap()
    return app


def freeze_heap() -> None:
    """Leave the objects made at start-up (catalog, app, libraries: ~110,000) out of the
    garbage collector's full passes.

    A full pass over them took 150-200 ms here, every few seconds under load, during
    which the event loop and the writer stood still: it was the p99 latency. They live
    as long as the process anyway (``gc.freeze``, as the ``gc`` documentation advises
    for servers).
    """
    import gc

    gc.collect()
    gc.freeze()


@user_errors
def load(
    dossiers: list[Path] = typer.Argument(None, help="Dossier YAML files to store."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Store the catalog's bodies and the given dossiers (already stored ones are skipped)."""
    from concord.services import loading
    from concord.services.runtime import build_service

    svc = build_service(db)
    try:
        report = loading.load(svc, list(dossiers or []))
    finally:
        svc.close()
    if json_out:
        print_json(report.as_dict())
        return
    sys.stdout.write(
        f"bodies added: {', '.join(report.bodies_added) or 'none'}\n"
        f"dossiers added: {', '.join(report.dossiers_added) or 'none'}\n"
        f"dossiers already stored: {', '.join(report.dossiers_unchanged) or 'none'}\n"
    )


@token_app.command("create")
@user_errors
def token_create(
    body: str = typer.Option(..., "--body", help="Body id, e.g. NATO-NAC."),
    actor: str | None = typer.Option(None, "--actor", help="Delegation of this actor (FRA)."),
    secretariat: bool = typer.Option(False, "--secretariat", help="The body's secretariat."),
    observer: bool = typer.Option(False, "--observer", help="A read-only observer."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Create a token; the secret is printed once and stored only as a hash."""
    from concord.services import auth
    from concord.services.auth import Role
    from concord.services.runtime import build_service

    chosen = [
        r
        for r, on in (
            (Role.DELEGATION, actor is not None),
            (Role.SECRETARIAT, secretariat),
            (Role.OBSERVER, observer),
        )
        if on
    ]
    if len(chosen) != 1:
        raise ConcordError("choose exactly one of --actor CODE, --secretariat, --observer")
    svc = build_service(db)
    try:
        secret, info = auth.create_token(
            svc.writer, svc.catalog, body=body, role=chosen[0], actor=actor
        )
    finally:
        svc.close()
    if json_out:
        print_json({"token": secret, **info.as_dict()})
        return
    who = auth.Principal(info.id, info.role, info.body, info.actor).describe()
    console.print(f"token {info.id} for {who} (shown once, stored only as a hash):")
    sys.stdout.write(secret + "\n")


@token_app.command("revoke")
@user_errors
def token_revoke(
    token_id: str = typer.Argument(..., help="Token id from `concord token list`."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Revoke a token at once (servers notice within a second)."""
    from concord.services import auth
    from concord.services.runtime import build_service

    svc = build_service(db)
    try:
        info = auth.revoke_token(svc.writer, token_id)
    finally:
        svc.close()
    console.print(f"token {info.id} revoked at {info.revoked_at}")


@token_app.command("list")
@user_errors
def token_list(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List tokens (never their secrets)."""
    from concord.services import auth
    from concord.services.runtime import build_service

    svc = build_service(db)
    try:
        rows = [t.as_dict() for t in auth.list_tokens(svc.db)]
    finally:
        svc.close()
    if json_out:
        print_json(rows)
        return
    for r in rows:
        state = f"revoked {r['revoked_at']}" if r["revoked_at"] else "active"
        console.print(f"{r['id']}  {r['role']:<11} {r['body']:<10} {r['actor'] or '-':<4} {state}")


@audit_app.command("verify")
@user_errors
def audit_verify(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Recompute the hash chain; exit 1 naming the first bad seq if it does not verify."""
    from concord.services import audit
    from concord.services.runtime import build_service

    svc = build_service(db)
    try:
        result = audit.verify_log(svc.db)
    finally:
        svc.close()
    if json_out:
        print_json(result.as_dict())
    elif result.ok:
        console.print(f"ok: {result.events} events, the chain verifies")
    else:
        console.print(f"broken: first bad seq {result.first_bad} ({result.reason})")
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("export")
@user_errors
def audit_export(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Print the log as JSON lines, one event per line, in seq order."""
    from concord.services import audit
    from concord.services.runtime import build_service

    svc = build_service(db)
    try:
        for line in audit.export_lines(svc.db):
            sys.stdout.write(line + "\n")
    finally:
        svc.close()
