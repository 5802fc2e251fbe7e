"""Bad input gets one line naming file, line and field, exit code 2, and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli.main import app

runner = CliRunner()

VALID = """\
proposal:
  id: p1
  body: NATO-NAC
  title: A proposal
  as_of: 2023-06-06
statements:
  - actor: FRA
    stance: oppose
    date: 2023-06-05
"""


def _run(tmp_path: Path, text: str | bytes, *extra: str) -> tuple[int, str]:
    path = tmp_path / "dossier.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), *extra])
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("name", "text", "fragments"),
    [
        ("malformed YAML", VALID.replace("  title: A proposal", "  title: [A proposal"),
         ["malformed YAML", ":5"]),
        ("unknown body", VALID.replace("NATO-NAC", "NATO-XYZ"),
         ["proposal.body", "known body id", ":3"]),
        ("unknown actor code", VALID.replace("actor: FRA", "actor: XYZ"),
         ["statements[0].actor", "alpha-3", ":7"]),
        ("bad date", VALID.replace("date: 2023-06-05", "date: 2023-02-30"),
         ["statements[0].date", "YYYY-MM-DD", ":9"]),
        ("stance outside the vocabulary", VALID.replace("stance: oppose", "stance: against"),
         ["statements[0].stance", "support, oppose, conditional, neutral, unclear", ":8"]),
        ("probability outside [0, 1]", VALID + "probabilities: {FRA: 1.5}\n",
         ["probabilities.FRA", "[0, 1]", ":10"]),
        ("missing required field", VALID.replace("  title: A proposal\n", ""),
         ["proposal.title", "required"]),
        ("unknown field", VALID.replace("    stance: oppose", "    stanse: oppose"),
         ["statements[0].stanse", "known fields"]),
        ("statements not a list", VALID.split("statements:")[0] + "statements: 3\n",
         ["statements", "a list"]),
        ("bad location", VALID.replace("  as_of:", "  location: {name: X, lat: 95, lon: 0}\n  as_of:"),
         ["proposal.location.lat", "[-90, 90]"]),
        ("bad deadline", VALID + "procedure: {kind: silence, deadline: tomorrow}\n",
         ["procedure.deadline", "ISO 8601"]),
        ("reservation with an objection", VALID.replace("    date: 2023-06-05", "    date: 2023-06-05\n    reservation: x"),
         ["reservation", "support"]),
        ("empty file", "", ["empty dossier"]),
        ("not a mapping", "- a\n- b\n", ["expected a mapping"]),
    ],
)  # fmt: skip
def test_bad_dossier_is_reported_in_one_line(
    tmp_path: Path, name: str, text: str, fragments: list[str]
) -> None:
    code, err = _run(tmp_path, text)
    assert code == 2, name
    assert err.startswith("error: "), err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert "dossier.yaml" in err
    for fragment in fragments:
        assert fragment in err, (name, fragment, err)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    code, err = _run(tmp_path, VALID.encode() + b"# caf\xe9\n")
    assert code == 2
    assert "not valid UTF-8" in err and "dossier.yaml:10" in err


def test_binary_file(tmp_path: Path) -> None:
    code, err = _run(tmp_path, b"\x00\x01\x02")
    assert code == 2
    assert "binary" in err


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["members", "NOPE"], "unknown body 'NOPE'"),
        (["members", "NATO-NAC", "--on", "2023-13-01"], "--on: expected a date YYYY-MM-DD"),
        (["analyze", "examples/nato-tokyo-2023.yaml", "--rule", "plurality"], "unknown rule"),
        (["analyze", "examples/nato-tokyo-2023.yaml", "--on", "yesterday"], "expected a date"),
    ],
)
def test_bad_options(args: list[str], fragment: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_statements_after_as_of_are_ignored_and_reported(tmp_path: Path) -> None:
    later = VALID + "  - actor: DEU\n    stance: support\n    date: 2023-07-01\n"
    path = tmp_path / "d.yaml"
    path.write_text(later, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0
    import json

    data = json.loads(result.stdout)
    assert data["ignored_after_as_of"] == [
        {"actor": "DEU", "stance": "support", "date": "2023-07-01"}
    ]
    assert "DEU" not in data["supporters"]
    table = runner.invoke(app, ["analyze", str(path)])
    assert "Ignored 1 statement(s) dated after 2023-06-06: DEU 2023-07-01" in table.stdout
