"""``concord scope`` and the scope in ``analyze``: real commands, JSON shapes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_scope_json_contract() -> None:
    code, out, _ = run("scope", "NATO-NAC", "--place", "Tokyo", "--on", "2023-06-06", "--json")
    assert code == 0
    view = json.loads(out)
    assert view["inside"] is False
    assert view["clause"] is None
    assert view["place"].startswith("Tokyo")
    assert "Japan" in view["reason"]


def test_forces_flag_changes_the_clause() -> None:
    args = ("scope", "NATO-NAC", "--lat", "35", "--lon", "18", "--json")
    assert json.loads(run(*args)[1])["inside"] is False
    view = json.loads(run(*args, "--forces")[1])
    assert (view["inside"], view["clause"], view["forces"]) == (True, "forces-mediterranean", True)


def test_analyze_includes_scope_for_the_tokyo_office() -> None:
    code, out, _ = run("analyze", str(EXAMPLES / "nato-tokyo-2023.yaml"), "--json")
    assert code == 0
    view = json.loads(out)
    assert view["status"] == "blocked"  # existing fields untouched
    assert view["scope"]["inside"] is False
    assert view["scope"]["place"] == "Tokyo"
    assert "not a Party" in view["scope"]["reason"]
    code, out, _ = run("analyze", str(EXAMPLES / "nato-tokyo-2023.yaml"))
    assert "Scope: outside" in out


def test_analyze_scope_from_a_place_name(tmp_path: Path) -> None:
    text = (EXAMPLES / "nato-tokyo-2023.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ankara.yaml"
    path.write_text(
        text.replace("{name: Tokyo, lat: 35.68, lon: 139.69}", "Ankara"), encoding="utf-8"
    )
    view = json.loads(run("analyze", str(path), "--json")[1])
    assert (view["scope"]["inside"], view["scope"]["clause"]) == (True, "territory-turkey")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lat", "95", "--lon", "3"), "--lat: expected a number between -90 and 90, got 95"),
        (("--lat", "10", "--lon", "-181"), "--lon: expected a number between -180 and 180"),
        (("--lat", "10"), "--lat and --lon go together"),
        (("--place", "Paris", "--lat", "1", "--lon", "2"), "not both"),
        ((), "say where"),
        (("--place", "Ankarra"), "did you mean: Ankara"),
        (("--place", "Paris", "--on", "2023-13-01"), "--on: expected a date YYYY-MM-DD"),
    ],
)
def test_bad_input_exits_2_with_a_clear_error(args: tuple[str, ...], message: str) -> None:
    code, out, err = run("scope", "NATO-NAC", *args)
    assert code == 2
    assert "error:" in err
    assert message in " ".join(err.split())
    assert "Traceback" not in out + err


def test_unknown_body_and_body_without_treaty_area() -> None:
    code, _, err = run("scope", "NATO", "--place", "Paris")
    assert code == 2 and "unknown body 'NATO'" in err and "NATO-NAC" in err
    code, _, err = run("scope", "EU-COUNCIL", "--place", "Paris")
    assert code == 2 and "no treaty area is defined for EU-COUNCIL" in err


def test_points_file(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,lat,lon\nAnkara,39.93,32.86\nTokyo,35.68,139.69\n", encoding="utf-8")
    code, out, err = run("scope", "NATO-NAC", "--points", str(path), "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["name"], r["inside"]) for r in rows] == [("Ankara", True), ("Tokyo", False)]
    assert "2 points: 1 inside, 1 outside, 0 disputed" in err
    code, out, _ = run("scope", "NATO-NAC", "--points", str(path))
    assert out.splitlines()[0] == "line,name,lat,lon,inside,clause,country"
    assert out.splitlines()[1].startswith('2,"Ankara",39.93,32.86,true,territory-turkey')


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("x,y\n1,2\n", ":1", "expected a column named lat"),
        ("lat,lon\n1,2\n91,2\n", ":3", "lat: expected a number between -90 and 90"),
        ("lat,lon\n1,abc\n", ":2", "expected numbers in the lat and lon columns"),
        ("", "", "empty file"),
    ],
)
def test_bad_points_file_names_the_line(
    tmp_path: Path, content: str, where: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, _, err = run("scope", "NATO-NAC", "--points", str(path))
    flat = "".join(err.split("\n"))
    assert code == 2
    assert message in flat
    assert f"bad.csv{where}" in flat
