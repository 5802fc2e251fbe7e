"""Alembic migrations, shipped inside the package so that ``concord serve`` can upgrade."""
