"""A stand-alone app with only the dashboard, for tests and ``concord web``.

The HTTP service (``concord serve``, ``api.app``) includes the same router next to the API.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from concord.data.catalog import Catalog
from concord.services.dashboard import Providers
from concord.services.dossiers import DossierSource
from concord.services.panels import default_providers, warm_up
from concord.store.dossier_folder import DossierFolder, default_folder
from concord.web.routes import CatalogFactory, create_router


@asynccontextmanager
async def warm_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load heavy data (geography) in the background as the server starts."""
    threading.Thread(target=warm_up, daemon=True).start()
    yield


def create_app(
    source: DossierSource | None = None,
    catalog_factory: CatalogFactory = Catalog.load,
    providers: Providers | None = None,
    *,
    folder: Path | None = None,
) -> FastAPI:
    """The dashboard over ``source``, or over the dossier files in ``folder`` (or examples/)."""
    app = FastAPI(title="concord dashboard", docs_url=None, redoc_url=None, lifespan=warm_lifespan)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if source is None:
        source = DossierFolder(folder or default_folder(), catalog_factory)
    app.include_router(create_router(source, catalog_factory, providers or default_providers()))
    return app
