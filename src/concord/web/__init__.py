"""The web dashboard: pages, static assets and the JSON they read (issue 7)."""

from concord.web.routes import create_router

__all__ = ["create_router"]
