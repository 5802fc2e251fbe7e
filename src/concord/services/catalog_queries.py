"""Questions about the catalog: which bodies, who is a member on a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.services.views import body_view, members_view


def list_bodies(catalog: Catalog, today: date) -> list[dict[str, Any]]:
    return [body_view(b, today) for b in sorted(catalog.bodies.values(), key=lambda b: b.id)]


def members(catalog: Catalog, body_id: str, on: date) -> tuple[Body, list[dict[str, Any]]]:
    body = catalog.body(body_id)
    return body, members_view(body, on, catalog)
