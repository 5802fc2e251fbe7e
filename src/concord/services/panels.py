"""The dashboard's optional panels wired to the real features: charter scope,
forecast and voting power. Kept apart so the dashboard service knows none of them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from concord.data.catalog import Catalog
from concord.data.geography import geography
from concord.model.dossier import Dossier
from concord.services import scope
from concord.services.dashboard import Providers
from concord.services.forecasting import forecast
from concord.services.power import body_power
from concord.services.views import forecast_view, power_view, scope_view


def scope_panel(dossier: Dossier, catalog: Catalog, day: date) -> Mapping[str, Any]:
    location = dossier.proposal.location
    if location is None:
        return {"inside": None, "reason": "the proposal names no place"}
    return scope_view(scope.for_location(location, catalog.body(dossier.proposal.body), day))


def forecast_panel(dossier: Dossier, catalog: Catalog, day: date) -> Mapping[str, Any]:
    return forecast_view(forecast(dossier, catalog, on=day))


def power_panel(dossier: Dossier, catalog: Catalog, day: date) -> Mapping[str, Any]:
    body = catalog.body(dossier.proposal.body)
    rule = dossier.proposal.rule or body.default_rule
    return power_view(body_power(catalog, body.id, rule=rule, on=day))


def default_providers() -> Providers:
    return Providers(scope=scope_panel, forecast=forecast_panel, power=power_panel)


def warm_up() -> None:
    """Load the geography once, so that the first page does not wait for it."""
    geography().facts(0.0, 0.0)
