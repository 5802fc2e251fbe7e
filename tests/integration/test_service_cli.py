"""The service's CLI: load (idempotent), token create/list/revoke, audit verify/export."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from concord.cli.main import app
from concord.store.database import open_database
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_load_tokens_and_audit(tmp_path: Path) -> None:
    db = str(tmp_path / "concord.db")
    example = str(EXAMPLES / "nato-tokyo-2023.yaml")
    first = runner.invoke(app, ["load", example, "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["dossiers_added"] == ["nato-tokyo-liaison-office-2023"]
    again = json.loads(runner.invoke(app, ["load", example, "--db", db, "--json"]).output)
    assert again == {
        "bodies_added": [],
        "dossiers_added": [],
        "dossiers_unchanged": ["nato-tokyo-liaison-office-2023"],
    }

    made = runner.invoke(
        app, ["token", "create", "--body", "NATO-NAC", "--actor", "fra", "--db", db, "--json"]
    )
    token = json.loads(made.output)
    assert token["token"].startswith("concord_") and token["actor"] == "FRA"
    listed = json.loads(runner.invoke(app, ["token", "list", "--db", db, "--json"]).output)
    assert [t["id"] for t in listed] == [token["id"]] and "token" not in listed[0]
    stored = open_database(db)
    with stored.reading() as conn:
        hashes = list(conn.execute(text("SELECT secret_hash FROM tokens")).scalars())
    assert token["token"] not in hashes and len(hashes[0]) == 64
    assert runner.invoke(app, ["token", "revoke", token["id"], "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["token", "list", "--db", db, "--json"]).output)
    assert listed[0]["revoked_at"] is not None

    bad = runner.invoke(
        app, ["token", "create", "--body", "NATO-NAC", "--secretariat", "--observer", "--db", db]
    )
    assert bad.exit_code == 2 and "exactly one" in bad.output
    unknown = runner.invoke(app, ["token", "create", "--body", "NOPE", "--observer", "--db", db])
    assert unknown.exit_code == 2 and "unknown body" in unknown.output

    ok = runner.invoke(app, ["audit", "verify", "--db", db, "--json"])
    assert ok.exit_code == 0 and json.loads(ok.output)["ok"] is True
    lines = runner.invoke(app, ["audit", "export", "--db", db]).output.splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds.count("body.loaded") == 3 and "token.revoked" in kinds

    with stored.writing() as conn:
        conn.execute(text("UPDATE events SET actor = 'forged' WHERE seq = 4"))
    stored.dispose()
    broken = runner.invoke(app, ["audit", "verify", "--db", db])
    assert broken.exit_code == 1 and "first bad seq 4" in broken.output
    as_json = json.loads(runner.invoke(app, ["audit", "verify", "--db", db, "--json"]).output)
    assert as_json["ok"] is False and as_json["first_bad"] == 4
