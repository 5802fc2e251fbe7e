"""The dashboard's HTTP routes, called in-process (no socket): pages, JSON, static files."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from concord.data.catalog import Catalog
from concord.model.dossier import Dossier
from concord.services.dashboard import Providers
from concord.store.dossier_files import load_dossier
from concord.web.app import create_app
from concord.web.assets import atlas_for, vendor_missing
from concord.web.routes import create_router
from tests.conftest import EXAMPLES

TOKYO = "nato-tokyo-liaison-office-2023"


@pytest.fixture(scope="module")
def client(catalog: Catalog) -> TestClient:
    return TestClient(create_app(folder=EXAMPLES, catalog_factory=lambda: catalog))


def test_pages_are_served(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200
    assert "text/html" in index.headers["content-type"]
    assert "/static/js/pages/index.js" in index.text
    page = client.get(f"/proposals/{TOKYO}")
    assert page.status_code == 200
    assert "/static/js/pages/proposal.js" in page.text


def test_unknown_proposal_is_404(client: TestClient) -> None:
    assert client.get("/proposals/nato-paris-2030").status_code == 404
    api = client.get("/web/api/proposals/nato-paris-2030")
    assert api.status_code == 404
    assert "unknown proposal 'nato-paris-2030'" in api.json()["detail"]


def test_bad_date_is_422_naming_the_parameter(client: TestClient) -> None:
    r = client.get(f"/web/api/proposals/{TOKYO}", params={"on": "yesterday"})
    assert r.status_code == 422
    assert "on: expected a date YYYY-MM-DD" in r.json()["detail"]


def test_proposal_json_has_the_page_and_a_map(client: TestClient) -> None:
    r = client.get(f"/web/api/proposals/{TOKYO}", params={"on": "2023-06-06"})
    assert r.status_code == 200
    page = r.json()
    assert page["verdict"]["status"] == "blocked"
    assert len(page["members"]) == 31
    assert page["map"]["missing"] == []
    atlas = client.get(page["map"]["atlas"])
    assert atlas.status_code == 200
    ids = {g.get("id") for g in json.loads(atlas.content)["objects"]["countries"]["geometries"]}
    assert {m["numeric"] for m in page["members"]} <= ids


def test_index_json_lists_dossiers_and_skipped_files(client: TestClient) -> None:
    data = client.get("/web/api/proposals").json()
    ids = [p["id"] for p in data["proposals"]]
    assert TOKYO in ids
    assert "nato-sweden-accession-2024" in ids
    # sim-board-loan.yaml needs the user body in examples/bodies, not loaded here.
    assert any("sim-board-loan.yaml" in p for p in data["problems"])


def test_static_files_and_vendor_libraries(client: TestClient) -> None:
    assert vendor_missing() == [], "run `make setup` to copy the map libraries"
    for path in ("/static/css/app.css", "/static/js/pages/proposal.js",
                 "/static/vendor/d3-geo.min.js", "/static/vendor/topojson-client.min.js"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    assert client.get("/static/../routes.py").status_code == 404
    assert client.get("/static/%2e%2e/routes.py").status_code == 404


def test_json_is_compressed(client: TestClient) -> None:
    r = client.get(f"/web/api/proposals/{TOKYO}", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"


def test_router_plugs_into_another_app_with_providers(catalog: Catalog) -> None:
    tokyo = load_dossier(EXAMPLES / "nato-tokyo-2023.yaml", catalog)

    class OneDossier:
        def ids(self) -> list[str]:
            return [tokyo.proposal.id]

        def get(self, proposal_id: str) -> Dossier:
            return tokyo

    def scope(d: Dossier, c: Catalog, on: date) -> dict[str, Any]:
        return {"inside": False, "place": d.proposal.location.name if d.proposal.location else None}

    app = FastAPI()
    app.include_router(create_router(OneDossier(), lambda: catalog, Providers(scope=scope)))
    page = TestClient(app).get(f"/web/api/proposals/{TOKYO}").json()
    assert page["scope"] == {"available": True, "inside": False, "place": "Tokyo"}
    assert page["forecast"]["available"] is False


def test_atlas_choice_prefers_the_small_file_when_it_has_every_state() -> None:
    nato = atlas_for(["250", "442", "499", "807", "352"])  # FRA LUX MNE MKD ISL
    assert nato == {"atlas": "/static/vendor/world-atlas/countries-110m.json", "missing": []}
    eu = atlas_for(["250", "470"])  # Malta is only in 50m
    assert eu == {"atlas": "/static/vendor/world-atlas/countries-50m.json", "missing": []}
    assert atlas_for(["250", "999"])["missing"] == ["999"]
