"""The ``power``, ``forecast``, ``compare`` and ``analyze --flip`` commands end to end."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli.main import app
from tests.conftest import CASES, EXAMPLES

runner = CliRunner()
SYNTH = Path(__file__).resolve().parent.parent / "data" / "synthetic-qmv-council.yaml"
TOKYO = str(EXAMPLES / "nato-tokyo-2023.yaml")


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_unsc_shapley_shubik_known_values() -> None:
    view = _json("power", "UNSC", "--on", "2024-01-01")
    ss = view["fractions"]["shapley_shubik"]
    assert Fraction(ss["USA"]) == Fraction(421, 2145)
    assert Fraction(ss["CHN"]) == Fraction(421, 2145)
    assert Fraction(ss["JPN"]) == Fraction(4, 2145)
    assert view["shapley_shubik"]["FRA"] == pytest.approx(421 / 2145)
    assert sum(view["banzhaf"].values()) == pytest.approx(1.0)
    assert view["rule"] == "non-procedural" and view["exact"] is True
    assert len(view["banzhaf"]) == 15


def test_weights_lists_in_order_given() -> None:
    view = _json("power", "--weights", "4,3,2,1", "--quota", "6")
    assert view["banzhaf"] == pytest.approx([5 / 12, 1 / 4, 1 / 4, 1 / 12])
    assert view["swings"] == [5, 3, 3, 1]


def test_qmv_on_a_synthetic_body_sums_to_one() -> None:
    view = _json("--bodies", str(SYNTH), "power", "SYNTH-QMV", "--on", "2024-01-01")
    assert view["method"] == "meet-in-the-middle"
    assert sum(Fraction(v) for v in view["fractions"]["shapley_shubik"].values()) == 1
    assert sum(Fraction(v) for v in view["fractions"]["banzhaf"].values()) == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["power", "--weights", "1,2.5", "--quota", "2"], "weight 2 is '2.5'"),
        (["power", "--weights", "1,-2", "--quota", "1"], "weight 2 is -2"),
        (["power", "--weights", "1,x", "--quota", "1"], "expected a non-negative integer"),
        (["power", "--weights", "1,2", "--quota", "4"], "outside (0, 3]"),
        (["power", "--weights", "1,2", "--quota", "0"], "outside (0, 3]"),
        (["power", "NATO-NAC", "--rule", "nope"], "unknown rule 'nope'"),
        (["power", "EU-COUNCIL", "--rule", "qmv", "--on", "2024-06-01"], "population"),
        (["power"], "give a BODY"),
        (["power", "--weights", "1,2", "--quota", "2", "--shapley", "--banzhaf-only"], "exclude"),
        (["analyze", TOKYO, "--flip", "FRA=maybe"], "expected one of"),
        (["analyze", TOKYO, "--flip", "JPN=support"], "not a member"),
    ],
)
def test_bad_input_is_one_clear_error_exit_2(args: list[str], needle: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "error:" in result.stderr
    assert needle in " ".join(result.stderr.split())


def test_forecast_tokyo_blocked_is_zero_and_flip_opens_it() -> None:
    blocked = _json("forecast", TOKYO)
    assert blocked["probability"] == 0.0
    assert blocked["probabilities"]["FRA"] == 0.0
    assert set(blocked["criticality"]) == set(blocked["probabilities"])
    flipped = _json("forecast", TOKYO, "--flip", "FRA=support")
    undecided = [m for m, p in flipped["probabilities"].items() if p == 0.5]
    assert flipped["probability"] == pytest.approx(0.5 ** len(undecided))


def test_analyze_flip_and_rule() -> None:
    assert _json("analyze", TOKYO)["status"] == "blocked"
    view = _json("analyze", TOKYO, "--flip", "FRA=support")
    assert view["status"] == "pending" and view["blockers"] == []
    assert view["positions"]["FRA"]["stance"] == "support"
    assert _json("analyze", TOKYO, "--rule", "simple-majority")["status"] == "pending"


def test_compare_lists_every_rule_with_verdict_and_probability() -> None:
    view = _json("compare", str(CASES / "unsc-res-2720.yaml"))
    rows = {r["rule"]: r for r in view["rules"]}
    assert rows["non-procedural"]["default"] and rows["non-procedural"]["status"] == "adopted"
    assert rows["procedural"]["listed"] and rows["procedural"]["probability"] == 1.0
    assert rows["qmv"]["applicable"] is False and "population" in rows["qmv"]["reason"]
    assert set(rows) >= {"consensus", "simple-majority", "weighted-quota"}


def test_shapley_shubik_over_budget_is_skipped_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from concord.analysis import power

    weights = ",".join(str(1 + k % 97) for k in range(300))
    monkeypatch.setattr(power, "SHAPLEY_BUDGET_SECONDS", 0.0)
    skipped = _json("power", "--weights", weights, "--quota", "7000")
    assert skipped["shapley_shubik"] is None
    assert "--shapley" in skipped["shapley_shubik_note"]
    assert sum(skipped["banzhaf"]) == pytest.approx(1.0)
    forced = _json("power", "--weights", weights, "--quota", "7000", "--shapley")
    assert sum(forced["shapley_shubik"]) == pytest.approx(1.0)
    assert "shapley_shubik_note" not in forced
    monkeypatch.setattr(power, "SHAPLEY_BUDGET_SECONDS", 3.0)
    default = _json("power", "--weights", weights, "--quota", "7000")
    assert default["shapley_shubik"] == pytest.approx(forced["shapley_shubik"])


def test_forecast_counts_stated_abstentions_as_certain() -> None:
    adopted = _json("forecast", str(CASES / "unsc-res-2720.yaml"))
    assert adopted["probability"] == 1.0
    assert sorted(adopted["abstaining"]) == ["RUS", "USA"]
    assert adopted["probabilities"]["USA"] == 0.0
    vetoed = _json("forecast", str(CASES / "unsc-s-2022-720.yaml"))
    assert vetoed["probability"] == 0.0
    assert sorted(vetoed["abstaining"]) == ["BRA", "CHN", "GAB", "IND"]


def test_forecast_abstainer_with_a_stated_probability_is_open(tmp_path: Path) -> None:
    text = (CASES / "unsc-res-2720.yaml").read_text()
    dossier = tmp_path / "open.yaml"
    dossier.write_text(text + "probabilities: {USA: 0.3}\n")
    view = _json("forecast", str(dossier))
    assert view["abstaining"] == ["RUS"]
    # USA consents with 0.3, else stands against: a permanent member's veto.
    assert view["probability"] == pytest.approx(0.3)
    assert view["criticality"]["USA"] == pytest.approx(1.0)
