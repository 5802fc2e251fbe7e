"""The seed case end to end through the service: France blocks the Tokyo office."""

from __future__ import annotations

from datetime import date

from concord.data.catalog import Catalog
from concord.services.analysis import analyze_file
from concord.services.views import verdict_view
from tests.conftest import EXAMPLES


def test_tokyo_office_is_blocked_by_france(catalog: Catalog) -> None:
    result = analyze_file(EXAMPLES / "nato-tokyo-2023.yaml", catalog)
    view = verdict_view(result.verdict)
    assert view["status"] == "blocked"
    assert view["blockers"] == ["FRA"]
    assert view["as_of"] == "2023-06-06"
    assert view["rule"] == "consensus"
    assert [r["actor"] for r in view["non_members"]] == ["CHN"]
    assert view["non_members"][0]["stance"] == "oppose"
    assert "FRA" in view["needed"]
    assert view["members"] == 31  # Sweden joined only on 2024-03-07


def test_on_overrides_as_of(catalog: Catalog) -> None:
    before = analyze_file(EXAMPLES / "nato-tokyo-2023.yaml", catalog, on=date(2023, 6, 4))
    assert before.verdict.status.value == "pending"
    assert before.verdict.blockers == ()
    assert [s.actor for s in before.verdict.after_as_of] == ["FRA", "CHN", "FRA"]
