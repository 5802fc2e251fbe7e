"""The ingest review and the store-backed dashboard, in-process: extraction with located
evidence, acceptance into a dossier file (`concord web`) and into the store (`concord serve`,
secretariat only), and the proposal page over stored proposals."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from concord.api.app import create_app as create_api
from concord.data.catalog import Catalog
from concord.services import loading
from concord.services.auth import Role, create_token
from concord.services.review import locate
from concord.services.runtime import Service, build_service
from concord.web.app import create_app as create_web
from tests.conftest import EXAMPLES, ROOT

SEED = ROOT.parent / "shared" / "corpus" / "news" / "dev" / "000-eirns-nato-tokyo-office.txt"
EMPTY_TOKYO = "tokyo-empty"


def test_locate_finds_evidence_across_reflowed_whitespace() -> None:
    text = "He said:\n  the office   is a mistake.\nThen left."
    assert locate("the office is a mistake.", text) == [11, 37]
    assert text[11:37].split() == ["the", "office", "is", "a", "mistake."]
    assert locate("not in the text", text) is None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    doc = yaml.safe_load((EXAMPLES / "nato-tokyo-2023.yaml").read_text(encoding="utf-8"))
    doc["proposal"]["id"] = EMPTY_TOKYO
    doc["statements"] = []
    (tmp_path / "tokyo-empty.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    shutil.copy(EXAMPLES / "nato-sweden-accession-2024.yaml", tmp_path)
    return tmp_path


def test_folder_dashboard_ingests_and_accepts_into_the_dossier_file(
    folder: Path, catalog: Catalog
) -> None:
    client = TestClient(create_web(folder=folder, catalog_factory=lambda: catalog))
    assert client.get("/ingest").status_code == 200
    before = client.get(f"/web/api/proposals/{EMPTY_TOKYO}").json()["verdict"]["status"]
    assert before == "pending"
    text = SEED.read_text(encoding="utf-8")
    found = client.post("/web/api/ingest", json={"text": text, "name": "eirns.txt"}).json()
    fra = next(s for s in found["statements"] if s["actor"] == "FRA")
    assert fra["stance"] == "oppose" and fra["proposal"] == EMPTY_TOKYO
    start, end = fra["span"]
    assert found["text"][start:end] == fra["evidence"]
    r = client.post(f"/web/api/proposals/{EMPTY_TOKYO}/statements", json={"statements": [fra]})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1 and r.json()["verdict"]["status"] == "blocked"
    saved = yaml.safe_load((folder / "tokyo-empty.yaml").read_text(encoding="utf-8"))
    assert saved["statements"][0]["actor"] == "FRA"
    assert saved["statements"][0]["source"] == {"title": "eirns.txt", "quote": fra["evidence"]}
    again = client.post(f"/web/api/proposals/{EMPTY_TOKYO}/statements", json={"statements": [fra]})
    assert again.json()["added"] == 0  # the same statement is not added twice


def test_bad_review_input_names_the_field(folder: Path, catalog: Catalog) -> None:
    client = TestClient(create_web(folder=folder, catalog_factory=lambda: catalog))
    r = client.post("/web/api/ingest", json={"text": "   "})
    assert r.status_code == 422 and "text" in r.json()["detail"]
    bad = {
        "actor": "FRA",
        "stance": "furious",
        "evidence": "x",
        "file": "f",
        "published": "2023-06-06",
    }
    r = client.post(f"/web/api/proposals/{EMPTY_TOKYO}/statements", json={"statements": [bad]})
    assert r.status_code == 422 and "stance" in r.json()["detail"]
    r = client.post("/web/api/proposals/nowhere/statements", json={"statements": []})
    assert r.status_code == 404


@pytest.fixture
def served(tmp_path: Path, catalog: Catalog) -> Iterator[tuple[Service, TestClient]]:
    svc = build_service(f"sqlite:///{tmp_path / 'concord.db'}", catalog=catalog, token_ttl=0)
    loading.load(svc, [EXAMPLES / "nato-tokyo-2023.yaml"])
    yield svc, TestClient(create_api(svc, scheduler=False))
    svc.close()


def token(
    svc: Service, role: Role, body: str = "NATO-NAC", actor: str | None = None
) -> dict[str, str]:
    secret = create_token(svc.writer, svc.catalog, body=body, role=role, actor=actor)[0]
    return {"Authorization": f"Bearer {secret}"}


def test_serve_mounts_the_dashboard_over_the_store_behind_tokens(
    served: tuple[Service, TestClient],
) -> None:
    svc, client = served
    assert client.get("/").status_code == 200  # the page shell is public; its data is not
    assert client.get("/web/api/proposals").status_code == 401
    observer = token(svc, Role.OBSERVER)
    rows = client.get("/web/api/proposals", headers=observer).json()["proposals"]
    assert [(r["id"], r["status"]) for r in rows] == [("nato-tokyo-liaison-office-2023", "blocked")]
    page = client.get("/web/api/proposals/nato-tokyo-liaison-office-2023", headers=observer).json()
    assert len(page["members"]) == 31 and page["verdict"]["blockers"] == ["FRA"]
    assert "procedure_page" not in page
    assert client.get("/api/health").json() == {"ok": True}  # the API is still there


def test_serve_accepts_statements_from_the_secretariat_only(
    served: tuple[Service, TestClient],
) -> None:
    svc, client = served
    secretariat = token(svc, Role.SECRETARIAT)
    created = client.post("/api/proposals", headers=secretariat,
                          json={"body": "NATO-NAC", "title": "Open a NATO liaison office in Tokyo"})  # fmt: skip
    pid = created.json()["id"]
    big = SEED.read_text(encoding="utf-8") + "\n" + "Filler paragraph. " * 5000  # over 64 KiB
    found = client.post("/web/api/ingest", json={"text": big}, headers=secretariat)
    assert found.status_code == 200, found.text
    stmts = found.json()["statements"]
    path = f"/web/api/proposals/{pid}/statements"
    assert client.post(path, json={"statements": stmts}).status_code == 401
    r = client.post(path, json={"statements": stmts}, headers=token(svc, Role.OBSERVER))
    assert r.status_code == 403 and "secretariat" in r.json()["error"]["message"]
    r = client.post(path, json={"statements": stmts}, headers=token(svc, Role.SECRETARIAT, "UNSC"))
    assert r.status_code == 403
    r = client.post(path, json={"statements": stmts}, headers=secretariat)
    assert r.status_code == 200 and r.json()["verdict"]["status"] == "blocked"
    state = client.get(f"/api/proposals/{pid}", headers=secretariat).json()
    assert state["positions"]["FRA"]["stance"] == "oppose" and state["status"] == "blocked"
    events = client.get(f"/api/proposals/{pid}/events", headers=secretariat).json()
    assert (
        events[-1]["kind"] == "statements.recorded"
        and events[-1]["actor"] == "NATO-NAC secretariat"
    )
    assert client.get("/api/audit/verify", headers=secretariat).json()["ok"] is True


def test_live_procedure_takes_no_news_and_links_its_procedure_page(
    served: tuple[Service, TestClient],
) -> None:
    svc, client = served
    secretariat = token(svc, Role.SECRETARIAT)
    pid = client.post("/api/proposals", headers=secretariat,
                      json={"body": "NATO-NAC", "title": "Tokyo", "location": {"name": "Tokyo"}}).json()["id"]  # fmt: skip
    r = client.post(f"/api/proposals/{pid}/silence", headers=secretariat,
                    json={"deadline": (svc.clock.now() + timedelta(hours=1)).isoformat()})  # fmt: skip
    assert r.status_code == 201, r.text
    page = client.get(f"/web/api/proposals/{pid}", headers=secretariat).json()
    assert page["procedure_page"] == f"/proposals/{pid}/procedure"
    assert client.get(f"/proposals/{pid}/procedure").status_code == 200
    row = {
        "actor": "FRA",
        "stance": "oppose",
        "evidence": "no",
        "file": "f.txt",
        "published": "2023-06-06",
    }
    r = client.post(
        f"/web/api/proposals/{pid}/statements", json={"statements": [row]}, headers=secretariat
    )
    assert r.status_code == 409 and "only delegations speak" in r.json()["error"]["message"]
