"""HTTP routes of the dashboard: HTML pages, static files and the JSON they read.

Handlers parse, call one service function and return its data; the pages are
static shells whose modules fetch ``/web/api/...``. Add a page by adding an HTML
file to ``pages/``, a module to ``static/js/pages/`` and one route here.

``guard`` is a dependency that runs before every JSON route and returns who asks: under
``concord serve`` the API's bearer-token check (reading needs any token, writing the
secretariat's), under ``concord web`` over a local folder nobody (None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from concord.data.catalog import Catalog
from concord.model.errors import ConcordError
from concord.services import dashboard, review
from concord.services.dashboard import Providers
from concord.services.dossiers import DossierSource, UnknownDossier
from concord.services.errors import Conflict, Forbidden, NotFound, Unauthorized
from concord.web.assets import PAGES_DIR, STATIC_DIR, atlas_for, vendor_missing

CatalogFactory = Callable[[], Catalog]
Guard = Callable[..., Any]
_NO_CACHE = {"Cache-Control": "no-cache"}
_STATUS: tuple[tuple[type[ConcordError], int], ...] = (
    (UnknownDossier, 404),
    (NotFound, 404),
    (Unauthorized, 401),
    (Forbidden, 403),
    (Conflict, 409),
)


async def nobody() -> None:
    """The guard of a local dashboard: no token, nobody in particular."""
    return None


@contextmanager
def _user_errors() -> Iterator[None]:
    """A missing dossier is 404, a refused token 401/403; any other user mistake is 422."""
    try:
        yield
    except ConcordError as exc:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 422)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        raise HTTPException(status_code=status, detail=str(exc), headers=headers) from None


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., description="Article text or HTML")
    name: str = Field("pasted text", max_length=300, description="File name or source")
    body: str | None = Field(None, max_length=64)


class AcceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    statements: list[dict[str, Any]] = Field(..., max_length=500)


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
    guard: Guard = nobody,
) -> APIRouter:
    """The dashboard's routes over ``source``; panels come from ``providers`` when given."""
    router = APIRouter()
    Who = Depends(guard)

    @router.get("/", include_in_schema=False)
    def index_page() -> FileResponse:
        return _page("index.html")

    @router.get("/proposals/{proposal_id}", include_in_schema=False)
    def proposal_page(proposal_id: str) -> FileResponse:
        with _user_errors():
            source.get(proposal_id)
        return _page("proposal.html")

    @router.get("/proposals/{proposal_id}/procedure", include_in_schema=False)
    def procedure_page(proposal_id: str) -> FileResponse:
        return _page("procedure.html")

    @router.get("/ingest", include_in_schema=False)
    def ingest_page() -> FileResponse:
        return _page("ingest.html")

    @router.get("/web/api/proposals", tags=["web"])
    def proposals_json(who: Any = Who) -> dict[str, Any]:
        with _user_errors():
            rows = dashboard.proposal_index(source, catalog_factory())
        return {
            "proposals": rows,
            "problems": _problems(source),
            "vendor_missing": vendor_missing(),
        }

    @router.get("/web/api/proposals/{proposal_id}", tags=["web"])
    def proposal_json(proposal_id: str, on: str | None = None, who: Any = Who) -> dict[str, Any]:
        with _user_errors():
            page = dashboard.proposal_page(
                source.get(proposal_id), catalog_factory(), on=_date(on), providers=providers
            )
        shown = [r["numeric"] for r in (*page["members"], *page["non_members"])]
        page["map"] = {**atlas_for(shown), "vendor_missing": vendor_missing()}
        live = getattr(source, "live_procedure", None)
        if callable(live) and live(proposal_id):
            page["procedure_page"] = f"/proposals/{proposal_id}/procedure"
        return page

    @router.post("/web/api/ingest", tags=["web"])
    def ingest_json(req: IngestIn, who: Any = Who) -> dict[str, Any]:
        """Extract statements from one article, each with its evidence located in the text."""
        with _user_errors():
            return review.extract(source, catalog_factory(), req.text, name=req.name, body=req.body)

    @router.post("/web/api/proposals/{proposal_id}/statements", tags=["web"])
    def accept_json(proposal_id: str, req: AcceptIn, who: Any = Who) -> dict[str, Any]:
        """Accept reviewed statements into the dossier; returns the verdict after."""
        if not callable(getattr(source, "add_statements", None)):
            raise HTTPException(405, "this dashboard's dossiers are read-only")
        recording = cast(review.RecordingSource, source)
        with _user_errors():
            return review.accept(recording, catalog_factory(), proposal_id, req.statements, who=who)

    router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return router


def _problems(source: DossierSource) -> list[str]:
    """Files a folder source skipped, when the source can tell."""
    problems = getattr(source, "problems", None)
    return list(problems()) if callable(problems) else []
