"""Run ingestion jobs on an existing Dask cluster (the optional ``dask`` extra)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from concord.model.errors import ConcordError

R = TypeVar("R")


def run_on_dask(
    files: Sequence[str],
    address: str,
    task: Callable[[list[str]], list[R]],
    batches: Callable[[Sequence[str], int], list[list[str]]],
) -> Iterator[list[R]]:
    """Run ``task`` over batches of ``files`` on the scheduler at ``address``, in order.

    Tasks carry file names only (the workers read the files: a shared filesystem, as on a
    LocalCluster); a few large batches per worker keep the scheduler's per-task cost small.
    """
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
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        futures = client.map(task, batches(files, n_workers), pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
