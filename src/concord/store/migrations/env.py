"""Alembic environment: runs on the connection that ``store.database.upgrade`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from concord.store.schema import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through concord.store.database.upgrade")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
connection.commit()
