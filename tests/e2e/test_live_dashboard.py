"""The dashboard served by `concord serve` (one server for API and pages), in Chromium:
news ingested and accepted into a stored dossier, and a silence procedure followed live."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from concord.data.catalog import Catalog
from concord.services import loading
from concord.services.runtime import build_service
from tests.conftest import EXAMPLES, ROOT
from tests.service_fixtures import LiveServer, Tokens, make_tokens, start_server

pytestmark = pytest.mark.e2e

SEED = ROOT.parent / "shared" / "corpus" / "news" / "dev" / "000-eirns-nato-tokyo-office.txt"
TOKYO = {
    "body": "NATO-NAC",
    "title": "Open a NATO liaison office in Tokyo",
    "text": "A NATO liaison office in Tokyo, the alliance's first in the Indo-Pacific.",
    "location": {"name": "Tokyo", "lat": 35.68, "lon": 139.69},
}


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> Iterator[tuple[LiveServer, Tokens]]:
    """`concord serve` on a fresh SQLite store holding the example dossier (as `make run`)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('live') / 'concord.db'}"
    svc = build_service(db, catalog=catalog)
    try:
        loading.load(svc, [EXAMPLES / "nato-tokyo-2023.yaml"])
        tokens = make_tokens(svc)
    finally:
        svc.close()
    server = start_server(db)
    yield server, tokens
    server.stop()


def post(server: LiveServer, path: str, token: str, body: Any) -> dict[str, Any]:
    r = server.client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_pages_need_a_token_and_show_stored_dossiers(
    page: Page, served: tuple[LiveServer, Tokens]
) -> None:
    server, tokens = served
    page.goto(f"{server.url}/")
    expect(page.locator("#token-form")).to_be_visible()
    page.fill("#token-input", tokens.observer)
    page.click("#token-form button")
    row = page.locator('#proposals tr[data-id="nato-tokyo-liaison-office-2023"]')
    expect(row).to_contain_text("blocked")  # the example dossier `make run` loads


def test_seed_article_accepted_on_the_ingest_page_blocks_the_tokyo_dossier(
    page: Page, served: tuple[LiveServer, Tokens], artifacts: Path
) -> None:
    server, tokens = served
    pid = post(server, "/api/proposals", tokens.secretariat, TOKYO)["id"]
    page.goto(f"{server.url}/proposals/{pid}#token={tokens.secretariat}")
    page.wait_for_selector("body[data-ready]", timeout=15_000)
    assert "token" not in page.url  # moved into sessionStorage, out of the address bar
    expect(page.locator("#verdict")).to_have_attribute("data-status", "pending")
    expect(page.locator("#timeline li")).to_have_count(0)

    page.goto(f"{server.url}/ingest?dossier={pid}")
    page.wait_for_selector("body[data-ready]")
    page.fill("#article", SEED.read_text(encoding="utf-8"))
    page.click("#extract")
    page.wait_for_selector("body[data-extracted]", timeout=15_000)
    items = page.locator("#statements li[data-actor]")
    actors = items.evaluate_all("els => els.map(e => e.dataset.actor + ':' + e.dataset.stance)")
    assert "FRA:oppose" in actors
    marks = page.locator("#text mark.evidence")
    expect(marks).to_have_count(len(actors))
    evidence = page.locator('#statements li[data-actor="FRA"] blockquote').inner_text()
    assert page.locator('#text mark[data-actor="FRA"]').inner_text() in evidence
    for i in range(len(actors)):
        items.nth(i).locator("button.accept").click()
        expect(items.nth(i)).to_have_attribute("data-decision", "accepted")
    expect(page.locator("#verdict-after")).to_have_attribute("data-status", "blocked")
    expect(page.locator("#verdict-after")).to_contain_text("FRA")
    page.screenshot(path=str(artifacts / "ingest-accepted.png"), full_page=True)

    page.goto(f"{server.url}/proposals/{pid}")
    page.wait_for_selector("body[data-ready]", timeout=15_000)
    expect(page.locator("#verdict")).to_have_attribute("data-status", "blocked")
    expect(page.locator("#verdict-blockers")).to_have_text("France")
    expect(page.locator('#map path[data-code="FRA"]')).to_have_attribute("data-stance", "oppose")


def test_procedure_page_follows_objection_and_deadline_without_reload(
    page: Page, served: tuple[LiveServer, Tokens], artifacts: Path
) -> None:
    server, tokens = served
    pid = post(server, "/api/proposals", tokens.secretariat, {**TOKYO, "title": "Tokyo office"})[
        "id"
    ]
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    post(
        server,
        f"/api/proposals/{pid}/silence",
        tokens.secretariat,
        {"deadline": deadline.isoformat()},
    )
    page.goto(f"{server.url}/proposals/{pid}/procedure#token={tokens.observer}")
    page.wait_for_selector("body[data-ready]", timeout=15_000)
    box = page.locator("#procedure")
    expect(box).to_have_attribute("data-state", "open")
    expect(page.locator("#live")).to_have_attribute("data-live", "connected")
    page.evaluate("window.__sameDocument = true")
    left = int(page.locator("#countdown").get_attribute("data-left") or -1)
    assert 0 < left <= 5

    post(
        server, f"/api/proposals/{pid}/statements", tokens.delegations["DEU"], {"stance": "support"}
    )
    post(server, f"/api/proposals/{pid}/statements", tokens.delegations["FRA"],
         {"stance": "oppose", "text": "NATO stays in the North Atlantic"})  # fmt: skip
    expect(page.locator('#broken li[data-code="FRA"]')).to_contain_text("NATO stays")
    expect(page.locator('#joined li[data-code="DEU"]')).to_be_visible()
    expect(page.locator('#events tr[data-kind="statement.made"]')).to_have_count(2)
    expect(page.locator("#verdict-now")).to_have_attribute("data-status", "blocked")
    assert box.get_attribute("data-state") == "open"  # the objection came before the deadline

    expect(box).to_have_attribute("data-state", "closed", timeout=10_000)
    expect(box).to_have_attribute("data-outcome", "silence-broken")
    expect(page.locator("#procedure-state")).to_have_text("Closed: silence broken")
    closed = page.locator('#events tr[data-kind="procedure.closed"]')
    expect(closed).to_contain_text("broken by FRA")
    expect(page.locator("#live")).to_have_attribute("data-live", "ended")
    expect(page.locator("#verify")).to_have_attribute("data-ok", "true")
    expect(closed).to_have_attribute("data-verified", "true")
    assert page.evaluate("window.__sameDocument") is True  # updated in place, never reloaded
    page.screenshot(path=str(artifacts / "procedure.png"), full_page=True)
