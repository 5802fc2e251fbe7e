"""The HTTP API (FastAPI): thin handlers over ``concord.services``."""
