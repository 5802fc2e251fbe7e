"""Built-in data (bodies, organisations, population figures) and the loader users share."""

from concord.data.catalog import Catalog, actor_index, builtin_bodies, load_body_file

__all__ = ["Catalog", "actor_index", "builtin_bodies", "load_body_file"]
