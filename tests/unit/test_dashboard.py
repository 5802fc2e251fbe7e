"""The dashboard service: what the proposal page shows, computed from the real dossiers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from concord.data.catalog import Catalog
from concord.model.dossier import Dossier
from concord.model.errors import ConcordError
from concord.services.analysis import analyze
from concord.services.dashboard import (
    Providers,
    change_dates,
    iso_numeric,
    proposal_index,
    proposal_page,
)
from concord.services.dossiers import InMemoryDossierSource, UnknownDossier
from concord.services.views import verdict_view
from concord.store.dossier_files import load_dossier
from tests.conftest import EXAMPLES

TOKYO = EXAMPLES / "nato-tokyo-2023.yaml"
SWEDEN = EXAMPLES / "nato-sweden-accession-2024.yaml"


@pytest.fixture(scope="module")
def tokyo(catalog: Catalog) -> Dossier:
    return load_dossier(TOKYO, catalog)


@pytest.fixture(scope="module")
def sweden(catalog: Catalog) -> Dossier:
    return load_dossier(SWEDEN, catalog)


def _member(page: dict[str, Any], code: str) -> dict[str, Any]:
    return next(m for m in page["members"] if m["code"] == code)


def test_tokyo_page_lists_every_member_with_position_and_map_code(
    tokyo: Dossier, catalog: Catalog
) -> None:
    page = proposal_page(tokyo, catalog)
    assert page["as_of"] == "2023-06-06"
    assert len(page["members"]) == 31
    assert [m["code"] for m in page["members"]] == sorted(m["code"] for m in page["members"])
    france = _member(page, "FRA")
    assert france["stance"] == "oppose"
    assert france["counted_as"] == "objection"
    assert france["blocker"] is True
    assert france["numeric"] == "250"
    assert france["latest"]["date"] == "2023-06-06"
    assert france["latest"]["source"]["outlet"] == "EIRNS"
    assert france["statements"] == 2
    silent = [m for m in page["members"] if m["code"] != "FRA"]
    assert all(m["stance"] is None and m["counted_as"] == "undecided" for m in silent)
    assert all(m["numeric"] and m["numeric"].isdigit() for m in page["members"])


def test_non_members_who_reacted_are_listed_apart(tokyo: Dossier, catalog: Catalog) -> None:
    page = proposal_page(tokyo, catalog)
    assert [(r["code"], r["stance"], r["numeric"]) for r in page["non_members"]] == [
        ("CHN", "oppose", "156")
    ]
    assert "CHN" not in {m["code"] for m in page["members"]}
    assert page["non_members"][0]["latest"]["speaker"] == "Wang Wenbin"


def test_verdict_is_the_analyze_contract_shape(tokyo: Dossier, catalog: Catalog) -> None:
    page = proposal_page(tokyo, catalog, on=date(2023, 6, 5))
    expected = verdict_view(analyze(tokyo, catalog, on=date(2023, 6, 5)).verdict)
    assert page["verdict"] == expected
    assert page["verdict"]["status"] == "blocked"
    assert page["verdict"]["blockers"] == ["FRA"]


def test_timeline_is_sorted_and_carries_sources(tokyo: Dossier, catalog: Catalog) -> None:
    page = proposal_page(tokyo, catalog, on=date(2023, 6, 5))
    rows = page["timeline"]
    assert len(rows) == len(tokyo.statements)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    first = rows[0]
    assert (first["actor"], first["speaker"], first["member"]) == ("FRA", "Emmanuel Macron", True)
    assert first["url"].startswith("https://")
    assert first["outlet"].startswith("Financial Times")
    assert "objected" in first["quote"]
    china = next(r for r in rows if r["actor"] == "CHN")
    assert china["member"] is False
    assert [r["after_as_of"] for r in rows] == [r["date"] > "2023-06-05" for r in rows]


def test_slider_stops_are_statement_dates_and_membership_changes(
    sweden: Dossier, catalog: Catalog
) -> None:
    body = catalog.body("NATO-NAC")
    stops = change_dates(sweden, body, date(2024, 2, 26))
    assert stops == sorted(set(stops))
    assert {s.date for s in sweden.statements} <= set(stops)
    assert date(2023, 4, 4) in stops  # Finland's deposit
    assert date(2024, 3, 7) in stops  # Sweden's deposit, after its last statement
    assert stops[0] == min(s.date for s in sweden.statements)
    page = proposal_page(sweden, catalog)
    assert page["dates"] == [d.isoformat() for d in stops]
    joins = {(c["code"], c["change"], c["date"]) for c in page["membership_changes"]}
    assert joins == {("FIN", "joined", "2023-04-04"), ("SWE", "joined", "2024-03-07")}


def test_moving_the_date_changes_verdict_and_members(sweden: Dossier, catalog: Catalog) -> None:
    before = proposal_page(sweden, catalog, on=date(2023, 4, 4))
    after = proposal_page(sweden, catalog, on=date(2024, 3, 7))
    assert (before["verdict"]["status"], len(before["members"])) == ("blocked", 31)
    assert before["verdict"]["blockers"] == ["TUR"]
    assert (after["verdict"]["status"], len(after["members"])) == ("adopted", 32)
    assert _member(after, "SWE")["stance"] == "support"
    assert "SWE" not in {m["code"] for m in before["members"]}
    on_eve = proposal_page(sweden, catalog, on=date(2024, 2, 26))
    assert [r["code"] for r in on_eve["non_members"]] == ["SWE"]


def test_panels_say_not_available_without_providers(tokyo: Dossier, catalog: Catalog) -> None:
    page = proposal_page(tokyo, catalog)
    for name in ("scope", "forecast", "power"):
        assert page[name] == {"available": False, "reason": "not available"}


def test_providers_fill_panels_with_the_page_date(tokyo: Dossier, catalog: Catalog) -> None:
    seen: list[date] = []

    def forecast(d: Dossier, c: Catalog, on: date) -> dict[str, Any]:
        seen.append(on)
        return {"probability": d.probabilities.get("FRA", 0.5)}

    def scope(d: Dossier, c: Catalog, on: date) -> dict[str, Any]:
        raise ConcordError("no treaty text for this body", where="scope")

    page = proposal_page(
        tokyo, catalog, on=date(2023, 6, 5), providers=Providers(scope=scope, forecast=forecast)
    )
    assert seen == [date(2023, 6, 5)]
    assert page["forecast"] == {"available": True, "probability": 0.05}
    assert page["scope"] == {"available": False, "reason": "no treaty text for this body (scope)"}
    assert page["power"]["available"] is False


def test_iso_numeric_codes() -> None:
    assert iso_numeric("FRA") == "250"
    assert iso_numeric("MKD") == "807"
    assert iso_numeric("NATO") is None
    assert iso_numeric("XXX") is None


def test_index_rows_and_unknown_ids(tokyo: Dossier, sweden: Dossier, catalog: Catalog) -> None:
    source = InMemoryDossierSource([sweden, tokyo])
    rows = proposal_index(source, catalog)
    assert [r["id"] for r in rows] == sorted([tokyo.proposal.id, sweden.proposal.id])
    by_id = {r["id"]: r for r in rows}
    assert by_id[tokyo.proposal.id]["status"] == "blocked"
    assert by_id[tokyo.proposal.id]["blockers"] == ["FRA"]
    assert by_id[sweden.proposal.id]["status"] == "adopted"
    with pytest.raises(UnknownDossier, match="known: nato-sweden"):
        source.get("nope")
