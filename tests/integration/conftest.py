"""Fixtures for the store and service tests (shared with tests/e2e)."""

from tests.service_fixtures import clock, db_url, live_server, pg_url, svc

__all__ = ["clock", "db_url", "live_server", "pg_url", "svc"]
