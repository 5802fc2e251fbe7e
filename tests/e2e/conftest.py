"""Fixtures for the end-to-end tests: real servers, one Chromium, a fresh page per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import EXAMPLES, ROOT
from tests.e2e.harness import READY_PROBE, launch_chromium, running_server
from tests.service_fixtures import clock, db_url, live_server, pg_url, svc

ARTIFACTS = ROOT / "tests" / "artifacts"

__all__ = ["clock", "db_url", "live_server", "pg_url", "svc"]


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with running_server(EXAMPLES) as url:
        yield url


# Module scope: Playwright's sync API keeps an event loop running in this thread while
# it is open, which would break later tests that run their own loop (asyncio.run).
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        try:
            chromium = launch_chromium(pw)
        except RuntimeError as exc:
            pytest.fail(str(exc))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(READY_PROBE)
    errors: list[str] = []
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
