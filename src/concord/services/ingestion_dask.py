"""Run ingestion jobs on an existing Dask cluster (the optional ``dask`` extra)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

from concord.model.errors import ConcordError

J = TypeVar("J")
R = TypeVar("R")


def run_on_dask(jobs: Sequence[J], address: str, func: Callable[[J], R]) -> Iterator[R]:
    """Map ``func`` over ``jobs`` on the scheduler at ``address``, yielding results in order."""
    try:
        from distributed import Client
    except ImportError:
        raise ConcordError(
            "--dask needs the dask extra: pip install 'concord[dask]'", where="--dask"
        ) from None
    try:
        client: Any = Client(address, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ConcordError(f"cannot reach Dask scheduler: {exc}", where=address) from None
    try:
        batch = max(1, len(jobs) // (8 * max(1, len(client.scheduler_info()["workers"]))))
        chunks = [list(jobs[i : i + batch]) for i in range(0, len(jobs), batch)]
        futures = client.map(partial(_apply_chunk, func=func), chunks, pure=False)
        for future in futures:
            yield from future.result()
    finally:
        client.close()


def _apply_chunk(chunk: list[Any], func: Callable[[Any], Any]) -> list[Any]:
    return [func(job) for job in chunk]
