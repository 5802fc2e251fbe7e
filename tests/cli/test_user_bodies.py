"""Users add bodies in YAML through the same loader as the built-in ones."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from concord.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_user_body_is_listed_and_analysed() -> None:
    bodies = runner.invoke(app, ["--bodies", str(EXAMPLES / "bodies"), "bodies", "--json"])
    assert bodies.exit_code == 0, bodies.stderr
    assert "SIM-BOARD" in [b["id"] for b in json.loads(bodies.stdout)]
    result = runner.invoke(
        app,
        [
            "--bodies",
            str(EXAMPLES / "bodies"),
            "analyze",
            str(EXAMPLES / "sim-board-loan.yaml"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # USA 40 + undecided JPN 20, DEU 15, FRA 15 = 90 ≥ 70: not blocked; 40 < 70: not adopted.
    assert data["status"] == "pending"
    assert data["rule"] == "weighted-quota"
    assert data["needed"] in (["DEU", "JPN"], ["FRA", "JPN"])  # two members suffice, one does not


def test_body_from_environment(monkeypatch: object) -> None:
    import os

    os.environ["CONCORD_BODIES"] = str(EXAMPLES / "bodies")
    try:
        result = runner.invoke(app, ["members", "SIM-BOARD", "--on", "2025-01-01", "--json"])
    finally:
        del os.environ["CONCORD_BODIES"]
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == ["BRA", "DEU", "FRA", "JPN", "USA"]
    assert {r["code"]: r["weight"] for r in rows}["USA"] == 40


def test_bad_user_body_names_file_line_and_field(tmp_path: Path) -> None:
    text = (EXAMPLES / "bodies" / "imf-style-board.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("weight: 20", "weight: -3"), encoding="utf-8")
    result = runner.invoke(app, ["--bodies", str(bad), "bodies"])
    assert result.exit_code == 2
    assert "bad.yaml:13" in result.stderr
    assert "members[1].weight" in result.stderr
    assert "whole number" in result.stderr


def test_user_body_cannot_shadow_a_built_in(tmp_path: Path) -> None:
    text = (EXAMPLES / "bodies" / "imf-style-board.yaml").read_text(encoding="utf-8")
    clash = tmp_path / "clash.yaml"
    clash.write_text(text.replace("id: SIM-BOARD", "id: NATO-NAC"), encoding="utf-8")
    result = runner.invoke(app, ["--bodies", str(clash), "bodies"])
    assert result.exit_code == 2
    assert "built in" in result.stderr
