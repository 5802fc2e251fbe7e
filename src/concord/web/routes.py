"""HTTP routes of the dashboard: HTML pages, static files and the JSON they read.

Handlers parse, call one service function and return its data; the pages are
static shells whose modules fetch ``/web/api/...``. Add a page by adding an HTML
file to ``pages/``, a module to ``static/js/pages/`` and one route here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from concord.data.catalog import Catalog
from concord.model.errors import ConcordError
from concord.services import dashboard
from concord.services.dashboard import Providers
from concord.services.dossiers import DossierSource, UnknownDossier
from concord.web.assets import PAGES_DIR, STATIC_DIR, atlas_for, vendor_missing

CatalogFactory = Callable[[], Catalog]
_NO_CACHE = {"Cache-Control": "no-cache"}


@contextmanager
def _user_errors() -> Iterator[None]:
    """A missing dossier is 404; any other user mistake is 422 with its message."""
    try:
        yield
    except UnknownDossier as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    except ConcordError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


def _date(value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConcordError(
            f"query parameter on: expected a date YYYY-MM-DD, got {value!r}"
        ) from None


def _page(name: str) -> FileResponse:
    return FileResponse(PAGES_DIR / name, media_type="text/html", headers=_NO_CACHE)


def create_router(
    source: DossierSource,
    catalog_factory: CatalogFactory = Catalog.load,
    providers: Providers | None = None,
) -> APIRouter:
    """The dashboard's routes over ``source``; panels come from ``providers`` when given."""
    router = APIRouter()

    @router.get("/", include_in_schema=False)
    def index_page() -> FileResponse:
        return _page("index.html")

    @router.get("/proposals/{proposal_id}", include_in_schema=False)
    def proposal_page(proposal_id: str) -> FileResponse:
        with _user_errors():
            source.get(proposal_id)
        return _page("proposal.html")

    @router.get("/web/api/proposals", tags=["web"])
    def proposals_json() -> dict[str, Any]:
        with _user_errors():
            rows = dashboard.proposal_index(source, catalog_factory())
        return {
            "proposals": rows,
            "problems": _problems(source),
            "vendor_missing": vendor_missing(),
        }

    @router.get("/web/api/proposals/{proposal_id}", tags=["web"])
    def proposal_json(proposal_id: str, on: str | None = None) -> dict[str, Any]:
        with _user_errors():
            page = dashboard.proposal_page(
                source.get(proposal_id), catalog_factory(), on=_date(on), providers=providers
            )
        shown = [r["numeric"] for r in (*page["members"], *page["non_members"])]
        page["map"] = {**atlas_for(shown), "vendor_missing": vendor_missing()}
        return page

    router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return router


def _problems(source: DossierSource) -> list[str]:
    """Files a folder source skipped, when the source can tell."""
    problems = getattr(source, "problems", None)
    return list(problems()) if callable(problems) else []
